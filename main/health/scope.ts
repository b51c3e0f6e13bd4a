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

export function scopeSql(scope: AccountScope): ScopeSql {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const bind = (value: string) => {
    const name = `scope${Object.keys(params).length}`;
    params[name] = value;
    return `@${name}`;
  };
  if (!scope.includeChurned) where.push("COALESCE(stage, '') <> 'churned'");
  for (const [key, column] of COLUMNS) {
    const values = scope[key] as string[] | undefined;
    if (!values?.length) continue;
    where.push(`${column} IN (${values.map(bind).join(', ')})`);
  }
  if (scope.accountId) {
    where.push(`id = ${bind(scope.accountId)}`);
  }
  return {
    sql: `SELECT id FROM accounts${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params,
  };
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
