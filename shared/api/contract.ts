// The one API contract: every method, its input schema and whether it writes. IPC, HTTP and the
// CLI all go through `dispatch(method, input)`, so the hosts cannot drift apart.
import { z } from 'zod';
import { accountIdSchema, docIdSchema, isoDate } from '../domain/common';
import {
  EDITABLE_TYPES,
  ENTITY_TYPES,
  type EditableType,
  type EntityDoc,
  type EntityInput,
  type EntityType,
} from '../domain/entities';
import type {
  AccountBrief,
  BackupFile,
  ImportReport,
  ListPage,
  SearchResult,
  SystemInfo,
  StoreStatus,
  RepairReport,
} from './types';

import { mergeUnique } from '../util/mergeUnique';
import type { MethodSpec } from './spec';
import { accountsContractWith, accountViewSchemaWith, type AccountsMethods } from './accounts';
import { appContract, type AppMethods } from './app';
import { calendarContract, type CalendarMethods } from './calendar';
import { attachmentsContract, type AttachmentsMethods } from './attachments';
import { deliverablesContract, type DeliverablesMethods } from './deliverables';
import { directoryContract, type DirectoryMethods } from './directory';
import { healthContract, type HealthMethods } from './health';
import { requirementsContract, type RequirementsMethods } from './requirements';
import { syncContract, type SyncMethods } from './sync';
import { tasksContract, type TasksMethods } from './tasks';
import { systemContract } from './system';

export type { Access, MethodSpec } from './spec';

const stringOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(50)]);

export const listFiltersSchema = z.strictObject({
  ownerCsm: stringOrList.optional(),
  consultant: stringOrList.optional(),
  tier: stringOrList.optional(),
  lifecycleStage: stringOrList.optional(),
  riskLevel: stringOrList.optional(),
  industry: stringOrList.optional(),
  region: stringOrList.optional(),
  status: stringOrList.optional(),
  priority: stringOrList.optional(),
  owner: stringOrList.optional(),
  /** Inclusive bounds on the type's main date (issue raised, visit date, contract end ...). */
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  dueBefore: isoDate.optional(),
  renewalBefore: isoDate.optional(),
  /** Case-insensitive substring of the title (account name, issue title ...). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type ListFilters = z.infer<typeof listFiltersSchema>;

export const SORT_FIELDS = [
  'title',
  'updatedAt',
  'date',
  'dueDate',
  'priority',
  'status',
  'tier',
  'renewalDate',
  'arr',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export const listInputSchema = z.strictObject({
  accountId: accountIdSchema.optional(),
  filters: listFiltersSchema.default({}),
  sort: z
    .strictObject({ field: z.enum(SORT_FIELDS), dir: z.enum(['asc', 'desc']).default('asc') })
    .optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ListInput = z.input<typeof listInputSchema>;

const idInput = z.strictObject({ id: docIdSchema });
const revInput = z.string().regex(/^\d+-[0-9a-f]+$/, 'revision');

function crudSpecs(type: EditableType): Record<string, MethodSpec> {
  const create =
    type === 'account'
      ? z.strictObject({ data: z.record(z.string(), z.unknown()) })
      : z.strictObject({ accountId: accountIdSchema, data: z.record(z.string(), z.unknown()) });
  return {
    [`${type}.create`]: { input: create, access: 'write' },
    [`${type}.get`]: { input: idInput, access: 'read' },
    [`${type}.update`]: {
      input: z.strictObject({
        id: docIdSchema,
        rev: revInput,
        /** Top-level fields to replace; null removes an optional field. */
        changes: z.record(z.string(), z.unknown()),
      }),
      access: 'write',
    },
    [`${type}.delete`]: {
      input: z.strictObject({ id: docIdSchema, rev: revInput }),
      access: 'write',
    },
    [`${type}.list`]: { input: listInputSchema, access: 'read' },
  };
}

/** Version 2 keeps revisions (`_rev`, `_revisions`) and conflicting leaves; 1 is still read. */
export const backupFileSchema = z.strictObject({
  format: z.literal('csm-workbench-backup'),
  version: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.string(),
  docs: z.array(z.record(z.string(), z.unknown())),
  conflicts: z.array(z.record(z.string(), z.unknown())).optional(),
});

