// Documents each workbench computes for itself and never replicates. A health score is a pure
// function of replicated inputs (the documents, the team's model, the overrides) and of the day;
// were it replicated, two laptops recomputing on the same day would each write a revision of
// `healthScore:<key>:current` and make a conflict a person must resolve. So it stays local: the
// push selector leaves it out, the pull selector never asks for it, and every machine (the
// manager's included) recomputes it from the replicated inputs. See docs/health.md.
export const LOCAL_ONLY_TYPES = ['healthScore'] as const;

const LOCAL_ONLY_PREFIXES = LOCAL_ONLY_TYPES.map((type) => `${type}:`);

/** Whether a document (by id; ids begin with their type) is replicated. */
export function isReplicated(id: string): boolean {
  return !LOCAL_ONLY_PREFIXES.some((prefix) => id.startsWith(prefix));
}

/** A regular-expression prefix refusing the local-only types (CouchDB and PouchDB both take it). */
export const REPLICATED_ID_PATTERN = `^(?!${LOCAL_ONLY_TYPES.map((t) => `${t}:`).join('|')})`;

/**
 * Every replicated document, as a selector: the push's (PouchDB evaluates it on the local
 * changes feed) and the whole team's pull. A selector rather than a filter function keeps the
 * replication ids, and so the checkpoints, stable between app versions.
 */
export const REPLICATED_SELECTOR: Record<string, unknown> = {
  _id: { $regex: REPLICATED_ID_PATTERN },
};
