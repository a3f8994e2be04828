import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';

describe('migration 0005 (scan metrics)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 4);
    db.write.run(sql`INSERT INTO scans (id, source, status, started_at, analysis_version, analysis_inputs) VALUES ('scan-1', 'import', 'completed', ${NOW}, '5', '5:abc')`);
    runMigration(db, 5);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('adds the metrics table keyed by scan and clears stored stamps, so analysed scans get a record when next read', () => {
    expect(readSchemaVersion(db.read)).toBe(5);
    const schema = describeSchema(db.read);
    expect(schema.tables['scan_metrics']?.strict).toBe(true);
    expect(schema.tables['scan_metrics']?.columns.map((c) => c.name)).toEqual(['scan_id', 'analysis_stamp', 'metrics']);
    expect(db.read.value(sql`SELECT analysis_inputs FROM scans WHERE id = 'scan-1'`)).toBeNull();
  });

  it('keeps one record per scan, refuses text that is not JSON, and goes with its scan', () => {
    db.write.run(sql`INSERT INTO scan_metrics (scan_id, analysis_stamp, metrics) VALUES ('scan-1', 's', '{}')`);
    expect(() => db.write.run(sql`INSERT INTO scan_metrics (scan_id, analysis_stamp, metrics) VALUES ('scan-1', 's', '{}')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.write.run(sql`UPDATE scan_metrics SET metrics = '{nope'`)).toThrow(/CHECK/);
    db.write.run(sql`PRAGMA foreign_keys = ON`);
    db.write.run(sql`DELETE FROM scans WHERE id = 'scan-1'`);
    expect(db.read.value(sql`SELECT count(*) FROM scan_metrics`)).toBe(0);
  });
});
