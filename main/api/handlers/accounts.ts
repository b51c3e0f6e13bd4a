// The account list of the desktop app (issue 13): the page with its sortable columns, the same
// view as an Excel file (every row, with a sheet saying which filter and sort it holds), bulk
// assignment of a CSM and tagging (each account through the one writer, with its own timeline
// entry), and the user's saved views on their team directory record (so they replicate).
import ExcelJS from 'exceljs';
import {
  type AccountColumn,
  type AccountRow,
  type AccountSort,
  type SavedView,
} from '../../../shared/api/accounts';
import { accountViewSchema, type ListFilters } from '../../../shared/api/contract';
import { apiError, ApiFailure } from '../../../shared/api/errors';
import type { EntityDoc } from '../../../shared/domain/entities';
import type { EnumName } from '../../../shared/domain/entities/enums';
import { teamMemberId } from '../../../shared/domain/entities/teamMember';
import { TEAM_ACCOUNT_ID } from '../../../shared/domain/ids';
import { t, type Locale, type MessageKey } from '../../../shared/i18n';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { personFormatter } from '../../../shared/people/displayName';
import { fitColumns, headerRow, workbookBuffer } from '../../deliverables/xlsxKit';
import { addSafeRow, type CellInput } from '../../deliverables/xlsxSafe';
import { loadDirectory } from '../../people/directory';
import type { Doc } from '../../store/documentWriter';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';
import { applyChanges } from './entities';

type Sort = { field: AccountSort; dir: 'asc' | 'desc' };
const MONEY = '#,##0.00';

function table(
  ctx: BackendContext,
  input: { filters: ListFilters; sort?: Sort; offset: number; limit: number },
) {
  return ctx.queries.accountTable.page(input);
}

/** A filter in words: 客户分级: 战略, 普通. */
function describeFilters(
  filters: ListFilters,
  locale: Locale,
  person: (login: string) => string,
): string[] {
  const tr = (key: MessageKey) => t(locale, key);
  const fields: Partial<Record<keyof ListFilters, [MessageKey, (v: string) => string]>> = {
    tier: ['ui.field.tier', (v) => enumLabel(tr, 'tier', v)],
    lifecycleStage: ['ui.field.stage', (v) => enumLabel(tr, 'lifecycleStage', v)],
    riskLevel: ['ui.field.risk', (v) => enumLabel(tr, 'riskLevel', v)],
    ownerCsm: ['ui.field.ownerCsm', person],
    consultant: ['directory.role.consultant', person],
    industry: ['ui.field.industry', (v) => enumLabel(tr, 'industry', v)],
    region: ['ui.field.region', (v) => v],
    q: ['ui.accounts.searchName', (v) => v],
    renewalBefore: ['uxUi.accounts.col.renewalDate', (v) => `≤ ${v}`],
  };
  const lines: string[] = [];
  for (const [name, raw] of Object.entries(filters) as [keyof ListFilters, unknown][]) {
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]) as string[];
    const field = fields[name];
    lines.push(
      field
        ? `${tr(field[0])}: ${values.map(field[1]).join(', ')}`
        : `${name}: ${values.join(', ')}`,
    );
  }
  return lines;
}

const COLUMN_KEYS: Record<AccountColumn, MessageKey> = {
  health: 'uxUi.accounts.col.health',
  arr: 'uxUi.accounts.col.arr',
  renewalDate: 'uxUi.accounts.col.renewalDate',
  lastTouch: 'uxUi.accounts.col.lastTouch',
  openIssues: 'uxUi.accounts.col.openIssues',
};
const SORT_KEYS: Record<AccountSort, MessageKey> = {
  ...COLUMN_KEYS,
  title: 'ui.field.accountName',
  tier: 'ui.field.tier',
  updatedAt: 'ui.field.updatedAt',
};

