// Full-text search over the requirements alone (title, scenario, workaround, what it blocks), for
// "similar requirements" and the board's words filter. The shared `search` index holds every
// document type, with the type unindexed, so ranking requirement matches there costs a pass over
// every matching issue, visit and touchpoint (over a second at 5,000 accounts); this index holds
// only the requirements and is built once per change (main/requirements/board.ts keeps it with
// the scores). Chinese is indexed by its bigrams (as main/projection/tokenize.ts does), other
// words lower-cased; matches are ranked by the sum of their terms' idf, title terms counting
// three times.
import { queryTerms } from '../projection/tokenize';

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const TITLE_WEIGHT = 3;

/** The index terms of a text: CJK runs by their bigrams, other words of two letters or more. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const term of queryTerms(text)) {
    if (!CJK.test(term)) {
      if (term.length >= 2) out.push(term);
      continue;
    }
    const chars = Array.from(term);
    if (chars.length === 1) out.push(term);
    else for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

export interface IndexedText {
  id: string;
  title: string;
  body: string;
}

export class RequirementTextIndex {
  /** term -> requirement id -> weight (title x3 + body occurrences). */
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly size: number;

  constructor(texts: readonly IndexedText[]) {
    this.size = texts.length;
    for (const t of texts) {
      const add = (term: string, w: number) => {
        let p = this.postings.get(term);
        if (!p) this.postings.set(term, (p = new Map()));
        p.set(t.id, (p.get(t.id) ?? 0) + w);
      };
      for (const term of indexTerms(t.title)) add(term, TITLE_WEIGHT);
      for (const term of indexTerms(t.body)) add(term, 1);
    }
  }

  /**
   * Requirements matching `text`, best first: `any` word (similar requirements) or `all` of them
   * (the board's filter). A word is matched as a prefix when it is not Chinese.
   */
  search(text: string, mode: 'any' | 'all'): { id: string; score: number }[] {
    const terms = [...new Set(indexTerms(text))];
    if (terms.length === 0) return [];
    const scores = new Map<string, number>();
    const hits = new Map<string, number>();
    for (const term of terms) {
      const lists = CJK.test(term)
        ? [this.postings.get(term)].filter((p): p is Map<string, number> => !!p)
        : [...this.postings.entries()].filter(([k]) => k.startsWith(term)).map(([, p]) => p);
      const ids = new Map<string, number>();
      for (const p of lists) for (const [id, w] of p) ids.set(id, (ids.get(id) ?? 0) + w);
      if (ids.size === 0) continue;
      const idf = Math.log(1 + this.size / ids.size);
      for (const [id, w] of ids) {
        scores.set(id, (scores.get(id) ?? 0) + idf * (1 + Math.log(w)));
        hits.set(id, (hits.get(id) ?? 0) + 1);
      }
    }
    const out: { id: string; score: number }[] = [];
    for (const [id, score] of scores) {
      if (mode === 'all' && hits.get(id) !== terms.length) continue;
      out.push({ id, score });
    }
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }
}
