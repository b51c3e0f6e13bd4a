// Damage is never silent: the checks that decide whether a LevelDB folder can be opened, and
// whether what opened still holds what its projection saw. A damaged store is not rebuilt
// over; the files are kept as they were found and the user is offered `csm repair`.
import fs from 'node:fs';
import path from 'node:path';

/** What the projection recorded about the store as it last applied changes. */
export interface ProjectionRecord {
  identity: string | null;
  checkpoint: number;
  /** The store's document count at sequence `docsSeq` (absent in projections before it). */
  docs: number | null;
  docsSeq: number | null;
}

/** What the store says about itself once open. */
export interface StoreFacts {
  identity: string | null;
  docCount: number;
  updateSeq: number;
}

export class StoreDamagedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
  ) {
    super(
      `the local store in ${dataDir} is damaged (${reason}); nothing was changed or rebuilt: ` +
        'run `csm repair` to recover it',
    );
    this.name = 'StoreDamagedError';
  }
}

/** The folder LevelDB's files are linked into before an open, to keep them as found. */
export function asFoundDir(location: string): string {
  return `${location}.as-found`;
}

/**
 * Damage visible before opening: LevelDB files without a CURRENT (or with a CURRENT naming a
 * missing manifest). Opening such a folder would make LevelDB start a new, empty database and
 * delete the old files as obsolete.
 */
export function damageBeforeOpen(location: string): string | null {
  if (!fs.existsSync(location)) return null;
  const files = fs.readdirSync(location);
  const holdsData = files.some((f) => /\.(ldb|sst|log)$/.test(f) || f.startsWith('MANIFEST-'));
  if (!holdsData) return null;
  if (!files.includes('CURRENT')) return 'LevelDB CURRENT file is missing';
  const manifest = fs.readFileSync(path.join(location, 'CURRENT'), 'utf8').trim();
  if (!/^MANIFEST-\d+$/.test(manifest) || !files.includes(manifest)) {
    return `LevelDB CURRENT names a missing or invalid manifest (${JSON.stringify(manifest)})`;
  }
  return null;
}

/**
 * Links every LevelDB file into the as-found folder. LevelDB never rewrites a file in place
 * (it writes new files and deletes old ones), so the links keep the folder exactly as it was
 * before the open, at the cost of one link per file.
 */
export function keepAsFound(location: string): string | null {
  if (!fs.existsSync(location)) return null;
  const target = asFoundDir(location);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target);
  for (const f of fs.readdirSync(location)) {
    const from = path.join(location, f);
    if (!fs.statSync(from).isFile()) continue;
    try {
      fs.linkSync(from, path.join(target, f));
    } catch {
      fs.copyFileSync(from, path.join(target, f)); // a file system without hard links
    }
  }
  return target;
}

/**
 * Why an opened store cannot be trusted against its projection's record; null when it can.
 * Each sequence number after `docsSeq` can have removed at most one document.
 */
export function damageAfterOpen(
  store: StoreFacts,
  recorded: ProjectionRecord | null,
): string | null {
  if (!recorded) return null;
  const sameStore = recorded.identity !== null && recorded.identity === store.identity;
  if (sameStore) {
    if (store.updateSeq < recorded.checkpoint) {
      return `the store is at sequence ${store.updateSeq} but its index had seen ${recorded.checkpoint}`;
    }
    if (recorded.docs !== null && recorded.docsSeq !== null) {
      const least = recorded.docs - Math.max(0, store.updateSeq - recorded.docsSeq);
      if (store.docCount < least) {
        return `the store holds ${store.docCount} documents but its index recorded ${recorded.docs}`;
      }
    }
    return null;
  }
  // A store without its identity lost its own records; one with another identity is another
  // store (its projection is simply rebuilt).
  if (store.identity !== null) return null;
  if ((recorded.docs ?? 0) > store.docCount) {
    return `the store holds ${store.docCount} documents and lost its identity, but its index recorded ${recorded.docs}`;
  }
  if (recorded.checkpoint > store.updateSeq) {
    return `the store is at sequence ${store.updateSeq} and lost its identity, but its index had seen ${recorded.checkpoint}`;
  }
  return null;
}
