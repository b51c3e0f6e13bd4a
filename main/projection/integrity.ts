// The projection's check on every open, also after a clean shutdown (damage made while the app
// was closed: a bad disk block, a sync tool, a half-copied folder). A full quick_check reads
// every page (1.2-1.4 s at 5,000 demo accounts, a 391 MB file), too slow for every open; so
// every table but `docs` gets its b-tree checked (quick_check(table): the FTS5 shadow tables,
// the accounts and health tables, about 0.1-0.2 s together at that size), then FTS5 reads its
// structure record. `docs` (0.4-0.7 s alone) gets the full check after an unclean shutdown;
// damage there shows as an error on the first read rather than as wrong answers.
import type { Database as Db } from 'better-sqlite3';

/** Tables too big to check on every open (checked in full after an unclean shutdown). */
const SKIPPED = new Set(['docs']);

/** The first problem found, or null when the file is sound. */
export function integrityProblem(db: Db): string | null {
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      if (SKIPPED.has(name)) continue;
      const result = db.pragma(`quick_check("${name.replaceAll('"', '""')}")`, { simple: true });
      if (result !== 'ok') return `${name}: ${String(result)}`;
    }
    db.prepare("SELECT rowid FROM search WHERE search MATCH 'a*' LIMIT 1").get();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}
