/**
 * Stored JSON texts carried unparsed to the loopback server's reply (shared/stored-json.ts): written
 * as they are, equal to writing the parsed objects, and no data can pass for one.
 */
import { describe, expect, it } from 'vitest';
import { StoredJsonObject, stringifyWithStoredJson } from '@shared/stored-json';

const wrap = (text: string): StoredJsonObject => {
  const stored = StoredJsonObject.of(text);
  if (stored === null) throw new Error(`not an object's text: ${text}`);
  return stored;
};

describe('stringifyWithStoredJson', () => {
  it('writes each stored text as it is, the same JSON as the parsed objects', () => {
    const texts = ['{"policy":"p-1","actions":["iam:*"],"n":1.5e300}', '{}', '{"nested":{"a":[null,true,"\\u2028 \\"q\\""]}}'];
    const value = { ok: true, value: { rows: texts.map((text, i) => ({ i, evidence: wrap(text) })), after: 'x' } };
    const parsed = { ok: true, value: { rows: texts.map((text, i) => ({ i, evidence: JSON.parse(text) as unknown })), after: 'x' } };
    const written = stringifyWithStoredJson(value);
    for (const text of texts) expect(written).toContain(text);
    expect(JSON.parse(written)).toStrictEqual(JSON.parse(JSON.stringify(parsed)));
  });

  it('cannot be fooled by data that looks like its marker', () => {
    const hostile = '\u0000stored-json:00000000000000000000000000000000:0';
    const value = { name: hostile, other: `"${hostile}"`, evidence: wrap('{"k":"v"}') };
    expect(JSON.parse(stringifyWithStoredJson(value))).toStrictEqual({ name: hostile, other: `"${hostile}"`, evidence: { k: 'v' } });
  });

  it('is plain JSON.stringify elsewhere: a writer of its own gets the parsed object', () => {
    const value = { evidence: wrap('{"a":[1,2]}') };
    expect(JSON.stringify(value, null, 2)).toBe(JSON.stringify({ evidence: { a: [1, 2] } }, null, 2));
    expect(stringifyWithStoredJson({ plain: [1, 'two'] })).toBe('{"plain":[1,"two"]}');
  });
});

describe('StoredJsonObject.of', () => {
  it('wraps only the text of a JSON object', () => {
    expect(StoredJsonObject.of('{"a":1}')).toBeInstanceOf(StoredJsonObject);
    for (const text of ['[1]', '"s"', '1', 'null', '', ' {}', '{} ']) expect(StoredJsonObject.of(text), text).toBeNull();
  });
});
