import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppPage } from '../../../electron/main/app-page';
import { createMainWindow } from '../../../electron/main/window';
import { FakeBrowserWindow, resetElectronMock, screen } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const appPage: AppPage = { kind: 'app-protocol', url: 'warden://app/index.html', rendererDir: '/opt/app/out/renderer' };
const devPage: AppPage = { kind: 'dev-server', url: 'http://localhost:5173/', rendererDir: '/opt/app/out/renderer' };

let dir: string;

function open(page: AppPage = appPage): FakeBrowserWindow {
  const window = createMainWindow({ page, preload: '/opt/app/out/preload/index.cjs', stateFile: join(dir, 'window-state.json'), title: 'Agent Warden' });
  return window as unknown as FakeBrowserWindow;
}

beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'warden-window-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createMainWindow', () => {
  it('uses exactly the secure web preferences', () => {
    const window = open();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options.webPreferences).toStrictEqual({
      preload: '/opt/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    });
  });

  it('starts hidden and shows when ready', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.maximize).not.toHaveBeenCalled();
  });

  it('loads the built page through the app scheme in production, never from file://', () => {
    const window = open(appPage);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('warden://app/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server under electron-vite dev', () => {
    const window = open(devPage);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/');
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('opens with the default size, centred, the first time', () => {
    const window = open();
    expect(window.options).toMatchObject({ width: 1280, height: 820, minWidth: 900, minHeight: 600, title: 'Agent Warden' });
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).not.toHaveProperty('y');
  });

  it('comes back where it was, maximised if it was', () => {
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 40, y: 30, width: 1100, height: 750, maximized: true }));
    const window = open();
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 750 });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('comes back onto a display that still exists', () => {
    writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 3000, y: 30, width: 1100, height: 750 }));
    screen.getAllDisplays.mockReturnValueOnce([{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }]);
    screen.getPrimaryDisplay.mockReturnValueOnce({ workArea: { x: 0, y: 0, width: 1280, height: 800 } });
    const window = open();
    expect(window.options).toMatchObject({ width: 1100, height: 750 });
    expect(window.options).not.toHaveProperty('x');
  });

  it('logs instead of crashing when the page cannot load', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    FakeBrowserWindow.loadError = new Error('ERR_FILE_NOT_FOUND');
    open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(error).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });
});
