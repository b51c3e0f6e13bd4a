// Backups that restore: conflicting revisions and history survive a round trip, an invalid or
// duplicate document stops the whole import (or is set aside on request), and a restore
// followed by a sync to a real team server on 127.0.0.1 creates no conflicts.
// Bounds: 3 demo accounts (about 150 documents), one team server, 120 s.
import fs from 'node:fs';
import { syncServiceOf } from '../../main/sync/service';
import type { BackupFile } from '../../shared/api/types';
import { validAccount } from '../fixtures/entities';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  waitFor,
} from '../integration/sync/teamServerProcess';
import { openAt, seededStore, tempDir } from './helpers';

jest.setTimeout(120_000);

const dirs: string[] = [];
const fresh = (label: string) => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type Doc = Record<string, unknown> & { _id: string; _rev: string };

/** A store with an account edited on two branches (a conflict, as replication leaves one). */
async function storeWithConflict(): Promise<{ dir: string; backup: BackupFile; id: string }> {
  const dir = fresh('fault-backup');
  const backend = await openAt(dir);
  try {
    const account = await backend.call('account.create', { data: validAccount as never });
    const store = backend.ctx.store;
    const rev = String(account._rev);
    const base = Number(rev.split('-')[0]);
    const branch = (hash: string, region: string) => ({
      ...(account as unknown as Doc),
      region,
      _rev: `${base + 1}-${hash}`,
      _revisions: { start: base + 1, ids: [hash, rev.split('-')[1]] },
    });
    await store.restore([branch('a'.repeat(32), '华北'), branch('b'.repeat(32), '华南')]);
    const backup = await backend.call('backup.export', {});
    return { dir, backup, id: account._id };
  } finally {
    await backend.close();
  }
}

describe('backup round trip', () => {
  it('keeps conflicting revisions and their history', async () => {
    const { backup, id } = await storeWithConflict();
    expect(backup.version).toBe(2);
    const winner = backup.docs.find((d) => d._id === id) as Doc;
    expect(winner._revisions).toMatchObject({ start: 2 });
    expect(backup.conflicts?.filter((d) => d._id === id)).toHaveLength(1);
    const target = fresh('fault-restore');
    const backend = await openAt(target);
    try {
      const report = await backend.call('backup.import', { backup });
      expect(report).toMatchObject({ created: backup.docs.length, conflictRevisions: 1 });
      const again = await backend.call('backup.export', {});
      const revs = (b: BackupFile) =>
        [...b.docs, ...(b.conflicts ?? [])]
          .filter((d) => d._id === id)
          .map((d) => [d._rev, d.region])
          .sort();
      expect(revs(again)).toEqual(revs(backup));
      expect((await backend.call('account.get', { id }))._conflicts).toHaveLength(1);
    } finally {
      await backend.close();
    }
  });

  it('refuses every invalid and duplicate document before writing, or sets invalid ones aside', async () => {
    const source = fresh('fault-backup-src');
    await seededStore(source, 3);
    let backend = await openAt(source);
    const backup = await backend.call('backup.export', {});
    await backend.close();
    const issues = backup.docs.filter((d) => d.type === 'issue');
    expect(issues.length).toBeGreaterThan(1);
    const bad = structuredClone(backup);
    for (const d of bad.docs.filter((x) => x.type === 'issue')) d.priority = 'whenever';
    const target = fresh('fault-backup-dst');
    backend = await openAt(target);
    try {
      const refused = await backend.dispatch('backup.import', { backup: bad });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.errors).toHaveLength(issues.length);
      expect(refused.errors.map((e) => e.params?.id).sort()).toEqual(
        issues.map((d) => d._id).sort(),
      );
      expect(refused.errors[0].path).toEqual(expect.arrayContaining(['priority']));
      expect((await backend.call('system.info', {})).docCount).toBe(0);

      const dup = structuredClone(backup);
      dup.docs.push(structuredClone(dup.docs[0]));
      const duplicate = await backend.dispatch('backup.import', { backup: dup });
      expect(duplicate.ok).toBe(false);
      if (!duplicate.ok) expect(duplicate.errors[0].messageKey).toBe('backup.duplicateId');
      expect((await backend.call('system.info', {})).docCount).toBe(0);

      const report = await backend.call('backup.import', { backup: bad, setAsideInvalid: true });
      expect(report.setAside.map((s) => s.id).sort()).toEqual(issues.map((d) => d._id).sort());
      const kept = JSON.parse(fs.readFileSync(report.setAsideFile!, 'utf8'));
      expect(kept.docs).toHaveLength(issues.length);
      expect(report.created).toBe(backup.docs.length - issues.length);
    } finally {
      await backend.close();
    }
  });
});

describe('restore, then sync', () => {
  it('meets the same revisions on the team server: no conflicts', async () => {
    const server = await startServerProcess();
    dirs.push(server.dataDir);
    const source = fresh('fault-sync-src');
    await seededStore(source, 3);
    let backend = await openAt(source);
    await prepareTeam(server.url);
    const connect = (b: typeof backend) =>
      b.call('sync.connect', {
        url: server.url,
        db: TEAM_DB,
        user: 'mona',
        password: PASSWORDS.mona,
        scope: 'all',
      });
    try {
      await connect(backend);
      await waitFor(
        'pushed',
        () => backend.call('sync.status', {}),
        (s) => s.state === 'upToDate',
      );
      const backup = await backend.call('backup.export', {});
      await syncServiceOf(backend.ctx).stop();
      await backend.close();

      // The laptop is lost; a new one restores the backup, then syncs with the team.
      const target = fresh('fault-sync-dst');
      backend = await openAt(target);
      await backend.call('backup.import', { backup });
      await connect(backend);
      const status = await waitFor(
        'synced',
        () => backend.call('sync.status', {}),
        (s) => s.state === 'upToDate',
      );
      expect(status.conflicts).toBe(0);
      expect((await backend.call('conflict.list', {})).items).toEqual([]);
    } finally {
      await syncServiceOf(backend.ctx).stop();
      await backend.close();
      await server.stop();
    }
  });
});
