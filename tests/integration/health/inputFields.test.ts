// An update is rescored only when it moves a field the health model reads (HEALTH_INPUT_FIELDS
// in main/health/rescore.ts). The list is checked against what the inputs are read from: every
// other field of the demo's documents, set to values of every kind in the projection (rolled
// back after each), leaves the account's inputs as they were; and the declared fields do move
// them, so the check can see a change. Then the API: a description edit is not rescored, a
// status edit is, before its call returns.
import type { Database } from 'better-sqlite3';
import type { Backend } from '../../../main/backend';
import { HEALTH_INPUT_FIELDS } from '../../../main/health/rescore';
import { healthScoreId } from '../../../main/health/recompute';
import { loadDemo } from '../../../main/demo/load';
import { safeTitle } from '../../../main/projection/loader';
import { Projector } from '../../../main/projection/projector';
import { loadInputs } from '../../../main/projection/queries/healthInputs';
import { SYSTEM_FIELD_NAMES } from '../../../shared/domain/common';
import { entities, type EntityType } from '../../../shared/domain/entities';
import { testClock } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

type Doc = Record<string, unknown> & { _id: string; accountId: string };

const OVERDUE_ITEM = {
  key: 'k',
  title: 't',
  task: 't',
  owner: 'zhang.wei',
  dueDate: '1990-01-01',
  done: false,
};
/** A value of every kind a field can hold (undefined: the field removed). */
const MUTATIONS: unknown[] = [
  undefined,
  'zz-mutated',
  '1990-01-01',
  '2999-12-31',
  0,
  7,
  true,
  false,
  [],
  ['decisionMaker'],
  [OVERDUE_ITEM],
  {},
];
const DOCS_PER_TYPE = 4;
const SYSTEM = new Set<string>([...SYSTEM_FIELD_NAMES, '_conflicts']);

let dir: string;
let backend: Backend;
let db: Database;
let projector: Projector;
const today = testClock.today();

beforeAll(async () => {
  dir = tempDir('input-fields');
  backend = await openBackend(dir);
  await loadDemo(backend.ctx.store, 12, { seed: 5, today, user: 'zhang.wei' });
  db = backend.ctx.store.projection.db;
  projector = new Projector(db, safeTitle);
}, 120_000);

afterAll(async () => {
  await backend?.close();
  removeDir(dir);
});

/** The richest documents of a type (most fields first) and its latest, from the projection. */
function docsOf(type: string): Doc[] {
  const rows = db
    .prepare(
      `SELECT json FROM (SELECT json FROM docs WHERE type = @type
                           ORDER BY length(json) DESC, id LIMIT @n)
       UNION SELECT json FROM (SELECT json FROM docs WHERE type = @type
                                 ORDER BY date DESC, id LIMIT @n)`,
    )
    .pluck()
    .all({ type, n: DOCS_PER_TYPE }) as string[];
  return rows.map((json) => JSON.parse(json) as Doc);
}

const inputsOf = (accountId: string) => JSON.stringify(loadInputs(db, { accountId }, today));
/** Each account's inputs as stored (every mutation below is rolled back). */
const stored = new Map<string, string>();

/** Whether writing `doc` with `field` set to `value` changes its account's inputs. */
function moves(doc: Doc, field: string, value: unknown): boolean {
  let before = stored.get(doc.accountId);
  if (before === undefined) stored.set(doc.accountId, (before = inputsOf(doc.accountId)));
  const mutated: Doc = { ...doc, _rev: `${doc._rev as string}-m` };
  if (value === undefined) delete mutated[field];
  else mutated[field] = value;
  db.exec('SAVEPOINT mutation');
  try {
    try {
      projector.apply([{ id: doc._id, doc: mutated }]);
    } catch {
      // A value the projection cannot take (a title that is no text, a contract's date that is
      // no date): the schemas refuse it, so no stored document has it.
      return false;
    }
    return inputsOf(doc.accountId) !== before;
  } finally {
    db.exec('ROLLBACK TO mutation; RELEASE mutation');
  }
}

describe.each(Object.keys(HEALTH_INPUT_FIELDS))('health inputs of %s', (type) => {
  it('are read from the declared fields only', () => {
    const docs = docsOf(type);
    expect(docs.length).toBeGreaterThan(0);
    const declared = new Set(HEALTH_INPUT_FIELDS[type]);
    const schemaFields = Object.keys(entities[type as EntityType].fields.shape);
    const undeclared = new Set<string>();
    for (const doc of docs) {
      const fields = new Set([...schemaFields, ...Object.keys(doc)]);
      for (const field of fields) {
        if (SYSTEM.has(field) || declared.has(field)) continue;
        if (MUTATIONS.some((value) => moves(doc, field, value))) undeclared.add(field);
      }
    }
    expect([...undeclared]).toEqual([]);
  });

  it('move with a declared field', () => {
    const docs = docsOf(type);
    const moving = HEALTH_INPUT_FIELDS[type].filter((field) =>
      docs.some((doc) => MUTATIONS.some((value) => moves(doc, field, value))),
    );
    expect(moving.length).toBeGreaterThan(0);
  });
});

describe('an issue update through the API', () => {
  /** An account's stored score made stale: an urgent issue written past the rescore. */
  async function staleScore(): Promise<{ accountId: string; scoreRev: string }> {
    const accountId = backend.ctx.queries.accountIds()[0];
    await backend.call('health.recompute', {});
    const actor = backend.actor();
    await backend.ctx.writer.commit(actor, {
      changes: [
        {
          kind: 'put',
          type: 'issue',
          accountId,
          fields: { title: '停机', priority: 'urgentFault', status: 'new', raisedOn: today },
        },
      ],
    });
    const score = await backend.ctx.store.get(healthScoreId(accountId));
    return { accountId, scoreRev: String(score?._rev) };
  }

  async function anIssueOf(accountId: string): Promise<Doc> {
    const list = await backend.call('issue.list', { accountId, limit: 1 });
    return list.items[0] as unknown as Doc;
  }

  it('that changes only the description is not rescored', async () => {
    const { accountId, scoreRev } = await staleScore();
    const issue = await anIssueOf(accountId);
    await backend.call('issue.update', {
      id: issue._id,
      rev: String(issue._rev),
      changes: { description: 'only the words' },
    });
    expect((await backend.ctx.store.get(healthScoreId(accountId)))?._rev).toBe(scoreRev);
  });

  it('that changes a health input is rescored before the call returns', async () => {
    const { accountId, scoreRev } = await staleScore();
    const issue = await anIssueOf(accountId);
    await backend.call('issue.update', {
      id: issue._id,
      rev: String(issue._rev),
      changes: { status: issue.status === 'inProgress' ? 'new' : 'inProgress' },
    });
    const score = await backend.ctx.store.get(healthScoreId(accountId));
    expect(score?._rev).not.toBe(scoreRev);
    const live = await backend.call('health.account', { accountId });
    expect(score?.score).toBe(live.score);
  });
});
