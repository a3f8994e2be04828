import { describe, expect, it } from 'vitest';
import { isAppPageUrl, isDevServerUrl, preloadPath, resolveAppPage } from '../../../electron/main/app-page';

const APP = 'warden://app/index.html';
const FILE_PAGE = 'file:///opt/Agent%20Warden/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('isAppPageUrl', () => {
  it.each([
    ['the page itself', APP, APP],
    ['the page with a route fragment', `${APP}#/connections`, APP],
    ['the dev server root', 'http://localhost:5173/', DEV_APP],
    ['a dev server module', 'http://localhost:5173/src/main.tsx', DEV_APP],
  ])('accepts %s', (_what, url, appUrl) => {
    expect(isAppPageUrl(url, appUrl)).toBe(true);
  });

  it.each([
    ['the built page from file://', FILE_PAGE, APP],
    ['a file URL', 'file:///etc/passwd', APP],
    ['another page of the app scheme', 'warden://app/other.html', APP],
    ['an asset of the app scheme', 'warden://app/assets/index.js', APP],
    ['the page on another host of the scheme', 'warden://attacker/index.html', APP],
    ['the page with credentials', 'warden://user:pw@app/index.html', APP],
    ['the page with a port', 'warden://app:80/index.html', APP],
    ['the page with a query', `${APP}?x=1`, APP],
    ['a lookalike scheme', 'warden-app://app/index.html', APP],
    ['a remote page', 'https://example.com/', APP],
    ['a data URL', 'data:text/html,hi', APP],
    ['about:blank', 'about:blank', APP],
    ['an empty URL', '', APP],
    ['another port', 'http://localhost:5174/', DEV_APP],
    ['another host', 'http://127.0.0.1:5173/', DEV_APP],
    ['https instead of http', 'https://localhost:5173/', DEV_APP],
    ['credentials', 'http://user:pw@localhost:5173/', DEV_APP],
    ['the app page against a dev app', APP, DEV_APP],
    ['an unparsable app URL', APP, 'not a url'],
    ['a file page against a file app URL (file pages are never the app)', FILE_PAGE, FILE_PAGE],
    ['an app URL of another scheme', 'about:blank', 'about:blank'],
  ])('refuses %s', (_what, url, appUrl) => {
    expect(isAppPageUrl(url, appUrl)).toBe(false);
  });
});

describe('resolveAppPage', () => {
  const mainDir = '/opt/app/out/main';

  it('loads the built renderer through the app scheme in a packaged app, whatever the environment says', () => {
    const page = resolveAppPage({ isPackaged: true, devServerUrl: 'http://localhost:5173/', mainDir });
    expect(page).toEqual({ kind: 'app-protocol', url: 'warden://app/index.html', rendererDir: '/opt/app/out/renderer' });
  });

  it('loads the dev server under electron-vite dev', () => {
    expect(resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173', mainDir })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      rendererDir: '/opt/app/out/renderer',
    });
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'http://192.168.1.5:5173/', 'not a url', ''])(
    'ignores a dev server URL that is not on loopback: %j',
    (devServerUrl) => {
      expect(resolveAppPage({ isPackaged: false, devServerUrl, mainDir }).kind).toBe('app-protocol');
    },
  );

  it('finds the preload beside the main bundle', () => {
    expect(preloadPath(mainDir)).toBe('/opt/app/out/preload/index.cjs');
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://127.0.0.1:5173', true],
    ['http://[::1]:5173/', true],
    ['http://localhost.evil.example/', false],
    ['ws://localhost:5173/', false],
    ['http://u:p@localhost:5173/', false],
  ])('isDevServerUrl(%j) is %s', (url, expected) => {
    expect(isDevServerUrl(url)).toBe(expected);
  });
});
