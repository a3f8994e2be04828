import type { App, HandlerDetails, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  installSecurityRestrictions,
  isPermissionAllowed,
  restrictSession,
  restrictWebContents,
} from '../../../electron/main/security-restrictions';
import { app, fakeEvent, FakeSession, FakeWebContents, resetElectronMock, shell } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const APP_URL = 'warden://app/index.html';
const PRODUCTION_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function guarded(): FakeWebContents {
  const contents = new FakeWebContents();
  restrictWebContents(contents as unknown as WebContents, APP_URL);
  return contents;
}

function openWindow(contents: FakeWebContents, url: string): string {
  const handler = contents.windowOpenHandler;
  if (handler === null) throw new Error('no window open handler installed');
  return handler({ url, frameName: '', features: '', disposition: 'new-window' } as HandlerDetails).action;
}

/** Lets the promise of openExternalSafely settle. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  resetElectronMock();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays on the app page', (eventName) => {
    const contents = guarded();
    const event = fakeEvent(`${APP_URL}#/settings`);
    contents.emit(eventName, event);
    expect(event.defaultPrevented).toBe(false);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses every other page', (eventName) => {
    const contents = guarded();
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'file:///opt/app/out/renderer/index.html',
      'warden://app/other.html',
      'warden://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
      'http://localhost:5173/',
    ]) {
      const event = fakeEvent(url);
      contents.emit(eventName, event);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it('sends a safe https link the user follows to the browser instead', async () => {
    const contents = guarded();
    contents.emit('will-navigate', fakeEvent('https://docs.aws.amazon.com/iam/'));
    contents.emit('will-navigate', fakeEvent('file:///etc/passwd'));
    contents.emit('will-navigate', fakeEvent('http://example.com/'));
    contents.emit('will-navigate', fakeEvent('warden://app/other.html'));
    await settle();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.aws.amazon.com/iam/');
  });

  it('never follows a redirect or a subframe navigation out to the browser', async () => {
    const contents = guarded();
    contents.emit('will-redirect', fakeEvent('https://example.com/'));
    contents.emit('will-frame-navigate', fakeEvent('https://example.com/'));
    await settle();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('new windows and webviews', () => {
  it('denies every new window, and opens only safe https links externally', async () => {
    const contents = guarded();
    expect(openWindow(contents, 'https://example.com/')).toBe('deny');
    expect(openWindow(contents, APP_URL)).toBe('deny');
    expect(openWindow(contents, 'file:///etc/passwd')).toBe('deny');
    expect(openWindow(contents, 'javascript:alert(1)')).toBe('deny');
    await settle();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });

  it('prevents attaching a webview', () => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('guards every webContents the app creates', () => {
    installSecurityRestrictions(app as unknown as App, new FakeSession() as unknown as Session, APP_URL, PRODUCTION_CSP);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });
});

describe('permissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'fullscreen', 'unknown'];

  function guardedSession(): FakeSession {
    const ses = new FakeSession();
    restrictSession(ses as unknown as Session, APP_URL, PRODUCTION_CSP);
    return ses;
  }

  it.each(permissions)('denies the request for %s', (permission) => {
    const ses = guardedSession();
    const callback = vi.fn();
    ses.permissionRequestHandler?.({} as WebContents, permission as never, callback, { requestingUrl: APP_URL, isMainFrame: true });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each(permissions)('answers no to the check for %s', (permission) => {
    const ses = guardedSession();
    expect(ses.permissionCheckHandler?.(null, permission as never, 'file://', { requestingUrl: APP_URL, isMainFrame: true })).toBe(false);
  });

  it('allows writing to the clipboard from the app page only', () => {
    const ses = guardedSession();
    const callback = vi.fn();
    ses.permissionRequestHandler?.({} as WebContents, 'clipboard-sanitized-write', callback, { requestingUrl: APP_URL, isMainFrame: true });
    expect(callback).toHaveBeenCalledWith(true);
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'https://example.com', { requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, APP_URL)).toBe(false);
    expect(isPermissionAllowed('clipboard-read', APP_URL, APP_URL)).toBe(false);
  });

  it('denies device access', () => {
    const ses = guardedSession();
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'file://' } as never)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict in production: only the app itself, no eval, no remote origins', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toBe(PRODUCTION_CSP);
    expect(policy).not.toMatch(/unsafe-eval|https?:|wss?:|\*/);
  });

  it('lets only the dev server HMR socket and the React Refresh preamble in under electron-vite dev', () => {
    const policy = contentSecurityPolicy('http://localhost:5173/');
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('is added to every response, keeping the other headers', () => {
    const ses = new FakeSession();
    restrictSession(ses as unknown as Session, APP_URL, PRODUCTION_CSP);
    const callback = vi.fn();
    ses.headersListener?.({ url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [PRODUCTION_CSP] },
    });
  });
});
