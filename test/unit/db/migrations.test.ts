/** Rules every migration follows, checked once for the whole list. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertMigrationSequence, migrateDatabase, readSchemaVersion } from '@core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '@core/db/migrations';
import type { Migration } from '@core/db/migrations/migration';
import { sql } from '@core/db/sql';
import {
  createScratchDatabase,
  describeSchema,
  migrateTo,
  runMigration,
  TEST_MIGRATION_CONTEXT,
} from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

afterEach(removeTempDirs);

const padded = (version: number): string => String(version).padStart(4, '0');

describe('the migration list', () => {
  it('runs 1, 2, 3… without gaps, and the latest version is the last one', () => {
    expect(() => assertMigrationSequence(MIGRATIONS)).not.toThrow();
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.at(-1)?.version).toBe(LATEST_SCHEMA_VERSION);
  });

  it('has one source file and one test file per migration, named alike', () => {
    const sources = readdirSync(join(__dirname, '../../../electron/core/db/migrations'));
    const tests = readdirSync(__dirname);
    for (const migration of MIGRATIONS) {
      const stem = `${padded(migration.version)}-${migration.name}`;
      expect(sources, `source for ${stem}`).toContain(`${stem}.ts`);
      expect(tests, `test for ${stem}`).toContain(`migration-${stem}.test.ts`);
    }
  });

  it('rejects a list with a gap or out of order', () => {
    const step = (version: number): Migration => ({ version, name: `v${version}`, up: () => undefined });
    expect(() => assertMigrationSequence([step(1), step(3)])).toThrow(/out of order/);
    expect(() => assertMigrationSequence([step(2)])).toThrow(/out of order/);
  });

  it('reaches the same schema step by step as in one go', () => {
    const stepwise = createScratchDatabase(makeTempDir(), 'stepwise.sqlite');
    for (let version = 1; version <= LATEST_SCHEMA_VERSION; version += 1) runMigration(stepwise, version);
    const direct = createScratchDatabase(makeTempDir(), 'direct.sqlite');
    migrateTo(direct, LATEST_SCHEMA_VERSION);
    expect(describeSchema(stepwise.read)).toEqual(describeSchema(direct.read));
    stepwise.close();
    direct.close();
  });

  it('never goes backwards, and refuses an unknown target', () => {
    const db = createScratchDatabase(makeTempDir());
    migrateTo(db, LATEST_SCHEMA_VERSION);
    expect(() => migrateDatabase(db.write, { migrations: MIGRATIONS, context: TEST_MIGRATION_CONTEXT, targetVersion: 0 })).toThrow(
      /only go forward/,
    );
    expect(() =>
      migrateDatabase(db.write, { migrations: MIGRATIONS, context: TEST_MIGRATION_CONTEXT, targetVersion: LATEST_SCHEMA_VERSION + 1 }),
    ).toThrow(/Cannot migrate to version/);
    expect(readSchemaVersion(db.read)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a migration that leaves a broken reference (foreign keys are checked before commit)', () => {
    const db = createScratchDatabase(makeTempDir());
    migrateTo(db, LATEST_SCHEMA_VERSION);
    const orphaning: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'orphaning',
      up: (tx) => {
        // Enforcement is off while migrating, so this insert succeeds until the final check.
        tx.run(sql`INSERT INTO review_agenda_items (meeting_id, arn, position, name, tier, reason)
                   VALUES ('no-such-meeting', 'arn', 0, 'a', 1, 'due')`);
      },
    };
    expect(() => migrateTo(db, LATEST_SCHEMA_VERSION + 1, [...MIGRATIONS, orphaning])).toThrow(/broken reference/);
    expect(readSchemaVersion(db.read)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.read.value(sql`SELECT count(*) FROM review_agenda_items`)).toBe(0);
    expect(db.read.value(sql`PRAGMA foreign_keys`)).toBe(1);
    db.close();
  });

  it('rolls back every step of a run when a later step fails', () => {
    const db = createScratchDatabase(makeTempDir());
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up: () => {
        throw new Error('nope');
      },
    };
    expect(() => migrateTo(db, LATEST_SCHEMA_VERSION + 1, [...MIGRATIONS, broken])).toThrow('nope');
    expect(readSchemaVersion(db.read)).toBe(0);
    expect(Object.keys(describeSchema(db.read).tables)).toEqual([]);
    db.close();
  });
});
