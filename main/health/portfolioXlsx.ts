// The portfolio as an Excel workbook: a summary of every figure and one sheet per drill-down.
// Text goes in as string cells only (never `{formula}` values), so a name like "=HYPERLINK(...)"
// stays text, and workbookBuffer gives such text Excel's quote prefix (main/deliverables/xlsxSafe.ts).
// Dates are date cells, money and days carry their unit in the number format, and every sheet
// prints on A4, one page wide, with its header row on every page.
import ExcelJS from 'exceljs';
import {
  DATE_FORMAT,
  daysFormat,
  excelDay,
  fitTitleRows,
  headerRow,
  moneyFormat,
  PERCENT_FORMAT,
  printSetup,
  titleRows,
  workbookBuffer,
} from '../deliverables/xlsxKit';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { enumLabel } from '../../shared/i18n/enumLabel';
import { filtersText } from '../../shared/i18n/portfolioText';
import type { BackendContext } from '../api/context';
import { loadDirectory } from '../people/directory';
import {
  cohortRows,
  coverageRows,
  npsRows,
  openFrame,
  opportunityRows,
  overdueRows,
  renewalRows,
  riskRows,
} from './portfolio';
import { buildPortfolio } from './portfolioSummary';
import type { AccountRow, PortfolioFilters } from '../../shared/api/health';

type Cell = string | number | boolean | Date | null;
interface Column<R> {
  header: MessageKey;
  value: (row: R) => Cell;
  width?: number;
  format?: string;
}

const PERCENT = PERCENT_FORMAT;

function accountColumns<R extends AccountRow>(
  locale: Locale,
  person: (login: string | null) => string,
): Column<R>[] {
  return [
    { header: 'health.column.account', value: (r) => r.name, width: 32 },
    {
      header: 'health.column.tier',
      value: (r) => enumLabel((k) => t(locale, k), 'tier', r.tier),
    },
    { header: 'health.column.csm', value: (r) => person(r.ownerCsm), width: 14 },
    { header: 'health.column.region', value: (r) => r.region },
    {
      header: 'health.column.industry',
      value: (r) => enumLabel((k) => t(locale, k), 'industry', r.industry),
    },
    {
      header: 'health.column.band',
      value: (r) => enumLabel((k) => t(locale, k), 'healthBand', r.band),
    },
    { header: 'health.column.score', value: (r) => r.score },
  ];
}

/** Text as a plain string cell; numbers and booleans as themselves. */
function cellValue(value: Cell): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  return value;
}

function addSheet<R>(
  book: ExcelJS.Workbook,
  locale: Locale,
  title: MessageKey,
  columns: Column<R>[],
  rows: R[],
  printTitle: (what: string) => string,
): void {
  const sheet = book.addWorksheet(t(locale, title).slice(0, 31));
  sheet.columns = columns.map((c) => ({
    header: t(locale, c.header),
    width: c.width ?? 14,
    style: c.format ? { numFmt: c.format } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    const added = sheet.addRow([]);
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const value = c.value(row);
      // Strings become shared-string cells: stored as text, never read as a formula.
      cell.value = cellValue(value);
    });
  }
  printSetup(sheet, {
    locale,
    title: printTitle(t(locale, title)),
    landscape: columns.length > 6,
    headerRow: 1,
  });
}

