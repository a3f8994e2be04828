import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import {
  createScratchDatabase,
  describeSchema,
  migrateTo,
  runMigration,
  type ScratchDatabase,
} from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';
const SCAN = 'scan-1';
const ROLE = 'arn:aws:iam::123456789012:role/agent';

describe('migration 0002 (analysis store)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 1);
    // A version-1 workspace that already holds an analysed scan: the new columns must accept it.
    db.write.run(sql`INSERT INTO scans (id, source, status, started_at, analysis_version) VALUES (${SCAN}, 'import', 'completed', ${NOW}, 'old')`);
    db.write.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, tier) VALUES (${SCAN}, ${ROLE}, 'iam-role', 'agent', '123456789012', 2)`);
    db.write.run(sql`INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, status, first_seen_at, last_seen_at)
                     VALUES (${SCAN}, 'fp-1', 'policy_full_admin', 'critical', 4, ${ROLE}, 'new', ${NOW}, ${NOW})`);
    runMigration(db, 2);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('moves the workspace to version 2', () => {
    expect(readSchemaVersion(db.read)).toBe(2);
  });

  it('adds the stored-analysis columns with defaults that keep existing rows valid', () => {
    const schema = describeSchema(db.read);
    expect(schema.tables['findings']?.columns.map((c) => c.name).slice(-2)).toEqual(['is_new', 'details']);
    expect(schema.tables['agents']?.columns.map((c) => c.name).at(-1)).toBe('row');
    expect(schema.tables['scans']?.columns.map((c) => c.name).at(-1)).toBe('analysis_inputs');
    expect(db.read.get(sql`SELECT is_new, details FROM findings`)).toEqual({ is_new: 0, details: '{}' });
    expect(db.read.value(sql`SELECT row FROM agents`)).toBe('{}');
    expect(db.read.value(sql`SELECT analysis_inputs FROM scans`)).toBeNull();
  });

  it('starts the analysis-inputs revision at 0, as one STRICT row', () => {
    expect(db.read.all(sql`SELECT singleton, revision, updated_at FROM analysis_inputs`)).toEqual([
      { singleton: 1, revision: 0, updated_at: NOW },
    ]);
    expect(describeSchema(db.read).tables['analysis_inputs']?.strict).toBe(true);
    expect(() => db.write.run(sql`INSERT INTO analysis_inputs (singleton, revision, updated_at) VALUES (2, 0, ${NOW})`)).toThrow(/CHECK/);
  });

  it('refuses bad values in the new columns', () => {
    expect(() => db.write.run(sql`UPDATE findings SET is_new = 2`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE findings SET details = '{nope'`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`UPDATE agents SET row = '{nope'`)).toThrow(/CHECK/);
  });

  it('still deletes a scan with its agents and findings', () => {
    db.write.run(sql`DELETE FROM scans WHERE id = ${SCAN}`);
    expect(db.read.value(sql`SELECT count(*) FROM findings`)).toBe(0);
    expect(db.read.value(sql`SELECT count(*) FROM agents`)).toBe(0);
  });
});
