// Who wrote an entry and when are facts the backend records, not the caller: a new issue
// comment and a handover signature are stamped on write with the acting user and the one clock
// (shared/time/clock.ts), and an entry already stored keeps its own. A caller sends a new entry
// without `by`/`at` (a signature as `{}`); whatever it sends there is replaced.

type Fields = Record<string, unknown>;
type Entry = Record<string, unknown>;

export interface Stamp {
  /** The acting user's login. */
  by: string;
  /** ISO date-time from the backend's clock. */
  at: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Comments with a key the stored issue lacks get the stamp; stored ones keep author and time. */
function stampComments(before: unknown, after: unknown, stamp: Stamp): unknown {
  if (!Array.isArray(after)) return after;
  const stored = new Map<unknown, Entry>();
  for (const c of Array.isArray(before) ? (before as Entry[]) : []) stored.set(c.key, c);
  return (after as Entry[]).map((c) => {
    const old = stored.get(c?.key);
    if (!old) return { ...c, by: stamp.by, at: stamp.at };
    return { ...c, by: old.by, at: old.at };
  });
}

/** A signature the write adds or changes gets the stamp; one left as stored stays as it was. */
function stampSignOff(before: unknown, after: unknown, stamp: Stamp): unknown {
  if (!after || typeof after !== 'object') return after;
  const stored = (before ?? {}) as Fields;
  const next: Fields = { ...(after as Fields) };
  for (const side of ['sales', 'csm'] as const) {
    if (next[side] === undefined) continue;
    next[side] =
      stored[side] !== undefined && same(stored[side], next[side])
        ? stored[side]
        : { by: stamp.by, at: stamp.at };
  }
  return next;
}

/** The fields of a write of `type` with its new entries stamped (`before`: the stored fields). */
export function stampEntries(
  type: string,
  before: Fields | null,
  fields: Fields,
  stamp: Stamp,
): Fields {
  if (type === 'issue' && 'comments' in fields) {
    return { ...fields, comments: stampComments(before?.comments, fields.comments, stamp) };
  }
  if (type === 'handover' && 'signOff' in fields) {
    return { ...fields, signOff: stampSignOff(before?.signOff, fields.signOff, stamp) };
  }
  return fields;
}
