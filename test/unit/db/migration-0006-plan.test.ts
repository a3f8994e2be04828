import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';

describe('migration 0006 (the 30-day plan, tier confirmation)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 5);
    db.write.run(sql`INSERT INTO registry (arn, owner, status, created_at, updated_at) VALUES ('arn:aws:iam::111122223333:role/a', 'ana', 'registered', ${NOW}, ${NOW})`);
    runMigration(db, 6);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('replaces the unused plan tables, adds the evaluations, and keeps registry rows with no confirmation', () => {
    expect(readSchemaVersion(db.read)).toBe(6);
    const schema = describeSchema(db.read);
    expect(schema.tables['plan']?.columns.map((c) => c.name)).toEqual(['singleton', 'start_date', 'started_by', 'started_at', 'restarts']);
    expect(schema.tables['plan_evaluations']?.strict).toBe(true);
    expect(schema.tables['plan_tasks']?.columns.map((c) => c.name)).toContain('claim_evidence');
    expect(db.read.get(sql`SELECT owner, tier_confirmed, tier_confirmed_by FROM registry`)).toEqual({ owner: 'ana', tier_confirmed: null, tier_confirmed_by: null });
  });

  it('refuses one plan too many, a claim without evidence, a skip without a reason, a team task without a title', () => {
    db.write.run(sql`INSERT INTO plan (singleton, start_date, started_by, started_at) VALUES (1, '2025-01-02', 'ana', ${NOW})`);
    expect(() => db.write.run(sql`INSERT INTO plan (singleton, start_date, started_by, started_at) VALUES (2, '2025-01-02', 'ana', ${NOW})`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE plan SET start_date = '2 Jan'`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`INSERT INTO plan_tasks (id, built_in, claimed_by, claimed_at, claim_evidence, created_at, updated_at) VALUES ('t', 1, 'ana', ${NOW}, ' ', ${NOW}, ${NOW})`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`INSERT INTO plan_tasks (id, built_in, skipped_by, skipped_at, created_at, updated_at) VALUES ('t', 1, 'ana', ${NOW}, ${NOW}, ${NOW})`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`INSERT INTO plan_tasks (id, built_in, week, step, created_at, updated_at) VALUES ('t', 0, 1, 1, ${NOW}, ${NOW})`)).toThrow(/CHECK/);
    db.write.run(sql`INSERT INTO plan_tasks (id, built_in, week, step, title, created_at, updated_at) VALUES ('t', 0, 1, 1, 'Announce it', ${NOW}, ${NOW})`);
    expect(() => db.write.run(sql`INSERT INTO plan_evaluations (at, scan_ids, results) VALUES (${NOW}, '{}', '{}')`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE registry SET tier_confirmed = 4`)).toThrow(/CHECK/);
  });
});
