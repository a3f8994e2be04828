import type { BrowserWindow } from 'electron';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clampWindowState, DEFAULT_WINDOW_STATE, parseWindowState, type Rectangle } from '../../../electron/main/window-state';
import { readWindowState, trackWindowState, writeWindowState } from '../../../electron/main/window-state-file';
import { FakeBrowserWindow, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor: Rectangle = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('parseWindowState', () => {
  it('reads a complete state', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1200, height: 800, maximized: true })).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('keeps a size without a position', () => {
    expect(parseWindowState({ width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops a half or wild position', () => {
    expect(parseWindowState({ x: 10, width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
    expect(parseWindowState({ x: 1e9, y: 0, width: 1200, height: 800 })).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it.each([
    ['null', null],
    ['an array', [1200, 800]],
    ['a string', '1200x800'],
    ['no size', { x: 0, y: 0 }],
    ['a zero width', { width: 0, height: 800 }],
    ['a fractional width', { width: 1200.5, height: 800 }],
    ['NaN', { width: Number.NaN, height: 800 }],
    ['a string size', { width: '1200', height: 800 }],
    ['a huge size', { width: 1e7, height: 800 }],
    ['a non-boolean maximized', { width: 1200, height: 800, maximized: 'yes' }],
  ])('refuses %s', (_what, raw) => {
    expect(parseWindowState(raw)).toBeNull();
  });
});

describe('clampWindowState', () => {
  it('keeps a window that fits where it was', () => {
    const state = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(clampWindowState(state, [laptop, rightMonitor], laptop)).toEqual(state);
  });

  it('keeps a window on a second display', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(clampWindowState(state, [laptop, rightMonitor], laptop)).toEqual(state);
  });

  it('brings a window from an unplugged monitor back, centred on the primary display', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(clampWindowState(state, [laptop], laptop)).toEqual({ width: 1440, height: 900, maximized: false });
  });

  it('moves a window hanging off the edge fully onto the display it overlaps most', () => {
    const state = { x: 1300, y: -50, width: 1000, height: 700, maximized: false };
    expect(clampWindowState(state, [laptop], laptop)).toEqual({ x: 440, y: 0, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than its display', () => {
    const state = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(clampWindowState(state, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: false });
  });

  it('respects work areas that do not start at 0,0 (a menu bar, a taskbar on the left)', () => {
    const workArea = { x: 64, y: 25, width: 1376, height: 875 };
    const state = { x: 0, y: 0, width: 1000, height: 700, maximized: false };
    expect(clampWindowState(state, [workArea], workArea)).toEqual({ x: 64, y: 25, width: 1000, height: 700, maximized: false });
  });

  it('grows a tiny window to the minimum size', () => {
    expect(clampWindowState({ width: 10, height: 10, maximized: false }, [laptop], laptop)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('leaves the state alone when no display is known', () => {
    const state = { x: 5, y: 5, width: 1000, height: 700, maximized: false };
    expect(clampWindowState(state, [], undefined)).toEqual(state);
  });
});

describe('the window state file', () => {
  let dir: string;
  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(join(tmpdir(), 'warden-window-state-'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the defaults when there is no file', () => {
    expect(readWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('gives the defaults for a corrupt or invalid file', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"width": 12');
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{"width": -5, "height": 800}');
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips a state, creating the folder', () => {
    const file = join(dir, 'nested', 'window-state.json');
    const state = { x: 1, y: 2, width: 1000, height: 700, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
  });

  it('does not throw when it cannot write', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => writeWindowState(join(dir, 'a-file', 'window-state.json'), DEFAULT_WINDOW_STATE)).not.toThrow();
  });

  it('saves once after the window stops moving, and again as it closes', () => {
    vi.useFakeTimers();
    const file = join(dir, 'window-state.json');
    const window = new FakeBrowserWindow({ x: 10, y: 10, width: 1000, height: 700 });
    trackWindowState(window as unknown as BrowserWindow, file, 500);

    window.bounds = { x: 50, y: 60, width: 1000, height: 700 };
    window.emit('move');
    window.emit('move');
    window.emit('resize');
    expect(() => readFileSync(file)).toThrow();
    vi.advanceTimersByTime(500);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: false });

    window.maximized = true;
    window.emit('maximize');
    window.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1000, height: 700, maximized: true });
  });
});
