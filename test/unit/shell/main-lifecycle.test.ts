import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceDeps } from '@core/services';
import { CHANNEL_NAMES } from '@shared/contract';
import { APP_SCHEME_PRIVILEGES } from '../../../electron/main/app-protocol';
import { REFUSED_IMPORT_PATH, REFUSED_WORKSPACE_PATH } from '../../../electron/main/vouched-paths';
import { DROPPED_FILE_IPC_CHANNEL, EVENT_IPC_CHANNEL } from '../../../electron/preload/bridge-protocol';
import type * as electronMock from './electron-mock';

type ElectronMock = typeof electronMock;

// The back end is not under test here: a fake workspace manager and services record how the shell
// builds them. Their state lives outside the modules so it survives vi.resetModules().
const backEnd = vi.hoisted(() => ({
  managers: [] as { options: unknown; close: ReturnType<typeof vi.fn> }[],
  deps: [] as unknown[],
  schedulers: [] as { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn>; check: ReturnType<typeof vi.fn>; notify: ReturnType<typeof vi.fn> }[],
  scanNow: [] as unknown[],
}));

vi.mock('electron', () => import('./electron-mock'));
vi.mock('@core/db/workspace-manager', () => ({
  WorkspaceManager: class {
    readonly close = vi.fn();
    constructor(readonly options: unknown) {
      backEnd.managers.push(this);
    }
  },
}));
vi.mock('@core/services', () => ({
  createServices: (deps: { appInfo: unknown }) => {
    backEnd.deps.push(deps);
    return Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, () => (channel === 'app:info' ? deps.appInfo : {})]));
  },
}));

