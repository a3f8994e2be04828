/**
 * Hostile requests against the real loopback server, in a child process: no request, with or without
 * the token, may end the process or leave it unable to answer. After each batch, `/api/health` must
 * still answer 200 and the process must still be running. Loopback only; every loop is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, rawHttp, type RawExchange } from './raw-socket';

const ROOT = join(__dirname, '../../..');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-STATIC-FOLDER';

interface Child {
  process: ChildProcess;
  port: number;
  token: string;
  stderr: () => string;
}

function startChild(staticDir: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'loopback-server-child.ts'), staticDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const ready = /READY (\d+) (\S+)/.exec(out);
      if (ready !== null) resolve({ process: child, port: Number(ready[1]), token: ready[2] ?? '', stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`the server child exited (${String(code)}) before listening: ${err}`)));
  });
}

interface Case {
  name: string;
  chunks: (string | Buffer)[];
  responses?: number;
  abortAfterWrite?: boolean;
  timeoutMs?: number;
}

describe('loopback server under hostile requests (child process)', () => {
  let child: Child;
  let staticDir: string;
  let outside: string;
  let host: string;
  let bearer: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'warden-fuzz-static-'));
    outside = mkdtempSync(join(tmpdir(), 'warden-fuzz-outside-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Agent Warden</title>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(outside, 'secret.txt'), SECRET);
    // Symlinks that point out of the static folder: neither may be followed.
    symlinkSync(outside, join(staticDir, 'escape'));
    symlinkSync(join(outside, 'secret.txt'), join(staticDir, 'link.txt'));
    child = await startChild(staticDir);
    host = `127.0.0.1:${child.port}`;
    bearer = `Bearer ${child.token}`;
  }, 60_000);

  afterAll(() => {
    child.process.kill('SIGKILL');
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const get = (target: string, extra: [string, string][] = []): string => rawHttp('GET', target, [['Host', host], ['Connection', 'close'], ...extra]);

  async function expectAlive(after: string): Promise<void> {
    expect(child.process.exitCode, `${after}: the server process exited; stderr:\n${child.stderr()}`).toBeNull();
    expect(child.process.signalCode, after).toBeNull();
    const health = await exchange(child.port, [get('/api/health', [['Authorization', bearer]])]);
    expect(health.statuses, `${after}: /api/health did not answer; stderr:\n${child.stderr()}`).toEqual([200]);
    // The server reports any fault it answered with a 500 on stderr: there must be none.
    expect(child.stderr(), after).not.toContain('INTERNAL');
  }

  function checkAnswer(c: Case, result: RawExchange): void {
    for (const status of result.statuses) {
      // A 500 means an exception reached the last-resort handler: a fault even if the process survived.
      expect(status, `${c.name}: ${result.text.slice(0, 200)}`).not.toBe(500);
    }
    expect(result.text, c.name).not.toContain(SECRET);
  }

  async function runBatch(name: string, cases: Case[], concurrency = 8): Promise<RawExchange[]> {
    const results: RawExchange[] = new Array<RawExchange>(cases.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const index = next++;
        const c = cases[index];
        if (c === undefined) continue;
        const result = await exchange(child.port, c.chunks, {
          responses: c.responses ?? 1,
          timeoutMs: c.timeoutMs ?? 3000,
          ...(c.abortAfterWrite === true && { abortAfterWrite: true }),
        });
        checkAnswer(c, result);
        results[index] = result;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    await expectAlive(name);
    return results;
  }

  it('survives long paths and answers 414 or 404', async () => {
    const cases: Case[] = [];
    for (const length of [256, 300, 1000, 4096, 8000, 10_000, 16_000, 100_000, 1_000_000]) {
      cases.push({ name: `GET /a×${length}`, chunks: [get(`/${'a'.repeat(length)}`)] });
      cases.push({ name: `GET /a×${length}.js`, chunks: [get(`/${'a'.repeat(length)}.js`)] });
      cases.push({ name: `GET /api/a×${length}`, chunks: [get(`/api/${'a'.repeat(length)}`, [['Authorization', bearer]])] });
      cases.push({ name: `GET /x/…×${length}`, chunks: [get('/x'.repeat(Math.ceil(length / 2)))] });
      cases.push({ name: `GET %41×${length}`, chunks: [get(`/${'%41'.repeat(Math.ceil(length / 3))}`)] });
    }
    const results = await runBatch('long paths', cases, 4);
    // A name longer than a file system allows is simply not found; a URL over 8 KiB is refused as too long.
    expect(results[0]?.statuses).toEqual([404]);
    expect(results[cases.findIndex((c) => c.name === 'GET /a×10000')]?.statuses).toEqual([414]);
  });

  it('answers odd, encoded and escaping paths with 404 and never serves outside the static folder', async () => {
    const targets = [
      '/%00', '/index.html%00.js', '/%', '/%zz', '/%E0%A4%A', '/%C0%AE%C0%AE/secret.txt', '/..', '/../', '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E%2Fsecret.txt', '/..%2f..%2fetc%2fpasswd', '/..\\..\\windows\\win.ini', '/%5c..%5c..%5csecret.txt',
      '/assets/../../secret.txt', '/./index.html', '//etc/passwd', '/escape/secret.txt', '/link.txt', '/escape', '/escape/',
      '/C:/Windows/win.ini', '/index.html::$DATA', '/%01%02', '/\u00e9t\u00e9', '/%F0%9F%92%A9', '/%ff%fe', `/${'../'.repeat(500)}etc/passwd`,
      `/${'a/'.repeat(5000)}`, `/${'%2F'.repeat(2000)}`, '*', 'http://evil.example/index.html', `http://${'127.0.0.1'}/../secret.txt`, '', '?', '/?a=%00',
      '/api/%2e%2e/index.html', '/api/../index.html', '/api/health/../../secret.txt', '/api', '/api/', '/api/%00', '/index.html#frag', '/ index.html',
    ];
    const cases: Case[] = targets.flatMap((target) => [
      { name: `GET ${target.slice(0, 80)}`, chunks: [get(target)] },
      { name: `GET ${target.slice(0, 80)} (token)`, chunks: [get(target, [['Authorization', bearer]])] },
      { name: `HEAD ${target.slice(0, 80)}`, chunks: [rawHttp('HEAD', target, [['Host', host], ['Connection', 'close']])] },
    ]);
    const results = await runBatch('odd paths', cases);
    const statusOf = (target: string): number[] | undefined => results[cases.findIndex((c) => c.name === `GET ${target}`)]?.statuses;
    for (const target of ['/%00', '/%zz', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/..\\..\\windows\\win.ini', '/escape/secret.txt', '/link.txt']) {
      expect(statusOf(target), target).toEqual([404]);
    }
    expect((await exchange(child.port, [get('/assets/app.js')])).statuses).toEqual([200]);
  });

  it('survives bad methods, bad Host headers, huge and invalid headers', async () => {
    const line = (method: string, target = '/'): string => `${method} ${target} HTTP/1.1\r\n`;
    const cases: Case[] = [];
    for (const method of ['PROPFIND', 'DELETE', 'PUT', 'TRACE', 'CONNECT', 'OPTIONS', 'PATCH', 'get', 'G\u00c9T', 'M'.repeat(10_000), '', ' ', 'GET GET']) {
      for (const target of ['/', '/api/health', '/api/app:info', '/api/upload']) {
        cases.push({ name: `${method.slice(0, 20)} ${target}`, chunks: [`${line(method, target)}Host: ${host}\r\nAuthorization: ${bearer}\r\nConnection: close\r\n\r\n`] });
      }
    }
    const hosts: (string | null)[] = [null, '', 'evil.example', `evil.example:${child.port}`, '127.0.0.1', `localhost:${child.port}`, 'h'.repeat(12_000), `${host}\u0000`, `${host} x`];
    for (const value of hosts) {
      const headers = value === null ? '' : `Host: ${value}\r\n`;
      cases.push({ name: `Host ${String(value).slice(0, 30)}`, chunks: [`${line('GET', '/api/health')}${headers}Authorization: ${bearer}\r\nConnection: close\r\n\r\n`] });
      cases.push({ name: `Host ${String(value).slice(0, 30)} static`, chunks: [`${line('GET', '/')}${headers}Connection: close\r\n\r\n`] });
    }
    cases.push({ name: 'two Host headers', chunks: [`${line('GET', '/api/health')}Host: ${host}\r\nHost: evil.example\r\nAuthorization: ${bearer}\r\nConnection: close\r\n\r\n`] });
    cases.push({ name: 'two Host headers, evil first', chunks: [`${line('GET', '/api/health')}Host: evil.example\r\nHost: ${host}\r\nAuthorization: ${bearer}\r\nConnection: close\r\n\r\n`] });
    cases.push({ name: '100 KB header', chunks: [get('/', [['X-Big', 'x'.repeat(100_000)]])] });
    cases.push({ name: '3000 headers', chunks: [get('/', Array.from({ length: 3000 }, (_, i): [string, string] => [`X-H${i}`, 'v']))] });
    cases.push({ name: 'NUL in a header value', chunks: [get('/', [['X-A', 'a\u0000b']])] });
    cases.push({ name: 'control bytes in a header value', chunks: [get('/', [['X-A', '\u0001\u0002\u001b[2J']])] });
    cases.push({ name: 'space in a header name', chunks: [get('/', [['X A', 'b']])] });
    cases.push({ name: 'header without a colon', chunks: [`${line('GET')}Host: ${host}\r\nNoColonHere\r\n\r\n`] });
    cases.push({ name: 'obs-fold', chunks: [`${line('GET')}Host: ${host}\r\nX-A: a\r\n  folded\r\n\r\n`] });
    cases.push({ name: 'bare LF', chunks: [`GET / HTTP/1.1\nHost: ${host}\n\n`] });
    cases.push({ name: 'bare CR', chunks: [`GET / HTTP/1.1\rHost: ${host}\r\r`] });
    cases.push({ name: 'binary garbage', chunks: [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))] });
    cases.push({ name: 'HTTP/0.9', chunks: ['GET /\r\n\r\n'] });
    cases.push({ name: 'HTTP/2 preface', chunks: ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'] });
    cases.push({ name: 'HTTP/9.9', chunks: [`GET / HTTP/9.9\r\nHost: ${host}\r\n\r\n`] });
    cases.push({ name: 'TLS hello', chunks: [Buffer.from('16030100a5010000a10303', 'hex')] });
    cases.push({ name: 'wrong token of the right length', chunks: [get('/api/health', [['Authorization', `Bearer ${'0'.repeat(child.token.length)}`]])] });
    cases.push({ name: 'token with UTF-8', chunks: [get('/api/health', [['Authorization', `Bearer ${'\u00e9'.repeat(32)}`]])] });
    cases.push({ name: 'two Authorization headers', chunks: [get('/api/health', [['Authorization', 'Bearer x'], ['Authorization', bearer]])] });
    await runBatch('methods and headers', cases);
  });

  it('survives bad Content-Length, chunked garbage, pipelining and requests cut off half-way', async () => {
    const post = (target: string, headers: [string, string][], body = ''): string => rawHttp('POST', target, [['Host', host], ...headers], body);
    const auth: [string, string] = ['Authorization', bearer];
    const cases: Case[] = [];
    for (const target of ['/api/app:info', '/api/upload', '/']) {
      for (const withToken of [true, false]) {
        const a: [string, string][] = withToken ? [auth] : [];
        const tag = `${target} ${withToken ? 'token' : 'no token'}`;
        cases.push({ name: `CL -1 ${tag}`, chunks: [post(target, [...a, ['Content-Length', '-1']], '{}')] });
        cases.push({ name: `CL abc ${tag}`, chunks: [post(target, [...a, ['Content-Length', 'abc']], '{}')] });
        cases.push({ name: `CL 1e3 ${tag}`, chunks: [post(target, [...a, ['Content-Length', '1e3']], '{}')] });
        cases.push({ name: `CL huge ${tag}`, chunks: [post(target, [...a, ['Content-Length', '99999999999999999999999']], '{}')] });
        cases.push({ name: `two CL ${tag}`, chunks: [post(target, [...a, ['Content-Length', '2'], ['Content-Length', '5']], '{}')] });
        cases.push({ name: `CL and TE ${tag}`, chunks: [post(target, [...a, ['Content-Length', '2'], ['Transfer-Encoding', 'chunked']], '2\r\n{}\r\n0\r\n\r\n')] });
        cases.push({ name: `CL short ${tag}`, chunks: [post(target, [...a, ['Content-Length', '100']], '{}')], abortAfterWrite: true });
        cases.push({ name: `CL long ${tag}`, chunks: [post(target, [...a, ['Content-Length', '1'], ['Connection', 'close']], '{"a":1}')] });
        cases.push({ name: `chunked garbage ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'chunked']], 'zz\r\nhello\r\n0\r\n\r\n')] });
        cases.push({ name: `chunk ext garbage ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'chunked']], '2;\u0000\u0001\r\n{}\r\n0\r\n\r\n')] });
        cases.push({ name: `chunk size overflow ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'chunked']], 'ffffffffffffffffffff\r\nx\r\n')] });
        cases.push({ name: `chunked cut off ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'chunked']], '10\r\nabc')], abortAfterWrite: true });
        cases.push({ name: `TE gzip ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'gzip, chunked']], '0\r\n\r\n')] });
        cases.push({ name: `TE unknown ${tag}`, chunks: [post(target, [...a, ['Transfer-Encoding', 'bogus']], '{}')] });
        cases.push({ name: `request line cut off ${tag}`, chunks: [`POST ${target} HT`], abortAfterWrite: true });
        cases.push({ name: `headers cut off ${tag}`, chunks: [`POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Le`], abortAfterWrite: true });
        cases.push({ name: `body cut off ${tag}`, chunks: [post(target, [...a, ['Content-Length', '100000']], 'x'.repeat(50_000))], abortAfterWrite: true });
      }
    }
    const health = rawHttp('GET', '/api/health', [['Host', host], auth]);
    cases.push({ name: '50 pipelined health checks', chunks: [health.repeat(50)], responses: 50 });
    cases.push({ name: 'pipelined with garbage in the middle', chunks: [health + health + 'GARBAGE\r\n\r\n' + health], responses: 2 });
    cases.push({
      name: 'pipelined mixed',
      chunks: [get('/').replace('Connection: close\r\n', '') + post('/api/app:info', [auth, ['Content-Length', '2']], '{}') + get('/%zz')],
      responses: 3,
    });
    cases.push({ name: 'pipelined, cut off', chunks: [health.repeat(20) + 'GET /api/hea'], abortAfterWrite: true });
    cases.push({ name: 'just connect and close', chunks: [], abortAfterWrite: true });
    cases.push({ name: 'slow partial request', chunks: ['GET / HTTP/1.1\r\n'], timeoutMs: 300 });
    const results = await runBatch('bodies and pipelining', cases);
    expect(results[cases.findIndex((c) => c.name === '50 pipelined health checks')]?.statuses).toEqual(Array.from({ length: 50 }, () => 200));
  });

  it('answers an oversized body with 413 and an unauthenticated huge upload with 401 at once', async () => {
    const auth: [string, string] = ['Authorization', bearer];
    // 2 MiB of JSON to a channel (the limit is 1 MiB): the client must read a 413, not a reset.
    const big = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) });
    for (let i = 0; i < 5; i += 1) {
      const over = await exchange(child.port, [rawHttp('POST', '/api/app:info', [['Host', host], auth, ['Content-Length', String(Buffer.byteLength(big))]], big)]);
      expect(over.text.startsWith('HTTP/1.1 413'), `run ${i}: ${over.error ?? ''} ${over.text.slice(0, 100)}`).toBe(true);
      expect(over.heads[0]).toContain('connection: close');
      expect(JSON.parse(over.text.slice(over.text.indexOf('\r\n\r\n') + 4))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // Chunked, with no Content-Length to refuse it up front: refused once 1 MiB has been read.
    const chunked = `100000\r\n${'x'.repeat(0x100000)}\r\n100000\r\n${'x'.repeat(0x100000)}\r\n0\r\n\r\n`;
    const overChunked = await exchange(child.port, [rawHttp('POST', '/api/app:info', [['Host', host], auth, ['Transfer-Encoding', 'chunked']], chunked)]);
    expect(overChunked.text.startsWith('HTTP/1.1 413'), overChunked.error ?? overChunked.text.slice(0, 100)).toBe(true);
    // Declared over the limit, body not sent: answered at once.
    const declared = await exchange(child.port, [rawHttp('POST', '/api/app:info', [['Host', host], auth, ['Content-Length', String(10 * 1024 * 1024)]])]);
    expect(declared.statuses).toEqual([413]);
    // An upload declared over 4 GiB, with the token: 413 without reading anything.
    const upload = await exchange(child.port, [rawHttp('POST', '/api/upload', [['Host', host], auth, ['Content-Length', String(5 * 1024 ** 3)]])]);
    expect(upload.statuses).toEqual([413]);
    expect(upload.closed || upload.heads[0]?.includes('connection: close')).toBe(true);
    // No token, a 1 GB body declared and not sent: 401 at once, and the server closes the connection.
    for (const target of ['/api/upload', '/api/app:info']) {
      const refused = await exchange(child.port, [rawHttp('POST', target, [['Host', host], ['Content-Length', String(1024 ** 3)]])], { timeoutMs: 5000 });
      expect(refused.statuses, target).toEqual([401]);
      expect(refused.firstResponseMs ?? Infinity, target).toBeLessThan(2000);
      expect(refused.heads[0], target).toContain('connection: close');
      // A wrong Host is refused before the body too.
      const misdirected = await exchange(child.port, [rawHttp('POST', target, [['Host', 'evil.example'], auth, ['Content-Length', String(1024 ** 3)]])]);
      expect(misdirected.statuses, target).toEqual([421]);
      expect(misdirected.heads[0], target).toContain('connection: close');
    }
    // Expect: 100-continue: the body is asked for only when it would be read.
    const expectContinue = (headers: [string, string][]): string => rawHttp('POST', '/api/upload', [['Host', host], ['Content-Length', String(1024 ** 3)], ['Expect', '100-continue'], ...headers]);
    expect((await exchange(child.port, [expectContinue([])])).statuses).toEqual([401]);
    expect((await exchange(child.port, [expectContinue([auth])])).statuses).toEqual([100]);
    await expectAlive('413 and 401');
  });

  it('survives random paths (fast-check)', async () => {
    const piece = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '%5c', '\\', '%00', '%', '%zz', '%C0%AE', ':', 'index.html', 'assets', 'app.js', 'escape', 'link.txt', 'api', 'health', ''),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s)),
      fc.integer({ min: 200, max: 20_000 }).map((n) => 'a'.repeat(n)),
    );
    const path = fc.array(piece, { maxLength: 12 }).map((parts) => `/${parts.join('/')}`);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(path, fc.boolean(), fc.constantFrom('GET', 'HEAD', 'POST'), async (target, withToken, method) => {
        // Raw bytes of the string as UTF-8: spaces, CR/LF and controls make malformed requests, as wanted.
        const headers: [string, string][] = [['Host', host], ['Connection', 'close']];
        if (withToken) headers.push(['Authorization', bearer]);
        const result = await exchange(child.port, [Buffer.from(rawHttp(method, target, headers), 'utf8')]);
        checkAnswer({ name: target.slice(0, 100), chunks: [] }, result);
        expect(child.process.exitCode, target.slice(0, 100)).toBeNull();
      }),
      { numRuns: 300, interruptAfterTimeLimit: 60_000 },
    );
    expect(Date.now() - started).toBeLessThan(90_000);
    await expectAlive('random paths');
  }, 120_000);
});
