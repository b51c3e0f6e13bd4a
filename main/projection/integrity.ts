// The projection's check on every open, also after a clean shutdown (damage made while the app
// was closed: a bad disk block, a sync tool, a half-copied folder). SQLite's quick_check reads
// every page and checks each b-tree (tables, indexes and the FTS5 shadow tables); FTS5's own
// structure record is then read by a one-row query. Its cost at 5,000 demo accounts is in
// docs/reliability.md.
import type { Database as Db } from 'better-sqlite3';

/** The first problem found, or null when the file is sound. */
export function integrityProblem(db: Db): string | null {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  const first = rows[0]?.quick_check ?? 'no answer';
  if (first !== 'ok') return first;
  try {
    db.prepare("SELECT rowid FROM search WHERE search MATCH 'a*' LIMIT 1").get();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}
