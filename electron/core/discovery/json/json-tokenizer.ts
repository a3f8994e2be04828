/**
 * An incremental JSON tokenizer (RFC 8259) over UTF-8 bytes. Feed it chunks of any size, split
 * anywhere (inside a string, an escape, a multi-byte character, a number or a literal); it calls the
 * handler for each token as soon as the token is complete, and keeps only the token in progress
 * and the container nesting in memory. It validates the grammar as it goes and reports the first
 * problem with its byte offset, line and column.
 */

/** Receives tokens in document order. Offsets are 0-based byte offsets of the token's first byte. */
export interface JsonTokenHandler {
  startObject(offset: number): void;
  endObject(offset: number): void;
  startArray(offset: number): void;
  endArray(offset: number): void;
  /** An object member's name; its value follows. */
  key(name: string, offset: number): void;
  /**
   * A string, number, boolean or null value. For a number, `text` is how the file wrote it (so a
   * message can quote `1e999`, which reads as Infinity).
   */
  value(value: string | number | boolean | null, offset: number, text?: string): void;
}

export type JsonSyntaxErrorKind = 'syntax' | 'truncated' | 'empty' | 'limit';

export class JsonSyntaxError extends Error {
  readonly kind: JsonSyntaxErrorKind;
  /** 0-based byte offset of the problem. */
  readonly offset: number;
  /** 1-based line and byte column. */
  readonly line: number;
  readonly column: number;
  /** The problem without the position, e.g. `unexpected "}"`. */
  readonly problem: string;

