/**
 * The loopback HTTP transport: the same contract as Electron IPC, for browser mode and tests.
 *
 * Binds 127.0.0.1 only, requires a per-run bearer token on every /api/ request, refuses any Host
 * header but 127.0.0.1:PORT / localhost:PORT (DNS rebinding), and never sends CORS headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, realpathSync, statSync } from 'node:fs';
import { finished, pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { EventName } from '@shared/contract';
import { stringifyWithStoredJson } from '@shared/stored-json';
import type { Dispatch } from '@core/dispatch';
import type { UploadStore } from '@core/discovery/scan/upload-store';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** API bodies are small JSON documents; anything larger is refused before it is buffered. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Import files are streamed to disk (never buffered); this bounds the disk they may take. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface EventSource {
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export interface LoopbackServerOptions {
  dispatch: Dispatch;
  events: EventSource;
  /** Folder with the built renderer (index.html); null serves a short "not built" page. */
  staticDir: string | null;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Where `POST /api/upload` streams import files; null refuses uploads. */
  uploads?: UploadStore | null;
  /** Bounds an upload (default MAX_UPLOAD_BYTES; tests set less). */
  maxUploadBytes?: number;
  /** Told about a fault that was answered with a 500 (the request never ends the process). */
  onInternalError?: (error: unknown) => void;
}

export interface LoopbackServer {
  readonly port: number;
  readonly token: string;
  readonly url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, body: string, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body).toString(),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function tokensEqual(expected: Buffer, presented: string): boolean {
  const candidate = Buffer.from(presented, 'utf8');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** The Host header must name this very server, so a rebound DNS name cannot reach the API. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

class BodyTooLargeError extends Error {}

/** The request line's target is refused above this (414); Node refuses headers above 16 KiB itself (431). */
export const MAX_URL_BYTES = 8 * 1024;
/** The built renderer is a few folders deep; anything deeper is not one of its files. */
const MAX_PATH_SEGMENTS = 32;
/** NAME_MAX on the file systems we run on; a longer name cannot exist (and made stat throw ENAMETOOLONG). */
const MAX_SEGMENT_BYTES = 255;

/** The Content-Length a request declares: a number, null when absent, NaN when it is not a valid one. */
function declaredLength(req: IncomingMessage): number | null {
  const value = req.headers['content-length'];
  if (value === undefined) return null;
  return /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
}

/** Whether bytes of a body may still be on the wire (so a refusal must close instead of reading them). */
function mayHaveBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const declared = declaredLength(req);
  return declared !== null && declared !== 0;
}

/**
 * Reads a body of at most `limit` bytes into `sink`. Over the limit it stops listening and pauses the
 * request (never destroys it: the 413 must still be written on this socket) and rejects with
 * BodyTooLargeError. A client that goes away mid-body rejects too.
 */
