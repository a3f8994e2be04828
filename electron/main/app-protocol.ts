/**
 * The app's own scheme: the built renderer is served as `warden://app/…` instead of `file://`.
 *
 * Why (Electron's security checklist, "avoid file://"): a `file:` page shares its origin with every
 * file on the disk, so an injection in it could read or frame local files, and Electron grants file
 * pages extra privileges (the `grantFileProtocolExtraPrivileges` fuse, now off). Here the page has an
 * origin of its own, `warden://app`, that contains only the files of the built renderer folder, every
 * response carries the Content-Security-Policy header, and nothing else on disk has a URL at all.
 *
 * The scheme is registered as privileged before the app is ready (standard, so it has an origin,
 * relative URLs and web storage; secure, so it is a secure context; fetch for its own files). It is
 * neither `bypassCSP` nor `corsEnabled` (which would let any origin read its files).
 *
 * `resolveAppRequest` decides what a URL means with no I/O, so it is tested against hostile URLs
 * directly; `createAppProtocolHandler` adds the file read and the response.
 */
import { readFile as readFileCallback } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';

export const APP_SCHEME = 'warden';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page of the app. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` gets: the least the page needs, nothing that loosens it. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false },
};

/** The types the built renderer is made of; a file of any other type is not served. */
export const APP_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const MAX_URL_LENGTH = 2048;
const MAX_SEGMENTS = 16;
// One decoded path segment: the names a bundler writes (index-a1B2.js), nothing else. This refuses
// `.` and `..` in every encoding, hidden files, separators (`/`, `\`), drive letters and streams
// (`:`), NUL and every other control or non-ASCII character without having to enumerate them.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
// Windows device names, which open a device (COM1 may block) whatever the folder or extension.
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;

export type AppRequestResolution =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 403 | 404 | 405; reason: string };

export interface AppRequest {
  url: string;
  method: string;
  /** Set by Electron to the origin of the web content that made the request; absent for its own loads. */
  initiatorOrigin?: string | undefined;
}

function refuse(status: 403 | 404 | 405, reason: string): AppRequestResolution {
  return { ok: false, status, reason };
}

/**
 * What a request to the app's scheme may read: one file inside `rendererDir`, or a refusal. Pure:
 * it touches no file (a missing file is found out by the read).
 */
export function resolveAppRequest(request: AppRequest, rendererDir: string): AppRequestResolution {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'only GET and HEAD');
  // Only the app's own page (or Electron itself) may load its files: never another origin's content.
  if (request.initiatorOrigin !== undefined && request.initiatorOrigin !== APP_ORIGIN) return refuse(403, 'foreign initiator');
  if (typeof request.url !== 'string' || request.url.length > MAX_URL_LENGTH) return refuse(404, 'bad URL');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(404, 'bad URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return refuse(404, 'not the app origin');
  }
  const pathname = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
  if (!pathname.startsWith('/') || pathname.includes('\\')) return refuse(404, 'bad path');
  const rawSegments = pathname.slice(1).split('/');
  if (rawSegments.length > MAX_SEGMENTS) return refuse(404, 'bad path');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return refuse(404, 'bad encoding');
    }
    // `..` and `.` match SEGMENT's character set but not its first character, so they end here too.
    if (!SEGMENT.test(decoded) || WINDOWS_DEVICE.test(decoded)) return refuse(404, 'bad path segment');
    segments.push(decoded);
  }
  const last = segments[segments.length - 1] ?? '';
  const contentType = APP_MIME_TYPES[extname(last).toLowerCase()];
  if (contentType === undefined) return refuse(404, 'unknown file type');
  const file = join(rendererDir, ...segments);
  // Belt and braces: whatever the rules above let through must still lie inside the folder.
  const inside = relative(rendererDir, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return refuse(404, 'outside the renderer folder');
  return { ok: true, file, contentType };
}

/** Headers on every answer of the scheme, found or not. */
export function appResponseHeaders(policy: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

export interface AppProtocolHandlerOptions {
  /** The built renderer folder (`out/renderer`, inside app.asar when packaged). */
  rendererDir: string;
  /** The Content-Security-Policy sent with every response. */
  policy: string;
  /** Reads one file; Electron's patched `fs.readFile` by default, which reads inside app.asar. */
  readFile?: (file: string) => Promise<Uint8Array>;
  /** Where refusals are reported (the URL is cut short: it may be anything). */
  onRefused?: (url: string, reason: string) => void;
}

function readWithElectronFs(file: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    readFileCallback(file, (error, data) => (error === null ? resolve(data) : reject(error)));
  });
}

/** The `protocol.handle` handler of the app's scheme. It never throws: every failure is a 404. */
export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: AppRequest) => Promise<Response> {
  const read = options.readFile ?? readWithElectronFs;
  const notFound = (status: number, url: string, reason: string): Response => {
    options.onRefused?.(String(url).slice(0, 200), reason);
    return new Response(status === 405 ? 'Method not allowed' : 'Not found', { status, headers: appResponseHeaders(options.policy, 'text/plain; charset=utf-8') });
  };
  return async (request) => {
    const resolved = resolveAppRequest(request, options.rendererDir);
    if (!resolved.ok) return notFound(resolved.status, request.url, resolved.reason);
    let body: Uint8Array;
    try {
      body = await read(resolved.file);
    } catch {
      // Missing, a folder, unreadable: all the same to the page.
      return notFound(404, request.url, 'no such file');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(options.policy, resolved.contentType) });
  };
}

/** Before `app` is ready: the scheme's privileges (Electron honours one call only, so this is the one). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Once ready: serve the scheme in the session the window uses. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, options: AppProtocolHandlerOptions): void {
  // Electron's Request carries `initiatorOrigin` beside the standard fields (AppRequest reads it).
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
