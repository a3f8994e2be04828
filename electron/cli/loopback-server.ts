/**
 * The loopback HTTP transport: the same contract as Electron IPC, for browser mode and tests.
 *
 * Binds 127.0.0.1 only, requires a per-run bearer token on every /api/ request, refuses any Host
 * header but 127.0.0.1:PORT / localhost:PORT (DNS rebinding), and never sends CORS headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EventName } from '../../shared/contract';
import type { Dispatch } from '../core/dispatch';
import type { UploadStore } from '../core/discovery/scan/upload-store';

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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(root, normalize(relative));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

function serveStatic(res: ServerResponse, staticDir: string | null, urlPath: string): void {
  if (staticDir === null) {
    send(
      res,
      503,
      '<!doctype html><title>Agent Warden</title><p>The user interface is not built yet. Run <code>npm run build</code>, then start <code>warden serve</code> again.</p>',
      'text/html; charset=utf-8',
    );
    return;
  }
  const root = resolve(staticDir);
  const file = resolveStaticFile(root, urlPath);
  if (file === null) {
    send(res, 400, 'Bad path', 'text/plain; charset=utf-8');
    return;
  }
  let target = file;
  let stat = statSync(target, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    // Unknown paths without an extension fall back to the app (hash routing keeps this rare).
    if (extname(file) !== '') {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    target = join(root, 'index.html');
    stat = statSync(target, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size.toString(),
    'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  createReadStream(target).pipe(res);
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const expected = Buffer.from(token, 'utf8');
  const streams = new Set<ServerResponse>();
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
    if (!tokensEqual(expected, presented)) {
      sendJson(res, 401, { ok: false, error: { code: 'unavailable', message: 'Missing or wrong token.' } });
      return;
    }
    const name = path.slice('/api/'.length);
    if (name === 'health') {
      if (req.method !== 'GET') {
        sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use GET.' } });
        return;
      }
      sendJson(res, 200, { ok: true });
      return;
    }
    if (name === 'events') {
      if (req.method !== 'GET') {
        sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use GET.' } });
        return;
      }
      openEventStream(res);
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST for contract channels.' } });
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
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: `The request body is over ${MAX_BODY_BYTES} bytes.` } });
      }
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
    const envelope = await options.dispatch(name, input);
    const status = !envelope.ok && envelope.error.code === 'unknown_channel' ? 404 : 200;
    sendJson(res, status, envelope);
  }

  /** Streams the raw body to a temporary file and answers its upload ID (import:files takes it). */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const uploads = options.uploads ?? null;
    if (uploads === null) {
      sendJson(res, 404, { ok: false, error: { code: 'unknown_channel', message: 'Uploads are not accepted here.' } });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 'NaN');
    if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) {
      sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: 'The file is larger than 4 GiB.' } });
      req.resume();
      return;
    }
    const { id, path } = uploads.create();
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) req.destroy(new Error('The file is larger than 4 GiB.'));
    });
    try {
      await pipeline(req, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      uploads.remove(id);
      if (!res.headersSent) {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `The upload failed: ${error instanceof Error ? error.message : String(error)}` } });
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
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  const server: Server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      send(res, 421, 'Misdirected request: this server answers only to 127.0.0.1 and localhost.', 'text/plain; charset=utf-8');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      handleApi(req, res, path).catch((error: unknown) => {
        if (!res.headersSent) {
          const message = error instanceof Error ? error.message : String(error);
          sendJson(res, 500, { ok: false, error: { code: 'internal', message } });
        } else {
          res.destroy();
        }
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    serveStatic(res, options.staticDir, path);
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
