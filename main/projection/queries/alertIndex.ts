// The alert index (issue 15): each account's current alerts as rows, so the alert list and
// Today page, count and filter them with SQL. The rows are computed by the rules
// (shared/domain/health/alerts.ts, see main/health/alertIndex.ts); triggers on `docs` mark the
// accounts whose documents changed (`alert_dirty`) and mirror the alert states.
import type { Database, Statement } from 'better-sqlite3';
import type { AlertList, AlertState, ListedAlert } from '../../../shared/api/health';
import { alertRules, type Alert, type AlertRule } from '../../../shared/domain/health/alerts';
import { accountConditions, type AccountScope } from './scope';
import { statementCache } from '../statements';

const SEVERITIES = ['high', 'medium', 'low'] as const;
const STAMP_KEY = 'alerts.stamp';

export interface AlertIndexStamp {
  /** The day the rows were computed for. */
  day: string;
  /** The health model's revision they were computed with. */
  model: string;
}

export interface AlertIndexFilter {
  scope: AccountScope;
  today: string;
  rules?: AlertRule[];
  /** Rules left out (Today shows overdue action items and issues as tasks and issues). */
  exceptRules?: AlertRule[];
  severity?: Alert['severity'];
  /** Account name or alert target contains (case-insensitive). */
  q?: string;
  includeHidden: boolean;
  offset: number;
  limit: number;
}

type Row = Record<string, unknown>;

export class AlertIndexQueries {
  private readonly sql: (sql: string) => Statement;

  constructor(private readonly dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  stamp(): AlertIndexStamp | null {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(STAMP_KEY) as
      { value: string } | undefined;
    if (!row) return null;
    try {
      return JSON.parse(row.value) as AlertIndexStamp;
    } catch {
      return null;
    }
  }

  /** Accounts whose documents changed since the rows were computed; `names`: a name changed. */
  dirty(): { accountId: string; names: boolean }[] {
    return (
      this.sql('SELECT account_id, names FROM alert_dirty').all() as {
        account_id: string;
        names: number;
      }[]
    ).map((r) => ({ accountId: r.account_id, names: r.names === 1 }));
  }

  accountNames(): { id: string; name: string }[] {
    return this.sql('SELECT id, name FROM accounts').all() as { id: string; name: string }[];
  }

  /**
   * Replaces the rows of `accounts` (every row when 'all') by `alerts`, in one transaction;
   * clears those accounts' dirty marks and records the stamp; `ranks` replaces the name order.
   */
  replace(
    accounts: string[] | 'all',
    alerts: Alert[],
    stamp: AlertIndexStamp,
    ranks?: { id: string; rank: number }[],
  ): void {
    const db = this.dbOf();
    db.transaction(() => {
      if (accounts === 'all') {
        this.sql('DELETE FROM alert_rows').run();
        this.sql('DELETE FROM alert_dirty').run();
      } else {
        const delRows = this.sql('DELETE FROM alert_rows WHERE account_id = ?');
        const delDirty = this.sql('DELETE FROM alert_dirty WHERE account_id = ?');
        for (const id of accounts) {
          delRows.run(id);
          delDirty.run(id);
        }
      }
      if (ranks) {
        this.sql('DELETE FROM alert_account_rank').run();
        const rank = this.sql('INSERT INTO alert_account_rank (account_id, rank) VALUES (?, ?)');
        for (const r of ranks) rank.run(r.id, r.rank);
        // Names moved: every row of the accounts not evaluated now takes its new place.
        if (accounts !== 'all')
          this.sql(
            `UPDATE alert_rows SET name_rank = COALESCE(
               (SELECT rank FROM alert_account_rank k WHERE k.account_id = alert_rows.account_id), 0)`,
          ).run();
      }
      const insert = this.sql(
        `INSERT OR REPLACE INTO alert_rows
           (key, account_id, rule, rule_rank, severity, severity_rank, name_rank, target_id, params)
         VALUES (?, ?, ?, ?, ?, ?,
                 COALESCE((SELECT rank FROM alert_account_rank WHERE account_id = ?), 0), ?, ?)`,
      );
      for (const a of alerts)
        insert.run(
          a.key,
          a.accountId,
          a.rule,
          alertRules.indexOf(a.rule),
          a.severity,
          SEVERITIES.indexOf(a.severity),
          a.accountId,
          a.targetId ?? null,
          JSON.stringify(a.params),
        );
      this.sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
        STAMP_KEY,
        JSON.stringify(stamp),
      );
    })();
  }

