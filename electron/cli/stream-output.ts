/**
 * Streamed CLI output (issue 8, item 4): `warden findings --format json` at 50,000 findings was one
 * 165 MB string built before the first byte was written. Large outputs are written piece by piece
 * instead — one JSON element, one CSV row, one table row at a time — gathered into chunks of about
 * 64 KiB, and when stdout is full (a slow pipe, `| less`) the next chunk waits for its 'drain'.
 *
 * The text is the same, byte for byte, as the one-string output it replaces: `streamJson` prints
 * what `JSON.stringify(value, null, 2)` prints.
 */
import { csvRow, type CsvValue } from './csv-output';
import { processWriter, terminalSafe, type Writer } from './output';

/** Where streamed output goes. */
export interface OutputSink {
  /** Adds text; resolves when it may continue (at once, unless a chunk had to wait for 'drain'). */
  write(text: string): Promise<void>;
  /** Writes what is gathered and waits until the stream took it. */
  end(): Promise<void>;
  /** Whether the text goes to a terminal (for output that is neutralised only there). */
  readonly terminal: boolean;
}

/** The part of a stdout stream the sink uses. */
export interface WritableOut {
  write(chunk: string): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  readonly isTTY?: boolean;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * The sink for a command's output: process.stdout itself (with backpressure) when the command writes
 * to the real stdout, else the Writer's `out` in chunks (tests capture that text).
 */
export function outputSink(io: Writer, stdout: WritableOut = process.stdout): OutputSink {
  if (io !== processWriter) return new ChunkedSink((text) => io.out(text), false);
  // The reader went away (`warden findings | head`): stop writing, quietly, as other tools do,
  // instead of dying on an unhandled EPIPE. The listener stays: the error may come after the last write.
  let state = READERS_GONE.get(stdout);
  if (state === undefined) {
    const gone: StdoutState = { closed: false, error: null };
    state = gone;
    READERS_GONE.set(stdout, gone);
    (stdout as { on?: (event: 'error', listener: (error: Error) => void) => unknown }).on?.('error', (error) => {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') gone.closed = true;
      else gone.error = error;
    });
  }
  const reader = state;
  return new ChunkedSink(async (text) => {
    if (reader.error !== null) throw reader.error;
    if (reader.closed) return;
    try {
      await writeWaiting(stdout, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      reader.closed = true;
    }
  }, stdout.isTTY === true);
}

/** Per stdout: whether its reader has gone (EPIPE), or another error to report at the next write. */
interface StdoutState {
  closed: boolean;
  error: Error | null;
}
const READERS_GONE = new WeakMap<WritableOut, StdoutState>();

class ChunkedSink implements OutputSink {
  private pending: string[] = [];
  private size = 0;

  constructor(
    private readonly flushChunk: (text: string) => Promise<void> | void,
    readonly terminal: boolean,
  ) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await this.flushChunk(text);
  }
}

/** Writes a chunk; when the stream says it is full, waits for 'drain' (or its end, or an error). */
function writeWaiting(stream: WritableOut, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', failed);
      resolve();
    };
    const failed = (error: Error): void => {
      stream.off('drain', done);
      stream.off('close', done);
      reject(error);
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', failed);
  });
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/**
 * An array in a value given to `streamJson` whose elements are made and written one at a time, so
 * the mapped elements (and their text) never exist all at once.
 */
export class StreamedArray<T> {
  constructor(
    readonly items: readonly T[],
    readonly toJson: (item: T) => unknown,
  ) {}
}

/** Whether a value holds a StreamedArray (only such branches are walked; the rest is stringified whole). */
function holdsStream(value: unknown): boolean {
  if (value instanceof StreamedArray) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsStream);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).some(holdsStream);
}

/** Member values JSON.stringify leaves out of an object. */
const OMITTED = new Set(['undefined', 'function', 'symbol']);

/** `JSON.stringify(value, null, 2)` of a value nested at `indent`. */
function pretty(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/**
 * Writes `JSON.stringify(value, null, 2)` followed by a newline, streaming its StreamedArrays
 * element by element.
 */
export async function streamJson(sink: OutputSink, value: unknown): Promise<void> {
  await writeValue(sink, value, '');
  await sink.write('\n');
}

async function writeValue(sink: OutputSink, value: unknown, indent: string): Promise<void> {
  if (!holdsStream(value)) {
    await sink.write(pretty(value, indent) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof StreamedArray) {
    const { items, toJson } = value as StreamedArray<unknown>;
    if (items.length === 0) {
      await sink.write('[]');
      return;
    }
    await sink.write('[');
    for (let i = 0; i < items.length; i++) {
      await sink.write(`${i === 0 ? '' : ','}\n${inner}${pretty(toJson(items[i]), inner) ?? 'null'}`);
    }
    await sink.write(`\n${indent}]`);
    return;
  }
  if (Array.isArray(value)) {
    await sink.write('[');
    for (let i = 0; i < value.length; i++) {
      await sink.write(`${i === 0 ? '' : ','}\n${inner}`);
      await writeValue(sink, value[i], inner);
    }
    await sink.write(`\n${indent}]`);
    return;
  }
  // A plain object (holdsStream walks nothing else): members JSON leaves out are skipped, as it does.
  const entries = Object.entries(value as Record<string, unknown>).filter(([, member]) => !OMITTED.has(typeof member));
  await sink.write('{');
  for (let i = 0; i < entries.length; i++) {
    const [key, member] = entries[i] as [string, unknown];
    await sink.write(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    await writeValue(sink, member, inner);
  }
  await sink.write(`\n${indent}}`);
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/**
 * Writes `toCsv(headers, rows)` row by row: the same RFC 4180 rows through the same `csvRow`. Sent to
 * a terminal, every text value goes through `terminalSafe` first (escape sequences in a name must not
 * drive the terminal); to a file or a pipe the values stay exact.
 */
export async function streamCsv<T>(sink: OutputSink, headers: readonly string[], items: readonly T[], toRow: (item: T) => CsvValue[]): Promise<void> {
  await sink.write(`${csvRow(headers)}\r\n`);
  for (const item of items) {
    const values = toRow(item);
    await sink.write(`${csvRow(sink.terminal ? values.map((v) => (typeof v === 'string' ? terminalSafe(v) : v)) : values)}\r\n`);
  }
}
