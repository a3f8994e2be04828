/**
 * Applies migrations with `PRAGMA user_version`: all pending steps in ONE transaction, so a workspace is
 * either at its old version or at the new one, never in between.
 *
 * Foreign-key enforcement is switched off while migrating (SQLite's own recipe for reshaping tables:
 * it cannot be changed inside a transaction, and a rebuilt table would otherwise cascade-delete its
 * children); `PRAGMA foreign_key_check` then runs before the commit, so a migration that breaks a
 * reference fails and rolls back.
 */
import type { ReadDb, WriteDb } from './handles';
import type { Migration, MigrationContext } from './migrations/migration';
import { sql } from './sql';
import { WORKSPACE_APPLICATION_ID } from './workspace-format';

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

export interface MigrateOptions {
  readonly migrations: readonly Migration[];
  readonly context: MigrationContext;
  /** Stop at this version (tests migrate to N−1, insert rows, then run N). Defaults to the last one. */
  readonly targetVersion?: number;
}

/** Throws when the list is not 1, 2, 3… in order: a gap or a duplicate would skip or repeat a step. */
export function assertMigrationSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list is out of order: position ${index + 1} holds version ${migration.version} (${migration.name}).`,
      );
    }
  });
}

export function readSchemaVersion(db: ReadDb): number {
  const version = db.value(sql`PRAGMA user_version`);
  return typeof version === 'number' ? version : Number(version);
}

function setPragmaInteger(db: WriteDb, pragma: 'user_version' | 'application_id', value: number): void {
  // PRAGMA values cannot be bound as parameters; the value is a checked integer, never user text.
  if (!Number.isSafeInteger(value)) throw new TypeError(`PRAGMA ${pragma}: ${value} is not an integer.`);
  db.exec(sql`PRAGMA ${sql.raw(pragma)} = ${sql.raw(String(value))}`);
}

export function migrateDatabase(db: WriteDb, options: MigrateOptions): MigrationResult {
  const { migrations, context } = options;
  assertMigrationSequence(migrations);
  const target = options.targetVersion ?? migrations.length;
  if (!Number.isSafeInteger(target) || target < 0 || target > migrations.length) {
    throw new RangeError(`Cannot migrate to version ${target}: known versions are 0…${migrations.length}.`);
  }
  const from = readSchemaVersion(db);
  if (from > target) {
    throw new RangeError(`The database is at version ${from}, past the target ${target}; migrations only go forward.`);
  }
  if (from === target) return { from, to: target };

  const foreignKeysWereOn = db.value(sql`PRAGMA foreign_keys`) === 1;
  db.exec(sql`PRAGMA foreign_keys = OFF`);
  try {
    db.transaction((tx) => {
      for (const migration of migrations.slice(from, target)) {
        migration.up(tx, context);
        setPragmaInteger(tx, 'user_version', migration.version);
      }
      setPragmaInteger(tx, 'application_id', WORKSPACE_APPLICATION_ID);
      const broken = tx.all(sql`PRAGMA foreign_key_check`);
      if (broken.length > 0) {
        const first = broken[0];
        throw new Error(
          `Migration to version ${target} left ${broken.length} broken reference(s), e.g. ${JSON.stringify(first)}.`,
        );
      }
    });
  } finally {
    if (foreignKeysWereOn) db.exec(sql`PRAGMA foreign_keys = ON`);
  }
  return { from, to: target };
}
