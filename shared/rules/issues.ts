// Open, solved and overdue issues: one home for the status lists, so TypeScript filters and SQL
// WHERE clauses (built with sqlIn) cannot disagree. An issue is solved once fixed or closed;
// it is overdue when still open and its due day has passed (the due day itself is not overdue).
import { issueStatuses, type IssueStatus } from '../domain/entities/issue';

export const SOLVED_ISSUE_STATUSES = ['fixed', 'closed'] as const satisfies readonly IssueStatus[];
export const OPEN_ISSUE_STATUSES: readonly IssueStatus[] = issueStatuses.filter(
  (s) => !(SOLVED_ISSUE_STATUSES as readonly string[]).includes(s),
);

export function isOpenIssue(i: { status: string }): boolean {
  return (OPEN_ISSUE_STATUSES as readonly string[]).includes(i.status);
}

export function isSolvedIssue(i: { status: string }): boolean {
  return (SOLVED_ISSUE_STATUSES as readonly string[]).includes(i.status);
}

/** Open, with a due day before `asOf`. */
export function isOverdueIssue(
  i: { status: string; dueDate?: string | null },
  asOf: string,
): boolean {
  return isOpenIssue(i) && typeof i.dueDate === 'string' && i.dueDate < asOf;
}

/**
 * Open at the end of `day` (a review period's last day): raised by then, and either still open
 * or solved after that day. An issue records no solved date, so a solved issue last changed
 * after `day` counts as open on it (its last change is when it was solved, or later).
 */
export function isOpenIssueAsOf(
  i: { status: string; raisedOn: string; updatedAt?: string },
  day: string,
): boolean {
  if (i.raisedOn > day) return false;
  if (isOpenIssue(i)) return true;
  return typeof i.updatedAt === 'string' && i.updatedAt.slice(0, 10) > day;
}

/** A SQL list literal of fixed identifiers: ('new', 'inProgress'). */
export function sqlIn(values: readonly string[]): string {
  if (!values.length) throw new RangeError('sqlIn needs at least one value');
  return `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}

/** SQL condition: the issue row is open (`status` names the status column). */
export function openIssueSql(status = 'status'): string {
  return `${status} IN ${sqlIn(OPEN_ISSUE_STATUSES)}`;
}

/** SQL condition: open and due before the day bound to `asOf` (a parameter such as ? or @today). */
export function overdueIssueSql(asOf: string, status = 'status', dueDate = 'due_date'): string {
  return `${openIssueSql(status)} AND ${dueDate} < ${asOf}`;
}

/**
 * The tag of the readable issue number: the creator's initials from the login (`zhang.wei` ->
 * ZW, `li.na` -> LN, `admin` -> AD), so two laptops numbering offline never hand out the same
 * reference unless the same initials create issues on the same account while both are offline.
 */
export function issueNumberTag(login: string): string {
  const parts = login
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  if (parts.length === 0) return 'X';
  if (parts.length === 1) return parts[0].slice(0, 2);
  return parts
    .slice(0, 4)
    .map((p) => p[0])
    .join('');
}

/** The next number on an account: one above the highest it holds (1 for the first). */
export function nextIssueNumber(existing: readonly (number | null | undefined)[]): number {
  return existing.reduce<number>((max, n) => (typeof n === 'number' && n > max ? n : max), 0) + 1;
}

/** The readable reference `#12-ZW`; empty for an issue from before numbering. */
export function issueRef(i: { number?: number | null; numberTag?: string | null }): string {
  return typeof i.number === 'number' && i.numberTag ? `#${i.number}-${i.numberTag}` : '';
}
