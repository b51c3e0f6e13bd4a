// The customer-facing issue list (.xlsx): frozen header, filters, drop-downs for status and
// priority, priority colours, widths that fit Chinese. Its columns are what import reads back.
import ExcelJS from 'exceljs';
import { PRIORITY_COLOURS } from '../../shared/charts/options';
import { issuePriorities, issueStatuses, priorityRank } from '../../shared/domain/entities/issue';
import { t, type Locale, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { issueRef } from '../../shared/rules/issues';
import { label } from './format';
import type { AccountSnapshot } from './snapshot';
import {
  DATE_FORMAT,
  excelDay,
  fitColumns,
  formatColumn,
  headerRow,
  listValidation,
  markDraft,
  printSetup,
  sheetName,
  workbookBuffer,
  wrapColumns,
} from './xlsxKit';
import { addSafeRow } from './xlsxSafe';
import { draftMark, formatDate } from './format';
import type { BuildOptions, BuiltFile } from './types';

/** Column order of the export; import maps these headers back to issue fields. */
export const ISSUE_LIST_COLUMNS = [
  'title',
  'category',
  'module',
  'raisedOn',
  'raisedBy',
  'priority',
  'status',
  'owner',
  'dueDate',
  'resolution',
  'id',
  // Added after the ID so the earlier columns keep their letters (import reads by header).
  'number',
  'description',
  'comments',
] as const;

/** Columns added with the issue number and comments; their headers live with those words. */
const ADDED_COLUMNS: readonly string[] = ['number', 'description', 'comments'];

export function issueListHeaders(locale: Locale): string[] {
  return ISSUE_LIST_COLUMNS.map((c) =>
    t(
      locale,
      (ADDED_COLUMNS.includes(c)
        ? `contractsUi.issueList.col.${c}`
        : `deliverables.issues.col.${c}`) as MessageKey,
    ),
  );
}

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

export async function buildIssueList(s: AccountSnapshot, o: BuildOptions): Promise<BuiltFile> {
  const L = o.locale;
  const person = personFormatter(s.people, L);
  const wb = new ExcelJS.Workbook();
  wb.creator = person(s.account.ownerCsm);
  wb.created = o.now;
  const what = t(L, 'deliverables.issues.sheet');
  wb.title = `${s.account.name} ${what}`;
  // Row 1 stays the header (import reads it back); the account names the sheet and every page.
  const sheet = wb.addWorksheet(sheetName(wb, `${s.account.name} ${what}`));
  headerRow(sheet, issueListHeaders(L));
  const issues = [...s.issues].sort(
    (a, b) =>
      priorityRank(a.priority) - priorityRank(b.priority) || a.raisedOn.localeCompare(b.raisedOn),
  );
  for (const i of issues) {
    addSafeRow(sheet, [
      i.title,
      label(L, 'issueCategory', i.category),
      i.module,
      excelDay(i.raisedOn),
      person(i.raisedBy),
      label(L, 'issuePriority', i.priority),
      label(L, 'issueStatus', i.status),
      person(i.owner),
      excelDay(i.dueDate),
      i.resolution,
      i._id,
      issueRef(i),
      i.description,
      (i.comments ?? []).map((c) => `${c.at.slice(0, 10)} ${person(c.by)}: ${c.text}`).join('\n'),
    ]);
  }
  const lastRow = Math.max(2, issues.length + 1);
  const index = (name: (typeof ISSUE_LIST_COLUMNS)[number]) => ISSUE_LIST_COLUMNS.indexOf(name) + 1;
  const col = (name: (typeof ISSUE_LIST_COLUMNS)[number]) => String.fromCharCode(64 + index(name));
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: ISSUE_LIST_COLUMNS.length },
  };
  // Drop-downs for status and priority (room for 500 new rows below the data), one range each.
  const priorities = issuePriorities.map((p) => label(L, 'issuePriority', p));
  const statuses = issueStatuses.map((x) => label(L, 'issueStatus', x));
  const below = lastRow + 500;
  listValidation(sheet, `${col('priority')}2:${col('priority')}${below}`, priorities);
  listValidation(sheet, `${col('status')}2:${col('status')}${below}`, statuses);
  // Priority colours as conditional formatting, so a changed priority recolours itself.
  const pr = col('priority');
  sheet.addConditionalFormatting({
    ref: `${pr}2:${pr}${lastRow + 500}`,
    rules: issuePriorities.map((p, index) => ({
      type: 'expression' as const,
      formulae: [`${pr}2="${label(L, 'issuePriority', p)}"`],
      priority: index + 1,
      style: {
        fill: {
          type: 'pattern' as const,
          pattern: 'solid' as const,
          bgColor: { argb: argb(PRIORITY_COLOURS[p]) },
        },
      },
    })),
  });
  fitColumns(sheet, 8, 50);
  // Real dates (a date format, so they sort and filter as dates), wrapped long text, and widths
  // that let the printed page stay readable on A4 landscape.
  for (const c of ['raisedOn', 'dueDate'] as const) {
    formatColumn(sheet, index(c), DATE_FORMAT);
    sheet.getColumn(index(c)).width = 12;
  }
  for (const [c, width] of [
    ['title', 40],
    ['resolution', 36],
    ['module', 16],
  ] as const) {
    sheet.getColumn(index(c)).width = Math.min(sheet.getColumn(index(c)).width ?? width, width);
  }
  wrapColumns(sheet, [index('title'), index('module'), index('resolution')]);
  printSetup(sheet, {
    locale: L,
    title: `${s.account.name} · ${what} · ${t(L, 'templatesUi.xlsx.asOf', { date: formatDate(L, o.today) })}`,
    landscape: true,
    headerRow: 1,
  });
  // The id is for import, not for the reader: hidden, so neither the screen nor the printed page
  // shows it, while the number, description and comments after it still print.
  sheet.getColumn(index('id')).hidden = true;
  markDraft(wb, draftMark(o));
  return { buffer: await workbookBuffer(wb), warnings: [] };
}
