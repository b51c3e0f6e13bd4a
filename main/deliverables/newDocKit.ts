// Small helpers the usage report, SOW, weekly report, success case and pre-visit brief share.
import type { FileChild } from 'docx';
import type { EntityDoc } from '../../shared/domain/entities';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { t, type Locale } from '../../shared/i18n';
import { bullet, table } from './docxKit';
import { formatDate, formatNumber, label } from './format';
import type { AccountSnapshot } from './snapshot';

/** The account's name for the reader: the stored English name in an English document. */
export function accountName(s: AccountSnapshot, locale: Locale): string {
  return locale === 'en-US' ? (s.account.nameEn ?? s.account.name) : s.account.name;
}

/** The first `max` items and, when some are left off, how many (so a list never ends silently). */
export function cut<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** "and N more" / "另有 N 项未列出". */
export function moreText(locale: Locale, more: number): string {
  return t(locale, 'deliverables.new.more', { count: formatNumber(locale, more) });
}

/** A signed difference: "+12", "−3", "0" (with `digits` decimals). */
export function signed(locale: Locale, delta: number, digits = 0): string {
  const rounded = Number(delta.toFixed(digits));
  if (rounded === 0) return formatNumber(locale, 0);
  return `${rounded > 0 ? '+' : '−'}${formatNumber(locale, Math.abs(rounded), digits)}`;
}

/** A text cut to `max` characters, marked with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * Printed width in half-em units: a CJK or full-width character counts 2, any other 1.2 (Latin
 * letters of the fonts LibreOffice and Word use average a little over half an em).
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

const charWidth = (ch: string) => (WIDE.test(ch) ? 2 : 1.2);

/** The text cut to `units` of printed width (see textWidth), marked with an ellipsis when cut. */
export function fit(text: string, units: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (textWidth(one) <= units) return one;
  let w = 0;
  let out = '';
  for (const ch of one) {
    const cw = charWidth(ch);
    if (w + cw > units - 1) break;
    out += ch;
    w += cw;
  }
  return `${out.trimEnd()}…`;
}

/** The open issues, most urgent then oldest first, as a table of at most `max` rows and "N more". */
export function openIssuesTable(
  L: Locale,
  person: (login: string | undefined | null) => string,
  open: readonly EntityDoc<'issue'>[],
  max: number,
): FileChild[] {
  const sorted = [...open].sort(
    (a, b) =>
      issuePriorities.indexOf(a.priority) - issuePriorities.indexOf(b.priority) ||
      a.raisedOn.localeCompare(b.raisedOn),
  );
  const { shown, more } = cut(sorted, max);
  const out: FileChild[] = [
    table(
      [
        t(L, 'deliverables.usage.issue'),
        t(L, 'deliverables.usage.priority'),
        t(L, 'deliverables.usage.status'),
        t(L, 'deliverables.usage.owner'),
        t(L, 'deliverables.usage.due'),
      ],
      shown.map((i) => [
        i.title,
        label(L, 'issuePriority', i.priority),
        label(L, 'issueStatus', i.status),
        person(i.owner),
        formatDate(L, i.dueDate),
      ]),
      [34, 14, 12, 14, 26],
    ),
  ];
  if (more) out.push(bullet(moreText(L, more)));
  return out;
}
