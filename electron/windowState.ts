/**
 * The window's size, position and maximised state, remembered in `window-state.json` in the app's data folder.
 * A saved position that no longer shows on any display (a monitor was unplugged, the resolution changed) is
 * dropped, so the window never opens off screen.
 */
import type { FileSystem } from './fileSystem.js';
import { readJson, writeJson } from './jsonFile.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const;

/** How much of the window's top edge must be on a display to grab it: the title bar, roughly. */
const GRAB = { width: 120, height: 32 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A saved state read back, with every field checked; undefined when it is not one. */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width) || !isInt(v.height) || v.width <= 0 || v.height <= 0) return undefined;
  const state: WindowState = {
    width: Math.round(v.width),
    height: Math.round(v.height),
    maximized: v.maximized === true,
  };
  if (isInt(v.x) && isInt(v.y)) {
    state.x = Math.round(v.x);
    state.y = Math.round(v.y);
  }
  return state;
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Fits a saved state to the displays there are now (`workAreas`, the first being the primary): no larger than
 * the largest work area, at least the minimum size, and positioned only if its top edge can still be grabbed on
 * some display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, maxWidth));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, maxHeight));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar = { x: state.x + (width - GRAB.width) / 2, y: state.y, width: GRAB.width, height: GRAB.height };
  if (workAreas.some((area) => overlap(titleBar, area) >= (GRAB.width * GRAB.height) / 2)) {
    fitted.x = state.x;
    fitted.y = state.y;
  }
  return fitted;
}

/** The saved state fitted to `workAreas`, or the default when there is none (or it is unreadable). */
export async function loadWindowState(fs: FileSystem, file: string, workAreas: readonly Rect[]): Promise<WindowState> {
  return fitToDisplays(parseWindowState(await readJson(fs, file)) ?? DEFAULT_WINDOW_STATE, workAreas);
}

export function saveWindowState(fs: FileSystem, file: string, state: WindowState): Promise<void> {
  return writeJson(fs, file, state);
}

/** The slice of Electron's `BrowserWindow` that `trackWindowState` uses. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

/**
 * Saves the window's state shortly after it stops moving or resizing, and once more when it closes. The bounds
 * saved are the normal (unmaximised) ones, so un-maximising after a restart returns to the size the user chose.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(id: unknown): void } = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
  },
  delayMs = 500,
): void {
  let pending: unknown = null;
  const snapshot = (): WindowState | null => {
    if (window.isMinimized() || window.isFullScreen()) return null;
    const { x, y, width, height } = window.getNormalBounds();
    return { x, y, width, height, maximized: window.isMaximized() };
  };
  const flush = () => {
    pending = null;
    const state = snapshot();
    if (state) save(state);
  };
  const later = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(flush, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', () => {
    if (pending !== null) timers.clearTimeout(pending);
    flush();
  });
}
