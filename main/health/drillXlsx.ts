// One drill-down as an Excel sheet: title rows say which figure, key and filters it holds, the
// period, the day and the row count, then a header row and every row (no page, no cap), in the
// order the screen shows. Text goes in as string cells (xlsxSafe quotes formula-like names).
import ExcelJS from 'exceljs';
import type {
  AccountRow,
  CohortRow,
  CoverageRow,
  DrillSort,
  NpsResponseRow,
  OpportunityRow,
  OverdueRow,
  PortfolioFigure,
  PortfolioFilters,
  RenewalRow,
  RiskRow,
  SortOrder,
  TrendRow,
} from '../../shared/api/health';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';
import { drillText, filtersText, SORT_HEADERS } from '../../shared/i18n/portfolioText';
import { personFormatter } from '../../shared/people/displayName';
import { parsePeriod, yearOf } from '../../shared/rules/period';
import type { BackendContext } from '../api/context';
import {
  DATE_FORMAT,
  daysFormat,
  excelDay,
  headerRow,
  moneyFormat,
  printSetup,
  workbookBuffer,
} from '../deliverables/xlsxKit';
import { addSafeRow } from '../deliverables/xlsxSafe';
import { loadDirectory } from '../people/directory';
import { drillRows } from './drill';

type Cell = string | number | Date | null;
interface Column {
  header: MessageKey;
  value: (row: AccountRow) => Cell;
  width?: number;
  format?: string;
}

export interface DrillSheet {
  buffer: Buffer;
  rows: number;
  /** The title rows, as written (the tests read them back). */
  titles: string[];
}

