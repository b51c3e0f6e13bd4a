// PouchDB with its Node adapter (LevelDB on disk): the source of truth.
import path from 'node:path';
import PouchDB from 'pouchdb';
import { ulid } from '../../shared/domain/ids';

export type Pouch = PouchDB.Database;

export function openPouch(dataDir: string): Pouch {
  return new PouchDB(path.join(dataDir, 'workbench.pouch'), { auto_compaction: false });
}

const IDENTITY_DOC = '_local/csm-projection-identity';

/** A random id kept inside this PouchDB (never replicated), naming it for its projection. */
export async function storeIdentity(pouch: Pouch): Promise<string> {
  try {
    const doc = (await pouch.get(IDENTITY_DOC)) as unknown as { value: string };
    return doc.value;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    const value = ulid();
    await pouch.put({ _id: IDENTITY_DOC, value } as unknown as PouchDB.Core.PutDocument<object>);
    return value;
  }
}
