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

export const migrations: Migration[] = [
  { version: 10, up: initial },
  { version: 20, up: health },
  { version: 30, up: tasksAlerts },
  { version: 40, up: accountList },
  { version: 50, up: requirements },
  { version: 60, up: requirementAskFields },
];

export const LATEST_VERSION = migrations[migrations.length - 1].version;