  constructor(kind: JsonSyntaxErrorKind, problem: string, offset: number, line: number, column: number) {
    super(`${problem} at byte ${offset} (line ${line}, column ${column})`);
    this.name = 'JsonSyntaxError';
    this.kind = kind;
    this.problem = problem;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

export interface JsonTokenizerOptions {
  /** Accept several top-level values one after another (concatenated documents). Default false. */
  multipleValues?: boolean;
  /** Longest string accepted, in bytes (bounds memory on hostile input). Default 64 MiB. */
  maxStringBytes?: number;
  /** Deepest nesting accepted. Default 512. */
  maxDepth?: number;
}

// Parser states.
const ST_VALUE = 0; // a value is expected (after ':' or ',' in an array)
const ST_VALUE_OR_ARRAY_END = 1; // after '['
const ST_KEY_OR_OBJECT_END = 2; // after '{'
const ST_KEY = 3; // after ',' in an object
const ST_COLON = 4;
const ST_COMMA_OR_END = 5; // after a value inside a container
const ST_TOP = 6; // before or between top-level values
const ST_STRING = 7;
const ST_ESCAPE = 8;
const ST_UNICODE = 9;
const ST_NUMBER = 10;
const ST_LITERAL = 11;

const CONTAINER_OBJECT = 1;
const CONTAINER_ARRAY = 2;

const LITERAL_TRUE = [0x74, 0x72, 0x75, 0x65];
const LITERAL_FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const LITERAL_NULL = [0x6e, 0x75, 0x6c, 0x6c];

const NUMBER_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JsonTokenizer {
  private readonly handler: JsonTokenHandler;
  private readonly multipleValues: boolean;
  private readonly maxStringBytes: number;
  private readonly maxDepth: number;

  private state = ST_TOP;
  /** Container kinds, innermost last. */
  private containers = new Uint8Array(64);
  private depth = 0;
  private topLevelValues = 0;
  private ended = false;

  /** Absolute offset of the current chunk's first byte. */
  private base = 0;
  private currentLine = 1;
  /** Absolute offset of the current line's first byte. */
  private lineStart = 0;

  // The token in progress.
  private tokenStart = 0;
  private stringIsKey = false;
  private stringBuffer = Buffer.allocUnsafe(256);
  private stringLength = 0;
  /** Bitwise OR of the string's bytes: bit 7 set means non-ASCII content. */
  private stringHigh = 0;
  private pendingHighSurrogate = -1;
  private unicodeDigits = 0;
  private unicodeValue = 0;
  private numberText = '';
  private literal: number[] = LITERAL_TRUE;
  private literalMatched = 0;

  constructor(handler: JsonTokenHandler, options: JsonTokenizerOptions = {}) {
    this.handler = handler;
    this.multipleValues = options.multipleValues ?? false;
    this.maxStringBytes = options.maxStringBytes ?? 64 * 1024 * 1024;
    this.maxDepth = options.maxDepth ?? 512;
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.base;
  }

  /** The 1-based line being read (exact inside handler callbacks: tokens never span lines). */
  get line(): number {
    return this.currentLine;
  }

  /** Feeds the next chunk. Throws JsonSyntaxError at the first problem. */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('JsonTokenizer: write() after end()');
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const length = buffer.length;
    let i = 0;
    while (i < length) {
      switch (this.state) {
        case ST_STRING:
          i = this.scanString(buffer, i);
          break;
        case ST_ESCAPE:
          i = this.scanEscape(buffer, i);
          break;
        case ST_UNICODE:
          i = this.scanUnicode(buffer, i);
          break;
        case ST_NUMBER:
          i = this.scanNumber(buffer, i);
          break;
        case ST_LITERAL:
          i = this.scanLiteral(buffer, i);
          break;
        default: {
          const byte = buffer[i]!;
          if (byte === 0x20 || byte === 0x09 || byte === 0x0d) {
            i++;
          } else if (byte === 0x0a) {
            i++;
            this.currentLine++;
            this.lineStart = this.base + i;
          } else {
            this.structural(byte, this.base + i);
            i++;
          }
        }
      }
    }
    this.base += length;
  }

  /** Signals the end of input. Throws when the input ends inside a value, or holds no value at all. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.state === ST_NUMBER && this.depth === 0) {
      this.finishNumber();
    }
    if (this.state === ST_TOP) {
      if (this.topLevelValues === 0) throw this.error('empty', 'no JSON value: the input is empty', this.base);
      return;
    }
    throw this.error('truncated', `truncated JSON: the input ends ${this.describeEndContext()}`, this.base);
  }

  private describeEndContext(): string {
    switch (this.state) {
      case ST_STRING:
      case ST_ESCAPE:
      case ST_UNICODE:
        return this.stringIsKey ? 'inside an object key' : 'inside a string';
      case ST_LITERAL:
        return 'inside a value';
      default:
        return this.containers[this.depth - 1] === CONTAINER_ARRAY
          ? `inside an array (nesting depth ${this.depth})`
          : `inside an object (nesting depth ${this.depth})`;
    }
  }

  private error(kind: JsonSyntaxErrorKind, problem: string, offset: number): JsonSyntaxError {
    // The offset may lie on an earlier line only for tokens that cannot span lines, so this is exact.
    const column = offset >= this.lineStart ? offset - this.lineStart + 1 : 1;
    return new JsonSyntaxError(kind, problem, offset, this.currentLine, column);
  }

  private unexpected(byte: number, offset: number, expected: string): JsonSyntaxError {
    return this.error('syntax', `invalid JSON: unexpected ${describeByte(byte)}, expected ${expected}`, offset);
  }

  /** A byte outside any string/number/literal that is not whitespace. */
  private structural(byte: number, offset: number): void {
    switch (this.state) {
      case ST_TOP:
        if (this.topLevelValues > 0 && !this.multipleValues) {
          throw this.unexpected(byte, offset, 'the end of the input after the JSON value');
        }
        this.beginValue(byte, offset, 'a JSON value');
        return;
      case ST_VALUE:
        this.beginValue(byte, offset, 'a value');
        return;
      case ST_VALUE_OR_ARRAY_END:
        if (byte === 0x5d) {
          this.closeContainer(CONTAINER_ARRAY, offset);
          return;
        }
        this.beginValue(byte, offset, 'a value or "]"');
        return;
      case ST_KEY_OR_OBJECT_END:
        if (byte === 0x7d) {
          this.closeContainer(CONTAINER_OBJECT, offset);
          return;
        }
        if (byte !== 0x22) throw this.unexpected(byte, offset, 'a member name in double quotes or "}"');
        this.beginString(true, offset);
        return;
      case ST_KEY:
        if (byte !== 0x22) throw this.unexpected(byte, offset, 'a member name in double quotes');
        this.beginString(true, offset);
        return;
      case ST_COLON:
        if (byte !== 0x3a) throw this.unexpected(byte, offset, '":" after the member name');
        this.state = ST_VALUE;
        return;
      case ST_COMMA_OR_END: {
        const inArray = this.containers[this.depth - 1] === CONTAINER_ARRAY;
        if (byte === 0x2c) {
          this.state = inArray ? ST_VALUE : ST_KEY;
        } else if (byte === 0x5d && inArray) {
          this.closeContainer(CONTAINER_ARRAY, offset);
        } else if (byte === 0x7d && !inArray) {
          this.closeContainer(CONTAINER_OBJECT, offset);
        } else {
          throw this.unexpected(byte, offset, inArray ? '"," or "]"' : '"," or "}"');
        }
        return;
      }
      default:
        throw new Error(`JsonTokenizer: unexpected state ${this.state}`);
    }
  }

  private beginValue(byte: number, offset: number, expected: string): void {
    switch (byte) {
      case 0x7b: // {
        this.openContainer(CONTAINER_OBJECT, offset);
        this.handler.startObject(offset);
        this.state = ST_KEY_OR_OBJECT_END;
        return;
      case 0x5b: // [
        this.openContainer(CONTAINER_ARRAY, offset);
        this.handler.startArray(offset);
        this.state = ST_VALUE_OR_ARRAY_END;
        return;
      case 0x22: // "
        this.beginString(false, offset);
        return;
      case 0x74: // t
        this.beginLiteral(LITERAL_TRUE, offset);
        return;
      case 0x66: // f
        this.beginLiteral(LITERAL_FALSE, offset);
        return;
      case 0x6e: // n
        this.beginLiteral(LITERAL_NULL, offset);
        return;
      default:
        if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
          // The caller steps past this byte, so the number's text starts with it.
          this.tokenStart = offset;
          this.numberText = String.fromCharCode(byte);
          this.state = ST_NUMBER;
          return;
        }
        throw this.unexpected(byte, offset, expected);
    }
  }

