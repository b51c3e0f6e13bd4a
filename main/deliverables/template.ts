// Company templates: a company's own .docx with {{placeholders}}, filled with docx's
// patchDocument. Every placeholder must be known: an unknown one is an error, never left behind.
// The filled file must stay valid OOXML: one w:rPr per run (the template's own formatting, our
// runs carry none), and the text around a table placeholder stays where it was.
import { patchDetector, patchDocument, PatchType, TextRun, type IPatch } from 'docx';
import JSZip from 'jszip';
import { apiError, ApiFailure } from '../../shared/api/errors';
import type { DeliverableKind } from '../../shared/api/deliverables';
import type { EntityDoc } from '../../shared/domain/entities';
import { t, type Locale } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import type { Period } from '../../shared/rules/period';
import { isOpenIssue } from '../../shared/rules/issues';
import { projectName } from './acceptance';
import { table } from './docxKit';
import { formatDate, formatMoney, label } from './format';
import { currentContract, customerPm, vendorPm, type AccountSnapshot } from './snapshot';

export type PlaceholderValue =
  | { kind: 'text'; text: string }
  | { kind: 'table'; headers: string[]; rows: string[][] }
  /** The data the placeholder needs is absent (e.g. a visit placeholder, the account has none). */
  | { kind: 'missing'; needs: 'visit' };

