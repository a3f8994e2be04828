/**
 * The harness for migration tests (after Signal's `helpers.node.ts`): a fresh database file brought
 * to version N−1 with the real migrations, rows inserted, then migration N run on its own.
 *
 * Each new migration adds one test file `migration-NNNN-name.test.ts` using `createScratchDatabase`,
 * `migrateTo(db, N - 1)`, inserts, `runMigration(db, N)`, and compares.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHandles, type ReadDb, type WriteDb } from '@core/db/handles';
import { migrateDatabase, readSchemaVersion } from '@core/db/migrate';
import { MIGRATIONS } from '@core/db/migrations';
import type { Migration, MigrationContext } from '@core/db/migrations/migration';
import { sql } from '@core/db/sql';

export const TEST_MIGRATION_CONTEXT: MigrationContext = {
  now: new Date('2025-01-02T03:04:05.000Z'),
  appVersion: '0.0.0-test',
  newId: () => '00000000-0000-4000-8000-000000000001',
};

export interface ScratchDatabase {
  readonly path: string;
  readonly database: Database.Database;
  readonly read: ReadDb;
  readonly write: WriteDb;
  close(): void;
}

/** A new database file with the connection settings the app uses (WAL, foreign keys on). */
export function createScratchDatabase(dir: string, name = 'scratch.sqlite'): ScratchDatabase {
  const path = join(dir, name);
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('trusted_schema = OFF');
  const { read, write } = createHandles(database);
  return { path, database, read, write, close: () => database.close() };
}

export function migrateTo(db: ScratchDatabase, version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  migrateDatabase(db.write, { migrations, context: TEST_MIGRATION_CONTEXT, targetVersion: version });
}

/** Runs exactly migration `version` on a database at `version - 1`. */
export function runMigration(db: ScratchDatabase, version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = readSchemaVersion(db.read);
  if (current !== version - 1) {
    throw new Error(`runMigration(${version}) needs a database at version ${version - 1}, found ${current}.`);
  }
  migrateTo(db, version, migrations);
}

export interface ColumnDescription {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly primaryKey: number;
  readonly defaultValue: string | null;
}

export interface ForeignKeyDescription {
  readonly from: string;
  readonly table: string;
  readonly to: string;
  readonly onDelete: string;
}

export interface IndexDescription {
  readonly name: string;
  readonly unique: boolean;
  readonly columns: readonly string[];
}

export interface TableDescription {
  readonly columns: readonly ColumnDescription[];
  readonly foreignKeys: readonly ForeignKeyDescription[];
  /** Explicitly created indexes (not the automatic ones behind PRIMARY KEY / UNIQUE). */
  readonly indexes: readonly IndexDescription[];
  readonly strict: boolean;
}

export interface SchemaDescription {
  readonly tables: Readonly<Record<string, TableDescription>>;
  readonly triggers: readonly string[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** Everything about the schema a migration test compares: tables, columns, keys, indexes, triggers. */
export function describeSchema(db: ReadDb): SchemaDescription {
  const tables: Record<string, TableDescription> = {};
  const tableRows = db.all(sql`
    SELECT name, sql FROM sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  for (const tableRow of tableRows) {
    const name = text(tableRow['name']);
    const columns = db.all(sql`SELECT * FROM pragma_table_info(${name}) ORDER BY cid`).map((row) => ({
      name: text(row['name']),
      type: text(row['type']),
      notNull: row['notnull'] === 1,
      primaryKey: Number(row['pk']),
      defaultValue: row['dflt_value'] === null ? null : text(row['dflt_value']),
    }));
    const foreignKeys = db.all(sql`SELECT * FROM pragma_foreign_key_list(${name}) ORDER BY id, seq`).map((row) => ({
      from: text(row['from']),
      table: text(row['table']),
      to: text(row['to']),
      onDelete: text(row['on_delete']),
    }));
    const indexes = db
      .all(sql`SELECT * FROM pragma_index_list(${name}) WHERE origin = 'c' ORDER BY name`)
      .map((row) => ({
        name: text(row['name']),
        unique: row['unique'] === 1,
        columns: db
          .all(sql`SELECT name FROM pragma_index_info(${text(row['name'])}) ORDER BY seqno`)
          .map((column) => text(column['name'])),
      }));
    tables[name] = { columns, foreignKeys, indexes, strict: /\)\s*STRICT\s*$/i.test(text(tableRow['sql'])) };
  }
  const triggers = db
    .all(sql`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`)
    .map((row) => text(row['name']));
  return { tables, triggers };
}
