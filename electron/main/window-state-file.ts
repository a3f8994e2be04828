/**
 * Where the window state lives (a small JSON file in userData) and when it is written: debounced
 * while the window moves or resizes, and once more as it closes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindow } from 'electron';
import { DEFAULT_WINDOW_STATE, parseWindowState, type WindowState } from './window-state';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

/** The saved state, or the defaults when there is none or it cannot be read. */
export function readWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8'))) ?? DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes the state through a temporary file, so a crash never leaves half a file. Never throws. */
export function writeWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(state)}\n`, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    console.warn(`Agent Warden: could not save the window position: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized' | 'on'>;

function snapshot(window: TrackedWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}

/** Saves the window's state to `file` as it changes (debounced) and when it closes. */
export function trackWindowState(window: TrackedWindow, file: string, debounceMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => writeWindowState(file, snapshot(window)), debounceMs);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(timer);
    writeWindowState(file, snapshot(window));
  });
}