/** Placeholders every template may use, with what fills them (documented in docs/deliverables.md). */
export const PLACEHOLDERS = [
  'account_name',
  'account_name_en',
  'industry',
  'tier',
  'csm',
  'consultant',
  'customer_pm',
  'vendor_pm',
  'project_name',
  'contract_no',
  'contract_start',
  'contract_end',
  'contract_amount',
  'today',
  'period',
  'open_issues',
  'visit_date',
  'visit_place',
  'visit_purpose',
  'visit_attendees',
  'visit_agenda',
  'visit_conclusions',
  'deliverables_table',
  'issues_table',
  'phases_table',
  'contacts_table',
  'action_items_table',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The template field, as users know it: `template` in the API and the app, `--template` in the CLI. */
export const TEMPLATE_FIELD = 'template';

export interface TemplateContext {
  kind: DeliverableKind;
  /** The days the document covers (a review's period, a usage report's months, a week). */
  period?: Pick<Period, 'from' | 'to'> | null;
  /** The visit of minutes (or of any kind whose template uses visit placeholders). */
  visit?: EntityDoc<'visit'>;
}

/** What {{period}} says: the review's period, the visit's day for minutes, else the document's day. */
export function periodText(locale: Locale, today: string, c: TemplateContext): string {
  if (c.period) {
    return t(locale, 'templatesUi.period.range', {
      from: formatDate(locale, c.period.from),
      to: formatDate(locale, c.period.to),
    });
  }
  if (c.kind === 'minutes' && c.visit) return formatDate(locale, c.visit.date);
  return formatDate(locale, today);
}

export function placeholderValues(
  s: AccountSnapshot,
  locale: Locale,
  today: string,
  context: TemplateContext,
): Record<Placeholder, PlaceholderValue> {
  const text = (value: string): PlaceholderValue => ({ kind: 'text', text: value });
  const tr = (k: Parameters<typeof t>[1]) => t(locale, k);
  const person = personFormatter(s.people, locale);
  const c = currentContract(s);
  const open = s.issues.filter(isOpenIssue);
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const v = context.visit;
  const ofVisit = (fill: (visit: EntityDoc<'visit'>) => PlaceholderValue): PlaceholderValue =>
    v ? fill(v) : { kind: 'missing', needs: 'visit' };
  return {
    account_name: text(s.account.name),
    account_name_en: text(s.account.nameEn ?? s.account.name),
    industry: text(s.account.industry ?? ''),
    tier: text(label(locale, 'tier', s.account.tier)),
    csm: text(person(s.account.ownerCsm)),
    consultant: text(person(s.account.consultant)),
    customer_pm: text(customerPm(s)),
    vendor_pm: text(person(vendorPm(s))),
    project_name: text(projectName(s)),
    contract_no: text(c?.contractNo ?? ''),
    contract_start: text(formatDate(locale, c?.startDate)),
    contract_end: text(formatDate(locale, c?.endDate)),
    contract_amount: text(c ? formatMoney(locale, c.amount, c.currency) : ''),
    today: text(formatDate(locale, today)),
    period: text(periodText(locale, today, context)),
    open_issues: text(String(open.length)),
    visit_date: ofVisit((x) => text(`${formatDate(locale, x.date)}${x.time ? ` ${x.time}` : ''}`)),
    visit_place: ofVisit((x) => text(x.place ?? label(locale, 'visitMode', x.mode))),
    visit_purpose: ofVisit((x) => text(x.purpose)),
    visit_attendees: ofVisit((x) =>
      text(
        [...x.attendees.customer.map((a) => a.name), ...x.attendees.vendor.map(person)].join(sep),
      ),
    ),
    visit_agenda: ofVisit((x) => text(x.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n'))),
    visit_conclusions: ofVisit((x) =>
      text([...(x.minutes ? [x.minutes] : []), ...x.commitments].join('\n')),
    ),
    deliverables_table: {
      kind: 'table',
      headers: [
        tr('deliverables.acceptance.annex.deliverable'),
        tr('deliverables.acceptance.annex.criteria'),
        tr('deliverables.acceptance.annex.result'),
      ],
      rows: (s.sow?.deliverables ?? []).map((d) => [
        d.name,
        d.acceptanceCriteria,
        label(locale, 'deliverableStatus', d.status),
      ]),
    },
    issues_table: {
      kind: 'table',
      headers: [
        tr('deliverables.issues.col.title'),
        tr('deliverables.issues.col.raisedOn'),
        tr('deliverables.issues.col.priority'),
        tr('deliverables.issues.col.status'),
      ],
      rows: s.issues.map((i) => [
        i.title,
        formatDate(locale, i.raisedOn),
        label(locale, 'issuePriority', i.priority),
        label(locale, 'issueStatus', i.status),
      ]),
    },
    phases_table: {
      kind: 'table',
      headers: [
        tr('deliverables.acceptance.s1.phaseHeader.phase'),
        tr('deliverables.acceptance.s1.phaseHeader.planned'),
        tr('deliverables.acceptance.s1.phaseHeader.actual'),
      ],
      rows: (s.projectPlan?.phases ?? []).map((p) => [
        p.name ?? label(locale, 'phase', p.phase),
        formatDate(locale, p.plannedEnd),
        formatDate(locale, p.actualEnd),
      ]),
    },
    contacts_table: {
      kind: 'table',
      headers: [
        tr('deliverables.handover.field.name'),
        tr('deliverables.handover.field.position'),
        tr('deliverables.handover.field.role'),
      ],
      rows: s.contacts
        .filter((x) => x.active)
        .map((x) => [
          x.name,
          x.position ?? '',
          x.roles.map((r) => label(locale, 'contactRole', r)).join(', '),
        ]),
    },
    action_items_table: ofVisit((x) => ({
      kind: 'table',
      headers: [
        tr('deliverables.minutes.actionTitle'),
        tr('deliverables.minutes.owner'),
        tr('deliverables.minutes.due'),
        tr('deliverables.minutes.done'),
      ],
      rows: x.actionItems.map((a) => [
        a.title,
        person(a.owner),
        formatDate(locale, a.dueDate),
        tr(a.done ? 'deliverables.common.yes' : 'deliverables.common.no'),
      ]),
    })),
  };
}

function damaged(reason: string): ApiFailure {
  return apiError(
    'VALIDATION',
    'templatesUi.error.damaged',
    `the template is damaged: ${reason}`,
    { reason },
    [TEMPLATE_FIELD],
  );
}

/**
 * The first well-formedness fault of an XML part (unbalanced or truncated markup), else null.
 * Enough to tell a damaged file from a good one before the docx library reads it: that library
 * does not report broken XML, it fails later with an unrelated error.
 */
export function xmlFault(xml: string): string | null {
  const open: string[] = [];
  const tags =
    /<(\/?)([A-Za-z_][\w.:-]*)((?:"[^"]*"|'[^']*'|[^'">])*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;
  let last = 0;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (xml.slice(last, m.index).includes('<')) return `broken markup at character ${last}`;
    last = m.index + m[0].length;
    if (!m[2]) continue;
    if (m[1]) {
      const expected = open.pop();
      if (expected !== m[2]) return `</${m[2]}> closes <${expected ?? 'nothing'}>`;
    } else if (!m[4]) open.push(m[2]);
  }
  if (xml.slice(last).includes('<')) return `broken markup at character ${last}`;
  if (open.length) return `<${open[open.length - 1]}> is never closed (the file is cut short)`;
  if (!/<[A-Za-z_]/.test(xml)) return 'no XML content';
  return null;
}

async function checkDocx(data: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (error) {
    throw apiError(
      'VALIDATION',
      'deliverables.error.notDocx',
      `the template is not a .docx: ${(error as Error).message}`,
      { reason: (error as Error).message },
      [TEMPLATE_FIELD],
    );
  }
  if (!zip.file('word/document.xml')) {
    throw apiError(
      'VALIDATION',
      'deliverables.error.notDocx',
      'the template is not a .docx: word/document.xml is missing',
      { reason: 'word/document.xml is missing' },
      [TEMPLATE_FIELD],
    );
  }
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    let xml: string;
    try {
      xml = await zip.file(name)!.async('string');
    } catch (error) {
      throw damaged(`${name}: ${(error as Error).message}`);
    }
    const fault = xmlFault(xml);
    if (fault) throw damaged(`${name}: ${fault}`);
  }
}

