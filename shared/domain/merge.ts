// Three-way merge of a document's conflicting revisions against their common ancestor: a field
// changed on one side only takes that change; a field changed differently on several sides is a
// clash for a person to decide. Pure: the sync engine and the Conflicts view both use it.

type Doc = Record<string, unknown>;

/** Fields that say who wrote a revision, not what it says: never merged, never a clash. */
export const MERGE_IGNORED_FIELDS: readonly string[] = [
  '_id',
  '_rev',
  '_revisions',
  '_conflicts',
  '_deleted',
  'updatedAt',
  'updatedBy',
];
const IGNORED = new Set(MERGE_IGNORED_FIELDS);

export interface FieldMerge {
  field: string;
  /** The ancestor's value (undefined: the field was absent or the ancestor is unknown). */
  base: unknown;
  /** Each version's value, in the order the versions were given. */
  values: unknown[];
  /** Several versions changed the field to different values. */
  clash: boolean;
  /** The merged value when there is no clash (undefined removes the field). */
  merged?: unknown;
}

export interface MergeResult {
  /** The merged document (clashing fields hold the first version's value until decided). */
  merged: Doc;
  fields: FieldMerge[];
  clashes: string[];
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Doc)
      .sort()
      .filter((k) => (value as Doc)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Doc)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Merges `versions` (two or more revisions of one document) against `base`, their common
 * ancestor. Without an ancestor (null) every field the versions disagree on is a clash.
 */
export function mergeVersions(base: Doc | null, versions: Doc[]): MergeResult {
  if (versions.length === 0) throw new Error('mergeVersions needs at least one version');
  const names = new Set<string>();
  for (const doc of [base ?? {}, ...versions]) for (const k of Object.keys(doc)) names.add(k);
  const merged: Doc = {};
  const fields: FieldMerge[] = [];
  const clashes: string[] = [];
  for (const field of [...names].sort()) {
    if (IGNORED.has(field)) continue;
    const baseValue = base ? base[field] : undefined;
    const values = versions.map((v) => v[field]);
    const outcome = mergeValue(base !== null, baseValue, values);
    if (outcome.clash) clashes.push(field);
    const value = outcome.clash ? values[0] : outcome.value;
    if (value !== undefined) merged[field] = value;
    fields.push({
      field,
      base: baseValue,
      values,
      clash: outcome.clash,
      ...(outcome.clash ? {} : { merged: outcome.value }),
    });
  }
  return { merged, fields, clashes };
}

type Outcome = { clash: true } | { clash: false; value: unknown };

/** One value against its ancestor: unchanged, changed on one side only, or a clash. */
function mergeValue(hasBase: boolean, baseValue: unknown, values: unknown[]): Outcome {
  const changed = hasBase ? values.filter((v) => !sameValue(v, baseValue)) : values;
  const distinct = new Map<string, unknown>();
  for (const v of changed) distinct.set(canonical(v), v);
  if (distinct.size === 0) return { clash: false, value: baseValue };
  if (distinct.size === 1) return { clash: false, value: [...distinct.values()][0] };
  if (hasBase && isKeyedList(baseValue) && values.every(isKeyedList)) {
    return mergeKeyedLists(baseValue, values as KeyedItem[][]);
  }
  return { clash: true };
}

type KeyedItem = Doc & { key: string };

/** Lists of objects with a unique `key` (action items, phases ...): merged item by item. */
function isKeyedList(value: unknown): value is KeyedItem[] {
  if (!Array.isArray(value)) return false;
  const keys = new Set<string>();
  for (const item of value) {
    if (!item || typeof item !== 'object' || typeof (item as Doc).key !== 'string') return false;
    keys.add((item as KeyedItem).key);
  }
  return keys.size === value.length;
}

/**
 * Items added on any side are kept, an item removed on one side and untouched on the others is
 * removed, and an item's fields merge like a document's. An item changed differently on two
 * sides, or removed on one and changed on another, makes the whole list a clash.
 */
function mergeKeyedLists(base: KeyedItem[], versions: KeyedItem[][]): Outcome {
  const byKey = (list: KeyedItem[]) => new Map(list.map((item) => [item.key, item]));
  const baseItems = byKey(base);
  const versionItems = versions.map(byKey);
  const order: string[] = base.map((item) => item.key);
  for (const list of versions) {
    for (const item of list) if (!order.includes(item.key)) order.push(item.key);
  }
  const result: KeyedItem[] = [];
  for (const key of order) {
    const baseItem = baseItems.get(key);
    const items = versionItems.map((m) => m.get(key));
    const present = items.filter((i): i is KeyedItem => i !== undefined);
    if (!baseItem) {
      // Added: by one side, or identically by several.
      const added = new Set(present.map(canonical));
      if (added.size > 1) return { clash: true };
      result.push(present[0]);
      continue;
    }
    if (present.length < items.length) {
      // Removed somewhere: only if no side changed it.
      if (present.some((i) => !sameValue(i, baseItem))) return { clash: true };
      continue;
    }
    const merged = mergeVersions(baseItem, present);
    if (merged.clashes.length) return { clash: true };
    result.push({ ...merged.merged, key } as KeyedItem);
  }
  return { clash: false, value: result };
}

/**
 * Applies a person's decisions: `choices` names, per field, the index of the version whose
 * value wins. Every clash must be decided; choices on non-clashing fields override the merge.
 */
export function applyChoices(
  result: MergeResult,
  versions: Doc[],
  choices: Record<string, number>,
): { merged: Doc; undecided: string[] } {
  const merged: Doc = { ...result.merged };
  for (const [field, index] of Object.entries(choices)) {
    if (IGNORED.has(field)) continue;
    const version = versions[index];
    if (!version) continue;
    if (version[field] === undefined) delete merged[field];
    else merged[field] = version[field];
  }
  const undecided = result.clashes.filter((f) => !(f in choices) || !versions[choices[f]]);
  return { merged, undecided };
}

/** Revision ids of a document's history, newest first, from PouchDB's `_revisions`. */
export function revisionHistory(revisions: { start: number; ids: string[] }): string[] {
  return revisions.ids.map((hash, i) => `${revisions.start - i}-${hash}`);
}

/** The newest revision every history shares (histories newest first); null when none. */
export function commonAncestor(histories: string[][]): string | null {
  if (histories.length === 0) return null;
  const others = histories.slice(1).map((h) => new Set(h));
  for (const rev of histories[0]) if (others.every((s) => s.has(rev))) return rev;
  return null;
}
