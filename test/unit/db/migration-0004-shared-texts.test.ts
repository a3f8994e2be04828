import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';
const SCAN = 'scan-1';
const ROLE = 'arn:aws:iam::123456789012:role/agent';

describe('migration 0004 (shared texts)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 3);
    // A version-3 workspace with an analysed scan whose JSON is inline: it must stay readable as it is.
    db.write.run(sql`INSERT INTO scans (id, source, status, started_at, analysis_version) VALUES (${SCAN}, 'import', 'completed', ${NOW}, '3')`);
    db.write.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, tier, data) VALUES (${SCAN}, ${ROLE}, 'iam-role', 'agent', '123456789012', 2, '{"name":"agent"}')`);
    db.write.run(sql`INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, status, first_seen_at, last_seen_at, evidence, details)
                     VALUES (${SCAN}, 'fp-1', 'policy_full_admin', 'critical', 4, ${ROLE}, 'new', ${NOW}, ${NOW}, '{"why":"admin"}', '{"remediation":"Fix"}')`);
    runMigration(db, 4);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('moves the workspace to version 4', () => {
    expect(readSchemaVersion(db.read)).toBe(4);
  });

  it('adds the texts table (STRICT, keyed by hash) and the reference columns, leaving inline JSON where it was', () => {
    const schema = describeSchema(db.read);
    expect(schema.tables['analysis_texts']?.strict).toBe(true);
    expect(schema.tables['analysis_texts']?.columns.map((c) => c.name)).toEqual(['hash', 'body']);
    expect(schema.tables['findings']?.columns.map((c) => c.name).slice(-2)).toEqual(['evidence_ref', 'details_ref']);
    expect(schema.tables['agents']?.columns.map((c) => c.name).slice(-2)).toEqual(['data_ref', 'permissions_ref']);
    expect(db.read.get(sql`SELECT evidence, details, evidence_ref, details_ref FROM findings`)).toEqual({
      evidence: '{"why":"admin"}',
      details: '{"remediation":"Fix"}',
      evidence_ref: null,
      details_ref: null,
    });
    expect(db.read.get(sql`SELECT data, data_ref, permissions_ref FROM agents`)).toEqual({ data: '{"name":"agent"}', data_ref: null, permissions_ref: null });
  });

  it('refuses a text that is not JSON, a malformed hash and a second body under one hash', () => {
    expect(() => db.write.run(sql`INSERT INTO analysis_texts (hash, body) VALUES ('aaaaaaaaaaaaaaaaaaaaaa', '{nope')`)).toThrow(/CHECK/);
    expect(() => db.write.run(sql`INSERT INTO analysis_texts (hash, body) VALUES ('short', '{}')`)).toThrow(/CHECK/);
    db.write.run(sql`INSERT INTO analysis_texts (hash, body) VALUES ('aaaaaaaaaaaaaaaaaaaaaa', '{}')`);
    expect(() => db.write.run(sql`INSERT INTO analysis_texts (hash, body) VALUES ('aaaaaaaaaaaaaaaaaaaaaa', '[]')`)).toThrow(/UNIQUE|PRIMARY/);
  });
});
