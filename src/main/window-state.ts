import * as v from 'valibot';
import { readJsonFile, writeJsonFileSync } from './json-file';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window's size, position and maximised state, as remembered between launches. */
export interface WindowState {
  /** Absent on first launch: the window is centred by the system. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The window's first size and the smallest it may be (also its minimum size). */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 880, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };

/** The file in the user-data folder that keeps it. */
export const WINDOW_STATE_FILE = 'window-state.json';

const coordinate = v.pipe(v.number(), v.integer(), v.minValue(-100_000), v.maxValue(100_000));
const size = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000));
const windowStateSchema = v.object({
  version: v.literal(1),
  x: v.optional(coordinate),
  y: v.optional(coordinate),
  width: size,
  height: size,
  maximized: v.boolean(),
});

/** How much of the window's title bar must be on a display for it to count as visible there. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits a remembered state onto the displays there are now (their work areas, the primary first):
 * the window goes on the display it overlaps most, no larger than that display, and wholly
 * inside it. A window left on a display that is gone, or with too little of its title bar
 * showing, is centred on the primary display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const clampSize = (area: Rect) => ({
    width: Math.max(Math.min(MIN_WINDOW_SIZE.width, area.width), Math.min(state.width, area.width)),
    height: Math.max(Math.min(MIN_WINDOW_SIZE.height, area.height), Math.min(state.height, area.height)),
  });
  const centred = (area: Rect): WindowState => {
    const { width, height } = clampSize(area);
    return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height, maximized: state.maximized };
  };
  if (state.x === undefined || state.y === undefined) return centred(primary);
  const bounds: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: Math.min(state.height, 32) };
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    if (o > bestOverlap) {
      best = area;
      bestOverlap = o;
    }
  }
  const visible = best && overlap(titleBar, best) >= MIN_VISIBLE * Math.min(32, state.height);
  if (!best || !visible) return centred(primary);
  const { width, height } = clampSize(best);
  return {
    x: Math.min(Math.max(state.x, best.x), best.x + best.width - width),
    y: Math.min(Math.max(state.y, best.y), best.y + best.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}

/** Reads the remembered window state and fits it to the displays; defaults when the file is missing or damaged. */
export async function loadWindowState(path: string, workAreas: readonly Rect[], log?: (message: string) => void): Promise<WindowState> {
  const read = await readJsonFile(path, windowStateSchema);
  if (!read.ok) {
    if (read.reason === 'corrupt') log?.(`Window state ignored: ${read.message}`);
    return fitToDisplays(DEFAULT_WINDOW_STATE, workAreas);
  }
  const { version: _version, ...state } = read.value;
  return fitToDisplays(state, workAreas);
}

/** Remembers the window state (synchronously: it is written as the window closes). */
export function saveWindowState(path: string, state: WindowState): void {
  writeJsonFileSync(path, { version: 1, ...state });
}

/** The parts of a BrowserWindow whose state is remembered. */
export interface WindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

/** The state to remember for a window: its normal (not maximised) bounds, so un-maximising restores them. */
export function windowStateOf(win: WindowLike): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() || win.isFullScreen() };
}
