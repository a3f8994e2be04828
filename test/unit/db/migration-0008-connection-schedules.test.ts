import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';

describe('migration 0008 (connection schedules)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 7);
    db.write.run(sql`
      INSERT INTO connections (id, name, profile, regions, created_at, updated_at)
      VALUES ('c1', 'Prod', 'prod', '[]', ${NOW}, ${NOW})`);
    runMigration(db, 8);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('adds the schedule columns and leaves existing connections off, never run', () => {
    expect(readSchemaVersion(db.read)).toBe(8);
    const columns = describeSchema(db.read).tables['connections']?.columns.map((c) => c.name) ?? [];
    expect(columns).toEqual(expect.arrayContaining(['schedule_kind', 'schedule_every_hours', 'schedule_daily_at', 'schedule_time_zone', 'schedule_set_at', 'schedule_last_run_at', 'schedule_last_outcome', 'schedule_last_message', 'schedule_last_scan_id']));
    expect(db.read.get(sql`SELECT name, schedule_kind, schedule_set_at, schedule_last_run_at, schedule_last_outcome FROM connections`)).toEqual({
      name: 'Prod',
      schedule_kind: 'off',
      schedule_set_at: null,
      schedule_last_run_at: null,
      schedule_last_outcome: null,
    });
  });

  it('refuses an unknown kind, an interval out of 1–168, a time that is not HH:mm, an unknown outcome', () => {
    db.write.run(sql`UPDATE connections SET schedule_kind = 'every', schedule_every_hours = 168, schedule_set_at = ${NOW}`);
    db.write.run(sql`UPDATE connections SET schedule_kind = 'daily', schedule_daily_at = '09:30', schedule_time_zone = 'Europe/Berlin'`);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_kind = 'weekly'`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_every_hours = 0`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_every_hours = 169`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_daily_at = '9:30'`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_time_zone = ''`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE connections SET schedule_last_outcome = 'maybe'`)).toThrow(/CHECK/);
    db.write.run(sql`UPDATE connections SET schedule_last_outcome = 'skipped', schedule_last_run_at = ${NOW}`);
  });
});
