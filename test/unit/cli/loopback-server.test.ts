import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '@core/dispatch';
import { EventHub } from '@core/events';
import { CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, isAllowedHost, startLoopbackServer, type LoopbackServer } from '../../../electron/cli/loopback-server';
import { rawRequest } from './http-request';

const TOKEN = 'test-token-0123456789abcdef';

// Only the channels these tests call; the contract test covers the full handler set.
const handlers = {
  'app:info': () => ({ name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' }),
  'connections:remove': ({ id }: { id: string }) => ({ removed: id === 'known' }),
} as unknown as Handlers;

describe('loopback server', () => {
  let server: LoopbackServer;
  let staticDir: string;
  const hub = new EventHub();

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'warden-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Agent Warden</title>');
    writeFileSync(join(tmpdir(), 'warden-secret-outside.txt'), 'outside');
    server = await startLoopbackServer({ dispatch: createDispatch(handlers), events: hub, staticDir, port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await server.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const auth = { authorization: `Bearer ${TOKEN}` };

  it('prints a URL on 127.0.0.1 with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('generates a long random token per run when none is given', async () => {
    const a = await startLoopbackServer({ dispatch: createDispatch(handlers), events: hub, staticDir, port: 0 });
    const b = await startLoopbackServer({ dispatch: createDispatch(handlers), events: hub, staticDir, port: 0 });
    try {
      expect(a.token).toMatch(/^[0-9a-f]{64}$/);
      expect(a.token).not.toBe(b.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('answers health with the token and refuses without it or with a wrong one', async () => {
    const ok = await rawRequest(server.port, { path: '/api/health', headers: auth });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true });

    expect((await rawRequest(server.port, { path: '/api/health' })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/api/health', headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/api/health', headers: { authorization: TOKEN } })).status).toBe(401);
    const channel = await rawRequest(server.port, { method: 'POST', path: '/api/app:info', body: '{}' });
    expect(channel.status).toBe(401);
  });

  it('refuses a Host header that is not this server (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `0.0.0.0:${server.port}`]) {
      const res = await rawRequest(server.port, { path: '/api/health', headers: { ...auth, host } });
      expect(res.status, host).toBeGreaterThanOrEqual(400);
      expect(res.status, host).toBeLessThan(500);
    }
    const viaLocalhost = await rawRequest(server.port, { path: '/api/health', headers: { ...auth, host: `localhost:${server.port}` } });
    expect(viaLocalhost.status).toBe(200);
    expect(isAllowedHost(undefined, server.port)).toBe(false);
  });

  it('never sends CORS headers, not even to a preflight', async () => {
    const origin = { origin: 'https://evil.example' };
    const responses = await Promise.all([
      rawRequest(server.port, { method: 'OPTIONS', path: '/api/app:info', headers: { ...origin, 'access-control-request-method': 'POST' } }),
      rawRequest(server.port, { method: 'POST', path: '/api/app:info', headers: { ...auth, ...origin }, body: '{}' }),
      rawRequest(server.port, { path: '/', headers: origin }),
    ]);
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('dispatches a channel and returns its envelope', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/app:info', headers: auth, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = JSON.parse(res.body) as { ok: boolean; value: { transport: string } };
    expect(body.ok).toBe(true);
    expect(body.value.transport).toBe('http');
  });

  it('treats an empty body as empty input', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/app:info', headers: auth });
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
  });

  it('answers a malformed body with 400 invalid_input', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/app:info', headers: auth, body: '{"oops":' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers schema-invalid input with an invalid_input envelope naming the field', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/connections:remove', headers: auth, body: '{"id":42}' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('id');
  });

  it('answers an unknown channel with 404 unknown_channel', async () => {
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/iam:createAccessKey', headers: auth, body: '{}' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses GET on a channel and an oversized body', async () => {
    expect((await rawRequest(server.port, { path: '/api/app:info', headers: auth })).status).toBe(405);
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES + 10) });
    // The server answers 413 before reading the body (its Content-Length says too much) and then closes.
    const res = await rawRequest(server.port, { method: 'POST', path: '/api/app:info', headers: auth, body: big });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
  });

  it('serves the renderer with a strict CSP and no path traversal', async () => {
    const index = await rawRequest(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/../warden-secret-outside.txt', '/%2e%2e/warden-secret-outside.txt', '/..%2fwarden-secret-outside.txt']) {
      const res = await rawRequest(server.port, { path });
      expect(res.body, path).not.toContain('outside');
    }
    expect((await rawRequest(server.port, { path: '/missing.js' })).status).toBe(404);
  });

  it('streams events to an authorised listener', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { ...auth, host: `127.0.0.1:${server.port}` } },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes(': connected')) hub.emit('workspace:changed', { path: '/tmp/x.sqlite' });
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: workspace:changed\ndata: {"path":"/tmp/x.sqlite"}');
    expect((await rawRequest(server.port, { path: '/api/events' })).status).toBe(401);
  });
});

