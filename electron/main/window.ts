/**
 * The one application window.
 *
 * Its web preferences are written out in full, even where they restate Electron's defaults, so that
 * the security posture is readable here, checked by the unit tests and seen by the static scan
 * (which only reads literal options in `new BrowserWindow({...})`).
 */
import { BrowserWindow, screen } from 'electron';
import type { AppPage } from './app-page';
import { clampWindowState, MIN_WINDOW_SIZE } from './window-state';
import { readWindowState, trackWindowState } from './window-state-file';

export interface MainWindowOptions {
  page: AppPage;
  /** The built preload script (`out/preload/index.cjs`). */
  preload: string;
  /** Where the window's size and position are remembered. */
  stateFile: string;
  title: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = clampWindowState(
    readWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const position = state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {};

  const window = new BrowserWindow({
    ...position,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: options.title,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preload,
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
      // Middle-click must not open anything (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      // Off: on Linux and Windows Chromium's spellchecker fetches dictionaries from a Google CDN,
      // and nothing typed here (names, profiles, ARNs) is prose.
      spellcheck: false,
    },
  });

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  trackWindowState(window, options.stateFile);

  // warden://app/index.html (the app's scheme) or, under electron-vite dev, the loopback dev server.
  const loading = window.loadURL(options.page.url);
  loading.catch((error: unknown) => {
    console.error(`Agent Warden: could not load the app's page: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
