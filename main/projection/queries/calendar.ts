// The calendar feed's reads: every visit (and, on request, every task of its own) of the chosen
// accounts, with the account's names, oldest first. Filters are the account's owner CSM and id.
import type { Database, Statement } from 'better-sqlite3';
import { statementCache } from '../statements';

export interface CalendarScope {
  /** Only accounts this login owns. */
  ownerCsm?: string;
  accountId?: string;
}

export interface CalendarRow {
  json: string;
  rev: string;
  accountId: string;
  accountName: string;
  accountNameEn: string | null;
}

export class CalendarQueries {
  private readonly sql: (sql: string) => Statement;

  constructor(dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  /** Documents of `type` (visit or task) in the scope's accounts, by date then id. */
  docs(type: 'visit' | 'task', scope: CalendarScope): CalendarRow[] {
    const where = ['d.type = @type'];
    if (scope.ownerCsm !== undefined) where.push('a.owner_csm = @ownerCsm');
    if (scope.accountId !== undefined) where.push('d.account_id = @accountId');
    return this.sql(
      `SELECT d.json, d.rev, d.account_id AS accountId, a.name AS accountName,
              a.name_en AS accountNameEn
       FROM docs d JOIN accounts a ON a.id = d.account_id
       WHERE ${where.join(' AND ')}
       ORDER BY d.date, d.due_date, d.id`,
    ).all({ type, ...scope }) as CalendarRow[];
  }

  /** How many accounts this login owns (to tell an unknown --csm from one without visits). */
  ownedAccounts(login: string): number {
    return this.sql('SELECT count(*) FROM accounts WHERE owner_csm = ?')
      .pluck()
      .get(login) as number;
  }
}
