/**
 * The app's own page: the one URL the window may show, the one origin IPC is accepted from.
 *
 * Production loads the built renderer (`out/renderer/index.html`) through the app's own scheme,
 * `warden://app/index.html` (see app-protocol.ts), never from `file://`. In development electron-vite
 * serves it from a loopback dev server and names it in ELECTRON_RENDERER_URL; a packaged app ignores
 * that variable, so nobody can point an installed Agent Warden (and its bridge) at a page of their
 * choosing by setting an environment variable.
 */
import { join } from 'node:path';
import { APP_PAGE_URL, APP_SCHEME } from './app-protocol';

export interface AppPage {
  /** `app-protocol` in production, `dev-server` under `electron-vite dev`. */
  kind: 'app-protocol' | 'dev-server';
  /** The page the window loads, and the one the navigation and IPC sender checks accept. */
  url: string;
  /** The built renderer folder the app's scheme serves (also set under the dev server, unused there). */
  rendererDir: string;
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
  const rendererDir = join(options.mainDir, '..', 'renderer');
  if (!options.isPackaged && dev !== undefined && isDevServerUrl(dev)) {
    return { kind: 'dev-server', url: new URL(dev).href, rendererDir };
  }
  return { kind: 'app-protocol', url: APP_PAGE_URL, rendererDir };
}

/** The preload script beside the built main process (bundled as CommonJS for the sandbox). */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

/**
 * Whether `url` is the app's own page: for the app's scheme, the same page (any fragment, since the UI
 * routes by hash); for a dev-server page, the same origin. Anything unparsable is not, and neither is
 * any `file:` URL.
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
  if (app.protocol === `${APP_SCHEME}:`) {
    return (
      candidate.protocol === app.protocol &&
      candidate.host === app.host &&
      candidate.username === '' &&
      candidate.password === '' &&
      candidate.pathname === app.pathname &&
      candidate.search === ''
    );
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return candidate.origin === app.origin && candidate.username === '' && candidate.password === '';
  }
  return false;
}
