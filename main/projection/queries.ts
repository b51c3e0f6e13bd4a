// Read queries over the projection: get, filtered lists, full-text search and the account brief.
import type { Database, Statement } from 'better-sqlite3';
import type { ListFilters, SortField } from '../../shared/api/contract';
import { level3 } from '../../shared/domain/common';
import { apiError } from '../../shared/api/errors';
import type { ListPage, SearchHit } from '../../shared/api/types';
import type { EntityType } from '../../shared/domain/entities';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { AlertIndexQueries } from './queries/alertIndex';
import { CalendarQueries } from './queries/calendar';
import { CockpitQueries } from './queries/cockpit';
import { AccountTableQueries } from './queries/accountTable';
import { HealthQueries } from './queries/health';
import { RequirementQueries } from './queries/requirements';
import { TodayQueries } from './queries/today';
import { searchBody } from './searchText';
import { statementCache } from './statements';
import { queryTerms, snippet, toMatchQuery } from './tokenize';
import { enumOfField } from '../../shared/domain/entities/fieldEnums';
import { t, type Locale } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';

type Doc = Record<string, unknown> & { _id: string; type: string };

/** How many of the newest matches a search ranks (see search()). */
export const RANKED_WINDOW = 2000;

export interface ListQuery {
  type: EntityType;
  accountId?: string;
  filters: ListFilters;
  sort?: { field: SortField; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

const asList = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/** Filter -> SQL column, for accounts and for every other type. */
const ACCOUNT_FILTER_COLUMNS: Partial<Record<keyof ListFilters, string>> = {
  ownerCsm: 'a.owner_csm',
  consultant: 'a.consultant',
  tier: 'a.tier',
  lifecycleStage: 'a.stage',
  riskLevel: 'a.risk',
  industry: 'a.industry',
  region: 'a.region',
};
const DOC_FILTER_COLUMNS: Partial<Record<keyof ListFilters, string>> = {
  status: 'd.status',
  owner: 'd.owner',
  priority: 'd.priority',
};
const ACCOUNT_SORT: Partial<Record<SortField, string>> = {
  title: 'a.name',
  updatedAt: 'a.updated_at',
  tier: 'a.tier_rank',
  renewalDate: 'a.renewal_date',
  arr: 'a.arr',
};
const DOC_SORT: Partial<Record<SortField, string>> = {
  title: 'd.title',
  updatedAt: 'd.updated_at',
  date: 'd.date',
  dueDate: 'd.due_date',
  priority: 'd.priority',
  status: 'd.status',
};

const NEVER_NULL = new Set([
  'a.name',
  'a.updated_at',
  'a.tier_rank',
  'a.arr',
  'd.title',
  'd.updated_at',
]);

/**
 * `priority` means each type's own scale, stored as its rank in the `priority` column (see the
 * projector): an issue's priority, a risk case's risk level (high, medium, low).
 */
function priorityScale(type: string): readonly string[] | undefined {
  // Looked up on use, not at load: the scales live in the entity modules (zod schemas).
  if (type === 'issue') return issuePriorities;
  if (type === 'riskCase') return level3.options;
  return undefined;
}

function priorityRanks(type: string, values: string[]): number[] {
  const scale = priorityScale(type);
  if (!scale) notApplicable('filters', 'priority', type);
  return values.map((value) => {
    const rank = scale.indexOf(value);
    if (rank === -1) {
      throw apiError(
        'VALIDATION',
        'validation.invalidValue',
        `priority ${value} is not one of ${scale.join(', ')} for ${type}`,
        {},
        ['filters', 'priority'],
      );
    }
    return rank;
  });
}

function notApplicable(kind: 'filters' | 'sort', name: string, type: string): never {
  throw apiError(
    'VALIDATION',
    'validation.invalidValue',
    `${kind} ${name} does not apply to ${type}`,
    {},
    [kind, name],
  );
}

export class Queries {
  /** Takes a getter because a rebuild swaps the database underneath. */
  private readonly sql: (sql: string) => Statement;

  /** The Today screen's and the accounts table's reads. */
  readonly today: TodayQueries;
  /** The health model's reads. */
  readonly health: HealthQueries;
  /** The alert index (rows per account, kept current by main/health/alertIndex.ts). */
  readonly alertIndex: AlertIndexQueries;
  /** Today's groups, counted and paged. */
  readonly cockpit: CockpitQueries;
  /** The account list's page and export (sortable columns). */
  readonly accountTable: AccountTableQueries;
  /** The calendar feed's visits and tasks. */
  readonly calendar: CalendarQueries;
  /** The requirements library's reads (issue 16). */
  readonly requirements: RequirementQueries;

  constructor(private readonly dbOf: () => Database) {
    this.sql = statementCache(dbOf);
    this.today = new TodayQueries(dbOf);
    this.health = new HealthQueries(dbOf);
    this.alertIndex = new AlertIndexQueries(dbOf);
    this.cockpit = new CockpitQueries(dbOf);
    this.accountTable = new AccountTableQueries(dbOf);
    this.calendar = new CalendarQueries(dbOf);
    this.requirements = new RequirementQueries(dbOf);
  }

  getDoc(id: string): Doc | null {
    const row = this.sql('SELECT json FROM docs WHERE id = ?').get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Doc) : null;
  }

  docCount(): number {
    return (this.sql('SELECT count(*) AS c FROM docs').get() as { c: number }).c;
  }

  list(query: ListQuery): ListPage<Doc> {
    const isAccount = query.type === 'account';
    const where: string[] = [];
    const params: unknown[] = [];
    const columns = isAccount ? ACCOUNT_FILTER_COLUMNS : DOC_FILTER_COLUMNS;
    for (const [name, raw] of Object.entries(query.filters) as [
      keyof ListFilters,
      string | string[],
    ][]) {
      if (raw === undefined) continue;
      const column = columns[name];
      if (column) {
        let values: unknown[] = asList(raw);
        if (name === 'priority') values = priorityRanks(query.type, asList(raw));
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      } else if (name === 'q') {
        where.push(isAccount ? '(a.name LIKE ? OR a.name_en LIKE ?)' : 'd.title LIKE ?');
        const like = `%${String(raw).replace(/[%_]/g, '')}%`;
        params.push(like, ...(isAccount ? [like] : []));
      } else if (name === 'renewalBefore' && isAccount) {
        where.push('a.renewal_date <= ?');
        params.push(raw);
      } else if (name === 'dateFrom' && !isAccount) {
        where.push('d.date >= ?');
        params.push(raw);
      } else if (name === 'dateTo' && !isAccount) {
        where.push('d.date <= ?');
        params.push(`${raw}\uffff`);
      } else if (name === 'dueBefore' && !isAccount) {
        where.push('d.due_date <= ?');
        params.push(raw);
      } else {
        notApplicable('filters', name, query.type);
      }
    }
    if (query.accountId) {
      where.push(isAccount ? 'a.id = ?' : 'd.account_id = ?');
      params.push(query.accountId);
    }
    if (!isAccount) {
      where.unshift('d.type = ?');
      params.unshift(query.type);
    }
    const sortColumn = query.sort
      ? ((isAccount ? ACCOUNT_SORT : DOC_SORT)[query.sort.field] ??
        notApplicable('sort', query.sort.field, query.type))
      : isAccount
        ? 'a.name'
        : 'd.updated_at';
    const dir = query.sort?.dir === 'desc' ? 'DESC' : 'ASC';
    const defaultDir = query.sort ? dir : isAccount ? 'ASC' : 'DESC';
    // Empty values sort last; columns that are never empty skip the extra term so an index
    // on the column can serve the ORDER BY.
    const nullsLast = NEVER_NULL.has(sortColumn) ? '' : `${sortColumn} IS NULL, `;
    const from = isAccount ? 'accounts a JOIN docs d ON d.id = a.id' : 'docs d';
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.sql(`SELECT count(*) AS c FROM ${from} ${whereSql}`).get(...params) as {
        c: number;
      }
    ).c;
    const rows = this.sql(
      `SELECT d.json FROM ${from} ${whereSql}
         ORDER BY ${nullsLast}${sortColumn} ${defaultDir}, d.id LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as { json: string }[];
    return {
      items: rows.map((r) => JSON.parse(r.json) as Doc),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  search(q: string, opts: { types?: string[]; accountId?: string; limit: number }): SearchHit[] {
    return this.searchPage(q, { ...opts, offset: 0 }).hits;
  }

  /**
   * One page of search hits and the number of all matches (no silent cap: the palette says
   * "50 of 1,900" and asks for the next page). `locale` shows enum values in snippets by their
   * labels (小微客户, not micro).
   */
  searchPage(
    q: string,
    opts: {
      types?: string[];
      accountId?: string;
      limit: number;
      offset: number;
      locale?: Locale;
    },
  ): { hits: SearchHit[]; total: number } {
    const match = toMatchQuery(q);
    if (!match) return { hits: [], total: 0 };
    const where = ['search MATCH ?'];
    const params: unknown[] = [match];
    if (opts.types?.length) {
      where.push(`type IN (${opts.types.map(() => '?').join(', ')})`);
      params.push(...opts.types);
    }
    if (opts.accountId) {
      where.push('account_id = ?');
      params.push(opts.accountId);
    }
    // A very common word can match tens of thousands of documents and bm25 costs about a
    // microsecond per match, so ranking looks at the newest RANKED_WINDOW matches only (rowids
    // grow with creation), or as many as the page asked for reaches. Both steps run inside
    // FTS5; only the page is joined.
    const whereSql = where.join(' AND ');
    const total = this.sql(`SELECT count(*) FROM search WHERE ${whereSql}`)
      .pluck()
      .get(...params) as number;
    const window = Math.max(RANKED_WINDOW, opts.offset + opts.limit);
    const cutoff = this.sql(
      `SELECT rowid FROM search WHERE ${whereSql} ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
    )
      .pluck()
      .get(...params, window - 1) as number | undefined;
    const rows = this.sql(
      `SELECT d.id, d.type, d.account_id, d.title, d.json, s.score,
                COALESCE(a.name, '') AS account_name, a.name_en, a.tier, a.owner_csm,
                a.renewal_date
         FROM (SELECT rowid, bm25(search, 5.0, 1.0) AS score FROM search
               WHERE ${whereSql} AND rowid >= ? ORDER BY score, rowid DESC LIMIT ? OFFSET ?) s
         JOIN docs d ON d.n = s.rowid
         LEFT JOIN accounts a ON a.id = d.account_id
         ORDER BY s.score, s.rowid DESC`,
    ).all(...params, cutoff ?? 0, opts.limit, opts.offset) as {
      id: string;
      type: EntityType;
      account_id: string;
      title: string;
      json: string;
      score: number;
      account_name: string;
      name_en: string | null;
      tier: string | null;
      owner_csm: string | null;
      renewal_date: string | null;
    }[];
    const terms = queryTerms(q);
    const locale = opts.locale;
    const hits = rows.map((r) => {
      const doc = JSON.parse(r.json) as Doc;
      const relabel = locale
        ? (key: string, value: string) => {
            const name = enumOfField(r.type, key, value);
            return name ? enumLabel((k) => t(locale, k), name, value) : value;
          }
        : undefined;
      return {
        id: r.id,
        type: r.type,
        accountId: r.account_id,
        accountName: r.account_name,
        title: r.title,
        snippet: snippet(searchBody(doc, relabel) || r.title, terms),
        score: -r.score,
        account: {
          nameEn: r.name_en,
          tier: r.tier,
          ownerCsm: r.owner_csm,
          renewalDate: r.renewal_date,
        },
      };
    });
    return { hits, total };
  }

