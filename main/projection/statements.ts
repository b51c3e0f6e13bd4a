// Prepared statements, kept per database: preparing costs more than running a small query.
import type { Database, Statement } from 'better-sqlite3';

const MAX_CACHED = 256;

/** Returns prepare(sql) that reuses statements until the database behind `dbOf` changes. */
export function statementCache(dbOf: () => Database): (sql: string) => Statement {
  let current: Database | undefined;
  const cache = new Map<string, Statement>();
  return (sql) => {
    const db = dbOf();
    if (db !== current || cache.size >= MAX_CACHED) {
      current = db;
      cache.clear();
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
