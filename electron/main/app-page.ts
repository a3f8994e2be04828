/**
 * The app's own page: the one URL the window may show, the one origin IPC is accepted from.
 *
 * Production loads the built renderer from disk (`out/renderer/index.html`). In development
 * electron-vite serves it from a loopback dev server and names it in ELECTRON_RENDERER_URL; a packaged
 * app ignores that variable, so nobody can point an installed Agent Warden (and its bridge) at a
 * page of their choosing by setting an environment variable.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPage {
  /** `file` in production, `dev-server` under `electron-vite dev`. */
  kind: 'file' | 'dev-server';
  /** What the window loads: a file path for `loadFile`, a URL for `loadURL`. */
  target: string;
  /** The page as a URL, for the navigation and IPC sender checks. */
  url: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A dev server URL electron-vite would give: plain http(s) on a loopback host, nothing else. */
export function isDevServerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export interface ResolveAppPageOptions {
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.env['ELECTRON_RENDERER_URL']`, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** The directory of the built main process (`out/main`). */
  mainDir: string;
}

export function resolveAppPage(options: ResolveAppPageOptions): AppPage {
  const dev = options.devServerUrl;
  if (!options.isPackaged && dev !== undefined && isDevServerUrl(dev)) {
    return { kind: 'dev-server', target: dev, url: new URL(dev).href };
  }
  const file = join(options.mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', target: file, url: pathToFileURL(file).href };
}

/** The preload script beside the built main process (bundled as CommonJS for the sandbox). */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

/**
 * Whether `url` is the app's own page: for a file page, the same file (any fragment, since the UI
 * routes by hash); for a dev-server page, the same origin. Anything unparsable is not.
 */
export function isAppPageUrl(url: string, appUrl: string): boolean {
  let candidate: URL;
  let app: URL;
  try {
    candidate = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname && candidate.search === app.search;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return candidate.origin === app.origin && candidate.username === '' && candidate.password === '';
  }
  return false;
}
