// Drafts of forms, kept in localStorage until the form is saved or its changes discarded: a
// reload, a crash (the error boundary) or a closed window loses nothing typed. Values are the
// form's own (dayjs dates included, stored as ISO text and turned back into dayjs on restore).
// The leave guard: which open forms hold unsaved changes, so a route change or closing the
// window asks first.
import dayjs, { isDayjs, type Dayjs } from 'dayjs';

const PREFIX = 'csm.draft.';

export interface Draft {
  values: Record<string, unknown>;
  /** ISO instant of the last change. */
  savedAt: string;
  /** The form's title and the route it was opened on, for the user to find it again. */
  title: string;
  href: string;
}

/** Form values -> JSON-safe (dayjs as `{ $day: ISO }`). */
export function toDraftValue(value: unknown): unknown {
  if (isDayjs(value)) return { $day: (value as Dayjs).format() };
  if (Array.isArray(value)) return value.map(toDraftValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toDraftValue(v);
    return out;
  }
  return value;
}

/** The reverse of toDraftValue. */
export function fromDraftValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromDraftValue);
  if (value && typeof value === 'object') {
    const day = (value as { $day?: unknown }).$day;
    if (typeof day === 'string' && Object.keys(value).length === 1) return dayjs(day);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromDraftValue(v);
    return out;
  }
  return value;
}

const storage = (): Storage | undefined => globalThis.localStorage;

export function saveDraft(key: string, draft: Omit<Draft, 'savedAt'>, now = new Date()): void {
  const stored: Draft = {
    ...draft,
    values: toDraftValue(draft.values) as Record<string, unknown>,
    savedAt: now.toISOString(),
  };
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(stored));
  } catch (error) {
    // A full quota: the form keeps working, the draft is not kept; say so in the console.
    console.error('draft not kept', error);
  }
}

export function loadDraft(key: string): Draft | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Draft;
    return { ...draft, values: fromDraftValue(draft.values) as Record<string, unknown> };
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

/** Every kept draft, newest first. */
export function listDrafts(): (Draft & { key: string })[] {
  const s = storage();
  if (!s) return [];
  const out: (Draft & { key: string })[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k?.startsWith(PREFIX)) continue;
    const d = loadDraft(k.slice(PREFIX.length));
    if (d) out.push({ ...d, key: k.slice(PREFIX.length) });
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

// ---- the leave guard ------------------------------------------------------------------------

export interface LeaveGuard {
  dirty(): boolean;
  /** Asks the user; resolves true when they chose to discard (the form has then closed). */
  confirmDiscard(): Promise<boolean>;
}

const guards = new Set<LeaveGuard>();

export function registerGuard(guard: LeaveGuard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

/** The first open form with unsaved changes, if any. */
export function dirtyGuard(): LeaveGuard | undefined {
  return [...guards].find((g) => g.dirty());
}

/** Closing or reloading the window with unsaved changes: the browser asks first. */
export function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (!dirtyGuard()) return;
  event.preventDefault();
  // Older Chromium (Electron) needs returnValue set to show the prompt.
  event.returnValue = '';
}
