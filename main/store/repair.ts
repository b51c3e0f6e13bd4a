// `csm repair` (and the app's repair screen): recovers a damaged store. The folder is copied
// aside first, so the repair itself can lose nothing; then LevelDB's own repair runs on the
// files as they were found, then every document the projection holds (its `docs` table keeps
// each live document's JSON) and then a backup file fill in what LevelDB could not give back,
// each with its original revision (`new_edits: false`). The projection is rebuilt on next open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RepairReport } from '../../shared/api/types';
import { asFoundDir } from './damage';
import { durabilityOf, forgetDurability, repairLevelDb } from './durability';
import { openPouch, pouchLocation, type Pouch } from './pouch';
import type { RevisedDoc } from './revisions';
import { projectionFile } from './store';

export type { RepairReport };

export interface RepairOptions {
  dataDir: string;
  /** A parsed backup file (version 1 or 2), the last source. */
  backup?: { docs: Record<string, unknown>[]; conflicts?: Record<string, unknown>[] };
  now?: () => Date;
}

function copyAside(dataDir: string, now: Date): string {
  const target = path.join(dataDir, `repair-${now.toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(dataDir)) {
    if (name.startsWith('repair-')) continue;
    fs.cpSync(path.join(dataDir, name), path.join(target, name), { recursive: true });
  }
  return target;
}

/** Winning revision of every live document (not `_local`/`_design`). */
async function winners(pouch: Pouch): Promise<Map<string, string>> {
  const all = await pouch.allDocs();
  return new Map(all.rows.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, r.value.rev]));
}

const generation = (rev: string) => Number(rev.split('-')[0]);

/** The projection's documents that the store lacks or holds at an older revision. */
function fromProjectionCopy(file: string, have: Map<string, string>): RevisedDoc[] {
  if (!fs.existsSync(file)) return [];
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT id, rev, json FROM docs').iterate() as Iterable<{
      id: string;
      rev: string;
      json: string;
    }>;
    const restore: RevisedDoc[] = [];
    for (const row of rows) {
      const current = have.get(row.id);
      if (!row.rev || (current && generation(current) >= generation(row.rev))) continue;
      const { _conflicts, ...doc } = JSON.parse(row.json) as RevisedDoc & { _conflicts?: unknown };
      void _conflicts;
      // A revision one generation ahead most likely extends the store's: say so, or it would
      // stand beside it as a conflict.
      const [gen, hash] = row.rev.split('-');
      const ids = [hash];
      if (current && generation(current) === Number(gen) - 1) ids.push(current.split('-')[1]);
      restore.push({ ...doc, _id: row.id, _rev: row.rev, _revisions: { start: Number(gen), ids } });
    }
    return restore;
  } catch {
    return []; // a projection too damaged to read gives nothing; the report shows 0 from it
  } finally {
    db?.close();
  }
}

async function restoreMissing(pouch: Pouch, docs: RevisedDoc[]): Promise<number> {
  if (!docs.length) return 0;
  const before = await winners(pouch);
  await pouch.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
  const after = await winners(pouch);
  let changed = 0;
  for (const [id, rev] of after) if (before.get(id) !== rev) changed++;
  return changed;
}

export async function repairStore(options: RepairOptions): Promise<RepairReport> {
  const { dataDir } = options;
  const now = options.now?.() ?? new Date();
  const location = pouchLocation(dataDir);
  const copiedTo = copyAside(dataDir, now);
  // LevelDB's repair works on the files as they were before the failed open, if kept.
  const asFound = asFoundDir(location);
  if (fs.existsSync(asFound)) {
    fs.rmSync(location, { recursive: true, force: true });
    fs.cpSync(asFound, location, { recursive: true });
  }
  if (fs.existsSync(location)) await repairLevelDb(location);
  const pouch = openPouch(dataDir);
  try {
    const fromLevelDb = (await winners(pouch)).size;
    const projection = path.join(copiedTo, path.basename(projectionFile(dataDir)));
    const fromProjection = await restoreMissing(
      pouch,
      fromProjectionCopy(projection, await winners(pouch)),
    );
    let fromBackup = 0;
    if (options.backup) {
      const have = await winners(pouch);
      const missing = [...options.backup.docs, ...(options.backup.conflicts ?? [])].filter(
        (d) => typeof d._id === 'string' && !have.has(d._id),
      );
      // Version 2 documents keep their revisions; version 1 ones (no _rev) become new edits.
      const revised = missing.filter((d): d is RevisedDoc => typeof d._rev === 'string');
      fromBackup = await restoreMissing(pouch, revised);
      const plain = missing.filter((d) => typeof d._rev !== 'string');
      if (plain.length) {
        const results = await pouch.bulkDocs(plain as PouchDB.Core.PutDocument<object>[]);
        fromBackup += results.filter((r) => 'ok' in r && r.ok).length;
      }
    }
    const total = (await winners(pouch)).size;
    if (durabilityOf(location).failure) throw durabilityOf(location).failure!;
    return { copiedTo, fromLevelDb, fromProjection, fromBackup, total };
  } finally {
    await pouch.close();
    forgetDurability(location);
    // The projection is derived: rebuilt from the repaired store on the next open.
    for (const f of ['', '-wal', '-shm'])
      fs.rmSync(`${projectionFile(dataDir)}${f}`, { force: true });
    fs.rmSync(asFound, { recursive: true, force: true });
  }
}