  private openContainer(kind: number, offset: number): void {
    if (this.depth >= this.maxDepth) {
      throw this.error('limit', `JSON nested deeper than ${this.maxDepth} levels`, offset);
    }
    if (this.depth === this.containers.length) {
      const grown = new Uint8Array(this.containers.length * 2);
      grown.set(this.containers);
      this.containers = grown;
    }
    this.containers[this.depth++] = kind;
  }

  private closeContainer(kind: number, offset: number): void {
    this.depth--;
    if (kind === CONTAINER_OBJECT) this.handler.endObject(offset);
    else this.handler.endArray(offset);
    this.afterValue();
  }

  private afterValue(): void {
    if (this.depth === 0) {
      this.topLevelValues++;
      this.state = ST_TOP;
    } else {
      this.state = ST_COMMA_OR_END;
    }
  }

  // ------------------------------------------------------------------ strings

  private beginString(isKey: boolean, offset: number): void {
    this.state = ST_STRING;
    this.stringIsKey = isKey;
    this.tokenStart = offset;
    this.stringLength = 0;
    this.stringHigh = 0;
    this.pendingHighSurrogate = -1;
  }

  private scanString(buffer: Buffer, start: number): number {
    const length = buffer.length;
    let high = this.stringHigh;
    for (let i = start; i < length; i++) {
      const byte = buffer[i]!;
      if (byte === 0x22) {
        let text: string;
        if (this.stringLength === 0 && this.pendingHighSurrogate < 0) {
          text = this.decode(buffer, start, i, high);
        } else {
          this.appendBytes(buffer, start, i);
          this.flushHighSurrogate();
          text = this.decode(this.stringBuffer, 0, this.stringLength, high | this.stringHigh);
        }
        this.finishString(text);
        return i + 1;
      }
      if (byte === 0x5c) {
        this.appendBytes(buffer, start, i);
        this.stringHigh |= high;
        this.state = ST_ESCAPE;
        return i + 1;
      }
      if (byte < 0x20) {
        throw this.error('syntax', `invalid JSON: ${describeByte(byte)} inside a string (control characters must be escaped)`, this.base + i);
      }
      high |= byte;
    }
    this.appendBytes(buffer, start, length);
    this.stringHigh = high;
    return length;
  }

