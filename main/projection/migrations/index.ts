// Numbered projection migrations, in tens. Never edit a shipped step; add the next one.
import type { Database } from 'better-sqlite3';
import { up as initial } from './0010-initial';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [{ version: 10, up: initial }];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