async function exportView(
  ctx: BackendContext,
  input: { filters: ListFilters; sort?: Sort; columns: AccountColumn[]; locale: Locale },
) {
  const { locale } = input;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const label = (name: EnumName, v: string | null | undefined) =>
    enumLabel((k) => t(locale, k), name, v);
  const person = personFormatter(loadDirectory(ctx.queries), locale);
  const rows = ctx.queries.accountTable.all(input) as unknown as AccountRow[];
  const day = ctx.clock.today();

  const book = new ExcelJS.Workbook();
  book.creator = 'CSM Workbench';
  book.created = ctx.now();
  const sheet = book.addWorksheet(tr('uxUi.export.sheet'));
  const base: [MessageKey, (r: AccountRow) => CellInput][] = [
    ['ui.field.accountName', (r) => r.name],
    ['ui.field.nameEn', (r) => r.nameEn],
    ['ui.field.tier', (r) => label('tier', r.tier)],
    ['ui.field.stage', (r) => label('lifecycleStage', r.lifecycleStage)],
    ['ui.field.risk', (r) => label('riskLevel', r.riskLevel)],
    ['ui.field.ownerCsm', (r) => person(r.ownerCsm)],
    ['ui.field.industry', (r) => label('industry', r.industry)],
    ['ui.field.region', (r) => r.region],
    ['uxUi.accounts.tags', (r) => r.tags.join(', ')],
  ];
  const extra: Record<AccountColumn, (r: AccountRow) => CellInput> = {
    health: (r) => r.list.health?.score ?? null,
    arr: (r) => r.list.arr,
    renewalDate: (r) => r.list.renewalDate,
    lastTouch: (r) => r.list.lastTouch,
    openIssues: (r) => r.list.openIssues,
  };
  const columns: [MessageKey, (r: AccountRow) => CellInput][] = [
    ...base,
    ...input.columns.map((c): [MessageKey, (r: AccountRow) => CellInput] => [
      COLUMN_KEYS[c],
      extra[c],
    ]),
  ];
  headerRow(
    sheet,
    columns.map(([key]) => tr(key)),
  );
  for (const r of rows)
    addSafeRow(
      sheet,
      columns.map(([, value]) => value(r) ?? null),
    );
  const arrAt = input.columns.indexOf('arr');
  if (arrAt >= 0) sheet.getColumn(base.length + arrAt + 1).numFmt = MONEY;
  if (rows.length) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  fitColumns(sheet);

  // Which view this file holds: the filter, the sort, the row count and the day.
  const about = book.addWorksheet(tr('uxUi.export.filter'));
  const filterLines = describeFilters(input.filters, locale, person);
  addSafeRow(about, [
    tr('uxUi.export.filter'),
    filterLines.length ? filterLines.join('; ') : tr('uxUi.export.noFilter'),
  ]);
  addSafeRow(about, [
    tr('uxUi.export.sort'),
    input.sort
      ? `${tr(SORT_KEYS[input.sort.field])} ${input.sort.dir === 'desc' ? '↓' : '↑'}`
      : tr('ui.field.accountName'),
  ]);
  addSafeRow(about, [tr('ui.accounts.total', { count: rows.length }), rows.length]);
  addSafeRow(about, [tr('uxUi.export.exportedAt'), day]);
  about.getColumn(1).font = { bold: true };
  fitColumns(about);
  book.description = filterLines.join('; ') || tr('uxUi.export.noFilter');

  return {
    fileName: `accounts-${day}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: (await workbookBuffer(book)).toString('base64'),
    rows: rows.length,
  };
}

async function bulkUpdate(
  ctx: BackendContext,
  input: { ids: string[]; ownerCsm?: string; addTags?: string[] },
  actor: Actor,
) {
  let updated = 0;
  let unchanged = 0;
  const failed: { id: string; reason: string }[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const current = ctx.queries.getDoc(id) as EntityDoc<'account'> | null;
      if (!current || current.type !== 'account') {
        throw apiError('NOT_FOUND', 'error.notFound', `no account ${id}`, { id }, ['ids']);
      }
      const changes: Record<string, unknown> = {};
      if (input.ownerCsm !== undefined) changes.ownerCsm = input.ownerCsm;
      if (input.addTags) changes.tags = [...new Set([...(current.tags ?? []), ...input.addTags])];
      const merged = applyChanges(
        'account',
        current as unknown as Record<string, unknown>,
        changes,
      );
      const { written } = await ctx.writer.commit(actor, {
        changes: [
          {
            kind: 'put',
            type: 'account',
            accountId: current._id,
            base: current as unknown as Doc,
            fields: merged,
          },
        ],
        timeline: 'updated',
        path: ['changes'],
        skipUnchanged: true,
      });
      if (written) updated++;
      else unchanged++;
    } catch (error) {
      const first = error instanceof ApiFailure ? error.errors[0] : undefined;
      failed.push({ id, reason: first ? first.message : String(error) });
    }
  }
  return { updated, unchanged, failed };
}

// ---- saved views on the user's directory record ------------------------------------------

type Member = EntityDoc<'teamMember'>;

function memberOf(ctx: BackendContext, login: string): Member | null {
  const doc = ctx.queries.getDoc(teamMemberId(login));
  return doc && doc.type === 'teamMember' ? (doc as unknown as Member) : null;
}

function viewsOf(member: Member | null): SavedView[] {
  return (member?.savedViews ?? []).flatMap((v) => {
    let json: unknown;
    try {
      json = JSON.parse(v.view);
    } catch {
      return [];
    }
    const parsed = accountViewSchema.safeParse(json);
    // A view saved by a newer version that this one cannot read is left out, not guessed at.
    return parsed.success ? [{ name: v.name, ...parsed.data }] : [];
  });
}

type StoredView = { name: string; view: string };

async function writeViews(
  ctx: BackendContext,
  actor: Actor,
  edit: (views: StoredView[]) => StoredView[],
) {
  const member = memberOf(ctx, actor.login);
  const next = edit(member?.savedViews ?? []);
  // Someone without a directory record yet gets one (named by their login until they edit it).
  const fields = member
    ? applyChanges('teamMember', member as unknown as Record<string, unknown>, { savedViews: next })
    : { login: actor.login, nameEn: actor.login, role: 'csm', active: true, savedViews: next };
  await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'teamMember',
        accountId: TEAM_ACCOUNT_ID,
        id: teamMemberId(actor.login),
        base: member as unknown as Doc | null,
        fields,
      },
    ],
    path: ['view'],
  });
  return { views: viewsOf(memberOf(ctx, actor.login)) };
}

export const accountsHandlers: Record<string, Handler> = {
  'accounts.table': table,
  'accounts.export': exportView,
  'accounts.bulkUpdate': bulkUpdate,
  'accounts.views': (ctx: BackendContext, _input: unknown, actor: Actor) => ({
    views: viewsOf(memberOf(ctx, actor.login)),
  }),
  'accounts.saveView': (
    ctx: BackendContext,
    input: { name: string; view: Record<string, unknown> },
    actor: Actor,
  ) =>
    writeViews(ctx, actor, (views) => [
      ...views.filter((v) => v.name !== input.name),
      { name: input.name, view: JSON.stringify(input.view) },
    ]),
  'accounts.deleteView': (ctx: BackendContext, input: { name: string }, actor: Actor) =>
    writeViews(ctx, actor, (views) => views.filter((v) => v.name !== input.name)),
};
