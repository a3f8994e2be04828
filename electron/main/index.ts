/**
 * The Electron main process: lifecycle only. It holds the single-instance lock, installs the
 * security guards, builds the back end (the same services as the CLI and `warden serve`), carries
 * the contract over IPC and opens the one window.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import type { EventName, EventPayload } from '@shared/contract';
import { DEMO_WORKSPACE_FILE_NAME, WORKSPACE_FILE_NAME } from '@core/db/default-location';
import { ANALYSIS_WORKER_FILE } from '@core/analysis-store/analysis-runner';
import { createBackend, type Backend } from '@core/backend';
import { findDemoDir } from '@core/demo/load-demo';
import { createBackendScheduler, scanAllConnectionsNow } from '@core/schedules/backend-scheduler';
import type { Scheduler } from '@core/schedules/scheduler';
import { EVENT_IPC_CHANNEL } from '../preload/bridge-protocol';
import { preloadPath, resolveAppPage } from './app-page';
import { createReportWindowPrinter } from './report-window-printer';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { BACKGROUND_PREFERENCE_FILE_NAME, installBackgroundTray, type BackgroundTray } from './background-tray';
import { showChangeDigest, showScanPage } from './change-notification';
import { createDialogs } from './dialogs';
import { openExternalSafely } from './external-links';
import { installApplicationMenu } from './menu';
import { createSenderCheck, registerIpc } from './register-ipc';
import { contentSecurityPolicy, installSecurityRestrictions } from './security-restrictions';
import { trustSystemCertificates } from './system-certificates';
import { createMainWindow } from './window';
import { WINDOW_STATE_FILE_NAME } from './window-state-file';
import { createVouchedPaths, guardPathInputs, registerDroppedFileIpc, vouchingDialogs, vouchingEmit } from './vouched-paths';

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function focus(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function start(): void {
  // A second launch hands over to the first (which focuses its window) and leaves at once.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  // The page is served from the app's own scheme (warden://app), which must be privileged before ready.
  registerAppScheme(protocol);

  // The productName of package.json, as the CLI reports it.
  const appName = app.getName();
  const page = resolveAppPage({ isPackaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'], mainDir: __dirname });
  let mainWindow: BrowserWindow | null = null;
  let backend: Backend | null = null;
  // Scheduled scans run while the app runs (with the window, or in the tray when the setting says so).
  let scheduler: Scheduler | null = null;
  let tray: BackgroundTray | null = null;
  // True once the back end and IPC are in place: only then may a window (re)open.
  let started = false;
  // Filesystem paths the page may hand back: only those the shell itself produced (vouched-paths.ts).
  const vouched = createVouchedPaths();

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow({
      page,
      preload: preloadPath(__dirname),
      stateFile: join(app.getPath('userData'), WINDOW_STATE_FILE_NAME),
      title: appName,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    return window;
  };

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const window = mainWindow;
    if (window !== null && !window.isDestroyed()) window.webContents.send(EVENT_IPC_CHANNEL, event, payload);
    // A schedule changed or another workspace opened: the scheduler looks again at once.
    scheduler?.notify(event);
    // What a scan changed, as a notification; its click opens the scan's page.
    if (event === 'changes:digest') {
      showChangeDigest(payload as EventPayload<'changes:digest'>, (scanId) => {
        if (started) showScanPage({ pageUrl: page.url, current: () => mainWindow, open: openWindow, focus }, scanId);
      });
    }
  };

  const showWindow = (): void => {
    if (mainWindow !== null) focus(mainWindow);
    else if (started) openWindow();
  };

  app.on('second-instance', showWindow);

  // macOS keeps the app running with no window until Quit; elsewhere closing the window quits, unless
  // the tray's "Keep scanning when the window is closed" is on.
  app.on('window-all-closed', () => {
    if (tray?.keepsRunning() === true) return;
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (started && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('will-quit', () => {
    scheduler?.stop();
    scheduler = null;
    tray?.destroy();
    tray = null;
    const closing = backend;
    backend = null;
    // Cancels running scans (nothing half-written is kept) and closes the workspace.
    try {
      closing?.close();
    } catch (error) {
      console.error(`Agent Warden: could not close the workspace cleanly: ${describeError(error)}`);
    }
  });

  app
    .whenReady()
    .then(() => {
      const policy = contentSecurityPolicy(page.kind === 'dev-server' ? page.url : undefined);
      if (page.kind === 'app-protocol') {
        installAppProtocol(session.defaultSession.protocol, {
          rendererDir: page.rendererDir,
          policy,
          onRefused: (url, reason) => console.warn(`Agent Warden: refused ${JSON.stringify(url)} on the app scheme (${reason}).`),
        });
      }
      installSecurityRestrictions(app, session.defaultSession, page.url, policy);

      // The same file the CLI finds by default: userData is <app-data>/Agent Warden (the productName).
      // Opened lazily by the manager, so a damaged file is reported in the UI instead of failing start-up.
      const workspacePath = join(app.getPath('userData'), WORKSPACE_FILE_NAME);
      vouched.vouch('workspace', workspacePath);
      backend = createBackend({
        workspacePath,
        appInfo: { name: appName, version: app.getVersion(), transport: 'ipc', nativeDialogs: true, platform: process.platform },
        env: process.env,
        dialogs: vouchingDialogs(createDialogs(() => mainWindow), vouched),
        emit: vouchingEmit(emit, vouched),
        acceptUploads: false,
        // Packaged: <resources>/demo (electron-builder extraResources); from a checkout: resources/demo.
        demoDir: findDemoDir(app.getAppPath(), typeof process.resourcesPath === 'string' ? [process.resourcesPath] : []),
        // The demo's one file beside the user's, as `warden … --workspace demo` finds it.
        demoWorkspacePath: join(app.getPath('userData'), DEMO_WORKSPACE_FILE_NAME),
        onInternalError: (channel, error) => console.error(`Agent Warden: internal error in ${channel}: ${describeError(error)}`),
        // Analyses run in a worker thread (built beside this file), so the window never waits on them.
        analysisWorker: join(__dirname, ANALYSIS_WORKER_FILE),
      });
      // reports:print: a hidden window of the app's own page prints it (webContents.printToPDF).
      backend.reportPrinter.current = createReportWindowPrinter({ page, preload: preloadPath(__dirname) });
      const senderCheck = createSenderCheck(page.url);
      registerIpc(ipcMain, guardPathInputs(backend.dispatch, vouched), senderCheck);
      registerDroppedFileIpc(ipcMain, vouched, senderCheck);
      backend.warmUp();
      const running = backend;
      scheduler = createBackendScheduler(running, {
        emit,
        onError: (error) => console.error(`Agent Warden: scheduled scans: ${describeError(error)}`),
      });
      scheduler.start();
      // A run missed while the laptop slept is due now: look at once on waking, not at the next tick.
      powerMonitor.on('resume', () => void scheduler?.check());

      installApplicationMenu({
        platform: process.platform,
        appName,
        isDev: page.kind === 'dev-server',
        openLink: (url) => void openExternalSafely(url),
      });
      started = true;
      openWindow();
      tray = installBackgroundTray({
        appName,
        // Packaged: <resources>/icons (electron-builder extraResources); from a checkout: resources/icons.
        iconPath: app.isPackaged ? join(process.resourcesPath, 'icons', 'icon.png') : join(app.getAppPath(), 'resources', 'icons', 'icon.png'),
        preferenceFile: join(app.getPath('userData'), BACKGROUND_PREFERENCE_FILE_NAME),
        open: showWindow,
        scanNow: () => void scanAllConnectionsNow(running).catch((error: unknown) => console.error(`Agent Warden: scan now: ${describeError(error)}`)),
        quit: () => app.quit(),
      });
      // Packaged builds ignore NODE_EXTRA_CA_CERTS (the NODE_OPTIONS fuse is off): the AWS SDK's TLS
      // trusts the OS certificate store instead, where a corporate proxy's CA is installed. After the
      // window, since reading the store may take a moment and no AWS call happens before a click.
      const certificates = trustSystemCertificates();
      if (certificates.status !== 'added') {
        console.warn(`Agent Warden: the operating system's certificates could not be trusted for AWS calls (${certificates.status === 'failed' ? certificates.message : 'not supported by this runtime'}).`);
      }
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(`${appName} could not start`, describeError(error));
      app.exit(1);
    });
}

start();
