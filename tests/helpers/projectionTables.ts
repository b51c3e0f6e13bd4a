import type Database from 'better-sqlite3';

/** A projection's tables, the search index's own and SQLite's aside, by name. */
export function projectionTables(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search%'
       AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}
