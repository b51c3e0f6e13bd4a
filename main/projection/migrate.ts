// Brings a projection database to the latest schema in one transaction, or refuses one from the future.
import type { Database } from 'better-sqlite3';
import { LATEST_VERSION, migrations, type Migration } from './migrations';

export class ProjectionFromFutureError extends Error {
  constructor(
    public readonly found: number,
    public readonly supported: number,
  ) {
    super(`projection schema ${found} is newer than this app supports (${supported})`);
    this.name = 'ProjectionFromFutureError';
  }
}

export function migrate(
  db: Database,
  steps: Migration[] = migrations,
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.length ? steps[steps.length - 1].version : 0;
  if (from > latest) throw new ProjectionFromFutureError(from, latest);
  const pending = steps.filter((s) => s.version > from);
  db.transaction(() => {
    for (const step of pending) step.up(db);
    if (pending.length) db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: pending.length ? latest : from };
}

export { LATEST_VERSION };
