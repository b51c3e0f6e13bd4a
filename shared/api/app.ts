// What the desktop app needs beyond the entities (issue 6): the Today screen, the filter choices
// of the accounts table, and demo data for a first run.
import { z } from 'zod';
import type { MethodSpec } from './spec';

export const todayInputSchema = z.strictObject({
  /** `mine`: accounts the acting user owns; `all`: every account in the store. */
  scope: z.enum(['mine', 'all']).default('mine'),
  /** How far ahead renewals and open action items are listed. */
  renewalDays: z.number().int().min(1).max(366).default(90),
  actionDays: z.number().int().min(0).max(60).default(14),
  limit: z.number().int().min(1).max(200).default(50),
});

export const appContract: Record<string, MethodSpec> = {
  'app.today': { input: todayInputSchema, access: 'read' },
  'app.accountFacets': { input: z.strictObject({}), access: 'read' },
  'app.loadDemo': {
    input: z.strictObject({
      accounts: z.number().int().min(1).max(5000).default(20),
      seed: z.number().int().min(0).default(1),
    }),
    access: 'write',
  },
};

export interface TodayVisit {
  id: string;
  accountId: string;
  accountName: string;
  purpose: string;
  date: string;
  time: string | null;
  status: string;
}
export interface TodayActionItem {
  docId: string;
  key: string;
  accountId: string;
  accountName: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
}
export interface TodayIssue {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  priority: string;
  status: string;
  dueDate: string | null;
}
export interface TodayRenewal {
  accountId: string;
  accountName: string;
  renewalDate: string;
  daysLeft: number;
  arr: number;
}
export interface TodayChange {
  id: string;
  accountId: string;
  accountName: string;
  at: string;
  by: string;
  action: string;
  targetId: string;
  targetType: string;
  targetTitle: string | null;
}
export interface Today {
  today: string;
  weekStart: string;
  weekEnd: string;
  accounts: number;
  visits: TodayVisit[];
  actionItems: TodayActionItem[];
  overdueIssues: TodayIssue[];
  renewals: TodayRenewal[];
  recentChanges: TodayChange[];
}
export interface AccountFacets {
  owners: string[];
  industries: string[];
  regions: string[];
  total: number;
}

export type AppMethods = {
  'app.today': { input: z.input<typeof todayInputSchema>; output: Today };
  'app.accountFacets': { input: Record<string, never>; output: AccountFacets };
  'app.loadDemo': {
    input: { accounts?: number; seed?: number };
    output: { accounts: number; docs: number };
  };
};