function readLimited(req: IncomingMessage, limit: number, sink: (chunk: Buffer) => boolean, onDrain: (resume: () => void) => void): Promise<number> {
  return new Promise((resolveRead, reject) => {
    let size = 0;
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (error === null) {
        resolveRead(size);
      } else {
        req.pause();
        reject(error);
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        settle(new BodyTooLargeError());
        return;
      }
      if (!sink(chunk)) {
        req.pause();
        onDrain(() => {
          if (!settled) req.resume();
        });
      }
    };
    const onEnd = (): void => settle(null);
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(new Error('The client closed the connection before the body was complete.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = declaredLength(req);
  if (declared !== null && declared > MAX_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  await readLimited(
    req,
    MAX_BODY_BYTES,
    (chunk) => {
      chunks.push(chunk);
      return true;
    },
    (resume) => resume(),
  );
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The file under `root` a static URL path names, or null for anything that is not plainly one of its
 * files: not starting with "/", bad percent-encoding, NUL or control characters, backslashes, colons
 * (drive letters, NTFS streams), "." or ".." segments (raw or encoded), names longer than a file
 * system allows, or more segments than the build has. Symlinks are checked after resolving (below).
 */
export function staticPathSegments(urlPath: string): string[] | null {
  if (!urlPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length > MAX_PATH_SEGMENTS) return null;
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return null;
  }
  return segments;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The regular file to send (following symlinks only within the root), or null. Never throws. */
function existingFileInside(root: string, path: string): { path: string; size: number } | null {
  try {
    const real = realpathSync(path);
    if (!isInside(root, real)) return null;
    const stat = statSync(real);
    return stat.isFile() ? { path: real, size: stat.size } : null;
  } catch {
    // ENOENT, ENAMETOOLONG, ELOOP, EACCES, ENOTDIR…: whatever the reason, there is no such file to serve.
    return null;
  }
}

function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string | null, urlPath: string): void {
  if (staticDir === null) {
    send(
      res,
      503,
      '<!doctype html><title>Agent Warden</title><p>The user interface is not built yet. Run <code>npm run build</code>, then start <code>warden serve</code> again.</p>',
      'text/html; charset=utf-8',
    );
    return;
  }
  const segments = staticPathSegments(urlPath);
  let root: string;
  try {
    // Resolved per request: `npm run build` may replace the folder while the server runs.
    root = realpathSync(resolve(staticDir));
  } catch {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  if (segments === null) {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  const wanted = segments.length === 0 ? join(root, 'index.html') : join(root, ...segments);
  let file = isInside(root, wanted) ? existingFileInside(root, wanted) : null;
  // Unknown paths without an extension fall back to the app (hash routing keeps this rare).
  if (file === null && extname(wanted) === '') file = existingFileInside(root, join(root, 'index.html'));
  if (file === null) {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size.toString(),
    'Cache-Control': file.path.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A file removed or unreadable after the stat: the headers are out, so only the connection can say so.
  pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const expected = Buffer.from(token, 'utf8');
  const streams = new Set<ServerResponse>();
  const maxUpload = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const tooLargeUpload = `The file is larger than ${maxUpload === MAX_UPLOAD_BYTES ? '4 GiB' : `${maxUpload} bytes`}.`;
  let port = 0;

  /**
   * A refusal answered before the body was read: when body bytes may still be on the wire it says
   * `Connection: close`, so Node closes the socket once the answer is flushed instead of reading
   * (and discarding) the rest — a 401 must not wait for a gigabyte.
   */
  function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, api: boolean): void {
    const close: Record<string, string> = mayHaveBody(req) || status === 413 || status === 414 ? { Connection: 'close' } : {};
    if (api) send(res, status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json; charset=utf-8', close);
    else send(res, status, message, 'text/plain; charset=utf-8', close);
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse, message: string): void {
    // Stop reading (the request stays paused) and close once the answer is out; never destroy before.
    req.pause();
    refuse(req, res, 413, 'invalid_input', message, true);
  }

  function hasToken(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    return tokensEqual(expected, auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '');
  }

  /** Node keeps only the first of several Host headers; a request with more is malformed (RFC 9112 3.2). */
  function hasOurHost(req: IncomingMessage): boolean {
    const hosts = req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'host').length;
    return hosts === 1 && isAllowedHost(req.headers.host, port);
  }

  const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    // First, before anything is read: without the token nothing else happens.
    if (!hasToken(req)) {
      refuse(req, res, 401, 'unavailable', 'Missing or wrong token.', true);
      return;
    }
    const name = path.slice('/api/'.length);
    if (name === 'health' || name === 'events') {
      if (req.method !== 'GET') {
        refuse(req, res, 405, 'invalid_input', 'Use GET.', true);
        return;
      }
      if (name === 'health') sendJson(res, 200, { ok: true });
      else openEventStream(res);
      return;
    }
    if (req.method !== 'POST') {
      refuse(req, res, 405, 'invalid_input', 'Use POST for contract channels.', true);
      return;
    }
    if (name === 'upload') {
      await receiveUpload(req, res);
      return;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) tooLarge(req, res, `The request body is over ${MAX_BODY_BYTES} bytes.`);
      else if (!res.headersSent) refuse(req, res, 400, 'invalid_input', 'The request body could not be read.', true);
      return;
    }
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text) as unknown;
      } catch {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
        return;
      }
    }
    // Written as JSON here: stored JSON texts may travel unparsed (shared/stored-json.ts).
    const envelope = await options.dispatch(name, input, { json: true });
    const status = !envelope.ok && envelope.error.code === 'unknown_channel' ? 404 : 200;
    send(res, status, stringifyWithStoredJson(envelope), 'application/json; charset=utf-8');
  }

  /** Streams the raw body to a temporary file and answers its upload ID (import:files takes it). */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const uploads = options.uploads ?? null;
    if (uploads === null) {
      refuse(req, res, 404, 'unknown_channel', 'Uploads are not accepted here.', true);
      return;
    }
    const declared = declaredLength(req);
    if (declared !== null && declared > maxUpload) {
      tooLarge(req, res, tooLargeUpload);
      return;
    }
    const { id, path } = uploads.create();
    const out = createWriteStream(path, { mode: 0o600 });
    // Both are raced below; each is also observed here so the loser can never be an unhandled rejection.
    const failedWrite = new Promise<never>((_, reject) => out.once('error', reject));
    failedWrite.catch(() => undefined);
    const reading = readLimited(req, maxUpload, (chunk) => out.write(chunk), (resume) => out.once('drain', resume));
    reading.catch(() => undefined);
    let size: number;
    try {
      size = await Promise.race([reading, failedWrite]);
      out.end();
      await finished(out);
    } catch (error) {
      // The file is opened asynchronously: wait until the stream has closed it, or an open still
      // pending would create the file again after it was removed.
      await new Promise<void>((resolve) => {
        if (out.closed) resolve();
        else out.once('close', () => resolve());
        out.destroy();
      });
      uploads.remove(id);
      if (error instanceof BodyTooLargeError) tooLarge(req, res, tooLargeUpload);
      else if (!res.headersSent) {
        refuse(req, res, 400, 'invalid_input', `The upload failed: ${error instanceof Error ? error.message : String(error)}`, true);
      }
      return;
    }
    sendJson(res, 200, { ok: true, value: { uploadId: id, size } });
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    const unsubscribe = options.events.subscribe((event, payload) => {
      try {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      } catch (error) {
        // One listener's failure must not reach the emitter (the back end) or the other listeners.
        options.onInternalError?.(error);
      }
    });
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (Buffer.byteLength(url) > MAX_URL_BYTES) {
      refuse(req, res, 414, 'invalid_input', 'URI too long.', false);
      return;
    }
    if (!hasOurHost(req)) {
      refuse(req, res, 421, 'unavailable', 'Misdirected request: this server answers only to 127.0.0.1 and localhost.', false);
      return;
    }
    const path = url.split('?')[0] ?? '/';
    if (isApiPath(path)) {
      await handleApi(req, res, path);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(req, res, 405, 'invalid_input', 'Method not allowed', false);
      return;
    }
    serveStatic(req, res, options.staticDir, path);
  }

  /** The last resort: the request gets a 500 (or, once its headers are out, loses its connection). */
  function answerFailure(res: ServerResponse, error: unknown): void {
    options.onInternalError?.(error);
    try {
      if (!res.headersSent) {
        send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: 'The server could not answer this request.' } }), 'application/json; charset=utf-8', {
          Connection: 'close',
        });
        return;
      }
    } catch {
      // Fall through: the connection is all that is left to close.
    }
    res.destroy();
  }

  // No request, with or without the token, may end the process: every failure is answered here.
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    // A client that goes away mid-request or mid-response is not an error of ours; without these
    // listeners the stream's 'error' event would be unhandled.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    let handled: Promise<void>;
    try {
      handled = route(req, res);
    } catch (error) {
      handled = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    handled.catch((error: unknown) => answerFailure(res, error));
  };
  const server: Server = createServer(onRequest);
  // `Expect: 100-continue` (curl sends it for large uploads): the body is asked for only when it would
  // be read, so a request refused for its URL, Host or token is answered without ever getting it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    if (Buffer.byteLength(url) <= MAX_URL_BYTES && hasOurHost(req) && isApiPath(path) && hasToken(req)) res.writeContinue();
    onRequest(req, res);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Once listening, a server error (an accept failing with EMFILE under a flood of connections) is
  // reported, not thrown: with no listener it would end the process.
  server.on('error', (error) => options.onInternalError?.(error));

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