export async function drillWorkbook(
  ctx: BackendContext,
  input: {
    filters: PortfolioFilters;
    figure: PortfolioFigure;
    key?: string;
    sort?: DrillSort;
    order: SortOrder;
    locale: Locale;
  },
): Promise<DrillSheet> {
  const { locale, figure } = input;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const person = personFormatter(loadDirectory(ctx.queries), locale);
  const rows = drillRows(ctx, input.filters, figure, input.key, input.sort, input.order);
  const today = ctx.clock.today();
  const period = input.filters.period ? parsePeriod(input.filters.period) : yearOf(today);
  const MONEY = moneyFormat(locale);
  const DAYS = daysFormat(locale);
  const yesNo = (b: boolean) => tr(b ? 'health.yes' : 'health.no');
  const label = (name: 'tier' | 'industry' | 'healthBand' | 'opportunityStage', v: string | null) =>
    enumLabel((k) => tr(k), name, v);

  const columns: Column[] = [
    { header: 'health.column.account', value: (r) => r.name, width: 30 },
    { header: 'health.column.tier', value: (r) => label('tier', r.tier) },
    { header: 'health.column.csm', value: (r) => person(r.ownerCsm) },
    { header: 'health.column.region', value: (r) => r.region },
    { header: 'health.column.industry', value: (r) => label('industry', r.industry) },
    { header: 'health.column.band', value: (r) => label('healthBand', r.band) },
    { header: 'health.column.score', value: (r) => r.score },
    { header: 'health.column.arr', value: (r) => r.arr, format: MONEY },
    {
      header: 'health.column.renewalDate',
      value: (r) => excelDay(r.renewalDate),
      format: DATE_FORMAT,
    },
  ];
  const extra: Partial<Record<PortfolioFigure, Column[]>> = {
    renewals: [
      {
        header: 'health.column.endDate',
        value: (r) => excelDay((r as RenewalRow).endDate),
        format: DATE_FORMAT,
      },
      { header: 'health.column.daysLeft', value: (r) => (r as RenewalRow).daysLeft, format: DAYS },
      { header: 'health.column.value', value: (r) => (r as RenewalRow).value, format: MONEY },
    ],
    atRisk: [
      { header: 'health.column.level', value: (r) => (r as RiskRow).level },
      { header: 'health.column.openActions', value: (r) => (r as RiskRow).openActions },
      { header: 'health.column.overdueActions', value: (r) => (r as RiskRow).overdueActions },
    ],
    overdue: [
      { header: 'health.column.actionItems', value: (r) => (r as OverdueRow).actionItems },
      { header: 'health.column.issues', value: (r) => (r as OverdueRow).issues },
    ],
    coverage: [
      {
        header: 'health.column.lastContact',
        value: (r) => excelDay((r as CoverageRow).lastContactOn),
        format: DATE_FORMAT,
      },
      { header: 'health.column.cadence', value: (r) => (r as CoverageRow).cadenceDays },
      { header: 'health.column.covered', value: (r) => yesNo((r as CoverageRow).covered) },
    ],
    opportunities: [
      { header: 'health.column.opportunity', value: (r) => (r as OpportunityRow).title, width: 24 },
      {
        header: 'health.column.stage',
        value: (r) => label('opportunityStage', (r as OpportunityRow).stage),
      },
      { header: 'health.column.value', value: (r) => (r as OpportunityRow).value, format: MONEY },
      {
        header: 'health.column.expectedClose',
        value: (r) => excelDay((r as OpportunityRow).expectedCloseOn),
        format: DATE_FORMAT,
      },
    ],
    cohort: [
      {
        header: 'health.column.arrBefore',
        value: (r) => (r as CohortRow).arrBefore,
        format: MONEY,
      },
      { header: 'health.column.arrAfter', value: (r) => (r as CohortRow).arrAfter, format: MONEY },
      { header: 'health.column.renewed', value: (r) => yesNo((r as CohortRow).renewed) },
    ],
    nps: [
      {
        header: 'portfolioCharts.drill.respondent',
        value: (r) => (r as NpsResponseRow).respondent,
        width: 18,
      },
      { header: 'portfolioCharts.drill.npsScore', value: (r) => (r as NpsResponseRow).npsScore },
      {
        header: 'portfolioCharts.drill.respondedOn',
        value: (r) => excelDay((r as NpsResponseRow).respondedOn),
        format: DATE_FORMAT,
      },
      {
        header: 'portfolioCharts.drill.group',
        value: (r) => tr(`portfolioCharts.group.${(r as NpsResponseRow).group}`),
      },
    ],
    trend: [
      {
        header: 'portfolioCharts.drill.date',
        value: (r) => excelDay((r as TrendRow).date),
        format: DATE_FORMAT,
      },
      {
        header: 'health.column.band',
        value: (r) => label('healthBand', (r as TrendRow).bandOn),
      },
      { header: 'health.column.score', value: (r) => (r as TrendRow).scoreOn },
    ],
  };
  columns.push(...(extra[figure] ?? []));

  const drill = drillText(tr, figure, input.key, person);
  const filters = filtersText(tr, input.filters, person);
  const titles = [
    tr('portfolioCharts.export.drill', { drill }),
    filters
      ? tr('portfolioCharts.export.filters', { filters })
      : tr('portfolioCharts.export.noFilters'),
    tr('portfolioCharts.export.asOf', { period: period.label, today, rows: rows.length }),
    ...(input.sort
      ? [
          tr('portfolioCharts.export.sorted', {
            column: tr(SORT_HEADERS[input.sort]),
            order: tr(`portfolioCharts.export.${input.order}`),
          }),
        ]
      : []),
  ];

  const book = new ExcelJS.Workbook();
  book.creator = 'CSM Workbench';
  book.created = ctx.now();
  const sheet = book.addWorksheet(tr(`health.figure.${figure}`).slice(0, 31));
  titles.forEach((line, i) => {
    const row = addSafeRow(sheet, [line]);
    row.font = { bold: i === 0, size: i === 0 ? 13 : 10, name: 'Microsoft YaHei' };
  });
  headerRow(
    sheet,
    columns.map((c) => tr(c.header)),
  );
  const header = titles.length + 1;
  sheet.views = [{ state: 'frozen', ySplit: header }];
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? 14;
  });
  for (const r of rows) {
    const row = addSafeRow(
      sheet,
      columns.map((c) => c.value(r)),
    );
    columns.forEach((c, i) => {
      if (c.format) row.getCell(i + 1).numFmt = c.format;
    });
  }
  printSetup(sheet, { locale, title: drill, landscape: true, headerRow: header });
  return { buffer: await workbookBuffer(book), rows: rows.length, titles };
}
