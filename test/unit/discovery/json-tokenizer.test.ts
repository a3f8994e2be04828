import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, JsonTokenizer, type JsonTokenHandler } from '@core/discovery/json/json-tokenizer';
import { JsonValueBuilder } from '@core/discovery/json/json-value-builder';
import type { JsonValue } from '@core/discovery/facts';

/** Feeds `bytes` in chunks of the given sizes (cycling) and collects every top-level value. */
function parseInChunks(bytes: Uint8Array, chunkSize: number, multipleValues = false): JsonValue[] {
  const values: JsonValue[] = [];
  let builder = new JsonValueBuilder();
  const finishIfDone = (): void => {
    if (builder.done) {
      values.push(builder.value);
      builder = new JsonValueBuilder();
    }
  };
  const handler: JsonTokenHandler = {
    startObject: () => builder.startObject(),
    startArray: () => builder.startArray(),
    endObject: () => {
      builder.end();
      finishIfDone();
    },
    endArray: () => {
      builder.end();
      finishIfDone();
    },
    key: (name) => builder.key(name),
    value: (value) => {
      builder.scalar(value);
      finishIfDone();
    },
  };
  const tokenizer = new JsonTokenizer(handler, { multipleValues });
  for (let i = 0; i < bytes.length; i += chunkSize) tokenizer.write(bytes.subarray(i, i + chunkSize));
  tokenizer.end();
  return values;
}

function parse(text: string, chunkSize = 1 << 20): JsonValue {
  const values = parseInChunks(new TextEncoder().encode(text), chunkSize);
  expect(values).toHaveLength(1);
  return values[0]!;
}