  private finishString(text: string): void {
    if (this.stringIsKey) {
      this.handler.key(text, this.tokenStart);
      this.state = ST_COLON;
    } else {
      this.handler.value(text, this.tokenStart);
      this.afterValue();
    }
  }

  private decode(buffer: Buffer, start: number, end: number, high: number): string {
    if ((high & 0x80) === 0) return buffer.toString('latin1', start, end);
    try {
      return utf8.decode(buffer.subarray(start, end));
    } catch {
      throw this.error('syntax', 'invalid UTF-8 inside a string', this.tokenStart);
    }
  }

  private appendBytes(buffer: Buffer, start: number, end: number): void {
    const count = end - start;
    if (count === 0) return;
    this.flushHighSurrogate();
    this.ensureCapacity(count);
    buffer.copy(this.stringBuffer, this.stringLength, start, end);
    this.stringLength += count;
  }

  private ensureCapacity(extra: number): void {
    const needed = this.stringLength + extra;
    if (needed > this.maxStringBytes) {
      throw this.error('limit', `a string longer than ${this.maxStringBytes} bytes`, this.tokenStart);
    }
    if (needed <= this.stringBuffer.length) return;
    let size = this.stringBuffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.stringBuffer.copy(grown, 0, 0, this.stringLength);
    this.stringBuffer = grown;
  }

  private appendByte(byte: number): void {
    this.ensureCapacity(1);
    this.stringBuffer[this.stringLength++] = byte;
  }

  private appendCodePoint(codePoint: number): void {
    if (codePoint < 0x80) {
      this.appendByte(codePoint);
      return;
    }
    this.stringHigh |= 0x80;
    if (codePoint < 0x800) {
      this.appendByte(0xc0 | (codePoint >> 6));
    } else if (codePoint < 0x10000) {
      this.appendByte(0xe0 | (codePoint >> 12));
      this.appendByte(0x80 | ((codePoint >> 6) & 0x3f));
    } else {
      this.appendByte(0xf0 | (codePoint >> 18));
      this.appendByte(0x80 | ((codePoint >> 12) & 0x3f));
      this.appendByte(0x80 | ((codePoint >> 6) & 0x3f));
    }
    this.appendByte(0x80 | (codePoint & 0x3f));
  }

  /** A high surrogate not followed by a low one cannot be UTF-8: it becomes U+FFFD. */
  private flushHighSurrogate(): void {
    if (this.pendingHighSurrogate < 0) return;
    this.pendingHighSurrogate = -1;
    this.appendCodePoint(0xfffd);
  }

  private scanEscape(buffer: Buffer, i: number): number {
    const byte = buffer[i]!;
    let decoded: number;
    switch (byte) {
      case 0x22: decoded = 0x22; break;
      case 0x5c: decoded = 0x5c; break;
      case 0x2f: decoded = 0x2f; break;
      case 0x62: decoded = 0x08; break;
      case 0x66: decoded = 0x0c; break;
      case 0x6e: decoded = 0x0a; break;
      case 0x72: decoded = 0x0d; break;
      case 0x74: decoded = 0x09; break;
      case 0x75: // u
        this.state = ST_UNICODE;
        this.unicodeDigits = 0;
        this.unicodeValue = 0;
        return i + 1;
      default:
        throw this.error('syntax', `invalid JSON: invalid escape "\\${describeChar(byte)}" inside a string`, this.base + i - 1);
    }
    this.flushHighSurrogate();
    this.appendByte(decoded);
    this.state = ST_STRING;
    return i + 1;
  }

