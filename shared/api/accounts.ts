// The account list of the desktop app (issue 13): a page with the columns a CSM sorts by
// (health, ARR, renewal date, last touch, open issues), the same view exported to Excel, bulk
// assignment and tagging, and saved views kept in the store (on the user's team directory record,
// so they replicate with the team).
import { z } from 'zod';
import type { EntityDoc } from '../domain/entities';
import { accountIdSchema, shortText, userName } from '../domain/common';

// The list filters are contract.ts's (listFiltersSchema); contract.ts imports this file to merge
// the methods, so it hands them in rather than this file importing it back (no import cycle).
type FiltersSchema = z.ZodType<Record<string, string | string[] | undefined>>;
import type { ListPage } from './types';
import type { MethodSpec } from './spec';

/** The columns a user may add to the table (the account's own fields are always there). */
export const ACCOUNT_COLUMNS = ['health', 'arr', 'renewalDate', 'lastTouch', 'openIssues'] as const;
export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];

/** What the table sorts on, on the backend (each has an index). */
export const ACCOUNT_SORTS = ['title', 'tier', 'updatedAt', ...ACCOUNT_COLUMNS] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export const accountSortSchema = z.strictObject({
  field: z.enum(ACCOUNT_SORTS),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

/** A saved view: filters, sort and columns (contract.ts exports it built with its filters). */
export function accountViewSchemaWith(filters: FiltersSchema) {
  return z.strictObject({
    filters: filters.default({}),
    sort: accountSortSchema.optional(),
    columns: z.array(z.enum(ACCOUNT_COLUMNS)).max(ACCOUNT_COLUMNS.length).optional(),
  });
}
export interface AccountView {
  filters?: Record<string, string | string[] | undefined>;
  sort?: { field: AccountSort; dir?: 'asc' | 'desc' };
  columns?: AccountColumn[];
}

const locale = z.enum(['zh-CN', 'en-US']).default('zh-CN');

export function accountsContractWith(filters: FiltersSchema): Record<string, MethodSpec> {
  const accountViewSchema = accountViewSchemaWith(filters);
  return {
    'accounts.table': {
      input: z.strictObject({
        filters: filters.default({}),
        sort: accountSortSchema.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(20),
      }),
      access: 'read',
    },
    'accounts.export': {
      input: z.strictObject({
        filters: filters.default({}),
        sort: accountSortSchema.optional(),
        columns: z.array(z.enum(ACCOUNT_COLUMNS)).max(ACCOUNT_COLUMNS.length).default([]),
        locale,
      }),
      access: 'read',
    },
    'accounts.bulkUpdate': {
      input: z
        .strictObject({
          ids: z.array(accountIdSchema).min(1).max(500),
          /** The new CSM of every account (a login from the team directory). */
          ownerCsm: userName.optional(),
          /** Tags added to every account (kept once; the others stay). */
          addTags: z.array(shortText).min(1).max(10).optional(),
        })
        .refine((v) => v.ownerCsm !== undefined || v.addTags !== undefined, {
          message: 'nothing to change',
          params: { messageKey: 'validation.invalid' },
        }),
      access: 'write',
    },
    'accounts.views': { input: z.strictObject({}), access: 'read' },
    'accounts.saveView': {
      input: z.strictObject({ name: shortText, view: accountViewSchema }),
      access: 'write',
    },
    'accounts.deleteView': { input: z.strictObject({ name: shortText }), access: 'write' },
  };
}

/** The columns of one row beyond the account document. */
export interface AccountListColumns {
  health: { score: number | null; band: string | null } | null;
  arr: number;
  renewalDate: string | null;
  lastTouch: string | null;
  openIssues: number;
}
export type AccountRow = EntityDoc<'account'> & { list: AccountListColumns };

export interface SavedView {
  name: string;
  filters: Record<string, string | string[] | undefined>;
  sort?: z.output<typeof accountSortSchema>;
  columns?: AccountColumn[];
}

type SortInput = { field: AccountSort; dir?: 'asc' | 'desc' };
type Filters = Record<string, string | string[] | undefined>;

export type AccountsMethods = {
  'accounts.table': {
    input: { filters?: Filters; sort?: SortInput; offset?: number; limit?: number };
    output: ListPage<AccountRow>;
  };
  'accounts.export': {
    input: {
      filters?: Filters;
      sort?: SortInput;
      columns?: AccountColumn[];
      locale?: 'zh-CN' | 'en-US';
    };
    output: { fileName: string; contentType: string; base64: string; rows: number };
  };
  'accounts.bulkUpdate': {
    input: { ids: string[]; ownerCsm?: string; addTags?: string[] };
    output: { updated: number; unchanged: number; failed: { id: string; reason: string }[] };
  };
  'accounts.views': { input: Record<string, never>; output: { views: SavedView[] } };
  'accounts.saveView': {
    input: { name: string; view: AccountView };
    output: { views: SavedView[] };
  };
  'accounts.deleteView': { input: { name: string }; output: { views: SavedView[] } };
};
