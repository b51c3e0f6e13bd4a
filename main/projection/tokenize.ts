// CJK-aware text for FTS5. unicode61 would keep a run of Chinese characters as one token, so
// "客户续约沟通" could never match "续约". We index overlapping bigrams of every CJK run (plus its
// last character alone) and query a CJK word as a phrase of its bigrams.
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const CJK_RUNS = /([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+)/;

function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i] + chars[i + 1]);
  grams.push(chars[chars.length - 1]);
  return grams;
}

/** Text as stored in the FTS index. */
export function toIndexText(text: string): string {
  if (!CJK.test(text)) return text;
  return text
    .split(CJK_RUNS)
    .map((part, i) => (i % 2 === 1 ? ` ${bigrams(part).join(' ')} ` : part))
    .join('');
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** Words of a user's query: CJK runs and other words, lower-cased, punctuation dropped. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of query.split(CJK_RUNS)) {
    if (CJK.test(part)) terms.push(part);
    else
      terms.push(
        ...part
          .toLowerCase()
          .split(/[^\p{L}\p{N}_]+/u)
          .filter(Boolean),
      );
  }
  return terms;
}

/** An FTS5 MATCH expression requiring every term; null when the query has no words. */
export function toMatchQuery(query: string): string | null {
  const parts = queryTerms(query).map((term) => {
    if (!CJK.test(term)) return `${quote(term)}*`;
    const chars = Array.from(term);
    if (chars.length === 1) return `${quote(term)}*`;
    const grams: string[] = [];
    for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i] + chars[i + 1]);
    return quote(grams.join(' '));
  });
  return parts.length ? parts.join(' AND ') : null;
}

/** A window of the text around the first match, with every match wrapped in [[ ]]. */
export function snippet(text: string, terms: string[], width = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean);
  let first = -1;
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = Math.max(0, first < 0 ? 0 : first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  let windowText = flat.slice(start, end);
  if (needles.length) {
    const pattern = new RegExp(
      needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      'gi',
    );
    windowText = windowText.replace(pattern, (m) => `[[${m}]]`);
  }
  return `${start > 0 ? '…' : ''}${windowText}${end < flat.length ? '…' : ''}`;
}
