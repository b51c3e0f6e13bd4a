// PouchDB with its Node adapter (LevelDB on disk): the source of truth. Its LevelDB goes through
// the durable leveldown (durability.ts): writes are synced before they are acknowledged.
import path from 'node:path';
import PouchDB from 'pouchdb';
import { ulid } from '../../shared/domain/ids';
import { durableLeveldown } from './durability';

export type Pouch = PouchDB.Database;

export function pouchLocation(dataDir: string): string {
  return path.join(dataDir, 'workbench.pouch');
}

export function openPouch(dataDir: string): Pouch {
  return new PouchDB(pouchLocation(dataDir), {
    auto_compaction: false,
    db: durableLeveldown,
  } as PouchDB.Configuration.DatabaseConfiguration);
}

const IDENTITY_DOC = '_local/csm-projection-identity';

/** The store's identity if it has one yet (reading it never writes). */
export async function existingIdentity(pouch: Pouch): Promise<string | null> {
  try {
    const doc = (await pouch.get(IDENTITY_DOC)) as unknown as { value: string };
    return doc.value;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return null;
  }
}

/** A random id kept inside this PouchDB (never replicated), naming it for its projection. */
export async function storeIdentity(pouch: Pouch): Promise<string> {
  const existing = await existingIdentity(pouch);
  if (existing) return existing;
  const value = ulid();
  await pouch.put({ _id: IDENTITY_DOC, value } as unknown as PouchDB.Core.PutDocument<object>);
  return value;
}
