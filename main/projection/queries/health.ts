// The health model's reads over the projection: its inputs for the accounts in a scope, and the
// health documents (scores, overrides, alert states) of those accounts.
import type { Database } from 'better-sqlite3';
import type { AccountInputs } from '../../../shared/domain/health/inputs';
import { loadInputs } from './healthInputs';
import { bindings, prepared, scopeCondition, type AccountScope } from './scope';

/** The health document types read by scope. */
export type HealthDocType = 'healthScore' | 'healthOverride' | 'alertState';

export class HealthQueries {
  constructor(private readonly dbOf: () => Database) {}

  /** The model's inputs of every account in scope, as of `today`. */
  inputs(scope: AccountScope, today: string): AccountInputs[] {
    return loadInputs(this.dbOf(), scope, today);
  }

  /** The health model's version documents (ids starting with `prefix`), oldest first. */
  modelVersions(prefix: string): Record<string, unknown>[] {
    const rows = prepared(
      this.dbOf(),
      `SELECT json FROM docs WHERE type = 'healthModel' AND substr(id, 1, ?) = ? ORDER BY id`,
    ).all(prefix.length, prefix) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }

  /** Every document of `type` belonging to the accounts in scope. */
  docsInScope(type: HealthDocType, scope: AccountScope): Record<string, unknown>[] {
    const s = scopeCondition(scope);
    const rows = prepared(this.dbOf(), `SELECT json FROM docs WHERE type = ? AND ${s.sql}`).all(
      ...bindings(s, [type]),
    ) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }
}