export async function portfolioWorkbook(
  ctx: BackendContext,
  filters: PortfolioFilters,
  locale: Locale,
): Promise<Buffer> {
  const p = buildPortfolio(ctx, filters);
  const f = openFrame(ctx, filters);
  const book = new ExcelJS.Workbook();
  book.creator = 'CSM Workbench';
  book.created = ctx.now();
  const person = personFormatter(loadDirectory(ctx.queries), locale);
  const yesNo = (b: boolean) => t(locale, b ? 'health.yes' : 'health.no');
  const MONEY = moneyFormat(locale);
  const DAYS = daysFormat(locale);

  const summary: [string, Cell, string?][] = [
    [t(locale, 'health.portfolio.period'), p.period.label],
    [t(locale, 'health.portfolio.accounts'), p.accounts],
    [t(locale, 'health.portfolio.arr'), p.team.arr, MONEY],
    ...p.renewals.flatMap((r): [string, Cell, string?][] => [
      [t(locale, 'health.portfolio.renewalsIn', { days: r.days }), r.accounts],
      [t(locale, 'health.portfolio.renewalValue', { days: r.days }), r.value, MONEY],
    ]),
    [t(locale, 'health.portfolio.atRiskAccounts'), p.atRisk.accounts],
    [t(locale, 'health.portfolio.renewalRateByCount'), p.team.cohort.renewalRateByCount, PERCENT],
    [t(locale, 'health.portfolio.renewalRateByAmount'), p.team.cohort.renewalRateByAmount, PERCENT],
    [t(locale, 'health.portfolio.churnRate'), p.team.cohort.churnRate, PERCENT],
    [
      t(locale, 'health.portfolio.nps'),
      p.team.nps.score === null ? null : Math.round(p.team.nps.score * 10) / 10,
    ],
    [t(locale, 'health.portfolio.openOpportunities'), p.opportunities.open],
    [t(locale, 'health.portfolio.opportunityValue'), p.opportunities.value, MONEY],
  ];
  const what = t(locale, 'health.portfolio.sheet.summary');
  const periodText = `${t(locale, 'health.portfolio.period')} ${p.period.label}`;
  const printTitle = (sheetTitle: string) => `${sheetTitle} · ${periodText}`;
  const sheet = book.addWorksheet(what);
  // The second title line says which filters the workbook holds.
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const filterLine = filtersText(tr, filters, person);
  const titled = titleRows(
    sheet,
    printTitle(what),
    2,
    filterLine
      ? tr('portfolioCharts.export.filters', { filters: filterLine })
      : tr('portfolioCharts.export.noFilters'),
  );
  headerRow(sheet, [t(locale, 'health.portfolio.figure'), t(locale, 'health.portfolio.value')]);
  sheet.views = [{ state: 'frozen', ySplit: titled + 1 }];
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 20;
  for (const [label, value, format] of summary) {
    const row = sheet.addRow([label, cellValue(value)]);
    if (format) row.getCell(2).numFmt = format;
  }
  fitTitleRows(sheet, titled, 2);
  printSetup(sheet, { locale, title: printTitle(what), headerRow: titled + 1 });

  addSheet(
    book,
    locale,
    'health.portfolio.sheet.tierBand',
    [
      {
        header: 'health.column.tier',
        value: (r) => enumLabel((k) => t(locale, k), 'tier', r.tier),
      },
      {
        header: 'health.column.band',
        value: (r) => enumLabel((k) => t(locale, k), 'healthBand', r.band),
      },
      { header: 'health.portfolio.accounts', value: (r) => r.accounts },
      { header: 'health.column.arr', value: (r) => r.arr, format: MONEY },
    ],
    p.tierBand,
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.renewals',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.endDate', value: (r) => excelDay(r.endDate), format: DATE_FORMAT },
      { header: 'health.column.daysLeft', value: (r) => r.daysLeft, format: DAYS },
      { header: 'health.column.value', value: (r) => r.value, format: MONEY },
    ],
    renewalRows(f, 90),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.atRisk',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.level', value: (r) => r.level },
      {
        header: 'health.column.cause',
        value: (r) => r.cases.map((c) => c.cause).join('\n'),
        width: 30,
      },
      {
        header: 'health.column.actionPlan',
        value: (r) =>
          r.cases
            .flatMap((c) => c.actions)
            .map((a) => `${a.done ? '✓' : '•'} ${a.task} (${person(a.owner)}, ${a.dueDate})`)
            .join('\n'),
        width: 40,
      },
      { header: 'health.column.openActions', value: (r) => r.openActions },
      { header: 'health.column.overdueActions', value: (r) => r.overdueActions },
    ],
    riskRows(f),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.overdue',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.actionItems', value: (r) => r.actionItems },
      { header: 'health.column.issues', value: (r) => r.issues },
    ],
    overdueRows(f),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.coverage',
    [
      ...accountColumns(locale, person),
      {
        header: 'health.column.lastContact',
        value: (r) => excelDay(r.lastContactOn),
        format: DATE_FORMAT,
      },
      { header: 'health.column.cadence', value: (r) => r.cadenceDays, format: DAYS },
      { header: 'health.column.covered', value: (r) => yesNo(r.covered) },
    ],
    coverageRows(f),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.opportunities',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.opportunity', value: (r) => r.title, width: 24 },
      { header: 'health.column.stage', value: (r) => r.stage },
      { header: 'health.column.value', value: (r) => r.value, format: MONEY },
      {
        header: 'health.column.expectedClose',
        value: (r) => excelDay(r.expectedCloseOn),
        format: DATE_FORMAT,
      },
    ],
    opportunityRows(f),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.cohort',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.arrBefore', value: (r) => r.arrBefore, format: MONEY },
      { header: 'health.column.arrAfter', value: (r) => r.arrAfter, format: MONEY },
      { header: 'health.column.renewed', value: (r) => yesNo(r.renewed) },
    ],
    cohortRows(f),
    printTitle,
  );
  addSheet(
    book,
    locale,
    'health.portfolio.sheet.nps',
    [
      ...accountColumns(locale, person),
      { header: 'health.column.responses', value: (r) => r.responses },
      { header: 'health.column.promoters', value: (r) => r.promoters },
      { header: 'health.column.passives', value: (r) => r.passives },
      { header: 'health.column.detractors', value: (r) => r.detractors },
    ],
    npsRows(f),
    printTitle,
  );
  return workbookBuffer(book);
}
