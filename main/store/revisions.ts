// Documents with their revision history, for backups that restore: every live document's
// winning revision and each conflicting leaf, each with `_revisions` (its path of revision ids),
// so a restore with `new_edits: false` recreates the same revisions the team server knows.
import type { Pouch } from './pouch';

export type RevisedDoc = Record<string, unknown> & {
  _id: string;
  _rev: string;
  _revisions?: { start: number; ids: string[] };
};

const PAGE = 1000;

/** Every live document (not `_local`/`_design`): winners and conflicting leaves, with history. */
export async function readWithHistory(
  pouch: Pouch,
): Promise<{ docs: RevisedDoc[]; conflicts: RevisedDoc[] }> {
  const docs: RevisedDoc[] = [];
  const conflicts: RevisedDoc[] = [];
  let startkey: string | undefined;
  for (;;) {
    const page = await pouch.allDocs({
      include_docs: true,
      conflicts: true,
      limit: PAGE + (startkey === undefined ? 0 : 1),
      ...(startkey === undefined ? {} : { startkey }),
    });
    const rows = startkey === undefined ? page.rows : page.rows.slice(1);
    const wanted = rows.filter((r) => !r.id.startsWith('_') && r.doc);
    const winners = new Map(wanted.map((r) => [r.id, r.value.rev]));
    const requests = wanted.flatMap((r) => {
      const leaves = (r.doc as { _conflicts?: string[] })._conflicts ?? [];
      return [{ id: r.id, rev: r.value.rev }, ...leaves.map((rev) => ({ id: r.id, rev }))];
    });
    if (requests.length) {
      // With their files (base64): an attachment stub alone cannot be restored.
      const got = await pouch.bulkGet({ docs: requests, revs: true, attachments: true });
      for (const result of got.results) {
        for (const entry of result.docs) {
          if (!('ok' in entry))
            throw new Error(`cannot read ${result.id}: ${JSON.stringify(entry)}`);
          const { _conflicts, ...doc } = entry.ok as unknown as RevisedDoc & {
            _conflicts?: unknown;
          };
          void _conflicts;
          (winners.get(result.id) === doc._rev ? docs : conflicts).push(doc);
        }
      }
    }
    if (page.rows.length < PAGE + (startkey === undefined ? 0 : 1)) break;
    startkey = page.rows[page.rows.length - 1].id;
  }
  return { docs, conflicts };
}
