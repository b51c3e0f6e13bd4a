// Window size and position, remembered between runs in a small JSON file in userData.
import fs from 'node:fs';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}
export interface WindowState extends WindowBounds {
  maximized?: boolean;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820 };

const isSize = (n: unknown, min: number) =>
  typeof n === 'number' && Number.isFinite(n) && n >= min && n <= 20_000;
const isPos = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 50_000;

/** Reads the saved state; a missing or damaged file gives the default, never an error. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!isSize(raw.width, 400) || !isSize(raw.height, 300)) return { ...DEFAULT_STATE };
    const state: WindowState = { width: raw.width as number, height: raw.height as number };
    if (isPos(raw.x) && isPos(raw.y)) {
      state.x = raw.x as number;
      state.y = raw.y as number;
    }
    if (raw.maximized === true) state.maximized = true;
    return state;
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

/** Keeps a saved position only if it still lies on one of the displays (monitors change). */
export function onScreen(
  state: WindowState,
  displays: { x: number; y: number; width: number; height: number }[],
): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const visible = displays.some(
    (d) =>
      state.x! + 100 > d.x &&
      state.x! < d.x + d.width - 100 &&
      state.y! >= d.y &&
      state.y! < d.y + d.height - 50,
  );
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}
