// Gathers the health model's inputs for many accounts at once: one SQL query per source over
// the projection's tables, grouped by account, instead of parsing each account's documents.
import type { Database } from 'better-sqlite3';
import type { AccountInputs, KeyPerson } from '../../../shared/domain/health/inputs';
import type { Tier } from '../../../shared/domain/health/model';
import { openIssueSql, overdueIssueSql } from '../../../shared/rules/issues';
import { activeContractSql } from '../../../shared/rules/renewal';
import { actionItemSql, overdueTaskSql } from '../../../shared/rules/tasks';
import { bindings, prepared, scopeCondition, scopeSql, type AccountScope } from './scope';

type Row = Record<string, unknown>;

function byAccount<T>(rows: Row[], map: (row: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const id = row.account_id as string;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(map(row));
  }
  return out;
}

function parseRoles(text: unknown): string[] {
  try {
    const value = JSON.parse(String(text)) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export function loadInputs(db: Database, scope: AccountScope, today: string): AccountInputs[] {
  const s = scopeSql(scope);
  // Rows of accounts outside `accounts` (e.g. churned ones) are ignored when grouping below.
  const c = scopeCondition(scope);
  const all = (sql: string, ...extra: unknown[]) =>
    prepared(db, sql).all(...bindings(c, extra)) as Row[];
  const inScope = c.sql;

  const accounts = prepared(
    db,
    `SELECT id, name, tier, owner_csm, renewal_date FROM accounts WHERE id IN (${s.sql})
     ORDER BY id`,
  ).all(...bindings(s)) as Row[];

  const usage = byAccount(
    all(
      `SELECT account_id, date, purchased, activated, active FROM usage_points
       WHERE ${inScope} AND date <= ? ORDER BY account_id, date`,
      today,
    ),
    (r) => ({
      date: r.date as string,
      purchasedSeats: r.purchased as number,
      activatedUsers: r.activated as number,
      activeUsers: r.active as number,
    }),
  );

  const lastContact = new Map<string, string>();
  const noteContact = (rows: Row[]) => {
    for (const r of rows) {
      const d = r.last as string | null;
      const id = r.account_id as string;
      if (d && d > (lastContact.get(id) ?? '')) lastContact.set(id, d);
    }
  };
  noteContact(
    all(
      `SELECT account_id, MAX(date) AS last FROM docs
       WHERE type = 'visit' AND status = 'done' AND ${inScope} AND date <= ? GROUP BY account_id`,
      today,
    ),
  );
  noteContact(
    all(
      `SELECT account_id, MAX(date) AS last FROM docs
       WHERE type = 'touchpoint' AND ${inScope} AND date <= ? GROUP BY account_id`,
      today,
    ),
  );
  noteContact(
    all(
      `SELECT account_id, MAX(last_contact_on) AS last FROM contact_people
       WHERE ${inScope} AND last_contact_on <= ? GROUP BY account_id`,
      today,
    ),
  );

  const urgent = new Map<string, number>();
  for (const r of all(
    `SELECT account_id, COUNT(*) AS n FROM docs
     WHERE type = 'issue' AND ${openIssueSql()} AND priority = 0 AND ${inScope}
     GROUP BY account_id`,
  ))
    urgent.set(r.account_id as string, r.n as number);

  const overdueIssues = byAccount(
    all(
      `SELECT id, account_id, title, owner, due_date FROM docs
       WHERE type = 'issue' AND ${overdueIssueSql('?')} AND ${inScope}
       ORDER BY due_date, id`,
      today,
    ).map((r) => r),
    (r) => ({
      ref: r.id as string,
      title: r.title as string,
      owner: (r.owner as string | null) ?? null,
      dueDate: r.due_date as string,
    }),
  );

  const overdueActions = byAccount(
    all(
      `SELECT doc_id, item_key, account_id, title, owner, due_date FROM action_items
       WHERE ${overdueTaskSql('?')} AND ${actionItemSql()} AND ${inScope}
       ORDER BY due_date, doc_id, item_key`,
      today,
    ),
    (r) => ({
      ref: `${r.doc_id as string}#${r.item_key as string}`,
      title: r.title as string,
      owner: (r.owner as string | null) ?? null,
      dueDate: r.due_date as string,
    }),
  );

  const contacts = byAccount(
    all(
      `SELECT doc_id, account_id, name, roles, stance, active, left_on FROM contact_people
       WHERE ${inScope} ORDER BY doc_id`,
    ),
    (r): KeyPerson => ({
      id: r.doc_id as string,
      name: r.name as string,
      roles: parseRoles(r.roles),
      active: r.active === 1,
      stance: (r.stance as KeyPerson['stance'] | null) ?? 'neutral',
      leftOn: (r.left_on as string | null) ?? undefined,
    }),
  );

  const contracts = new Map<string, { active: number; unpaid: number }>();
  for (const r of all(
    `SELECT account_id, COUNT(*) AS active, SUM(paid = 0) AS unpaid FROM contract_terms
     WHERE ${activeContractSql()} AND ${inScope} GROUP BY account_id`,
  ))
    contracts.set(r.account_id as string, {
      active: r.active as number,
      unpaid: r.unpaid as number,
    });

  // The latest NPS answer of each respondent counts once.
  const nps = new Map<string, number[]>();
  let previous = '';
  for (const r of all(
    `SELECT account_id, respondent, score FROM survey_scores
     WHERE kind = 'nps' AND date <= ? AND ${inScope}
     ORDER BY account_id, respondent, date DESC, doc_id DESC`,
    today,
  )) {
    const who = `${r.account_id as string}\u0000${(r.respondent as string | null) ?? ''}`;
    if (who === previous) continue;
    previous = who;
    const list = nps.get(r.account_id as string) ?? [];
    list.push(r.score as number);
    nps.set(r.account_id as string, list);
  }

  return accounts.map((a) => {
    const id = a.id as string;
    const c = contracts.get(id);
    return {
      accountId: id,
      name: a.name as string,
      tier: a.tier as Tier,
      ownerCsm: (a.owner_csm as string | null) ?? null,
      usage: usage.get(id) ?? [],
      lastContactOn: lastContact.get(id) ?? null,
      openUrgentIssues: urgent.get(id) ?? 0,
      overdueIssues: overdueIssues.get(id) ?? [],
      overdueActions: overdueActions.get(id) ?? [],
      contacts: contacts.get(id) ?? [],
      renewalDate: (a.renewal_date as string | null) ?? null,
      activeContracts: c?.active ?? 0,
      unpaidContracts: c?.unpaid ?? 0,
      npsScores: nps.get(id) ?? [],
    };
  });
}
