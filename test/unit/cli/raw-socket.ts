/**
 * HTTP over a bare TCP socket, so a test can send what no HTTP client would: malformed request lines,
 * invalid header bytes, lying Content-Lengths, pipelined requests, a request cut off half-way.
 */
import { connect } from 'node:net';

export interface RawExchange {
  /** The status of each complete response read, in order. */
  statuses: number[];
  /** The head (status line and headers) of each response, lower-cased names. */
  heads: string[];
  /** Everything received, as latin1 (at most the first MiB). */
  text: string;
  /** The server closed the connection (FIN or reset) before the test gave up. */
  closed: boolean;
  timedOut: boolean;
  /** A socket error seen by the client (EPIPE, ECONNRESET…), if any. */
  error: string | null;
  /** Milliseconds from connecting to the first complete response (or the end). */
  firstResponseMs: number | null;
}

export interface ExchangeOptions {
  /** Stop once this many complete responses were read (default 1). */
  responses?: number;
  /** Give up after this long (default 3 s). */
  timeoutMs?: number;
  /** Destroy the socket right after writing (a request cut off half-way); resolves at once. */
  abortAfterWrite?: boolean;
}

const MAX_KEPT = 1024 * 1024;

/** Parses as many complete responses as `received` holds (stops at one without a Content-Length). */
function parseResponses(received: Buffer): { statuses: number[]; heads: string[]; open: boolean } {
  const statuses: number[] = [];
  const heads: string[] = [];
  let offset = 0;
  for (;;) {
    const end = received.indexOf('\r\n\r\n', offset, 'latin1');
    if (end === -1) return { statuses, heads, open: true };
    const head = received.subarray(offset, end).toString('latin1');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (match === null) return { statuses, heads, open: false };
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length === null) {
      // An event stream or a body up to the close: count it, read no further.
      statuses.push(Number(match[1]));
      heads.push(head.toLowerCase());
      return { statuses, heads, open: false };
    }
    const bodyEnd = end + 4 + Number(length[1]);
    if (received.length < bodyEnd) return { statuses, heads, open: true };
    statuses.push(Number(match[1]));
    heads.push(head.toLowerCase());
    offset = bodyEnd;
  }
}

/** Writes `chunks` in order on a fresh connection to 127.0.0.1:port and reads what comes back. */
export function exchange(port: number, chunks: readonly (string | Buffer)[], options: ExchangeOptions = {}): Promise<RawExchange> {
  const wanted = options.responses ?? 1;
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let closed = false;
    let error: string | null = null;
    let firstResponseMs: number | null = null;
    let settled = false;
    const finish = (timedOut: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const { statuses, heads } = parseResponses(received);
      resolve({ statuses, heads, text: received.toString('latin1'), closed, timedOut, error, firstResponseMs });
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs ?? 3000);
    socket.on('data', (chunk: Buffer) => {
      if (received.length < MAX_KEPT) received = Buffer.concat([received, chunk]);
      const { statuses } = parseResponses(received);
      if (statuses.length > 0 && firstResponseMs === null) firstResponseMs = Date.now() - started;
      if (statuses.length >= wanted) finish(false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      closed = true;
      finish(false);
    });
    socket.on('connect', () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
      }
      if (options.abortAfterWrite === true) finish(false);
    });
  });
}

/** One request as bytes: the request line, the headers as given (duplicates and all), a body. */
export function rawHttp(method: string, target: string, headers: readonly (readonly [string, string])[], body = ''): string {
  return `${method} ${target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`;
}
