// Shapes the API returns beyond single documents.
import type { EntityDoc, EntityType } from '../domain/entities';

export interface ListPage<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface SearchHit {
  id: string;
  type: EntityType;
  accountId: string;
  accountName: string;
  title: string;
  /** Plain text around the match; the matched words are wrapped in `[[` and `]]`. */
  snippet: string;
  score: number;
  /** What tells same-name accounts apart: English name, tier, CSM (a login), renewal date. */
  account?: {
    nameEn: string | null;
    tier: string | null;
    ownerCsm: string | null;
    renewalDate: string | null;
  };
}
export interface SearchResult {
  hits: SearchHit[];
  /** Every match, of which `hits` is the page from `offset`. */
  total: number;
  offset: number;
}

export interface AccountBrief {
  account: EntityDoc<'account'>;
  contracts: EntityDoc<'contract'>[];
  renewalDate: string | null;
  daysToRenewal: number | null;
  /** Annual recurring revenue of the active contracts. */
  arr: number;
  contacts: EntityDoc<'contact'>[];
  openIssues: EntityDoc<'issue'>[];
  issueCounts: { total: number; open: number; byPriority: Record<string, number> };
  lastVisit: EntityDoc<'visit'> | null;
  nextVisit: EntityDoc<'visit'> | null;
  successPlan: EntityDoc<'successPlan'> | null;
  criteriaProgress: { key: string; metric: string; progress: number | null }[];
  specialTerms: string[];
  handover: EntityDoc<'handover'> | null;
  sow: EntityDoc<'sow'> | null;
  projectPlan: EntityDoc<'projectPlan'> | null;
  openRiskCases: EntityDoc<'riskCase'>[];
  openOpportunities: EntityDoc<'opportunity'>[];
  latestUsage: EntityDoc<'usageReading'> | null;
  /** Newest first: every change and touchpoint. */
  timeline: (EntityDoc<'timeline'> | EntityDoc<'touchpoint'>)[];
}

export interface SystemInfo {
  version: string;
  user: string;
  dataDir: string;
  /** The backend's calendar day (the user's time zone; pinned by CSM_TODAY). */
  today: string;
  docCount: number;
  projection: { checkpoint: string; docs: number; schemaVersion: number };
}

/**
 * The local store's state: `damaged` (it would not open; every other call is refused until
 * `store.repair`), `refusingWrites` (a write failed, e.g. the disk is full: restart), or `ok`.
 */
export interface StoreStatus {
  state: 'ok' | 'refusingWrites' | 'damaged';
  reason: string | null;
  dataDir: string;
}

/** What `store.repair` (and `csm repair`) recovered, per source. */
export interface RepairReport {
  copiedTo: string;
  fromLevelDb: number;
  fromProjection: number;
  fromBackup: number;
  total: number;
}

export interface BackupFile {
  format: 'csm-workbench-backup';
  version: 1 | 2;
  exportedAt: string;
  /** Each live document's winning revision (version 2: with `_rev` and `_revisions`). */
  docs: Record<string, unknown>[];
  /** Version 2: the conflicting leaves, each with `_rev` and `_revisions`. */
  conflicts?: Record<string, unknown>[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: { id: string; message: string }[];
  /** Conflicting revisions restored beside their winners (version 2 backups). */
  conflictRevisions: number;
  /** Invalid documents kept out of the store (`setAsideInvalid`), in `setAsideFile`. */
  setAside: { id: string; errors: { path: (string | number)[]; message: string }[] }[];
  setAsideFile: string | null;
}
