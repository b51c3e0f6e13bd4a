// Starts the team server as a child process on 127.0.0.1 (a free port), as a user would, so a
// test can kill it like a crash and start it again on the same port and data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addUser,
  assignAccount,
  initServer,
  type ServerTarget,
} from '../../../main/sync/serverAdmin';
import type { TeamRole } from '../../../main/sync/designDoc';
import {
  loadStraight as loadDocs,
  startServerProcess as startProcess,
  type ServerProcess,
} from '../../../main/sync/serverProcess';

export const ADMIN = { user: 'admin', password: 'admin-secret' };
export const TEAM_DB = 'team';
export const PASSWORDS: Record<string, string> = {
  alice: 'alice-pw',
  bob: 'bob-pw',
  mona: 'mona-pw',
};

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export type { ServerProcess };

export function startServerProcess(
  dataDir = tempDir('team-server'),
  port = 0,
): Promise<ServerProcess> {
  return startProcess({ dataDir, port, adminUser: ADMIN.user, adminPassword: ADMIN.password });
}

export function target(url: string): ServerTarget {
  return { url, db: TEAM_DB, admin: ADMIN };
}

/** The team database with two CSMs and a manager; accounts assigned as given. */
export async function prepareTeam(
  url: string,
  assignments: Record<string, string[]> = {},
  roles: Record<string, TeamRole> = { alice: 'csm', bob: 'csm', mona: 'manager' },
): Promise<void> {
  await initServer(target(url));
  for (const [name, role] of Object.entries(roles)) {
    await addUser(target(url), name, role, PASSWORDS[name] ?? `${name}-pw`);
  }
  for (const [name, accountIds] of Object.entries(assignments)) {
    for (const accountId of accountIds) await assignAccount(target(url), accountId, name);
  }
}

/** Polls until `check` holds (or fails with the last value after `timeoutMs`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  let value = await probe();
  while (!check(value)) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(
        `timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 1500)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

export function loadStraight(dataDir: string, docs: Record<string, unknown>[]): Promise<void> {
  return loadDocs(dataDir, TEAM_DB, docs);
}