// The scheduler is core's (tested there); here: that the shell starts, feeds and stops it.
vi.mock('@core/schedules/backend-scheduler', () => ({
  createBackendScheduler: () => {
    const scheduler = { start: vi.fn(), stop: vi.fn(), check: vi.fn(() => Promise.resolve()), notify: vi.fn() };
    backEnd.schedulers.push(scheduler);
    return scheduler;
  },
  scanAllConnectionsNow: (backend: unknown) => {
    backEnd.scanNow.push(backend);
    return Promise.resolve(1);
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
  backEnd.schedulers.length = 0;
  backEnd.scanNow.length = 0;
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
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('warden://app/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
    expect(String(window.options.webPreferences?.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('makes the app scheme privileged before ready, then serves it in the session with the CSP', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const electron = await boot((e) => {
      e.app.isPackaged = true;
    });
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([APP_SCHEME_PRIVILEGES]);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]!);
    const handler = electron.session.defaultSession.protocol.handlers.get('warden');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('warden://app/%2e%2e/main/index.js'));
    expect(response.status).toBe(404);
    // The production policy: the dev server's additions (inline scripts, its websocket) are not in it.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(response.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline|ws:/);
  });

  it('under electron-vite dev loads the dev server and does not serve the app scheme', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    try {
      const electron = await boot();
      expect(electron.FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledExactlyOnceWith('http://localhost:5173/');
      expect(electron.session.defaultSession.protocol.handlers.size).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
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
    const appFrame = { url: 'warden://app/index.html#/connections', parent: null };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(handler({ senderFrame: appFrame } as never, {})).resolves.toMatchObject({ ok: true });
    await expect(handler({ senderFrame: { url: 'https://example.com/', parent: null } } as never, {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const fromFile = { url: 'file:///opt/app/out/renderer/index.html', parent: null };
    await expect(handler({ senderFrame: fromFile } as never, {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('takes over IPC only paths the shell vouched for: its dialogs, dropped files, workspaces it opened', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const electron = await boot((e) => {
      e.app.isPackaged = true;
    });
    const appFrame = { senderFrame: { url: 'warden://app/index.html#/import', parent: null } } as never;
    const call = (channel: string, input: unknown): Promise<unknown> => Promise.resolve(electron.ipcMain.handlers.get(channel)!(appFrame, input));
    const importOf = (path: string): unknown => ({ authorizationDetails: { kind: 'path', path } });
    const refusedImport = { ok: false, error: { code: 'invalid_input', message: REFUSED_IMPORT_PATH } };

    // Invented by the page: refused before the back end sees it.
    await expect(call('import:files', importOf('/home/me/.aws/credentials'))).resolves.toEqual(refusedImport);
    await expect(call('workspace:open', { path: '/tmp/planted.sqlite' })).resolves.toEqual({ ok: false, error: { code: 'invalid_input', message: REFUSED_WORKSPACE_PATH } });

    // Chosen in the shell's dialog (the back end's import:pickFile calls these dialogs).
    const deps = backEnd.deps[0] as ServiceDeps;
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/me/gaad.json'] });
    await expect(deps.dialogs?.pickImportFile('authorization-details')).resolves.toBe('/home/me/gaad.json');
    await expect(call('import:files', importOf('/home/me/gaad.json'))).resolves.not.toEqual(refusedImport);

    // Dropped on the page: the preload reports it on its own channel.
    const [onDropped] = electron.ipcMain.listeners.get(DROPPED_FILE_IPC_CHANNEL) ?? [];
    onDropped?.(appFrame, '/home/me/dropped.json');
    await expect(call('import:files', importOf('/home/me/dropped.json'))).resolves.not.toEqual(refusedImport);
    // …but not when another page sends the report.
    onDropped?.({ senderFrame: { url: 'https://example.com/', parent: null } } as never, '/home/me/other.json');
    await expect(call('import:files', importOf('/home/me/other.json'))).resolves.toEqual(refusedImport);

    // The workspace the app started on, and any the back end switched to.
    const refusedWorkspace = { ok: false, error: { code: 'invalid_input', message: REFUSED_WORKSPACE_PATH } };
    await expect(call('workspace:open', { path: join('/fake/userData', 'workspace.sqlite') })).resolves.not.toEqual(refusedWorkspace);
    deps.emit('workspace:changed', { path: '/home/me/previous.sqlite' });
    await expect(call('workspace:open', { path: '/home/me/previous.sqlite' })).resolves.not.toEqual(refusedWorkspace);
  });

  it('shows a change digest as a notification; its click brings the window forward on the scan’s page', async () => {
    const electron = await boot();
    const deps = backEnd.deps[0] as ServiceDeps;
    const digest = { jobId: 'j', title: '1 new shadow AI agent since the previous scan', body: 'b', scanId: 'scan-7', accounts: [{ accountId: null, accountAlias: null, scanId: 'scan-7', fromScanId: 's6', counts: { newShadowAi: 1 } }] };
    deps.emit('changes:digest', digest);
    expect(electron.FakeNotification.instances).toHaveLength(1);
    expect(electron.FakeNotification.instances[0]?.options).toEqual({ title: digest.title, body: 'b' });
    const window = electron.FakeBrowserWindow.instances[0]!;
    window.loadURL.mockClear();
    electron.FakeNotification.instances[0]?.emit('click');
    expect(window.focus).toHaveBeenCalled();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/#\/scans\/scan-7$/));
    // Other events make no notification.
    deps.emit('workspace:changed', { path: '/tmp/x.sqlite' });
    expect(electron.FakeNotification.instances).toHaveLength(1);
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

  it('runs the schedules while the app runs: started when ready, told of every event, looks on waking, stopped on quit', async () => {
    const electron = await boot();
    const scheduler = backEnd.schedulers[0];
    expect(backEnd.schedulers).toHaveLength(1);
    expect(scheduler?.start).toHaveBeenCalledOnce();
    const deps = backEnd.deps[0] as ServiceDeps;
    deps.emit('connections:changed', { id: 'c1' });
    expect(scheduler?.notify).toHaveBeenCalledWith('connections:changed');
    electron.powerMonitor.emit('resume');
    expect(scheduler?.check).toHaveBeenCalledOnce();
    electron.app.emit('will-quit', {});
    expect(scheduler?.stop).toHaveBeenCalledOnce();
    expect(electron.FakeTray.instances[0]?.destroyed).toBe(true);
  });

  it('the tray: Open, Scan now, Quit, and "keep scanning when the window is closed" keeps the app in the tray', async () => {
    setPlatform('linux');
    const userData = mkdtempSync(join(tmpdir(), 'warden-tray-'));
    try {
      const electron = await boot((e) => e.app.getPath.mockImplementation(() => userData));
      const tray = electron.FakeTray.instances[0];
      expect(electron.FakeTray.instances).toHaveLength(1);
      expect(electron.nativeImage.createFromPath).toHaveBeenCalledWith(join('/fake/app', 'resources', 'icons', 'icon.png'));
      const item = (label: string): MenuItemConstructorOptions => {
        const found = tray?.menu?.template.find((i) => i.label === label || i.label?.startsWith(`${label} `));
        if (found === undefined) throw new Error(`no tray item ${label}`);
        return found;
      };
      const click = (label: string, checked = false): void => {
        (item(label).click as (menuItem: { checked: boolean }) => void)({ checked });
      };
      expect(tray?.menu?.template.map((i) => i.label ?? i.type)).toEqual(['Open Agent Warden', 'Scan now', 'separator', 'Keep scanning when the window is closed', 'separator', 'Quit']);
      expect(item('Keep scanning when the window is closed').checked).toBe(false);

      click('Scan now');
      expect(backEnd.scanNow).toHaveLength(1);

      // Off (the default): closing the window quits, as before.
      electron.app.emit('window-all-closed');
      expect(electron.app.quit).toHaveBeenCalledOnce();

      click('Keep scanning when the window is closed', true);
      expect(item('Keep scanning when the window is closed').checked).toBe(true);
      expect(JSON.parse(readFileSync(join(userData, 'background-scans.json'), 'utf8'))).toEqual({ keepScanningWhenClosed: true });
      electron.FakeBrowserWindow.instances[0]?.close();
      electron.app.emit('window-all-closed');
      expect(electron.app.quit).toHaveBeenCalledOnce();
      // Open brings a window back; a click on the icon too.
      click('Open');
      expect(electron.FakeBrowserWindow.instances).toHaveLength(2);
      click('Quit');
      expect(electron.app.quit).toHaveBeenCalledTimes(2);

      // The setting is remembered at the next start.
      const again = await boot((e) => e.app.getPath.mockImplementation(() => userData));
      expect(again.FakeTray.instances[0]?.menu?.template.find((i) => i.type === 'checkbox')?.checked).toBe(true);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
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
