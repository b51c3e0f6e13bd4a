// Company templates: a company's own .docx with {{placeholders}}, filled with docx's
// patchDocument. Every placeholder must be known: an unknown one is an error, never left behind.
import { patchDetector, patchDocument, PatchType, type IPatch } from 'docx';
import JSZip from 'jszip';
import { apiError } from '../../shared/api/errors';
import { t, type Locale } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { isOpenIssue } from '../../shared/rules/issues';
import { projectName } from './acceptance';
import { run, table } from './docxKit';
import { formatDate, formatMoney, label } from './format';
import { currentContract, customerPm, vendorPm, type AccountSnapshot } from './snapshot';

export type PlaceholderValue =
  { kind: 'text'; text: string } | { kind: 'table'; headers: string[]; rows: string[][] };

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
  'deliverables_table',
  'issues_table',
  'phases_table',
  'contacts_table',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export function placeholderValues(
  s: AccountSnapshot,
  locale: Locale,
  today: string,
  period = '',
): Record<Placeholder, PlaceholderValue> {
  const text = (value: string): PlaceholderValue => ({ kind: 'text', text: value });
  const tr = (k: Parameters<typeof t>[1]) => t(locale, k);
  const person = personFormatter(s.people, locale);
  const c = currentContract(s);
  const open = s.issues.filter(isOpenIssue);
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
    period: text(period),
    open_issues: text(String(open.length)),
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
  };
}

async function checkDocx(data: Uint8Array): Promise<void> {
  try {
    const zip = await JSZip.loadAsync(data);
    if (!zip.file('word/document.xml')) throw new Error('word/document.xml is missing');
  } catch (error) {
    throw apiError(
      'VALIDATION',
      'deliverables.error.notDocx',
      `template is not a .docx: ${(error as Error).message}`,
      { reason: (error as Error).message },
      ['templateBase64'],
    );
  }
}

/** Any {{name}} still visible in the document's text parts, joined across runs per paragraph. */
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
    }
  }
  return [...found].sort();
}

/** The placeholder names a template uses (without braces), sorted, each once. */
export async function listPlaceholders(template: Uint8Array): Promise<string[]> {
  await checkDocx(template);
  const found = await patchDetector({ data: template });
  return [...new Set(found.map((name) => name.trim()))].sort();
}

export function unknownPlaceholders(names: string[]): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return names.filter((n) => !known.has(n));
}

/** Fills a template; throws VALIDATION naming every unknown placeholder. */
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
      `template has unknown placeholders: ${unknown.join(', ')}`,
      { names: unknown.map((n) => `{{${n}}}`).join(', ') },
      ['templateBase64'],
    );
  }
  const patches: Record<string, IPatch> = {};
  for (const name of names) {
    const value = values[name as Placeholder];
    patches[name] =
      value.kind === 'text'
        ? { type: PatchType.PARAGRAPH, children: [run(value.text)] }
        : { type: PatchType.DOCUMENT, children: [table(value.headers, value.rows)] };
  }
  const out = await patchDocument({
    outputType: 'nodebuffer',
    data: template,
    patches,
    keepOriginalStyles: true,
  });
  const left = await leftoverPlaceholders(new Uint8Array(out));
  if (left.length) {
    // A placeholder the detector missed (e.g. in a text box) must not reach the customer.
    throw apiError(
      'VALIDATION',
      'deliverables.error.unknownPlaceholders',
      `template placeholders left unfilled: ${left.join(', ')}`,
      { names: left.join(', ') },
      ['templateBase64'],
    );
  }
  return Buffer.from(out);
}
