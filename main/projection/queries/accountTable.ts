// The account list's page and export: the account documents with their health score, ARR,
// renewal date, last touch and open issues, filtered as `account.list` filters and sorted on the
// backend by any of those columns (each has an index: migrations 0010, 0020, 0040).
import type { Database, Statement } from 'better-sqlite3';
import type { AccountListColumns, AccountSort } from '../../../shared/api/accounts';
import type { ListFilters } from '../../../shared/api/contract';
import { apiError } from '../../../shared/api/errors';
import { normaliseIndustry } from '../../../shared/rules/industry';
import { statementCache } from '../statements';

const SORT_COLUMNS: Record<AccountSort, { sql: string; nullable: boolean }> = {
  title: { sql: 'a.name', nullable: false },
  tier: { sql: 'a.tier_rank', nullable: false },
  updatedAt: { sql: 'a.updated_at', nullable: false },
  health: { sql: 'h.score', nullable: true },
  arr: { sql: 'a.arr', nullable: false },
  renewalDate: { sql: 'a.renewal_date', nullable: true },
  lastTouch: { sql: 's.last_touch', nullable: true },
  openIssues: { sql: 's.open_issues', nullable: false },
};

const FILTER_COLUMNS: Partial<Record<keyof ListFilters, string>> = {
  ownerCsm: 'a.owner_csm',
  consultant: 'a.consultant',
  tier: 'a.tier',
  lifecycleStage: 'a.stage',
  riskLevel: 'a.risk',
  industry: 'a.industry',
  region: 'a.region',
};

const FROM = `accounts a
  JOIN docs d ON d.id = a.id
  JOIN account_stats s ON s.account_id = a.id
  LEFT JOIN health_scores h ON h.account_id = a.id`;

export interface AccountTableQuery {
  filters: ListFilters;
  sort?: { field: AccountSort; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

type Row = {
  json: string;
  score: number | null;
  band: string | null;
  arr: number;
  renewal_date: string | null;
  last_touch: string | null;
  open_issues: number;
};

export class AccountTableQueries {
  private readonly sql: (sql: string) => Statement;

  constructor(dbOf: () => Database) {
    this.sql = statementCache(dbOf);
  }

  private where(filters: ListFilters): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [name, raw] of Object.entries(filters) as [keyof ListFilters, unknown][]) {
      if (raw === undefined) continue;
      const column = FILTER_COLUMNS[name];
      if (column) {
        let values = (Array.isArray(raw) ? raw : [raw]) as string[];
        // One value per industry: 金融 and Finance both ask for the finance accounts.
        if (name === 'industry') values = values.map((v) => normaliseIndustry(v) ?? v);
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      } else if (name === 'q') {
        where.push('(a.name LIKE ? OR a.name_en LIKE ?)');
        const like = `%${String(raw).replace(/[%_]/g, '')}%`;
        params.push(like, like);
      } else if (name === 'renewalBefore') {
        where.push('a.renewal_date <= ?');
        params.push(raw);
      } else {
        throw apiError(
          'VALIDATION',
          'validation.invalidValue',
          `filters ${name} does not apply to account`,
          {},
          ['filters', name],
        );
      }
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  private order(sort: AccountTableQuery['sort']): string {
    if (!sort) return 'a.name ASC, a.id';
    const column = SORT_COLUMNS[sort.field];
    const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
    // Empty values last in both directions; the account name breaks ties, then the id.
    const nullsLast = column.nullable ? `${column.sql} IS NULL, ` : '';
    return `${nullsLast}${column.sql} ${dir}, a.name, a.id`;
  }

  private rows(query: Omit<AccountTableQuery, 'offset' | 'limit'>, limit: number, offset: number) {
    const where = this.where(query.filters);
    return (
      this.sql(
        `SELECT d.json, h.score, h.band, a.arr, a.renewal_date, s.last_touch, s.open_issues
           FROM ${FROM} ${where.sql}
           ORDER BY ${this.order(query.sort)} LIMIT ? OFFSET ?`,
      ).all(...where.params, limit, offset) as Row[]
    ).map((r) => ({
      ...(JSON.parse(r.json) as Record<string, unknown> & { _id: string }),
      list: {
        health: r.score === null && r.band === null ? null : { score: r.score, band: r.band },
        arr: r.arr,
        renewalDate: r.renewal_date,
        lastTouch: r.last_touch,
        openIssues: r.open_issues,
      } satisfies AccountListColumns,
    }));
  }

  count(filters: ListFilters): number {
    const where = this.where(filters);
    return this.sql(`SELECT count(*) FROM accounts a ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  page(query: AccountTableQuery) {
    return {
      items: this.rows(query, query.limit, query.offset),
      total: this.count(query.filters),
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Every row of the view, for the export (no page limit: the file holds the whole view). */
  all(query: Omit<AccountTableQuery, 'offset' | 'limit'>) {
    return this.rows(query, -1, 0);
  }
}
