/**
 * The window's remembered size, position and maximised state: validated when read (the file is
 * ours, but a hand edit or a crash mid-write must not break start-up) and clamped to the displays
 * that exist now, so a window last seen on an unplugged monitor comes back where it can be seen.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;

const MAX_DIMENSION = 100_000;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Reads a saved state; anything malformed gives null (and the caller the defaults). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const { width, height, x, y, maximized } = record;
  if (!isInteger(width, 1, MAX_DIMENSION) || !isInteger(height, 1, MAX_DIMENSION)) return null;
  if (maximized !== undefined && typeof maximized !== 'boolean') return null;
  const state: WindowState = { width, height, maximized: maximized ?? false };
  // A position is kept only whole: x without y (or a wild value) means "let the OS place it".
  if (isInteger(x, -MAX_DIMENSION, MAX_DIMENSION) && isInteger(y, -MAX_DIMENSION, MAX_DIMENSION)) {
    state.x = x;
    state.y = y;
  }
  return state;
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Fits a state to the displays' work areas: the size shrinks to the display the window overlaps
 * most (or the primary one), and the window moves fully onto it. A window that overlaps no display
 * loses its position and is centred by the OS on the primary display.
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rectangle[], primary: Rectangle | undefined): WindowState {
  const fallback = primary ?? workAreas[0];
  if (fallback === undefined) return state;

  const fitSize = (area: Rectangle): Pick<WindowState, 'width' | 'height'> => ({
    width: clamp(state.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(state.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
  });

  if (state.x === undefined || state.y === undefined) {
    return { ...fitSize(fallback), maximized: state.maximized };
  }
  const bounds: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(bounds, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (best === undefined) {
    return { ...fitSize(fallback), maximized: state.maximized };
  }
  const size = fitSize(best);
  return {
    ...size,
    x: clamp(state.x, best.x, best.x + best.width - size.width),
    y: clamp(state.y, best.y, best.y + best.height - size.height),
    maximized: state.maximized,
  };
}