  /** A page of alerts in scope, with the counts of the whole filtered list. */
  list(f: AlertIndexFilter): AlertList {
    const scope = accountConditions(f.scope, 'a.');
    const where = [scope.sql];
    const params: Record<string, unknown> = { ...scope.params, today: f.today };
    const listOf = (name: string, values: readonly string[]) =>
      values
        .map((v, i) => {
          params[`${name}${i}`] = v;
          return `@${name}${i}`;
        })
        .join(', ');
    if (f.rules?.length) where.push(`r.rule IN (${listOf('rule', f.rules)})`);
    if (f.exceptRules?.length) where.push(`r.rule NOT IN (${listOf('except', f.exceptRules)})`);
    if (f.severity) {
      where.push('r.severity = @severity');
      params.severity = f.severity;
    }
    if (f.q) {
      where.push(`(instr(lower(a.name), lower(@q)) > 0 OR instr(lower(r.params), lower(@q)) > 0)`);
      params.q = f.q;
    }
    const hidden = `(s.status = 'acknowledged' OR (s.status = 'snoozed' AND s.snoozed_until >= @today))`;
    const from = `FROM alert_rows r JOIN accounts a ON a.id = r.account_id
      LEFT JOIN alert_states s ON s.alert_key = r.key
      WHERE ${where.join(' AND ')}`;
    const counts = this.sql(
      `SELECT r.rule, r.severity, COALESCE(${hidden}, 0) AS hidden, COUNT(*) AS n ${from}
       GROUP BY r.rule, r.severity, 3`,
    ).all(params) as { rule: AlertRule; severity: Alert['severity']; hidden: number; n: number }[];
    let total = 0;
    let hiddenCount = 0;
    const byRule: AlertList['byRule'] = {};
    const bySeverity = { high: 0, medium: 0, low: 0 };
    for (const c of counts) {
      if (c.hidden) hiddenCount += c.n;
      if (c.hidden && !f.includeHidden) continue;
      total += c.n;
      byRule[c.rule] = (byRule[c.rule] ?? 0) + c.n;
      bySeverity[c.severity] += c.n;
    }
    const rows = this.sql(
      `SELECT r.key, r.account_id, r.rule, r.severity, r.target_id, r.params,
              a.name, a.owner_csm, a.tier, s.status, s.snoozed_until, s.note, s.by, s.at,
              COALESCE(${hidden}, 0) AS hidden
       ${from} ${f.includeHidden ? '' : `AND NOT COALESCE(${hidden}, 0)`}
       ORDER BY r.severity_rank, r.rule_rank, r.name_rank, r.key
       LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: f.limit, offset: f.offset }) as Row[];
    return {
      today: f.today,
      total,
      hidden: hiddenCount,
      byRule,
      bySeverity,
      items: rows.map(toListed),
    };
  }
}

function toListed(r: Row): ListedAlert {
  const state: AlertState | undefined = r.status
    ? {
        status: r.status as AlertState['status'],
        ...(r.snoozed_until ? { snoozedUntil: r.snoozed_until as string } : {}),
        ...(r.note ? { note: r.note as string } : {}),
        by: r.by as string,
        at: r.at as string,
      }
    : undefined;
  return {
    key: r.key as string,
    rule: r.rule as AlertRule,
    severity: r.severity as Alert['severity'],
    accountId: r.account_id as string,
    accountName: r.name as string,
    ownerCsm: (r.owner_csm as string | null) ?? null,
    tier: r.tier as string,
    ...(r.target_id ? { targetId: r.target_id as string } : {}),
    params: JSON.parse(r.params as string) as Alert['params'],
    ...(state ? { state } : {}),
    hidden: r.hidden === 1,
  };
}
