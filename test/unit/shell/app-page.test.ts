import { describe, expect, it } from 'vitest';
import { isAppPageUrl, isDevServerUrl, preloadPath, resolveAppPage } from '../../../electron/main/app-page';

const FILE_APP = 'file:///opt/Agent%20Warden/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('isAppPageUrl', () => {
  it.each([
    ['the page itself', FILE_APP, FILE_APP],
    ['the page with a route fragment', `${FILE_APP}#/connections`, FILE_APP],
    ['the dev server root', 'http://localhost:5173/', DEV_APP],
    ['a dev server module', 'http://localhost:5173/src/main.tsx', DEV_APP],
  ])('accepts %s', (_what, url, appUrl) => {
    expect(isAppPageUrl(url, appUrl)).toBe(true);
  });

  it.each([
    ['another file', 'file:///etc/passwd', FILE_APP],
    ['a sibling file', 'file:///opt/Agent%20Warden/resources/app.asar/out/renderer/other.html', FILE_APP],
    ['the page on another host (UNC)', 'file://attacker/opt/Agent%20Warden/resources/app.asar/out/renderer/index.html', FILE_APP],
    ['the page with a query', `${FILE_APP}?x=1`, FILE_APP],
    ['a remote page', 'https://example.com/', FILE_APP],
    ['a data URL', 'data:text/html,hi', FILE_APP],
    ['about:blank', 'about:blank', FILE_APP],
    ['an empty URL', '', FILE_APP],
    ['another port', 'http://localhost:5174/', DEV_APP],
    ['another host', 'http://127.0.0.1:5173/', DEV_APP],
    ['https instead of http', 'https://localhost:5173/', DEV_APP],
    ['credentials', 'http://user:pw@localhost:5173/', DEV_APP],
    ['a file page against a dev app', FILE_APP, DEV_APP],
    ['an unparsable app URL', FILE_APP, 'not a url'],
    ['an app URL of another scheme', 'about:blank', 'about:blank'],
  ])('refuses %s', (_what, url, appUrl) => {
    expect(isAppPageUrl(url, appUrl)).toBe(false);
  });
});

describe('resolveAppPage', () => {
  const mainDir = '/opt/app/out/main';

  it('loads the built renderer from disk in a packaged app, whatever the environment says', () => {
    const page = resolveAppPage({ isPackaged: true, devServerUrl: 'http://localhost:5173/', mainDir });
    expect(page).toEqual({ kind: 'file', target: '/opt/app/out/renderer/index.html', url: 'file:///opt/app/out/renderer/index.html' });
  });

  it('loads the dev server under electron-vite dev', () => {
    expect(resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173', mainDir })).toEqual({
      kind: 'dev-server',
      target: 'http://localhost:5173',
      url: 'http://localhost:5173/',
    });
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'http://192.168.1.5:5173/', 'not a url', ''])(
    'ignores a dev server URL that is not on loopback: %j',
    (devServerUrl) => {
      expect(resolveAppPage({ isPackaged: false, devServerUrl, mainDir }).kind).toBe('file');
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
