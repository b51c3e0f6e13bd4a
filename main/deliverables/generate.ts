// One entry for every deliverable: load the account, build the file(s), name them.
import { apiError } from '../../shared/api/errors';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import type { HealthReader } from '../health/documentHealth';
import type { Queries } from '../projection/queries';
import { buildAcceptanceReport } from './acceptance';
import { buildHandoverSheet } from './handover';
import { buildIssueList } from './issueList';
import { buildVisitMinutes, pickVisit } from './minutes';
import { parsePeriod, previousQuarter, type Period } from '../../shared/rules/period';
import { buildReviewDocx, buildReviewXlsx } from './review';
import { accountName, loadSnapshot, type AccountSnapshot } from './snapshot';
import { readinessOf } from './kinds';
import { notReadyError, type MissingInput } from './readiness';
import { fillTemplate, placeholderValues, TEMPLATE_FIELD } from './template';
import type { Clock } from '../../shared/time/clock';
import { DOCX_MIME, XLSX_MIME, type BuildOptions } from './types';
import { buildUsageReport } from './usageReport';
import { buildSowDocument } from './sowDocument';
import { buildWeeklyReport } from './weeklyReport';
import { buildSuccessCase } from './successCase';
import { buildVisitBrief } from './visitBrief';
import { usageReportPeriod } from '../../shared/rules/period';
import { weekOf } from '../../shared/time/days';

// The kinds' one home is the API contract.
export { DELIVERABLE_KINDS, type DeliverableKind } from '../../shared/api/deliverables';
import type { DeliverableKind } from '../../shared/api/deliverables';

export interface GenerateRequest {
  kind: DeliverableKind;
  accountId: string;
  lang: Locale;
  period?: string;
  visitId?: string;
  /** Weekly project report: any day of the week; default today's week. */
  week?: string;
  /** A company .docx with {{placeholders}}; replaces the built-in layout. */
  template?: Uint8Array;
  vendorName?: string;
  hotline?: string;
  /** Write it even when the data is not ready: every page is marked 草稿 / DRAFT. */
  draft?: boolean;
}

export interface GeneratedFile {
  fileName: string;
  mimeType: string;
  buffer: Buffer;
}

export interface Generated extends GeneratedFile {
  warnings: string[];
  /** Written as a draft (asked for, and the data not ready): every page carries the mark. */
  draft?: boolean;
  /** Companion files: the business review's Excel appendix. */
  attachments: GeneratedFile[];
}

/** A file name safe on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  return name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
}

/** The documents that state the account's health (as of their day). */
const SHOWS_HEALTH: ReadonlySet<DeliverableKind> = new Set(['acceptance', 'review', 'brief']);

/** What a request would be built from: the account, its period, and what it still lacks. */
export interface Prepared {
  snapshot: AccountSnapshot;
  period: Period | null;
  missing: MissingInput[];
}

/**
 * Loads the account, checks the request (the period lies in the account's contract history and
 * not in the future, the visit is the account's) and what the kind needs. `health` reads the
 * team health model's score for the document's day (null: do not read it, e.g. readiness only).
 */
export function prepare(
  queries: Queries,
  req: Pick<GenerateRequest, 'kind' | 'accountId' | 'period' | 'visitId'>,
  clock: Clock,
  health: HealthReader | null,
): Prepared {
  const today = clock.today();
  const period = req.kind === 'review' ? reviewPeriod(req.period, today) : null;
  const asOf = period && period.to < today ? period.to : today;
  const snapshot = loadSnapshot(queries, req.accountId, (id) =>
    health && SHOWS_HEALTH.has(req.kind) ? health(id, asOf) : null,
  );
  if (period) checkPeriodInHistory(period, snapshot, today);
  if (req.kind === 'minutes' && req.visitId && !pickVisit(snapshot, req.visitId))
    throw apiError(
      'NOT_FOUND',
      'deliverables.error.visitNotOfAccount',
      `visit ${req.visitId} is not of this account`,
      { id: req.visitId },
      ['visitId'],
    );
  const missing = readinessOf(req.kind, snapshot, {
    today,
    period: readinessPeriod(req, period),
    visitId: req.visitId,
  });
  return { snapshot, period, missing };
}

/** Loads the account and builds its document; refuses one that is not ready unless a draft. */
export async function generate(
  queries: Queries,
  req: GenerateRequest,
  clock: Clock,
  health: HealthReader,
): Promise<Generated> {
  const { snapshot } = prepare(queries, req, clock, health);
  return generateFrom(snapshot, req, clock);
}

/**
 * A review covers a stretch of the account's life: not a period still to come, nor one before
 * its first contract began or after its last contract ended.
 */