const coreContract: Record<string, MethodSpec> = {
  ...Object.assign({}, ...EDITABLE_TYPES.map(crudSpecs)),
  'timeline.get': { input: idInput, access: 'read' },
  'timeline.list': { input: listInputSchema, access: 'read' },
  'account.brief': { input: z.strictObject({ id: accountIdSchema }), access: 'read' },
  'search.query': {
    input: z.strictObject({
      q: z.string().trim().min(1).max(200),
      types: z.array(z.enum(ENTITY_TYPES as [EntityType, ...EntityType[]])).optional(),
      accountId: accountIdSchema.optional(),
      limit: z.number().int().min(1).max(200).default(20),
      /** Hits to skip: the next page of the same query. */
      offset: z.number().int().min(0).max(100_000).default(0),
      /** Snippets show enum values by their labels in this language. */
      locale: z.enum(['zh-CN', 'en-US']).optional(),
    }),
    access: 'read',
  },
  ...systemContract,
  'backup.export': { input: z.strictObject({}), access: 'read' },
  'backup.import': {
    input: z.strictObject({
      backup: z.unknown(),
      overwrite: z.boolean().default(false),
      setAsideInvalid: z.boolean().default(false),
    }),
    access: 'write',
  },
};

export const contract = mergeUnique<MethodSpec>(
  'API method',
  coreContract,
  deliverablesContract,
  syncContract,
  healthContract,
  appContract,
  directoryContract,
  tasksContract,
  calendarContract,
  accountsContractWith(listFiltersSchema),
  requirementsContract,
  attachmentsContract,
);

/** A saved view of the account list (shared/api/accounts.ts), with the list filters. */
export const accountViewSchema = accountViewSchemaWith(listFiltersSchema);

type Crud<K extends EditableType> = {
  [P in `${K}.create`]: {
    input: K extends 'account'
      ? { data: EntityInput<K> }
      : { accountId: string; data: EntityInput<K> };
    output: EntityDoc<K>;
  };
} & { [P in `${K}.get`]: { input: { id: string }; output: EntityDoc<K> } } & {
  [P in `${K}.update`]: {
    input: {
      id: string;
      rev: string;
      changes: { [F in keyof EntityInput<K>]?: EntityInput<K>[F] | null };
    };
    output: EntityDoc<K>;
  };
} & {
  [P in `${K}.delete`]: { input: { id: string; rev: string }; output: { id: string; rev: string } };
} & {
  [P in `${K}.list`]: { input: ListInput; output: ListPage<EntityDoc<K>> };
};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

type CoreMethods = UnionToIntersection<{ [K in EditableType]: Crud<K> }[EditableType]> & {
  'timeline.get': { input: { id: string }; output: EntityDoc<'timeline'> };
  'timeline.list': { input: ListInput; output: ListPage<EntityDoc<'timeline'>> };
  'account.brief': { input: { id: string }; output: AccountBrief };
  'search.query': {
    input: {
      q: string;
      types?: EntityType[];
      accountId?: string;
      limit?: number;
      offset?: number;
      locale?: 'zh-CN' | 'en-US';
    };
    output: SearchResult;
  };
  'system.info': { input: Record<string, never>; output: SystemInfo };
  'store.status': { input: Record<string, never>; output: StoreStatus };
  'store.repair': { input: { backup?: unknown }; output: RepairReport };
  'index.rebuild': { input: Record<string, never>; output: { docs: number; ms: number } };
  'backup.export': { input: Record<string, never>; output: BackupFile };
  'backup.import': {
    input: { backup: unknown; overwrite?: boolean; setAsideInvalid?: boolean };
    output: ImportReport;
  };
};
/** Input and output type of every method, for the typed clients. */
export type Methods = CoreMethods &
  DeliverablesMethods &
  SyncMethods &
  HealthMethods &
  AppMethods &
  DirectoryMethods &
  TasksMethods &
  CalendarMethods &
  AccountsMethods &
  RequirementsMethods &
  AttachmentsMethods;
export type MethodName = keyof Methods & string;
export type MethodInput<M extends MethodName> = Methods[M]['input'];
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
