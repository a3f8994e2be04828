import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandles, type ReadDb, type WriteDb } from '@core/db/handles';
import { insertConnection } from '@core/db/repositories/connections';
import { sql, type SqlQuery } from '@core/db/sql';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

describe('database handles', () => {
  let database: Database.Database;
  let read: ReadDb;
  let write: WriteDb;

  beforeEach(() => {
    database = new Database(join(makeTempDir(), 'handles.sqlite'));
    database.pragma('journal_mode = WAL');
    ({ read, write } = createHandles(database));
    write.exec(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT`);
  });

  afterEach(() => {
    database.close();
    removeTempDirs();
  });

  const rows = (): unknown[] => read.all(sql`SELECT v FROM t ORDER BY id`).map((row) => row['v']);

  it('reads and writes through parameterised queries', () => {
    const result = write.run(sql`INSERT INTO t (v) VALUES (${'a'})`);
    expect(result).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(read.get(sql`SELECT v FROM t WHERE id = ${1}`)).toEqual({ v: 'a' });
    expect(read.get(sql`SELECT v FROM t WHERE id = ${99}`)).toBeUndefined();
    expect(read.value(sql`SELECT count(*) FROM t`)).toBe(1);
    expect(read.value(sql`SELECT v FROM t WHERE id = ${99}`)).toBeUndefined();
    expect([...read.iterate(sql`SELECT v FROM t`)]).toEqual([{ v: 'a' }]);
  });

  it('gives a read handle no way to write: not in its type, and refused at run time', () => {
    // @ts-expect-error — a ReadDb has no run().
    expect(read.run).toBeUndefined();
    // @ts-expect-error — nor exec() or transaction().
    expect(read.exec ?? read.transaction).toBeUndefined();
    // @ts-expect-error — and it cannot stand in for a WriteDb.
    expect(() => insertConnection(read, { name: 'x', profile: 'p', roleArn: null, externalId: null, regions: [] }, new Date())).toThrow();

    // A writing statement smuggled through a reading method is refused before it runs.
    expect(() => read.all(sql`INSERT INTO t (v) VALUES ('x') RETURNING id`)).toThrow(/read handle cannot run a statement that writes/);
    expect(() => read.get(sql`DELETE FROM t RETURNING id`)).toThrow(/read handle/);
    expect(() => read.value(sql`PRAGMA user_version = 5`)).toThrow(/read handle/);
    expect(() => read.get(sql`BEGIN`)).toThrow(/read handle/);
    expect(rows()).toEqual([]);
    expect(read.value(sql`PRAGMA user_version`)).toBe(0);
  });

  it('lets a write handle read, since it is also a read handle', () => {
    const asRead: ReadDb = write;
    write.run(sql`INSERT INTO t (v) VALUES ('a')`);
    expect(asRead.value(sql`SELECT v FROM t`)).toBe('a');
  });

  it('executes only queries built with the sql tag', () => {
    // @ts-expect-error — a plain string is not a SqlQuery.
    expect(() => read.all('SELECT 1')).toThrow(/sql`…` tag/);
    const lookAlike = { text: 'DELETE FROM t', params: [] } as unknown as SqlQuery;
    expect(() => write.run(lookAlike)).toThrow(/sql`…` tag/);
    expect(() => write.exec(sql`SELECT ${1}`)).toThrow(/fixed script/);
  });

  it('commits a transaction, and rolls all of it back when it throws', () => {
    const id = write.transaction((tx) => {
      tx.run(sql`INSERT INTO t (v) VALUES ('kept')`);
      return Number(tx.value(sql`SELECT last_insert_rowid()`));
    });
    expect(id).toBe(1);
    expect(() =>
      write.transaction((tx) => {
        tx.run(sql`INSERT INTO t (v) VALUES ('lost')`);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(rows()).toEqual(['kept']);
  });

  it('nests transactions as savepoints', () => {
    write.transaction((outer) => {
      outer.run(sql`INSERT INTO t (v) VALUES ('outer')`);
      expect(() =>
        outer.transaction((inner) => {
          inner.run(sql`INSERT INTO t (v) VALUES ('inner')`);
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(rows()).toEqual(['outer']);
  });

  it('refuses an async transaction callback and rolls it back', () => {
    expect(() =>
      // @ts-expect-error — a promise-returning callback is a type error…
      write.transaction(async (tx) => {
        tx.run(sql`INSERT INTO t (v) VALUES ('half')`);
        await Promise.resolve();
      }),
    ).toThrow(/synchronous/);
    // …and at run time the work it did before the first await is rolled back.
    expect(rows()).toEqual([]);
  });

  it('reads a consistent snapshot', () => {
    write.run(sql`INSERT INTO t (v) VALUES ('a')`);
    const seen = read.snapshot((r) => [r.value(sql`SELECT count(*) FROM t`), r.value(sql`SELECT max(id) FROM t`)]);
    expect(seen).toEqual([1, 1]);
  });

  it('prepares each statement text once', () => {
    const prepare = vi.spyOn(database, 'prepare');
    for (let i = 0; i < 5; i += 1) read.get(sql`SELECT v FROM t WHERE id = ${i}`);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('can iterate a query while running the same query inside the loop', () => {
    write.run(sql`INSERT INTO t (v) VALUES ('a')`);
    write.run(sql`INSERT INTO t (v) VALUES ('b')`);
    const seen: unknown[] = [];
    for (const row of read.iterate(sql`SELECT v FROM t ORDER BY id`)) {
      seen.push(row['v'], read.all(sql`SELECT v FROM t ORDER BY id`).length);
    }
    expect(seen).toEqual(['a', 2, 'b', 2]);
  });
});
