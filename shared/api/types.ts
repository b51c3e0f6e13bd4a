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
}
export interface SearchResult {
  hits: SearchHit[];
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

export interface BackupFile {
  format: 'csm-workbench-backup';
  version: 1;
  exportedAt: string;
  docs: Record<string, unknown>[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: { id: string; message: string }[];
}