function syntaxError(text: string | Uint8Array, chunkSize = 1 << 20): JsonSyntaxError {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  try {
    parseInChunks(bytes, chunkSize);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a JsonSyntaxError for ${JSON.stringify(text)}`);
}

const SAMPLE = JSON.stringify({
  plain: 'hello',
  escapes: 'quote " backslash \\ slash / \b\f\n\r\t end',
  unicode: 'héllo wörld — 日本語 🎉 \u0001 \u001f',
  surrogate: '\ud83d\ude00',
  numbers: [0, -0, 1, -1, 12.5, -3.25e10, 1e-7, 2E+3, 123456789012345],
  literals: [true, false, null],
  nested: { a: [{ b: { c: [[], {}, [1, [2, [3]]]] } }], empty: '' },
  'key with "quotes"': { '': 'empty key', 'ключ': 'значение' },
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
});

describe('JsonTokenizer', () => {
  it('parses strings with escapes and unicode, numbers, literals and nested containers like JSON.parse', () => {
    expect(parse(SAMPLE)).toEqual(JSON.parse(SAMPLE));
  });

  it('decodes \\u escapes, including surrogate pairs and escaped non-ASCII', () => {
    expect(parse('"\\u0041\\u00e9\\u65e5\\ud83c\\udf89\\/"')).toBe('Aé日🎉/');
    expect(parse('{"\\u006b\\u0065\\u0079":"\\uD83D\\uDE00x"}')).toEqual({ key: '😀x' });
  });

  it('replaces a lone surrogate with U+FFFD', () => {
    expect(parse('"a\\ud800b"')).toBe('a\ufffdb');
    expect(parse('"a\\udc00"')).toBe('a\ufffd');
    expect(parse('"\\ud800\\u0041"')).toBe('\ufffdA');
  });

  it('handles chunk boundaries at every position (one byte at a time, and every split point)', () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const expected = JSON.parse(SAMPLE) as unknown;
    expect(parseInChunks(bytes, 1)).toEqual([expected]);
    for (let split = 1; split < bytes.length; split++) {
      const values: JsonValue[] = [];
      let builder = new JsonValueBuilder();
      const done = (): void => {
        if (builder.done) {
          values.push(builder.value);
          builder = new JsonValueBuilder();
        }
      };
      const tokenizer = new JsonTokenizer({
        startObject: () => builder.startObject(),
        startArray: () => builder.startArray(),
        endObject: () => (builder.end(), done()),
        endArray: () => (builder.end(), done()),
        key: (name) => builder.key(name),
        value: (value) => (builder.scalar(value), done()),
      });
      tokenizer.write(bytes.subarray(0, split));
      tokenizer.write(bytes.subarray(split));
      tokenizer.end();
      expect(values, `split at ${split}`).toEqual([expected]);
    }
  });

  it('parses top-level scalars, including a number that ends with the input', () => {
    expect(parse('42')).toBe(42);
    expect(parse(' -1.5e3 ', 1)).toBe(-1500);
    expect(parse('"x"')).toBe('x');
    expect(parse('null')).toBe(null);
    expect(parse('true', 1)).toBe(true);
  });

  it('accepts concatenated documents only when asked', () => {
    const bytes = new TextEncoder().encode('{"a":1}\n{"a":2} [3]');
    expect(parseInChunks(bytes, 3, true)).toEqual([{ a: 1 }, { a: 2 }, [3]]);
    expect(() => parseInChunks(bytes, 3, false)).toThrow(/unexpected "\{", expected the end of the input/);
  });

  it('keeps "__proto__" as an own property, like JSON.parse', () => {
    const value = parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports the position of the problem', () => {
    const error = syntaxError('{\n  "a": 1,\n  "b": 2,,\n}');
    expect(error.kind).toBe('syntax');
    expect(error.line).toBe(3);
    expect(error.column).toBe(10);
    expect(error.offset).toBe(21);
    expect(error.message).toBe('invalid JSON: unexpected ",", expected a member name in double quotes at byte 21 (line 3, column 10)');
  });

  it.each([
    ['{"a" 1}', /expected ":" after the member name/],
    ['{"a":1 "b":2}', /unexpected """, expected "," or "}"/],
    ['[1,]', /unexpected "]", expected a value/],
    ['[1 2]', /expected "," or "]"/],
    ['{a:1}', /expected a member name in double quotes or "}"/],
    ["{'a':1}", /unexpected "'"/],
    ['[01]', /invalid number "01"/],
    ['[1.]', /invalid number "1\."/],
    ['[-]', /invalid number "-"/],
    ['[+1]', /unexpected "\+"/],
    ['[.5]', /unexpected "\."/],
    ['[tru]', /unexpected "]", expected "true"/],
    ['[nul1]', /expected "null"/],
    ['[NaN]', /unexpected "N"/],
    ['"a\\x"', /invalid escape "\\x"/],
    ['"\\u12G4"', /"G" is not a hex digit/],
    ['"tab\there"', /a tab inside a string/],
    ['"line\nbreak"', /a line break inside a string/],
    ['{"a":1}}', /expected the end of the input/],
    ['[1]]', /expected the end of the input/],
    ['}', /unexpected "}", expected a JSON value/],
  ])('rejects invalid JSON %j', (text, pattern) => {
    for (const chunkSize of [1, 1 << 20]) {
      const error = syntaxError(text, chunkSize);
      expect(error.kind).toBe('syntax');
      expect(error.message).toMatch(pattern);
    }
  });

  it('rejects invalid UTF-8 and garbage bytes', () => {
    expect(syntaxError(Uint8Array.from([0x22, 0xc3, 0x28, 0x22])).message).toMatch(/invalid UTF-8 inside a string at byte 0/);
    expect(syntaxError(Uint8Array.from([0x89, 0x50, 0x4e, 0x47])).message).toMatch(/unexpected byte 0x89, expected a JSON value at byte 0/);
    expect(syntaxError(Uint8Array.from([0x7b, 0x00])).message).toMatch(/unexpected byte 0x00/);
  });

  it('reports truncation and empty input', () => {
    const truncated = syntaxError('{"a":[1,2');
    expect(truncated.kind).toBe('truncated');
    expect(truncated.message).toBe('truncated JSON: the input ends inside an array (nesting depth 2) at byte 9 (line 1, column 10)');
    expect(syntaxError('{"a":"abc').message).toMatch(/ends inside a string/);
    expect(syntaxError('{"ab').message).toMatch(/ends inside an object key/);
    expect(syntaxError('[tr').message).toMatch(/ends inside a value/);
    expect(syntaxError('{"a":').message).toMatch(/ends inside an object/);
    const empty = syntaxError('');
    expect(empty.kind).toBe('empty');
    expect(syntaxError('  \n\t ').kind).toBe('empty');
  });

  it('enforces the nesting and string length limits', () => {
    const deep = '['.repeat(600) + ']'.repeat(600);
    expect(syntaxError(deep).message).toMatch(/nested deeper than 512 levels/);
    const tokenizer = new JsonTokenizer(
      { startObject() {}, endObject() {}, startArray() {}, endArray() {}, key() {}, value() {} },
      { maxStringBytes: 8 },
    );
    tokenizer.write(new TextEncoder().encode('["12345'));
    expect(() => tokenizer.write(new TextEncoder().encode('6789"]'))).toThrow(/a string longer than 8 bytes/);
  });

  it('reports token offsets', () => {
    const seen: string[] = [];
    const tokenizer = new JsonTokenizer({
      startObject: (o) => seen.push(`{@${o}`),
      endObject: (o) => seen.push(`}@${o}`),
      startArray: (o) => seen.push(`[@${o}`),
      endArray: (o) => seen.push(`]@${o}`),
      key: (k, o) => seen.push(`${k}@${o}`),
      value: (v, o) => seen.push(`${String(v)}@${o}`),
    });
    tokenizer.write(new TextEncoder().encode('{"ab": [1, "é", null]}'));
    tokenizer.end();
    expect(seen).toEqual(['{@0', 'ab@1', '[@7', '1@8', 'é@11', 'null@17', ']@21', '}@22']);
  });
});
