import Database from 'better-sqlite3';
import {
  LATEST_VERSION,
  migrate,
  ProjectionFromFutureError,
} from '../../../../main/projection/migrate';
import { migrations } from '../../../../main/projection/migrations';

describe('projection migrations', () => {
  it('are numbered in rising order', () => {
    const versions = migrations.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('bring an empty database to the latest version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['meta', 'docs', 'accounts', 'action_items', 'search']),
    );
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('refuse a database from a newer version', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    expect(() => migrate(db)).toThrow(ProjectionFromFutureError);
  });

  it('run all pending steps in one transaction: a failing step leaves the old schema', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 10, up: (d: Database.Database) => d.exec('CREATE TABLE a (x)') },
      {
        version: 20,
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('step 20 failed');
        },
      },
    ];
    expect(() => migrate(db, steps)).toThrow('step 20 failed');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT count(*) AS c FROM sqlite_master WHERE name IN ('a', 'b')").get(),
    ).toEqual({ c: 0 });
  });
});
