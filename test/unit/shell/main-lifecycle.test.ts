import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceDeps } from '../../../electron/core/services';
import { CHANNEL_NAMES } from '../../../shared/contract';
import { EVENT_IPC_CHANNEL } from '../../../electron/preload/bridge-protocol';
import type * as electronMock from './electron-mock';

type ElectronMock = typeof electronMock;

// The back end is not under test here: a fake workspace manager and services record how the shell
// builds them. Their state lives outside the modules so it survives vi.resetModules().
const backEnd = vi.hoisted(() => ({
  managers: [] as { options: unknown; close: ReturnType<typeof vi.fn> }[],
  deps: [] as unknown[],
}));

vi.mock('electron', () => import('./electron-mock'));
vi.mock('../../../electron/core/db/workspace-manager', () => ({
  WorkspaceManager: class {
    readonly close = vi.fn();
    constructor(readonly options: unknown) {
      backEnd.managers.push(this);
    }
  },
}));
vi.mock('../../../electron/core/services', () => ({
  createServices: (deps: { appInfo: unknown }) => {
    backEnd.deps.push(deps);
    return Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, () => (channel === 'app:info' ? deps.appInfo : {})]));
  },
}));

const originalPlatform = process.platform;

function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Loads the main entry afresh, as Electron would at start-up, against fresh fakes. */
async function boot(setup: (electron: ElectronMock) => void = () => undefined): Promise<ElectronMock> {
  vi.resetModules();
  backEnd.managers.length = 0;
  backEnd.deps.length = 0;
  // The instance the entry will get (whichever one the mock registry holds now).
  const electron = (await import('electron')) as unknown as ElectronMock;
  electron.resetElectronMock();
  setup(electron);
  await import('../../../electron/main/index');
  await flush();
  return electron;
}

afterEach(() => {
  setPlatform(originalPlatform);
  vi.restoreAllMocks();
});

describe('main process lifecycle', () => {
  it('leaves at once when another instance holds the lock', async () => {
    const electron = await boot((e) => e.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    electron.app.requestSingleInstanceLock.mockReturnValue(true);
  });

  it('when ready: guards the session, serves every contract channel, installs the menu, opens one window', async () => {
    const electron = await boot((e) => {
      e.app.isPackaged = true;
    });
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    const ses = electron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();

    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
    const window = electron.FakeBrowserWindow.instances[0]!;
    expect(window.loadFile).toHaveBeenCalledOnce();
    expect(String(window.loadFile.mock.calls[0]?.[0])).toMatch(/renderer[\\/]index\.html$/);
    expect(String(window.options.webPreferences?.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('builds the back end on the workspace in userData, as the desktop transport', async () => {
    await boot();
    expect(backEnd.managers).toHaveLength(1);
    expect(backEnd.managers[0]?.options).toMatchObject({ initialPath: expect.stringMatching(/^[\\/]fake[\\/]userData[\\/]workspace\.sqlite$/) as unknown });
    const deps = backEnd.deps[0] as ServiceDeps;
    expect(deps.appInfo).toEqual({ name: 'Agent Warden', version: '0.1.0-test', transport: 'ipc', nativeDialogs: true, platform: process.platform });
    expect(deps.dialogs).not.toBeNull();
    expect(deps.env).toBe(process.env);
    expect(deps.clock()).toBeInstanceOf(Date);
  });

  it('sends back-end events to the window on the event channel', async () => {
    const electron = await boot();
    const deps = backEnd.deps[0] as ServiceDeps;
    deps.emit('workspace:changed', { path: '/tmp/other.sqlite' });
    const window = electron.FakeBrowserWindow.instances[0]!;
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(EVENT_IPC_CHANNEL, 'workspace:changed', { path: '/tmp/other.sqlite' });

    window.close();
    expect(() => deps.emit('workspace:changed', { path: '/tmp/x.sqlite' })).not.toThrow();
    expect(window.webContents.send).toHaveBeenCalledOnce();
  });

  it('answers IPC only from the app page', async () => {
    const electron = await boot((e) => {
      e.app.isPackaged = true;
    });
    const handler = electron.ipcMain.handlers.get('app:info')!;
    const pageUrl = String(electron.FakeBrowserWindow.instances[0]!.loadFile.mock.calls[0]?.[0]);
    const appFrame = { url: `${pathToFileURL(pageUrl).href}#/connections`, parent: null };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(handler({ senderFrame: appFrame } as never, {})).resolves.toMatchObject({ ok: true });
    await expect(handler({ senderFrame: { url: 'https://example.com/', parent: null } } as never, {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('a second launch brings the existing window to the front', async () => {
    const electron = await boot();
    const window = electron.FakeBrowserWindow.instances[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quits when the last window closes, except on macOS', async () => {
    setPlatform('linux');
    let electron = await boot();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledOnce();

    setPlatform('darwin');
    electron = await boot();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
    // …and reopens the window when the dock icon is clicked.
    electron.FakeBrowserWindow.instances[0]!.close();
    electron.app.emit('activate');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('closes the workspace on quit', async () => {
    const electron = await boot();
    electron.app.emit('will-quit', {});
    expect(backEnd.managers[0]?.close).toHaveBeenCalledOnce();
  });

  it('shows the error and exits when start-up fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const electron = await boot((e) => {
      e.screen.getAllDisplays.mockImplementationOnce(() => {
        throw new Error('no screen');
      });
    });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Agent Warden could not start', expect.stringContaining('no screen'));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });
});
