import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_PAGE_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  resolveAppRequest,
  type AppRequest,
} from '../../../electron/main/app-protocol';

const RENDERER = '/opt/Agent Warden/resources/app.asar/out/renderer';
const POLICY = "default-src 'self'";

function get(url: string, extra: Partial<AppRequest> = {}): AppRequest {
  return { url, method: 'GET', ...extra };
}

describe('resolveAppRequest', () => {
  it.each([
    ['the page', 'warden://app/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['the root', 'warden://app/', 'index.html', 'text/html; charset=utf-8'],
    ['the page with a route fragment', 'warden://app/index.html#/findings', 'index.html', 'text/html; charset=utf-8'],
    ['a script', 'warden://app/assets/index-B1c_x-9.js', 'assets/index-B1c_x-9.js', 'text/javascript; charset=utf-8'],
    ['a style sheet', 'warden://app/assets/index-a1.css', 'assets/index-a1.css', 'text/css; charset=utf-8'],
    ['a font', 'warden://app/assets/inter.woff2', 'assets/inter.woff2', 'font/woff2'],
    ['an upper-case extension', 'warden://app/assets/LOGO.SVG', 'assets/LOGO.SVG', 'image/svg+xml'],
    ['a harmless encoded letter', 'warden://app/assets/%61pp.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
  ])('serves %s from the renderer folder', (_what, url, relativeFile, contentType) => {
    expect(resolveAppRequest(get(url), RENDERER)).toEqual({ ok: true, file: join(RENDERER, ...relativeFile.split('/')), contentType });
  });

  it('serves HEAD and a request from the app origin itself', () => {
    expect(resolveAppRequest(get(APP_PAGE_URL, { method: 'HEAD' }), RENDERER).ok).toBe(true);
    expect(resolveAppRequest(get(APP_PAGE_URL, { initiatorOrigin: 'warden://app' }), RENDERER).ok).toBe(true);
  });

  it.each([
    ['a parent segment', 'warden://app/../../etc/passwd'],
    ['an encoded parent segment', 'warden://app/%2e%2e/%2e%2e/etc/passwd'],
    ['an encoded slash', 'warden://app/assets%2f..%2f..%2fmain%2findex.js'],
    ['an encoded backslash', 'warden://app/..%5c..%5cmain%5cindex.js'],
    ['a raw backslash', 'warden://app/..\\..\\main\\index.js'],
    ['a double-encoded parent segment', 'warden://app/%252e%252e/%252e%252e/etc/passwd'],
    ['an absolute path in a segment', 'warden://app/%2fetc%2fpasswd'],
    ['a Windows drive', 'warden://app/C:%5cWindows%5cwin.ini'],
    ['an NTFS stream', 'warden://app/index.html::$DATA'],
    ['a NUL byte', 'warden://app/index.html%00.js'],
    ['a control character', 'warden://app/in%0adex.html'],
    ['a non-ASCII lookalike', 'warden://app/%E2%80%AEindex.html'],
    ['broken percent-encoding', 'warden://app/%E0%A4%A.js'],
    ['a hidden file', 'warden://app/.vite/manifest.json'],
    ['an empty segment', 'warden://app//index.html'],
    ['a folder', 'warden://app/assets/'],
    ['an unknown file type', 'warden://app/assets/index.js.map.exe'],
    ['a file without an extension', 'warden://app/LICENSE'],
    ['a Windows device name', 'warden://app/assets/COM1.js'],
    ['a Windows device name in lower case', 'warden://app/nul.html'],
    ['the main bundle', 'warden://app/main/index.cjs'],
    ['another host', 'warden://evil/index.html'],
    ['the host with a port', 'warden://app:8080/index.html'],
    ['credentials', 'warden://user:pw@app/index.html'],
    ['another scheme', 'file:///opt/Agent%20Warden/resources/app.asar/out/renderer/index.html'],
    ['https', 'https://app/index.html'],
    ['garbage', 'not a url'],
    ['an empty URL', ''],
    ['a very long URL', `warden://app/${'a/'.repeat(1500)}index.html`],
    ['too many segments', `warden://app/${'a/'.repeat(20)}index.html`],
    ['a very long segment', `warden://app/${'a'.repeat(300)}.js`],
  ])('refuses %s with a 404', (_what, url) => {
    expect(resolveAppRequest(get(url), RENDERER)).toMatchObject({ ok: false, status: 404 });
  });

  // The URL parser removes dot segments (encoded ones too) and cannot climb above the root, so these
  // end at a file inside the folder, if anywhere.
  it.each([
    ['a mixed-case encoded parent segment', 'warden://app/assets/%2E%2e/%2E%2E/secret.json', 'secret.json'],
    ['a half-encoded parent segment', 'warden://app/.%2e/main/index.js', 'main/index.js'],
    ['a dot segment', 'warden://app/./index.html', 'index.html'],
  ])('keeps %s inside the renderer folder', (_what, url, relativeFile) => {
    expect(resolveAppRequest(get(url), RENDERER)).toMatchObject({ ok: true, file: join(RENDERER, ...relativeFile.split('/')) });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get'])('refuses the method %s', (method) => {
    expect(resolveAppRequest(get(APP_PAGE_URL, { method }), RENDERER)).toMatchObject({ ok: false, status: 405 });
  });

  it.each(['https://example.com', 'null', 'file://', 'http://localhost:5173', 'warden://evil', 'warden://app:1'])(
    'refuses a request made by another origin (%s)',
    (initiatorOrigin) => {
      expect(resolveAppRequest(get(APP_PAGE_URL, { initiatorOrigin }), RENDERER)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('never resolves outside the renderer folder, whatever the URL (fuzzed)', () => {
    const alphabet = ['a', '.', '..', '%2e', '%2E', '%2f', '%5c', '/', '\\', '%00', ':', 'index.html', 'x.js', '%252e', '%', ' ', '~'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 5000; i += 1) {
      const parts = Array.from({ length: 1 + (next() % 10) }, () => alphabet[next() % alphabet.length]);
      const resolved = resolveAppRequest(get(`warden://app/${parts.join('')}`), RENDERER);
      if (resolved.ok) expect(resolved.file.startsWith(`${RENDERER}${sep}`)).toBe(true);
    }
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-app-protocol-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Agent Warden</title>');
    writeFileSync(join(dir, 'renderer', 'assets', 'index.js'), 'console.log(1)');
    // A secret beside the renderer folder: no URL may reach it.
    writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const handler = (onRefused = vi.fn()) =>
    createAppProtocolHandler({ rendererDir: join(dir, 'renderer'), policy: POLICY, readFile: (file) => Promise.resolve(readFileSync(file)), onRefused });

  it('answers the page with its type, the CSP header and nosniff', async () => {
    const response = await handler()(get(APP_PAGE_URL));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Agent Warden');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('answers a script as JavaScript, and HEAD without a body', async () => {
    const script = await handler()(get('warden://app/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const head = await handler()(get('warden://app/assets/index.js', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each(['warden://app/../secret.json', 'warden://app/%2e%2e/secret.json', 'warden://app/assets/..%2f..%2fsecret.json', 'warden://app/missing.js', 'warden://app/assets.js'])(
    'answers %s with a 404 that still carries the CSP, and reports it',
    async (url) => {
      const onRefused = vi.fn();
      const response = await handler(onRefused)(get(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toBe(POLICY);
      expect(onRefused).toHaveBeenCalledOnce();
    },
  );

  it('answers a read failure (a folder, an unreadable file) with a 404, never an exception', async () => {
    const failing = createAppProtocolHandler({ rendererDir: join(dir, 'renderer'), policy: POLICY, readFile: () => Promise.reject(new Error('EISDIR')) });
    await expect(failing(get(APP_PAGE_URL))).resolves.toMatchObject({ status: 404 });
  });

  it('reads with Electron fs by default (the real file, here outside an asar)', async () => {
    const response = await createAppProtocolHandler({ rendererDir: join(dir, 'renderer'), policy: POLICY })(get(APP_PAGE_URL));
    expect(response.status).toBe(200);
  });
});

describe('registration', () => {
  it('registers the scheme as standard and secure, never bypassing CSP nor open to other origins', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'warden',
      privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false },
    });
  });

  it('handles the scheme with the file handler', async () => {
    const protocol = { handle: vi.fn<(scheme: string, handler: (request: Request) => Promise<Response>) => void>() };
    installAppProtocol(protocol, { rendererDir: '/nowhere', policy: POLICY, readFile: () => Promise.resolve(new TextEncoder().encode('<p>hi</p>')) });
    expect(protocol.handle).toHaveBeenCalledOnce();
    const [scheme, handle] = protocol.handle.mock.calls[0]!;
    expect(scheme).toBe('warden');
    const response = await handle(new Request('warden://app/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>hi</p>');
  });
});
