import { describe, expect, it } from 'vitest';
import { isSqlQuery, sql, SqlQuery } from '@core/db/sql';

describe('sql tag', () => {
  it('binds every interpolated value instead of splicing it into the text', () => {
    const name = "Robert'); DROP TABLE connections;--";
    const query = sql`SELECT * FROM connections WHERE name = ${name} AND id > ${3}`;
    expect(query.text).toBe('SELECT * FROM connections WHERE name = ? AND id > ?');
    expect(query.params).toEqual([name, 3]);
  });

  it('splices nested fragments with their own parameters, in order', () => {
    const where = sql`WHERE a = ${1} AND b = ${'two'}`;
    const query = sql`SELECT ${sql.id('x')} FROM t ${where} LIMIT ${10}`;
    expect(query.text).toBe('SELECT "x" FROM t WHERE a = ? AND b = ? LIMIT ?');
    expect(query.params).toEqual([1, 'two', 10]);
  });

  it('stores booleans as 0/1 and byte arrays as buffers', () => {
    const query = sql`VALUES (${true}, ${false}, ${new Uint8Array([1, 2])}, ${null}, ${10n})`;
    expect(query.params[0]).toBe(1);
    expect(query.params[1]).toBe(0);
    expect(Buffer.isBuffer(query.params[2])).toBe(true);
    expect(query.params.slice(3)).toEqual([null, 10n]);
  });

  it('refuses values that would bind to something surprising', () => {
    expect(() => sql`SELECT ${undefined as unknown as string}`).toThrow(/undefined/);
    expect(() => sql`SELECT ${Number.NaN}`).toThrow(/finite/);
    expect(() => sql`SELECT ${new Date() as unknown as string}`).toThrow(/object/);
  });

  it('can only be used as a tag, not called with hand-built text', () => {
    const fake = ['SELECT 1'] as unknown as TemplateStringsArray;
    expect(() => sql(fake)).toThrow(/tagged template/);
    expect(() => new SqlQuery(Symbol('SqlQuery'), 'DROP TABLE x', [])).toThrow(/sql`…` tag/);
  });

  it('has helpers for trusted text, identifiers, joins and lists', () => {
    expect(sql.raw('PRAGMA foreign_keys').text).toBe('PRAGMA foreign_keys');
    expect(() => sql.id('name; DROP TABLE x')).toThrow(/not a plain identifier/);
    const joined = sql.join([sql`a = ${1}`, sql`b = ${2}`], sql` AND `);
    expect(joined.text).toBe('a = ? AND b = ?');
    expect(joined.params).toEqual([1, 2]);
    expect(sql.join([sql`x`, sql`y`]).text).toBe('x, y');
    const list = sql`id IN ${sql.list(['a', 'b'])}`;
    expect(list.text).toBe('id IN (?, ?)');
    expect(list.params).toEqual(['a', 'b']);
    expect(sql.list([]).text).toBe('()');
  });

  it('is recognisable at run time, and a look-alike object is not', () => {
    expect(isSqlQuery(sql`SELECT 1`)).toBe(true);
    expect(isSqlQuery({ text: 'SELECT 1', params: [] })).toBe(false);
  });
});
