// Which accounts a health query covers: SQL over the projection's `accounts` table, built from
// the portfolio filters with bound parameters only.
import type { Database, Statement } from 'better-sqlite3';

export interface AccountScope {
  ownerCsm?: string[];
  tier?: string[];
  region?: string[];
  industry?: string[];
  accountId?: string;
  /** Churned accounts have no health and raise no alerts; the churn figures include them. */
  includeChurned?: boolean;
}

export interface ScopeSql {
  /** A subquery yielding account ids: use as `account_id IN (${sql})`. */
  sql: string;
  /** Named parameters (`@scope0` ...), so they bind wherever the subquery sits. */
  params: Record<string, string>;
}

const COLUMNS: [keyof AccountScope, string][] = [
  ['ownerCsm', 'owner_csm'],
  ['tier', 'tier'],
  ['region', 'region'],
  ['industry', 'industry'],
];

/** True when the scope names no account, CSM, tier, region or industry. */
export function isWholeTeam(scope: AccountScope): boolean {
  return (
    COLUMNS.every(([key]) => !(scope[key] as string[] | undefined)?.length) && !scope.accountId
  );
}

/**
 * The scope as `account_id IN (...)`, or `1 = 1` for the whole team: callers then drop rows of
 * accounts outside their account list (churned ones) themselves, which is cheaper than the
 * subquery over every row.
 */
export function scopeCondition(scope: AccountScope, column = 'account_id'): ScopeSql {
  if (isWholeTeam(scope)) return { sql: '1 = 1', params: {} };
  const s = scopeSql(scope);
  return { sql: `${column} IN (${s.sql})`, params: s.params };
}

/**
 * The scope as conditions on the `accounts` table under `alias` (e.g. `a.` for a join), joined
 * with AND; `1 = 1` when there are none.
 */
export function accountConditions(scope: AccountScope, alias = ''): ScopeSql {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const bind = (value: string) => {
    const name = `scope${Object.keys(params).length}`;
    params[name] = value;
    return `@${name}`;
  };
  if (!scope.includeChurned) where.push(`COALESCE(${alias}stage, '') <> 'churned'`);
  for (const [key, column] of COLUMNS) {
    const values = scope[key] as string[] | undefined;
    if (!values?.length) continue;
    where.push(`${alias}${column} IN (${values.map(bind).join(', ')})`);
  }
  if (scope.accountId) where.push(`${alias}id = ${bind(scope.accountId)}`);
  return { sql: where.length ? where.join(' AND ') : '1 = 1', params };
}

export function scopeSql(scope: AccountScope): ScopeSql {
  const c = accountConditions(scope);
  return { sql: `SELECT id FROM accounts WHERE ${c.sql}`, params: c.params };
}

/** Arguments for a statement: positional values first, then the scope's named ones. */
export function bindings(scope: ScopeSql, positional: unknown[] = []): unknown[] {
  return Object.keys(scope.params).length ? [...positional, scope.params] : positional;
}

/** Prepared statements per database connection (a rebuild opens a new one). */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = db.prepare(sql)));
  return statement;
}
