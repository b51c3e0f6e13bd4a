// Sync with the team server (issue 4): connect, status, disconnect, and the conflicts the
// replication surfaced. See docs/sync.md.
import { z } from 'zod';
import { docIdSchema } from '../domain/common';
import type { MessageKey } from '../i18n';
import type { MethodSpec } from './spec';

export const SYNC_SCOPES = ['all', 'mine'] as const;
export type SyncScope = (typeof SYNC_SCOPES)[number];

const serverUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'http or https URL');
/** CouchDB's rule for database names. */
export const dbNameSchema = z.string().regex(/^[a-z][a-z0-9_$()+/-]*$/, 'database name');

export const connectInputSchema = z.strictObject({
  url: serverUrl,
  db: dbNameSchema,
  user: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  /** 'mine': keep only the accounts this user is assigned to (csm/consultant). */
  scope: z.enum(SYNC_SCOPES).default('all'),
});

export const syncContract: Record<string, MethodSpec> = {
  'sync.connect': { input: connectInputSchema, access: 'write' },
  'sync.disconnect': { input: z.strictObject({}), access: 'write' },
  'sync.status': { input: z.strictObject({}), access: 'read' },
  /** Writes every refused document again (e.g. after an assignment), so the push retries it. */
  'sync.retryRejected': { input: z.strictObject({}), access: 'write' },
  'conflict.list': { input: z.strictObject({}), access: 'read' },
  'conflict.get': { input: z.strictObject({ id: docIdSchema }), access: 'read' },
  'conflict.resolve': {
    input: z.strictObject({
      id: docIdSchema,
      /** The revisions the caller saw (conflict.get), so a newer conflict is not overwritten. */
      revs: z.array(z.string().min(3)).min(2).max(50),
      /** Per field, the revision whose value wins. Every clashing field needs a choice. */
      choices: z.record(z.string(), z.string().min(3)),
    }),
    access: 'write',
  },
};

/** Why sync stopped or a write was refused, with the text the user reads. */
export type SyncErrorReason = 'wrongPassword' | 'forbidden' | 'unreachable' | 'rejected';

export interface RejectedDoc {
  id: string;
  /** The server's reason (validate_doc_update's `forbidden` text). */
  reason: string;
  at: string;
}

export type SyncState =
  | { state: 'offline' }
  | { state: 'connecting' }
  | { state: 'pulling'; done: number; total: number; first: boolean }
  | { state: 'pushing'; pending: number }
  | { state: 'upToDate'; at: string }
  | {
      state: 'error';
      reason: SyncErrorReason;
      messageKey: MessageKey;
      message: string;
      params: Record<string, string | number>;
      /** Sync keeps retrying (unreachable) or waits for the user (password, permission). */
      retrying: boolean;
    };

/**
 * What `sync.status` returns: the state (flat, e.g. `{state: 'pulling', done, total}`) and
 * the connection's details.
 */
export type SyncStatus = SyncState & SyncDetails;

/**
 * Where the saved password lives: the OS keychain (the desktop app, through Electron
 * safeStorage) or an encrypted file only this OS user can read (browser mode, the CLI, and the
 * desktop app when the computer has no usable keychain: then `fallback` says why, and the Sync
 * drawer tells the user before and after connecting).
 */
export interface CredentialStorage {
  kind: 'keychain' | 'file';
  /** The desktop app wanted the keychain but could not use it. */
  fallback?: CredentialFallback;
}
/** 'unavailable': no secure storage at all; 'basicText': Linux without a keyring or wallet. */
export type CredentialFallback = 'unavailable' | 'basicText';

export interface SyncDetails {
  connected: boolean;
  url?: string;
  db?: string;
  user?: string;
  roles?: string[];
  /** The scope actually pulled: a manager always gets the whole team, whatever was asked. */
  scope?: SyncScope;
  credentialStorage: CredentialStorage;
  /** Writes the server refused; kept locally for the user to fix, not retried. */
  rejected: RejectedDoc[];
  /** Documents with unresolved conflicting revisions. */
  conflicts: number;
  lastPull?: { docsWritten: number; at: string };
  lastPush?: { docsWritten: number; at: string };
  /** The last rescore of health after a pull brought health inputs (docs/health.md). */
  healthRescore?: HealthRescoreReport;
}

/** Accounts rescored because pulled documents changed their health inputs. */
export interface HealthRescoreReport {
  at: string;
  accounts: number;
  written: number;
  failed: number;
  /** Why the rescore failed (its accounts are rescored again after the next pull). */
  error?: string;
}

export interface ConflictSummary {
  id: string;
  type: string;
  accountId: string;
  title: string;
  revs: string[];
  /** Fields changed differently on several sides. */
  clashes: string[];
}

export interface ConflictVersion {
  rev: string;
  updatedBy?: string;
  updatedAt?: string;
  /** The revision PouchDB picked as winner (shown first). */
  winner: boolean;
  doc: Record<string, unknown>;
}

export interface ConflictField {
  field: string;
  base: unknown;
  /** One value per version, in the order of `versions`. */
  values: unknown[];
  clash: boolean;
  merged?: unknown;
}

export interface ConflictDetail {
  id: string;
  type: string;
  accountId: string;
  title: string;
  /** The common ancestor's revision; null when it is not known locally. */
  baseRev: string | null;
  versions: ConflictVersion[];
  fields: ConflictField[];
  clashes: string[];
}

export type SyncMethods = {
  'sync.connect': {
    input: z.input<typeof connectInputSchema>;
    output: SyncStatus;
  };
  'sync.disconnect': { input: Record<string, never>; output: SyncStatus };
  'sync.status': { input: Record<string, never>; output: SyncStatus };
  'sync.retryRejected': { input: Record<string, never>; output: { retried: string[] } };
  'conflict.list': { input: Record<string, never>; output: { items: ConflictSummary[] } };
  'conflict.get': { input: { id: string }; output: ConflictDetail };
  'conflict.resolve': {
    input: { id: string; revs: string[]; choices: Record<string, string> };
    output: { id: string; rev: string; removed: string[] };
  };
};