/** Any {{name}} (or table marker) still visible in the text parts, joined across runs per paragraph. */
async function leftoverPlaceholders(docx: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const found = new Set<string>();
  for (const name of Object.keys(zip.files).filter((n) => /^word\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    for (const paragraph of xml.split('</w:p>')) {
      const text = [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .join('');
      for (const m of text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) found.add(`{{${m[1]}}}`);
      for (const m of text.matchAll(MARKER_RE)) found.add(`{{${m[1]}}}`);
    }
  }
  return [...found].sort();
}

/** The placeholder names a template uses (without braces), sorted, each once. */
export async function listPlaceholders(template: Uint8Array): Promise<string[]> {
  await checkDocx(template);
  try {
    const found = await patchDetector({ data: template });
    return [...new Set(found.map((name) => name.trim()))].sort();
  } catch (error) {
    throw damaged((error as Error).message.split('\n')[0]);
  }
}

export function unknownPlaceholders(names: string[]): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return names.filter((n) => !known.has(n));
}

// A table placeholder is first replaced by a marker run (in its own run, so a placeholder Word
// split across runs is whole again), then its paragraph is split at the marker: the text before
// and after stays in paragraphs of their own, with the same paragraph properties, and the marker
// alone in the middle paragraph is what the table replaces.
const marker = (name: string) => `\u27e6${name}\u27e7`;
const MARKER_RE = /\u27e6([\w.]+)\u27e7/g;

/** Lines as runs with line breaks between them; no run properties: the template's own apply. */
function textRuns(text: string): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun(i === 0 ? line : { text: line, break: 1 }));
}

const HAS_CONTENT =
  /<w:t(?:\s[^>]*)?>[^<]+<\/w:t>|<w:(?:drawing|pict|object|tab|br|sym|fldChar|instrText)\b/;

/** Where the element that contains `at` starts and ends (tag `w:p`), nesting respected. */
function enclosing(xml: string, at: number, tag: string): { start: number; end: number } | null {
  const re = new RegExp(`<${tag}(?=[\\s>/])[^>]*?(/?)>|</${tag}>`, 'g');
  const marks: { index: number; close: boolean; self: boolean; length: number }[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    marks.push({
      index: m.index,
      close: m[0].startsWith('</'),
      self: m[1] === '/',
      length: m[0].length,
    });
  }
  let depth = 0;
  let start = -1;
  for (let i = marks.length - 1; i >= 0; i--) {
    const mk = marks[i];
    if (mk.index >= at || mk.self) continue;
    if (mk.close) depth++;
    else if (depth === 0) {
      start = mk.index;
      break;
    } else depth--;
  }
  if (start < 0) return null;
  depth = 0;
  for (const mk of marks) {
    if (mk.index <= at || mk.self) continue;
    if (!mk.close) depth++;
    else if (depth === 0) return { start, end: mk.index + mk.length };
    else depth--;
  }
  return null;
}

