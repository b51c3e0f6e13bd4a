// Numbered projection migrations, in tens. Never edit a shipped step; add the next one.
import type { Database } from 'better-sqlite3';
import { up as initial } from './0010-initial';
import { up as health } from './0020-health';
import { up as tasksAlerts } from './0030-tasks-alerts';
import { up as accountList } from './0040-account-list';
import { up as requirements } from './0050-requirements';
import { up as requirementAskFields } from './0060-requirement-ask-fields';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

// Each step is called through a function so that a start that only reads LATEST_VERSION loads no
// step (the compiled CLI loads a module on first use; a step's SQL can need the domain rules).
export const migrations: Migration[] = [
  { version: 10, up: (db) => initial(db) },
  { version: 20, up: (db) => health(db) },
  { version: 30, up: (db) => tasksAlerts(db) },
  { version: 40, up: (db) => accountList(db) },
  { version: 50, up: (db) => requirements(db) },
  { version: 60, up: (db) => requirementAskFields(db) },
];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