export function checkPeriodInHistory(period: Period, s: AccountSnapshot, today: string): void {
  if (period.from > today)
    throw apiError(
      'VALIDATION',
      'readiness.error.periodFuture',
      `period ${period.label} has not begun (today is ${today})`,
      { period: period.label, today },
      ['period'],
    );
  if (!s.contracts.length) return; // the review's readiness asks for a contract
  const first = s.contracts.map((c) => c.startDate).sort()[0];
  const last = s.contracts
    .map((c) => c.endDate)
    .sort()
    .at(-1)!;
  if (period.to < first)
    throw apiError(
      'VALIDATION',
      'readiness.error.periodBeforeContracts',
      `period ${period.label} ends before the account's first contract began (${first})`,
      { period: period.label, start: first },
      ['period'],
    );
  if (period.from > last)
    throw apiError(
      'VALIDATION',
      'readiness.error.periodAfterContracts',
      `period ${period.label} begins after the account's last contract ended (${last})`,
      { period: period.label, end: last },
      ['period'],
    );
}

/** A result that is a single file (everything but the review, which adds its workbook). */
function oneFile(
  fileName: string,
  mimeType: string,
  built: Pick<Generated, 'buffer' | 'warnings'>,
): Generated {
  return { fileName, mimeType, buffer: built.buffer, warnings: built.warnings, attachments: [] };
}

/** A review covers a year or a quarter; without one, the last full quarter. */
function reviewPeriod(text: string | undefined, today: string): Period {
  if (text === undefined) return previousQuarter(today);
  const period = parsePeriod(text, 'period');
  if (period.kind === 'month')
    throw apiError(
      'VALIDATION',
      'deliverables.error.badPeriod',
      `a review covers a year or a quarter, got ${text}`,
      { period: text },
      ['period'],
    );
  return period;
}

/** The period a kind's readiness looks at: a review's, or the month a usage report ends with. */
function readinessPeriod(
  req: Pick<GenerateRequest, 'kind' | 'period'>,
  review: Period | null,
): Period | undefined {
  if (review) return review;
  return req.kind === 'usage' && req.period ? parsePeriod(req.period, 'period') : undefined;
}

/** The days a templated usage report (its two months) or weekly report (its week) covers. */
function templatePeriod(req: GenerateRequest, today: string): { from: string; to: string } | null {
  if (req.kind === 'usage') return usageReportPeriod(req.period, today);
  if (req.kind === 'weekly') {
    const week = weekOf(req.week ?? today);
    return { from: week.weekStart, to: week.weekEnd };
  }
  return null;
}

/** `<account>-<kind>-<when>`, for kinds whose period is not a review's. */
function named(s: AccountSnapshot, req: GenerateRequest, when: string): string {
  return safeFileName(
    `${accountName(s, req.lang)}-${t(req.lang, `deliverables.file.${req.kind}` as MessageKey)}-${when}`,
  );
}

export async function generateFrom(
  s: AccountSnapshot,
  req: GenerateRequest,
  clock: Clock,
): Promise<Generated> {
  const built = await buildFrom(s, req, clock);
  if (!built.draft) return built;
  const L = req.lang;
  return {
    ...built,
    warnings: [
      t(L, 'readiness.warning.draft', {
        missing: built.missing.map((m) => t(L, m.need, m.params)).join(L === 'zh-CN' ? '；' : '; '),
      }),
      ...built.warnings,
    ],
  };
}

