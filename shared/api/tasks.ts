// Tasks and Today's cockpit (issue 13): a task's life (done, reassigned, rescheduled, commented)
// whatever document holds it, and Today's groups, each counted and paged.
import { z } from 'zod';
import { docIdSchema, isoDate, shortText } from '../domain/common';
import type { ListedAlert } from './health';
import type { TaskSource } from '../rules/tasks';
import type { MethodSpec } from './spec';
import type { TodayChange, TodayIssue, TodayRenewal, TodayVisit } from './app';

const revInput = z.string().regex(/^\d+-[0-9a-f]+$/, 'revision');

export const taskUpdateSchema = z
  .strictObject({
    /** The document holding the task (visit, risk case, success plan) or the task itself. */
    id: docIdSchema,
    /** The item's key in its list; empty for a task of its own. */
    key: z.string().trim().max(64).default(''),
    rev: revInput,
    done: z.boolean().optional(),
    /** A team member's login. */
    owner: shortText.optional(),
    dueDate: isoDate.optional(),
    comment: z.string().trim().min(1).max(2000).optional(),
  })
  .refine(
    (u) =>
      u.done !== undefined ||
      u.owner !== undefined ||
      u.dueDate !== undefined ||
      u.comment !== undefined,
    { message: 'nothing to change', params: { messageKey: 'tasks.nothingToChange' } },
  );

export const TODAY_GROUPS = ['visits', 'tasks', 'renewals', 'alerts', 'issues', 'changes'] as const;
export type TodayGroup = (typeof TODAY_GROUPS)[number];

export const todayGroupSchema = z.strictObject({
  group: z.enum(TODAY_GROUPS),
  /** `mine`: the acting user's accounts and tasks; `all`: the whole team. */
  scope: z.enum(['mine', 'all']).default('mine'),
  /** Account name or title contains (case-insensitive). */
  q: z.string().trim().min(1).max(200).optional(),
  /** Tasks: only the overdue ones. */
  overdueOnly: z.boolean().default(false),
  /** Alerts: one severity only. */
  severity: z.enum(['high', 'medium', 'low']).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(5),
});

export const tasksContract: Record<string, MethodSpec> = {
  'tasks.update': { input: taskUpdateSchema, access: 'write' },
  'today.group': { input: todayGroupSchema, access: 'read' },
};

export interface TodayTask {
  source: TaskSource;
  docId: string;
  /** The item's key in its list; empty for a task of its own. */
  key: string;
  /** The revision of the document holding the task (for tasks.update). */
  rev: string;
  accountId: string;
  accountName: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  /** The visit's day or the risk case's opening day: a due date may not be before it. */
  startsOn: string | null;
  overdue: boolean;
  comments: number;
}

export interface TodayGroupItems {
  visits: TodayVisit;
  tasks: TodayTask;
  renewals: TodayRenewal;
  alerts: ListedAlert;
  issues: TodayIssue;
  changes: TodayChange;
}

/** One group of Today: a page of its items and how many there are in all. */
export interface TodayPage<G extends TodayGroup = TodayGroup> {
  group: G;
  today: string;
  weekStart: string;
  weekEnd: string;
  /** Accounts in scope. */
  accounts: number;
  total: number;
  offset: number;
  items: TodayGroupItems[G][];
  /** Alerts: hidden (acknowledged, snoozed) ones not counted in total. */
  hidden?: number;
}

export type TasksMethods = {
  'tasks.update': {
    input: z.input<typeof taskUpdateSchema>;
    output: { id: string; rev: string };
  };
  'today.group': { input: z.input<typeof todayGroupSchema>; output: TodayPage };
};