/** Splits every paragraph holding a table marker into before / marker alone / after. */
export function isolateTableMarkers(xml: string): string {
  for (;;) {
    MARKER_RE.lastIndex = 0;
    const found = [...xml.matchAll(MARKER_RE)].find((m) => {
      const p = enclosing(xml, m.index, 'w:p');
      return p && !/^<w:p>\s*<w:r>\s*<w:t>/.test(xml.slice(p.start, p.end));
    });
    if (!found) return xml.replace(MARKER_RE, (_, name: string) => `{{${name}}}`);
    const p = enclosing(xml, found.index, 'w:p')!;
    const r = enclosing(xml, found.index, 'w:r');
    const paragraph = xml.slice(p.start, p.end);
    const openTag = /^<w:p(?=[\s>])[^>]*>/.exec(paragraph)![0];
    const pPr =
      /^<w:pPr>[\s\S]*?<\/w:pPr>|^<w:pPr\/>/.exec(paragraph.slice(openTag.length))?.[0] ?? '';
    const bodyStart = p.start + openTag.length + pPr.length;
    const runStart = r && r.start > p.start ? r.start : found.index;
    const runEnd = r && r.end < p.end ? r.end : found.index + found[0].length;
    const before = xml.slice(bodyStart, runStart);
    const after = xml.slice(runEnd, p.end - '</w:p>'.length);
    // A paragraph id must stay unique, and only the last part may end the section.
    const plainOpen = openTag.replace(/\s+w14:(?:paraId|textId)="[^"]*"/g, '');
    const pPrNoSection = pPr.replace(/<w:sectPr[\s\S]*?<\/w:sectPr>|<w:sectPr\/>/, '');
    const closesCell = /^\s*<\/w:tc>/.test(xml.slice(p.end));
    const parts: string[] = [];
    if (HAS_CONTENT.test(before)) parts.push(`${openTag}${pPrNoSection}${before}</w:p>`);
    parts.push(`<w:p><w:r><w:t>${found[0]}</w:t></w:r></w:p>`);
    if (HAS_CONTENT.test(after) || pPr !== pPrNoSection || closesCell) {
      parts.push(`${plainOpen}${pPr}${after}</w:p>`);
    }
    xml = xml.slice(0, p.start) + parts.join('') + xml.slice(p.end);
  }
}

/** Fills a template; throws VALIDATION naming every unknown placeholder or a damaged file. */
export async function fillTemplate(
  template: Uint8Array,
  values: Record<Placeholder, PlaceholderValue>,
): Promise<Buffer> {
  const names = await listPlaceholders(template);
  const unknown = unknownPlaceholders(names);
  if (unknown.length) {
    throw apiError(
      'VALIDATION',
      'deliverables.error.unknownPlaceholders',
      `the template has unknown placeholders: ${unknown.join(', ')}`,
      { names: unknown.map((n) => `{{${n}}}`).join(', ') },
      [TEMPLATE_FIELD],
    );
  }
  const missing = names.filter((n) => values[n as Placeholder].kind === 'missing');
  if (missing.length) {
    const list = missing.map((n) => `{{${n}}}`).join(', ');
    throw apiError(
      'NOT_FOUND',
      'templatesUi.error.placeholderNeedsVisit',
      `the template uses ${list}, but the account has no visit`,
      { names: list },
      ['visitId'],
    );
  }
  try {
    const textPatches: Record<string, IPatch> = {};
    const tablePatches: Record<string, IPatch> = {};
    for (const name of names) {
      const value = values[name as Placeholder];
      if (value.kind === 'text') {
        textPatches[name] = { type: PatchType.PARAGRAPH, children: textRuns(value.text) };
      } else if (value.kind === 'table') {
        textPatches[name] = { type: PatchType.PARAGRAPH, children: textRuns(marker(name)) };
        tablePatches[name] = {
          type: PatchType.DOCUMENT,
          children: [table(value.headers, value.rows)],
        };
      }
    }
    let out: Uint8Array = await patchDocument({
      outputType: 'uint8array',
      data: template,
      patches: textPatches,
      keepOriginalStyles: true,
    });
    if (Object.keys(tablePatches).length) {
      const zip = await JSZip.loadAsync(out);
      for (const part of Object.keys(zip.files).filter((n) => /^word\/[^/]+\.xml$/.test(n))) {
        const xml = await zip.file(part)!.async('string');
        if (xml.includes('\u27e6')) zip.file(part, isolateTableMarkers(xml));
      }
      out = await patchDocument({
        outputType: 'uint8array',
        data: await zip.generateAsync({ type: 'uint8array' }),
        patches: tablePatches,
        keepOriginalStyles: true,
      });
    }
    const left = await leftoverPlaceholders(out);
    if (left.length) {
      // A placeholder the detector missed (e.g. in a text box) must not reach the customer.
      throw apiError(
        'VALIDATION',
        'deliverables.error.unknownPlaceholders',
        `template placeholders left unfilled: ${left.join(', ')}`,
        { names: left.join(', ') },
        [TEMPLATE_FIELD],
      );
    }
    return Buffer.from(out);
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    throw damaged((error as Error).message.split('\n')[0]);
  }
}