/** Builds the file(s); a request that is not ready is refused unless it asks for a draft. */
async function buildFrom(
  s: AccountSnapshot,
  req: GenerateRequest,
  clock: Clock,
): Promise<Generated & { missing: MissingInput[] }> {
  const L = req.lang;
  const today = clock.today();
  const period = req.kind === 'review' ? reviewPeriod(req.period, today) : null;
  if (period) checkPeriodInHistory(period, s, today);
  const missing = readinessOf(req.kind, s, {
    today,
    period: readinessPeriod(req, period),
    visitId: req.visitId,
  });
  if (missing.length && req.draft !== true) throw notReadyError(req.kind, missing);
  // A company template's pages are its own: the draft mark cannot be put on every one of them,
  // so a draft is written in the built-in layout only, never as an unmarked "final" template.
  if (missing.length && req.template)
    throw apiError(
      'VALIDATION',
      'readiness.error.templateDraft',
      'a draft is written in the built-in layout, not from a company template',
      {},
      [TEMPLATE_FIELD],
    );
  // A draft is marked only when it is one: a ready document asked for as a draft is final.
  const draft = missing.length > 0;
  const o: BuildOptions = {
    locale: L,
    today,
    now: clock.now(),
    vendorName: req.vendorName,
    hotline: req.hotline,
    draft,
  };
  const done = (g: Generated) => ({ ...g, draft, missing });
  const base = safeFileName(
    `${accountName(s, L)}-${t(L, `deliverables.file.${req.kind}` as MessageKey)}-${period?.label ?? today}`,
  );
  if (req.template)
    return done(
      await generateFromTemplate(s, req, req.template, o, base, period, templatePeriod(req, today)),
    );
  switch (req.kind) {
    case 'acceptance': {
      const r = await buildAcceptanceReport(s, o);
      return done(oneFile(`${base}.docx`, DOCX_MIME, r));
    }
    case 'review': {
      const docx = await buildReviewDocx(s, period!, o);
      const xlsx = await buildReviewXlsx(s, period!, o);
      return done({
        fileName: `${base}.docx`,
        mimeType: DOCX_MIME,
        buffer: docx.buffer,
        warnings: [...docx.warnings, ...xlsx.warnings],
        attachments: [{ fileName: `${base}.xlsx`, mimeType: XLSX_MIME, buffer: xlsx.buffer }],
      });
    }
    case 'minutes': {
      const visit = pickVisit(s, req.visitId);
      if (!visit) {
        throw req.visitId
          ? apiError(
              'NOT_FOUND',
              'deliverables.error.visitNotOfAccount',
              `visit ${req.visitId} is not of this account`,
              { id: req.visitId },
              ['visitId'],
            )
          : apiError('NOT_FOUND', 'deliverables.error.noVisit', 'the account has no visit', {}, [
              'accountId',
            ]);
      }
      const r = await buildVisitMinutes(s, visit, o);
      const name = safeFileName(
        `${accountName(s, L)}-${t(L, 'deliverables.file.minutes')}-${visit.date}`,
      );
      return done(oneFile(`${name}.docx`, DOCX_MIME, r));
    }
    case 'handover': {
      const r = await buildHandoverSheet(s, o);
      return done(oneFile(`${base}.docx`, DOCX_MIME, r));
    }
    case 'issues': {
      const r = await buildIssueList(s, o);
      return done(oneFile(`${base}.xlsx`, XLSX_MIME, r));
    }
    case 'usage': {
      const p = usageReportPeriod(req.period, today);
      const r = await buildUsageReport(s, o, p);
      return done(oneFile(`${named(s, req, p.label)}.docx`, DOCX_MIME, r));
    }
    case 'sow':
      return done(oneFile(`${base}.docx`, DOCX_MIME, await buildSowDocument(s, o)));
    case 'weekly': {
      const week = weekOf(req.week ?? today);
      const r = await buildWeeklyReport(s, o, week);
      return done(oneFile(`${named(s, req, week.weekStart)}.docx`, DOCX_MIME, r));
    }
    case 'case':
      return done(oneFile(`${base}.docx`, DOCX_MIME, await buildSuccessCase(s, o)));
    case 'brief':
      return done(oneFile(`${base}.docx`, DOCX_MIME, await buildVisitBrief(s, o)));
  }
}

/**
 * A company template instead of the built-in layout, for every Word kind. Minutes (and any
 * template using visit placeholders) take the visit the request names, else the latest done one;
 * a templated review still comes with its Excel appendix.
 */
async function generateFromTemplate(
  s: AccountSnapshot,
  req: GenerateRequest,
  template: Uint8Array,
  o: BuildOptions,
  base: string,
  period: Period | null,
  covered: { from: string; to: string } | null,
): Promise<Generated> {
  if (req.kind === 'issues') {
    throw apiError(
      'VALIDATION',
      'deliverables.error.templateKind',
      'company templates apply to Word documents only',
      { kind: req.kind },
      [TEMPLATE_FIELD],
    );
  }
  const visit = pickVisit(s, req.visitId);
  if (req.visitId && !visit) {
    throw apiError(
      'NOT_FOUND',
      'deliverables.error.visitNotOfAccount',
      `visit ${req.visitId} is not of this account`,
      { id: req.visitId },
      ['visitId'],
    );
  }
  if (req.kind === 'minutes' && !visit) {
    throw apiError('NOT_FOUND', 'deliverables.error.noVisit', 'the account has no visit', {}, [
      'accountId',
    ]);
  }
  const buffer = await fillTemplate(
    template,
    placeholderValues(s, o.locale, o.today, { kind: req.kind, period: period ?? covered, visit }),
  );
  const fileName =
    req.kind === 'minutes' && visit
      ? `${safeFileName(`${accountName(s, o.locale)}-${t(o.locale, 'deliverables.file.minutes')}-${visit.date}`)}.docx`
      : `${base}.docx`;
  if (req.kind !== 'review') return oneFile(fileName, DOCX_MIME, { buffer, warnings: [] });
  const xlsx = await buildReviewXlsx(s, period!, o);
  return {
    fileName,
    mimeType: DOCX_MIME,
    buffer,
    warnings: xlsx.warnings,
    attachments: [{ fileName: `${base}.xlsx`, mimeType: XLSX_MIME, buffer: xlsx.buffer }],
  };
}
