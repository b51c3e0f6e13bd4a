// Editing one element of a list inside a document (a deliverable, a phase, a criterion, a scope
// line): what the user changed, applied on the newest known version of that list, so a save after
// a stale-revision conflict keeps the other person's edits to other items and other fields.
import { compact, type FieldError } from './forms';

type Fields = Record<string, unknown>;

/**
 * The element a form edits: keyed items by their `key`, plain text lines (SOW scope) by their
 * text. `path` is where the list sits in the document, e.g. ['deliverables'], ['scope', 'partyA'].
 */
export type ItemRef = { path: string[]; key: string } | { path: string[]; text: string };

/** The form field a plain text line is edited in. */
export const TEXT_FIELD = 'text';

/** Fields typed in a form that differ from the version it was opened from, and those cleared. */
export function changesSince(
  original: Fields | null,
  values: Fields,
): { changes: Fields; cleared: string[] } {
  const typed = compact(values) as Fields;
  const changes: Fields = {};
  for (const [k, v] of Object.entries(typed)) {
    if (!original || JSON.stringify(v) !== JSON.stringify(original[k])) changes[k] = v;
  }
  const cleared = original ? Object.keys(values).filter((k) => !(k in typed) && k in original) : [];
  return { changes, cleared };
}

export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const step of path) at = (at as Record<string | number, unknown> | undefined)?.[step];
  return at;
}

function setIn(value: unknown, path: readonly string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const obj = (value ?? {}) as Fields;
  return { ...obj, [head]: setIn(obj[head], rest, next) };
}

function indexIn(list: unknown[], ref: ItemRef): number {
  return 'key' in ref
    ? list.findIndex((i) => (i as { key?: string } | null)?.key === ref.key)
    : list.indexOf(ref.text);
}

/** The element `ref` names in a document, as form fields; undefined when it is not there. */
export function itemIn(doc: Fields, ref: ItemRef): Fields | undefined {
  const list = (getIn(doc, ref.path) as unknown[] | undefined) ?? [];
  const at = indexIn(list, ref);
  if (at < 0) return undefined;
  return 'key' in ref ? (list[at] as Fields) : { [TEXT_FIELD]: list[at] };
}

export interface ItemEdit {
  /** The document's top-level field holding the list, with the list as it should be saved. */
  values: Fields;
  /** Where the edited element ends up (-1 when removed): the prefix of its error paths. */
  errorPrefix: (string | number)[];
  /** The element's fields as typed (changed ones only) and as the form first showed them. */
  mine: Fields;
  original: Fields;
}

/**
 * Applies an edit (`values`) or a removal (null) of one element to the list in `current`, the
 * newest known version of the document; `opened` is the version the form was opened from. An
 * element the newer version no longer has is added back, so nothing typed is lost.
 */
export function applyItemEdit(
  current: Fields,
  opened: Fields,
  ref: ItemRef,
  values: Fields | null,
): ItemEdit {
  const list = [...((getIn(current, ref.path) as unknown[] | undefined) ?? [])];
  const at = indexIn(list, ref);
  const openedItem = itemIn(opened, ref);
  const original = openedItem ?? {};

  let index = -1;
  let mine: Fields = {};
  if (values === null) {
    if (at >= 0) list.splice(at, 1);
  } else {
    const { changes, cleared } = changesSince(openedItem ?? null, values);
    mine = changes;
    let item: unknown;
    if ('key' in ref) {
      const merged: Fields = { ...(at >= 0 ? (list[at] as Fields) : original), ...changes };
      for (const k of cleared) delete merged[k];
      item = { ...merged, key: ref.key };
    } else {
      // A cleared line is saved empty, so the schema's error lands on the text field.
      if (TEXT_FIELD in changes) item = changes[TEXT_FIELD];
      else item = cleared.includes(TEXT_FIELD) ? '' : (list[at] ?? ref.text);
    }
    if (at >= 0) list[at] = item;
    else list.push(item);
    index = at >= 0 ? at : list.length - 1;
  }
  const [top, ...rest] = ref.path;
  return {
    values: { [top]: setIn(current[top], rest, list) },
    errorPrefix: [...ref.path, index],
    mine,
    original,
  };
}

/**
 * Errors under `prefix` (the edited element) renamed to the element's own field names; a plain
 * text line's own error goes to its text field. Other errors keep their full path.
 */
export function relativeTo(fields: FieldError[], prefix: (string | number)[]): FieldError[] {
  if (prefix.length === 0) return fields;
  const under = (name: (string | number)[]) =>
    name.length >= prefix.length && prefix.every((p, i) => name[i] === p);
  return fields.map((f) => {
    if (!under(f.name)) return f;
    const rest = f.name.slice(prefix.length);
    return { ...f, name: rest.length ? rest : [TEXT_FIELD] };
  });
}
