/**
 * Every web-content guard of the shell, in one place: navigation, redirects, new windows, webviews,
 * permission requests and the Content-Security-Policy header.
 *
 * The page is our own code, but it shows attacker-controllable text from AWS; these guards make sure
 * that even a successful injection cannot leave the app's page, open windows, embed other content,
 * reach devices or load code from anywhere but the app itself.
 */
import type { App, Event as ElectronEvent, Session, WebContents } from 'electron';
import { isAppPageUrl } from './app-page';
import { isSafeExternalUrl, openExternalSafely } from './external-links';

const BASE_POLICY: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/**
 * The Content-Security-Policy of the app's page: no remote origins, no `unsafe-eval`.
 *
 * Under `electron-vite dev` only (never in a packaged app, see app-page.ts) two additions let Vite
 * work: its HMR websocket on the dev server's own host and port, and inline scripts for the React
 * Refresh preamble that @vitejs/plugin-react injects into index.html.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl === undefined ? null : new URL(devServerUrl);
  return BASE_POLICY.map(([directive, sources]) => {
    const extra: string[] = [];
    if (dev !== null && directive === 'script-src') extra.push("'unsafe-inline'");
    if (dev !== null && directive === 'connect-src') extra.push(`${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`);
    return [directive, ...sources, ...extra].join(' ');
  }).join('; ');
}

/**
 * Permissions the page may have. Everything is denied except writing (sanitised) text to the
 * clipboard from the app's own page, which the UI's "copy" buttons (an ARN, the exact
 * `aws sso login …` command) rely on, and which cannot read anything back.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppPageUrl(requestingUrl, appUrl);
}

type NavigationEvent = Pick<ElectronEvent<{ url: string }>, 'preventDefault' | 'url'>;

/** Guards one webContents: it may only ever show the app's page. */
export function restrictWebContents(contents: WebContents, appUrl: string): void {
  // A link the user clicks in the page: never navigate; a safe https link goes to their browser.
  contents.on('will-navigate', (event: NavigationEvent) => {
    if (isAppPageUrl(event.url, appUrl)) return;
    event.preventDefault();
    if (isSafeExternalUrl(event.url)) void openExternalSafely(event.url);
  });
  // Subframes too (the page has none; an injected one must not go anywhere either).
  contents.on('will-frame-navigate', (event: NavigationEvent) => {
    if (!isAppPageUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event: NavigationEvent) => {
    if (!isAppPageUrl(event.url, appUrl)) event.preventDefault();
  });
  // window.open and target=_blank: never a new window; a safe https link goes to the browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternalSafely(url);
    return { action: 'deny' };
  });
  // webviewTag is off already; refuse one outright should it ever be switched on.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Guards the session: permissions, device access and the CSP header on every response. */
export function restrictSession(ses: Session, appUrl: string, policy: string): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, appUrl),
  );
  ses.setDevicePermissionHandler(() => false);
  // The app's scheme sets the header itself (app-protocol.ts) and the built page repeats the policy in
  // a meta tag; this covers the dev server and anything else the session loads.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/** Installs every guard: on the session now, and on each webContents as it is created. */
export function installSecurityRestrictions(app: App, ses: Session, appUrl: string, policy: string): void {
  restrictSession(ses, appUrl, policy);
  app.on('web-contents-created', (_event, contents) => {
    restrictWebContents(contents, appUrl);
  });
}
