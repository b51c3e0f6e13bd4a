// A signed-off handover sheet is a statement both sides put their names to: an edit of its
// content after signing takes the signatures off, so sales and the CSM sign the edited sheet
// again. Signing itself (only `signOff` changes) keeps them.

type Fields = Record<string, unknown> & { signOff?: { sales?: unknown; csm?: unknown } };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which content fields (everything but `signOff`) differ between two versions of a sheet. */
export function handoverContentChanges(before: Fields, after: Fields): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('signOff');
  return [...keys].filter((k) => !same(before[k], after[k])).sort();
}

/**
 * The sign-off of the edited sheet: the signatures of `before` are dropped when the content
 * changed; a signature this same write adds is kept (the schema then requires sales first).
 * Returns whether signatures were dropped.
 */
export function signOffAfterEdit(
  before: Fields,
  after: Fields,
): { signOff: NonNullable<Fields['signOff']>; cleared: boolean } {
  const signOff = { ...(after.signOff ?? {}) };
  if (handoverContentChanges(before, after).length === 0) return { signOff, cleared: false };
  let cleared = false;
  for (const side of ['sales', 'csm'] as const) {
    if (before.signOff?.[side] && same(before.signOff[side], signOff[side])) {
      delete signOff[side];
      cleared = true;
    }
  }
  return { signOff, cleared };
}
