/**
 * Which key the routed screen is mounted under. A different workspace is a different set of data, so the
 * screen remounts when the open workspace changes to another one; the first answer of `workspace:info` is
 * not a change (the screen was already drawn while it loaded, and a choice made meanwhile — a select, a
 * typed filter — must not be thrown away).
 */
export interface ScreenKeyState {
  /** The last workspace path seen ready, or null before the first answer. */
  readonly path: string | null;
  /** Bumped each time a ready path differs from the previous ready one. */
  readonly generation: number;
}

export const INITIAL_SCREEN_KEY: ScreenKeyState = { path: null, generation: 0 };

/** The state after seeing `readyPath` (null while the workspace is loading or failed: nothing changes). */
export function nextScreenKey(state: ScreenKeyState, readyPath: string | null): ScreenKeyState {
  if (readyPath === null || readyPath === state.path) return state;
  return { path: readyPath, generation: state.path === null ? state.generation : state.generation + 1 };
}
