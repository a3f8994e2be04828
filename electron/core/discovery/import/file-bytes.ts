/**
 * Reading an export file as UTF-8 bytes, whatever the admin's shell did to it: a UTF-8 byte-order
 * mark is dropped, UTF-16 (Windows PowerShell's `>` redirection) is converted to UTF-8 on the fly,
 * and a gzip-compressed file is decompressed as it streams. I/O lives here, at the edge.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../errors';

export interface FileBytes {
  /** UTF-8 bytes, in chunks. */
  chunks: AsyncIterable<Uint8Array>;
  /** Size on disk (compressed size for gzip). */
  sizeOnDisk: number;
  /** Bytes read from disk so far (before decompression). */
  bytesRead: () => number;
  /** How the file was stored, when not plain UTF-8: `gzip`, `UTF-16LE`, `UTF-16BE`. */
  transforms: string[];
}

export interface OpenFileBytesOptions {
  signal?: AbortSignal;
  /** Chunk size of the underlying reads. Default 1 MiB. */
  chunkBytes?: number;
}

/** The file name, for messages (never the full path: it may name the user's home folder). */
export function fileLabel(path: string): string {
  return basename(path);
}

export async function openFileBytes(path: string, options: OpenFileBytesOptions = {}): Promise<FileBytes> {
  const size = await fileSize(path);
  const head = await readHead(path, 4);
  const transforms: string[] = [];
  const raw = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1024 * 1024, signal: options.signal });
  let source: Readable = raw;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    transforms.push('gzip');
    const inflater = createGunzip();
    // pipeline() destroys both streams when either fails or the reader stops early.
    pipeline(raw, inflater, () => undefined);
    source = inflater;
  }
  return {
    chunks: toUtf8(explainErrors(source, path, transforms.includes('gzip')), transforms),
    sizeOnDisk: size,
    bytesRead: () => raw.bytesRead,
    transforms,
  };
}

/** Reads a small file whole, as text (BOM, UTF-16 and gzip handled as above). */
export async function readFileText(path: string, maxBytes: number): Promise<string> {
  const { chunks } = await openFileBytes(path);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new AppError('invalid_input', `${fileLabel(path)} is larger than ${Math.round(maxBytes / (1024 * 1024))} MiB: not the expected file`);
    }
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('invalid_input', `${fileLabel(path)} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? error);
    throw new AppError('invalid_input', `cannot read ${fileLabel(path)}: ${reason}`, { cause: error });
  }
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* explainErrors(source: Readable, path: string, gzip: boolean): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'invalid_input',
      gzip ? `${fileLabel(path)} is gzip-compressed but damaged: ${message}` : `cannot read ${fileLabel(path)}: ${message}`,
      { cause: error },
    );
  }
}

/** Drops a UTF-8 BOM; converts UTF-16 (BOM, or a `{`/`[` followed by a zero byte) to UTF-8. */
async function* toUtf8(source: AsyncIterable<Uint8Array>, transforms: string[]): AsyncGenerator<Uint8Array> {
  let decoder: TextDecoder | null = null;
  let first = true;
  let pending: Uint8Array = new Uint8Array(0);
  for await (const incoming of source) {
    let chunk = incoming;
    if (first) {
      // Decide on the first 4 bytes, even if they arrive in several chunks.
      pending = concat(pending, chunk);
      if (pending.length < 4) continue;
      first = false;
      chunk = pending;
      const encoding = detectEncoding(chunk);
      if (encoding === 'utf-8-bom') {
        chunk = chunk.subarray(3);
      } else if (encoding !== 'utf-8') {
        transforms.push(encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE');
        decoder = new TextDecoder(encoding, { ignoreBOM: false });
      }
    }
    if (decoder === null) {
      yield chunk;
    } else {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
  }
  if (first && pending.length > 0) {
    const encoding = detectEncoding(pending);
    yield encoding === 'utf-8-bom' ? pending.subarray(3) : pending;
    return;
  }
  if (decoder !== null) {
    const rest = decoder.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
  }
}

function detectEncoding(head: Uint8Array): 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' {
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8-bom';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a !== undefined && a !== 0 && b === 0 && head.length >= 4 && head[3] === 0) return 'utf-16le';
  if (a === 0 && b !== undefined && b !== 0 && c === 0) return 'utf-16be';
  return 'utf-8';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