  /** The attachment documents of one document, oldest first (metadata only; bytes stay in PouchDB). */
  attachmentsOf(accountId: string, target: string): Doc[] {
    const rows = this.sql(
      `SELECT json FROM docs WHERE account_id = ? AND type = 'attachment'
         AND json_extract(json, '$.target') = ? ORDER BY id`,
    ).all(accountId, target) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Doc);
  }

  /** All live documents of one account, oldest first within each type. */
  accountDocs(accountId: string, excludeTypes: string[] = []): Doc[] {
    const rows = this.sql(
      `SELECT json FROM docs WHERE account_id = ?
         ${excludeTypes.length ? `AND type NOT IN (${excludeTypes.map(() => '?').join(', ')})` : ''}
         ORDER BY type, date, id`,
    ).all(accountId, ...excludeTypes) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Doc);
  }

  latestOfType(accountId: string, type: string, limit: number): Doc[] {
    const rows = this.sql(
      `SELECT json FROM docs WHERE account_id = ? AND type = ? ORDER BY date DESC, id DESC LIMIT ?`,
    ).all(accountId, type, limit) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Doc);
  }

  /** The highest readable issue number on an account (0 without one). */
  highestIssueNumber(accountId: string): number {
    const row = this.sql(
      `SELECT max(CAST(json_extract(json, '$.number') AS INTEGER)) AS n FROM docs
         WHERE account_id = ? AND type = 'issue'`,
    ).get(accountId) as { n: number | null };
    return row.n ?? 0;
  }

  accountRow(accountId: string): { renewal_date: string | null; arr: number } | undefined {
    return this.sql('SELECT renewal_date, arr FROM accounts WHERE id = ?').get(accountId) as
      { renewal_date: string | null; arr: number } | undefined;
  }

  /** The visit planned by `visitId`'s "next visit" date (see main/tasks/followUp.ts). */
  followUpVisit(accountId: string, visitId: string): Doc | null {
    const row = this.sql(
      `SELECT json FROM docs WHERE account_id = ? AND type = 'visit'
         AND json_extract(json, '$.followsVisit') = ? LIMIT 1`,
    ).get(accountId, visitId) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Doc) : null;
  }

  accountIds(): string[] {
    return (this.sql('SELECT id FROM accounts ORDER BY id').all() as { id: string }[]).map(
      (r) => r.id,
    );
  }
}