describe('loopback uploads', () => {
  it('streams an upload to a temporary file and refuses without the token or without a store', async () => {
    const { UploadStore } = await import('@core/discovery/scan/upload-store');
    const { readFileSync } = await import('node:fs');
    const uploads = new UploadStore();
    const server = await startLoopbackServer({
      dispatch: createDispatch(handlers),
      events: new EventHub(),
      staticDir: null,
      port: 0,
      token: TOKEN,
      uploads,
    });
    const bare = await startLoopbackServer({ dispatch: createDispatch(handlers), events: new EventHub(), staticDir: null, port: 0, token: TOKEN });
    try {
      const body = JSON.stringify({ UserDetailList: [] }) + 'x'.repeat(200_000);
      const res = await rawRequest(server.port, { method: 'POST', path: '/api/upload', headers: { authorization: `Bearer ${TOKEN}` }, body });
      expect(res.status).toBe(200);
      const reply = JSON.parse(res.body) as { ok: true; value: { uploadId: string; size: number } };
      expect(reply.value.size).toBe(Buffer.byteLength(body));
      expect(readFileSync(uploads.resolve(reply.value.uploadId), 'utf8')).toBe(body);

      expect((await rawRequest(server.port, { method: 'POST', path: '/api/upload', body: 'x' })).status).toBe(401);
      const refused = await rawRequest(bare.port, { method: 'POST', path: '/api/upload', headers: { authorization: `Bearer ${TOKEN}` }, body: 'x' });
      expect(refused.status).toBe(404);
      uploads.remove(reply.value.uploadId);
      expect(() => uploads.resolve(reply.value.uploadId)).toThrow(/no longer available/);
    } finally {
      await server.close();
      await bare.close();
      uploads.dispose();
    }
  });
});

describe('loopback upload limits', () => {
  it('answers 413 to an upload over the limit (declared or streamed) and keeps no part of it', async () => {
    const { UploadStore } = await import('@core/discovery/scan/upload-store');
    const { readdirSync } = await import('node:fs');
    const { exchange, rawHttp } = await import('./raw-socket');
    const parent = mkdtempSync(join(tmpdir(), 'warden-upload-limit-'));
    const uploads = new UploadStore({ parent });
    const limit = 64 * 1024;
    const server = await startLoopbackServer({ dispatch: createDispatch(handlers), events: new EventHub(), staticDir: null, port: 0, token: TOKEN, uploads, maxUploadBytes: limit });
    const headers = (extra: [string, string][]): [string, string][] => [['Host', `127.0.0.1:${server.port}`], ['Authorization', `Bearer ${TOKEN}`], ...extra];
    try {
      const declared = await exchange(server.port, [rawHttp('POST', '/api/upload', headers([['Content-Length', String(limit + 1)]]))]);
      expect(declared.statuses).toEqual([413]);
      expect(declared.heads[0]).toContain('connection: close');
      // No Content-Length: refused once the limit is passed while streaming; the partial file is deleted.
      const body = 'x'.repeat(4 * limit);
      const streamed = await exchange(server.port, [rawHttp('POST', '/api/upload', headers([['Transfer-Encoding', 'chunked']]), `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`)]);
      expect(streamed.text.startsWith('HTTP/1.1 413'), streamed.error ?? streamed.text.slice(0, 80)).toBe(true);
      expect(streamed.heads[0]).toContain('connection: close');
      const folder = uploads.folder();
      expect(folder === null ? [] : readdirSync(folder)).toEqual([]);
      // Under the limit it is still accepted.
      const small = await exchange(server.port, [rawHttp('POST', '/api/upload', headers([['Content-Length', '5']]), 'hello')]);
      expect(small.statuses).toEqual([200]);
    } finally {
      await server.close();
      uploads.dispose();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
