/**
 * Database handles typed by access (after Signal's `ReadableDB` / `WritableDB`).
 *
 * A read path receives a `ReadDb` and cannot write: it has no `run`, `exec` or `transaction`, the
 * brands keep a `ReadDb` from being passed where a `WriteDb` is expected, and at run time it refuses any
 * statement SQLite reports as writing. A `WriteDb` is also a `ReadDb`, so a write path can read its
 * own uncommitted rows. Both execute only `SqlQuery` values built with the `sql` tag.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { isSqlQuery, type BoundValue, type SqlQuery } from './sql';

/** A row as SQLite returns it; repositories validate it before trusting its shape. */
export type Row = Readonly<Record<string, unknown>>;

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

const readBrand = Symbol('ReadDb');
const writeBrand = Symbol('WriteDb');

export interface ReadDb {
  readonly [readBrand]: true;
  /** The first row, or undefined when there is none. */
  get(query: SqlQuery): Row | undefined;
  all(query: SqlQuery): Row[];
  /** Rows one at a time, for large results (facts); do not write while iterating. */
  iterate(query: SqlQuery): IterableIterator<Row>;
  /** The first column of the first row (counts, pragmas), or undefined. */
  value(query: SqlQuery): unknown;
  /** Several reads that must see one consistent state of the file. */
  snapshot<T>(fn: (db: ReadDb) => NotPromise<T>): T;
}

export interface WriteDb extends ReadDb {
  readonly [writeBrand]: true;
  run(query: SqlQuery): RunResult;
  /** Run a script of several statements (migrations, DDL); it must not carry parameters. */
  exec(query: SqlQuery): void;
  /**
   * Run `fn` in one transaction (BEGIN IMMEDIATE, or a savepoint when nested): everything or nothing.
   * `fn` must be synchronous — a transaction cannot stay open across an await.
   */
  transaction<T>(fn: (db: WriteDb) => NotPromise<T>): T;
}

/** Refuses promises at the type level: an async callback would commit before its work is done. */
export type NotPromise<T> = T extends PromiseLike<unknown> ? never : T;

export interface DatabaseHandles {
  readonly read: ReadDb;
  readonly write: WriteDb;
}

const STATEMENT_CACHE_SIZE = 256;

/** Prepared statements by SQL text, least recently used dropped first. */
class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement<BoundValue[], Row>>();

  constructor(private readonly database: BetterSqlite3.Database) {}

  get(text: string): BetterSqlite3.Statement<BoundValue[], Row> {
    const cached = this.statements.get(text);
    if (cached !== undefined) {
      // Re-insert to mark it most recently used.
      this.statements.delete(text);
      this.statements.set(text, cached);
      return cached;
    }
    const statement = this.database.prepare<BoundValue[], Row>(text);
    this.statements.set(text, statement);
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.statements.keys().next();
      if (oldest.done !== true) this.statements.delete(oldest.value);
    }
    return statement;
  }
}

function checkQuery(query: SqlQuery): SqlQuery {
  // The types already demand a SqlQuery; this catches plain strings passed from untyped code.
  if (!isSqlQuery(query)) {
    throw new TypeError('Database handles execute only queries built with the sql`…` tag.');
  }
  return query;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function refuseAsync<T>(result: T): T {
  if (isThenable(result)) {
    // Throwing inside the transaction rolls it back instead of committing half the work.
    throw new TypeError('A database transaction callback must be synchronous (it returned a promise).');
  }
  return result;
}

/** Wrap one better-sqlite3 connection in a read handle and a write handle sharing its statement cache. */
export function createHandles(database: BetterSqlite3.Database): DatabaseHandles {
  const cache = new StatementCache(database);

  const readStatement = (query: SqlQuery): BetterSqlite3.Statement<BoundValue[], Row> => {
    const statement = cache.get(checkQuery(query).text);
    if (!statement.reader || !statement.readonly) {
      throw new TypeError(`A read handle cannot run a statement that writes: ${query.text.slice(0, 120)}`);
    }
    return statement;
  };
  const anyStatement = (query: SqlQuery): BetterSqlite3.Statement<BoundValue[], Row> =>
    cache.get(checkQuery(query).text);

  const makeReader = (
    prepare: (query: SqlQuery) => BetterSqlite3.Statement<BoundValue[], Row>,
  ): Omit<ReadDb, typeof readBrand | 'snapshot'> => ({
    get: (query) => prepare(query).get(...query.params),
    all: (query) => prepare(query).all(...query.params),
    iterate: (query) => {
      // Not from the cache: the same text may be iterated again inside the loop, and a
      // better-sqlite3 statement can run only one iteration at a time.
      prepare(query);
      return database.prepare<BoundValue[], Row>(query.text).iterate(...query.params);
    },
    value: (query) => {
      const statement = prepare(query);
      try {
        const row: unknown = statement.raw(true).get(...query.params);
        return Array.isArray(row) ? (row as unknown[])[0] : undefined;
      } finally {
        // raw() changes the cached statement's mode; restore it for the next user.
        statement.raw(false);
      }
    },
  });

  const read: ReadDb = {
    [readBrand]: true,
    ...makeReader(readStatement),
    snapshot: (fn) => database.transaction(() => refuseAsync(fn(read))).deferred(),
  };

  const write: WriteDb = {
    [readBrand]: true,
    [writeBrand]: true,
    ...makeReader(anyStatement),
    snapshot: (fn) => database.transaction(() => refuseAsync(fn(write))).deferred(),
    run: (query) => {
      const result = anyStatement(query).run(...query.params);
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    exec: (query) => {
      checkQuery(query);
      if (query.params.length > 0) {
        throw new TypeError('exec() runs a fixed script; use run() for statements with values.');
      }
      database.exec(query.text);
    },
    transaction: (fn) => database.transaction(() => refuseAsync(fn(write))).immediate(),
  };

  return { read, write };
}