  private scanUnicode(buffer: Buffer, start: number): number {
    const length = buffer.length;
    let i = start;
    while (i < length && this.unicodeDigits < 4) {
      const byte = buffer[i]!;
      const digit = hexValue(byte);
      if (digit < 0) {
        throw this.error('syntax', `invalid JSON: invalid \\u escape (${describeByte(byte)} is not a hex digit)`, this.base + i);
      }
      this.unicodeValue = this.unicodeValue * 16 + digit;
      this.unicodeDigits++;
      i++;
    }
    if (this.unicodeDigits < 4) return i;
    const unit = this.unicodeValue;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.flushHighSurrogate();
      this.pendingHighSurrogate = unit;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      if (this.pendingHighSurrogate >= 0) {
        const codePoint = 0x10000 + ((this.pendingHighSurrogate - 0xd800) << 10) + (unit - 0xdc00);
        this.pendingHighSurrogate = -1;
        this.appendCodePoint(codePoint);
      } else {
        this.appendCodePoint(0xfffd);
      }
    } else {
      this.flushHighSurrogate();
      this.appendCodePoint(unit);
    }
    this.state = ST_STRING;
    return i;
  }

  // ------------------------------------------------------------------ numbers and literals

  private scanNumber(buffer: Buffer, start: number): number {
    const length = buffer.length;
    let i = start;
    while (i < length) {
      const byte = buffer[i]!;
      const isNumberByte =
        (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x65 || byte === 0x45 || byte === 0x2b || byte === 0x2d;
      if (!isNumberByte) break;
      i++;
    }
    if (i > start) this.numberText += buffer.toString('latin1', start, i);
    if (this.numberText.length > 1024) throw this.error('limit', 'a number longer than 1024 characters', this.tokenStart);
    if (i < length) this.finishNumber();
    return i;
  }

  private finishNumber(): void {
    const text = this.numberText;
    if (!NUMBER_PATTERN.test(text)) {
      throw this.error('syntax', `invalid JSON: invalid number "${text}"`, this.tokenStart);
    }
    this.handler.value(Number(text), this.tokenStart, text);
    this.afterValue();
  }

  private beginLiteral(literal: number[], offset: number): void {
    this.literal = literal;
    this.literalMatched = 1;
    this.tokenStart = offset;
    this.state = ST_LITERAL;
  }

  private scanLiteral(buffer: Buffer, start: number): number {
    const literal = this.literal;
    const length = buffer.length;
    let i = start;
    while (i < length && this.literalMatched < literal.length) {
      const byte = buffer[i]!;
      if (byte !== literal[this.literalMatched]) {
        throw this.unexpected(byte, this.base + i, `"${String.fromCharCode(...literal)}"`);
      }
      this.literalMatched++;
      i++;
    }
    if (this.literalMatched === literal.length) {
      const value = literal === LITERAL_TRUE ? true : literal === LITERAL_FALSE ? false : null;
      this.handler.value(value, this.tokenStart);
      this.afterValue();
    }
    return i;
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

function describeChar(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** `"}"`, `byte 0x89`, `a line break`: what a person can look for in the file. */
function describeByte(byte: number): string {
  if (byte >= 0x21 && byte <= 0x7e) return `"${String.fromCharCode(byte)}"`;
  if (byte === 0x0a || byte === 0x0d) return 'a line break';
  if (byte === 0x09) return 'a tab';
  if (byte === 0x20) return 'a space';
  return `byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
}
