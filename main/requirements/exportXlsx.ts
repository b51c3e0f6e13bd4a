// The requirements library as an Excel workbook for the product team: every requirement passing
// the board's filters, ranked by the priority model (with the reasons in words), its scenario,
// the accounts asking, the ARR at stake and the customers' confirmations of the solution; and a
// second sheet with one row per asking account. Nothing is cut: the title says how many there are.
// Text goes in as string cells only, dates as date cells, money with its unit in the number
// format; every sheet prints on A4 landscape, one page wide, its header row on every page.
import ExcelJS from 'exceljs';
import type { RequirementStatus } from '../../shared/domain/entities/requirement';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';
import { explainPriority } from '../../shared/rules/requirementPriority';
import type { BackendContext } from '../api/context';
import {
  DATE_FORMAT,
  excelDay,
  fitTitleRows,
  headerRow,
  INTEGER_FORMAT,
  moneyFormat,
  printSetup,
  sheetName,
  textWidth,
  titleRows,
  wrapColumns,
} from '../deliverables/xlsxKit';
import { workbookBuffer } from '../deliverables/xlsxKit';
import { formatDate } from '../deliverables/format';
import { personFormatter } from '../../shared/people/displayName';
import { loadDirectory } from '../people/directory';
import { askViews, filteredScored, type ListInput } from './board';

type Cell = string | number | Date | null;
interface Column<R> {
  header: MessageKey;
  value: (row: R) => Cell;
  width: number;
  format?: string;
  wrap?: boolean;
}

export type ExportInput = Omit<ListInput, 'offset' | 'limit'>;

/** The filters in words, for the title: "Status: Planned, In development · Tier: Strategic". */
export function filterText(
  input: ExportInput,
  locale: Locale,
  person: (login: string) => string = (login) => login,
  accountName: (id: string) => string = (id) => id,
): string {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const list = <T>(v: T | T[] | undefined): T[] =>
    v === undefined ? [] : Array.isArray(v) ? v : [v];
  const parts: string[] = [];
  const status = list(input.status);
  if (status.length)
    parts.push(
      tr('requirementsOps.filter.status', {
        values: status.map((s) => enumLabel((k) => tr(k), 'requirementStatus', s)).join(sep),
      }),
    );
  const areas = list(input.productArea);
  if (areas.length)
    parts.push(
      tr('requirementsOps.filter.productArea', {
        values: areas.map((s) => enumLabel((k) => tr(k), 'productArea', s)).join(sep),
      }),
    );
  const tiers = list(input.tier);
  if (tiers.length)
    parts.push(
      tr('requirementsOps.filter.tier', {
        values: tiers.map((s) => enumLabel((k) => tr(k), 'tier', s)).join(sep),
      }),
    );
  const csm = list(input.csm);
  if (csm.length)
    parts.push(tr('requirementsOps.filter.csm', { values: csm.map(person).join(sep) }));
  if (input.accountId)
    parts.push(tr('requirementsOps.filter.account', { value: accountName(input.accountId) }));
  if (input.q) parts.push(tr('requirementsOps.filter.q', { value: input.q }));
  if (input.renewingSoon) parts.push(tr('requirementsFix.filter.renewingSoon'));
  if (!parts.length) parts.push(tr('requirementsOps.filter.none'));
  if (input.includeMerged) parts.push(tr('requirementsOps.filter.withMerged'));
  return parts.join(' · ');
}

function addSheet<R>(
  book: ExcelJS.Workbook,
  locale: Locale,
  name: string,
  title: string,
  subtitle: string,
  columns: Column<R>[],
  rows: R[],
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(sheetName(book, name));
  const titled = titleRows(sheet, title, columns.length, subtitle);
  headerRow(
    sheet,
    columns.map((c) => t(locale, c.header)),
  );
  sheet.views = [{ state: 'frozen', ySplit: titled + 1, xSplit: 2 }];
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  for (const row of rows) {
    // Strings become shared-string cells: stored as text, never read as a formula.
    const added = sheet.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => {
      if (c.format) added.getCell(i + 1).numFmt = c.format;
    });
  }
  const header = titled + 1;
  if (rows.length)
    sheet.autoFilter = {
      from: { row: header, column: 1 },
      to: { row: header, column: columns.length },
    };
  for (let r = header + 1; r <= sheet.rowCount; r++)
    columns.forEach((c, i) => {
      if (!c.wrap) sheet.getRow(r).getCell(i + 1).alignment = { vertical: 'top' };
    });
  wrapColumns(
    sheet,
    columns.flatMap((c, i) => (c.wrap ? [i + 1] : [])),
    header + 1,
  );
  fitRowHeights(sheet, columns, header);
  fitTitleRows(sheet, titled, columns.length);
  printSetup(sheet, {
    locale,
    title: `${title} · ${subtitle}`,
    landscape: true,
    headerRow: header,
    // The id columns at the right stay off the printed page.
    columns: [1, columns.length - 1],
  });
  // A wide ranked table: A3 landscape keeps it readable one page wide (A4 would shrink it to 40 %).
  (sheet.pageSetup as { paperSize?: number }).paperSize = 8; // A3 (exceljs's enum lists no A3)
  return sheet;
}

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;
/** Excel's tallest row is 409 points; a longer text scrolls inside its cell. */
const MAX_ROW_HEIGHT = 405;

/**
 * Each row tall enough for its wrapped texts (Excel and LibreOffice do not grow a row that
 * exceljs wrote), the header row too: lines per cell from the text's width over the column's.
 */
function fitRowHeights<R>(sheet: ExcelJS.Worksheet, columns: Column<R>[], header: number): void {
  for (let r = header; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    let lines = 1;
    columns.forEach((c, i) => {
      if (!c.wrap && r !== header) return;
      const value = row.getCell(i + 1).value;
      if (typeof value !== 'string') return;
      const span = Math.max(1, c.width - 1);
      const cell = value
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / span)), 0);
      lines = Math.max(lines, cell);
    });
    if (r === header)
      row.eachCell((cell) => {
        cell.alignment = { wrapText: true, vertical: 'middle' };
      });
    row.height = Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3);
  }
}

/** The workbook, and how many requirements and asks it holds. */
export async function requirementsWorkbook(
  ctx: BackendContext,
  input: ExportInput,
  locale: Locale,
): Promise<{ buffer: Buffer; requirements: number; asks: number }> {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const label = (name: Parameters<typeof enumLabel>[1], value: string | null | undefined) =>
    enumLabel((k) => tr(k), name, value);
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const scored = filteredScored(ctx, input);
  const today = ctx.clock.today();
  const MONEY = moneyFormat(locale);

  // Every ask's view in one call (it reads the team directory once), then cut per requirement.
  const views = askViews(
    ctx,
    scored.flatMap((s) => s.asks),
    locale,
  );
  let at = 0;
  const requirements = scored.map((s, i) => {
    const doc = (ctx.queries.getDoc(s.row.id) ?? {}) as Record<string, unknown>;
    const asks = views.slice(at, (at += s.asks.length));
    const count = (status: string) =>
      asks.filter((a) => (a.confirmation?.status ?? 'pending') === status).length;
    return { s, i, doc, asks, count };
  });
  type R = (typeof requirements)[number];
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

  const person = personFormatter(loadDirectory(ctx.queries), locale);
  const accountName = (id: string) => {
    const account = ctx.queries.getDoc(id);
    const name = locale === 'en-US' ? (account?.nameEn ?? account?.name) : account?.name;
    return typeof name === 'string' ? name : id;
  };
  const filters = filterText(input, locale, person, accountName);
  const subtitle = tr('requirementsOps.xlsx.subtitle', {
    filters,
    total: requirements.length,
    date: formatDate(locale, today),
  });
  const book = new ExcelJS.Workbook();
  book.creator = 'CSM Workbench';
  book.created = ctx.now();

  const reqColumns: Column<R>[] = [
    { header: 'requirementsOps.col.rank', value: (r) => r.i + 1, width: 6 },
    { header: 'requirementsOps.col.title', value: (r) => r.s.row.title, width: 30, wrap: true },
    {
      header: 'requirementsOps.col.productArea',
      value: (r) => label('productArea', r.s.row.product_area),
      width: 11,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.status',
      value: (r) => label('requirementStatus', r.s.row.status as RequirementStatus),
      width: 11,
      wrap: true,
    },
    { header: 'requirementsOps.col.release', value: (r) => r.s.row.release, width: 10 },
    { header: 'requirementsOps.col.score', value: (r) => r.s.result.score, width: 8 },
    {
      header: 'requirementsOps.col.why',
      value: (r) =>
        [
          ...(r.s.result.paying ? [] : [tr('requirementsOps.xlsx.prospectsOnly')]),
          ...explainPriority(r.s.result)[locale],
        ].join('\n'),
      width: 48,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.accounts',
      value: (r) => r.s.accounts,
      width: 9,
      format: INTEGER_FORMAT,
    },
    {
      header: 'requirementsOps.col.arrAtStake',
      value: (r) => r.s.arrAtStake,
      width: 15,
      format: MONEY,
    },
    {
      header: 'requirementsOps.col.renewalsSoon',
      value: (r) => r.s.renewalsSoon,
      width: 10,
      format: INTEGER_FORMAT,
    },
    {
      header: 'requirementsOps.col.arrRenewingSoon',
      value: (r) => r.s.arrRenewingSoon,
      width: 15,
      format: MONEY,
    },
    {
      header: 'requirementsOps.col.askingAccounts',
      value: (r) =>
        [...new Map(r.asks.map((a) => [a.accountId, a.accountName])).values()].join(sep) || null,
      width: 30,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.scenario',
      value: (r) => text(r.doc.scenario),
      width: 40,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.workaround',
      value: (r) => text(r.doc.workaround),
      width: 26,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.blocks',
      value: (r) => text(r.doc.blocks),
      width: 26,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.solution',
      value: (r) => text(r.doc.solution),
      width: 30,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.confirmations',
      value: (r) =>
        r.doc.solution
          ? tr('requirementsOps.xlsx.confirmations', {
              confirmed: r.count('confirmed'),
              rejected: r.count('rejected'),
              pending: r.count('pending'),
            })
          : tr('requirementsOps.xlsx.noSolution'),
      width: 22,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.told',
      value: (r) => tr('requirementsOps.xlsx.told', { told: r.s.told, asks: r.s.asks.length }),
      width: 10,
    },
    {
      header: 'requirementsOps.col.declineReason',
      value: (r) => text(r.doc.declineReason),
      width: 24,
      wrap: true,
    },
    { header: 'requirementsOps.col.id', value: (r) => r.s.row.id, width: 40 },
  ];
  addSheet(
    book,
    locale,
    tr('requirementsOps.sheet.requirements'),
    tr('requirementsOps.xlsx.title'),
    subtitle,
    reqColumns,
    requirements,
  );

  const askRows = requirements.flatMap((r) => r.asks.map((a) => ({ r, a })));
  type A = (typeof askRows)[number];
  const askColumns: Column<A>[] = [
    { header: 'requirementsOps.col.rank', value: (x) => x.r.i + 1, width: 6 },
    { header: 'requirementsOps.col.title', value: (x) => x.r.s.row.title, width: 28, wrap: true },
    { header: 'requirementsOps.col.account', value: (x) => x.a.accountName, width: 24, wrap: true },
    { header: 'requirementsOps.col.tier', value: (x) => label('tier', x.a.tier), width: 8 },
    { header: 'requirementsOps.col.arr', value: (x) => x.a.arr, width: 14, format: MONEY },
    {
      header: 'requirementsOps.col.renewalDate',
      value: (x) => excelDay(x.a.renewalDate),
      width: 12,
      format: DATE_FORMAT,
    },
    {
      header: 'requirementsOps.col.renewalSoon',
      value: (x) => tr(x.a.renewalSoon ? 'requirementsOps.yes' : 'requirementsOps.no'),
      width: 9,
    },
    { header: 'requirementsOps.col.contact', value: (x) => x.a.contactName ?? null, width: 12 },
    {
      header: 'requirementsOps.col.roles',
      value: (x) => x.a.contactRoles.map((role) => label('contactRole', role)).join(sep) || null,
      width: 16,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.importance',
      value: (x) => label('askImportance', x.a.importance),
      width: 13,
    },
    {
      header: 'requirementsOps.col.askedOn',
      value: (x) => excelDay(x.a.askedOn),
      width: 12,
      format: DATE_FORMAT,
    },
    {
      header: 'requirementsOps.col.source',
      value: (x) =>
        x.a.sourceTitle
          ? `${label('askSource', x.a.sourceType)}: ${x.a.sourceTitle}`
          : label('askSource', x.a.sourceType),
      width: 24,
      wrap: true,
    },
    { header: 'requirementsOps.col.csm', value: (x) => x.a.csmName || null, width: 12 },
    {
      header: 'requirementsOps.col.confirmation',
      value: (x) => label('confirmationStatus', x.a.confirmation?.status ?? 'pending'),
      width: 10,
    },
    {
      header: 'requirementsOps.col.confirmationNote',
      value: (x) => x.a.confirmation?.note ?? null,
      width: 24,
      wrap: true,
    },
    {
      header: 'requirementsOps.col.toldOn',
      value: (x) => excelDay(x.a.toldOn),
      width: 12,
      format: DATE_FORMAT,
    },
    { header: 'requirementsOps.col.id', value: (x) => x.a.id, width: 44 },
  ];
  addSheet(
    book,
    locale,
    tr('requirementsOps.sheet.asks'),
    tr('requirementsOps.xlsx.asksTitle'),
    tr('requirementsOps.xlsx.asksSubtitle', {
      filters,
      total: askRows.length,
      requirements: requirements.length,
      date: formatDate(locale, today),
    }),
    askColumns,
    askRows,
  );
  return {
    buffer: await workbookBuffer(book),
    requirements: requirements.length,
    asks: askRows.length,
  };
}
