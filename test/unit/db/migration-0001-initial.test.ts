import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { WORKSPACE_APPLICATION_ID } from '@core/db/workspace-format';
import {
  createScratchDatabase,
  describeSchema,
  migrateTo,
  runMigration,
  TEST_MIGRATION_CONTEXT,
  type ScratchDatabase,
} from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const EXPECTED_COLUMNS: Record<string, string[]> = {
  workspace_meta: ['singleton', 'workspace_id', 'created_at', 'created_with_version'],
  settings: ['key', 'value'],
  connections: [
    'id', 'name', 'profile', 'role_arn', 'external_id', 'regions', 'created_at', 'updated_at',
    'last_test_at', 'last_test_ok', 'last_test_account_id', 'last_test_message',
  ],
  scans: [
    'id', 'connection_id', 'connection_name', 'source', 'label', 'account_id', 'account_alias', 'scanner_arn',
    'regions', 'status', 'started_at', 'finished_at', 'error', 'app_version', 'analyzed_at', 'analysis_version',
    'identity_count', 'agent_count', 'ai_agent_count', 'finding_count', 'api_call_count', 'totals',
  ],
  scan_collectors: [
    'scan_id', 'collector', 'region', 'outcome', 'message', 'call_count', 'throttled_count', 'error_count',
    'fact_count', 'started_at', 'duration_ms',
  ],
  scan_api_calls: ['scan_id', 'operation', 'region', 'count', 'error_count'],
  scan_facts: ['scan_id', 'kind', 'key', 'region', 'payload'],
  agents: ['scan_id', 'arn', 'kind', 'name', 'account_id', 'is_ai', 'signals', 'tier', 'tier_reasons', 'data'],
  workloads: ['scan_id', 'arn', 'type', 'name', 'region', 'identity_arn', 'data'],
  findings: [
    'scan_id', 'fingerprint', 'rule_id', 'severity', 'step', 'resource_arn', 'principal_arn', 'title', 'evidence',
    'status', 'first_seen_at', 'last_seen_at',
  ],
  finding_states: [
    'fingerprint', 'rule_id', 'resource_arn', 'state', 'first_seen_at', 'last_seen_at', 'first_seen_scan_id',
    'last_seen_scan_id', 'accepted_reason', 'accepted_by', 'accepted_at', 'accepted_until', 'resolved_at',
    'resolved_scan_id', 'regressed_at', 'updated_at',
  ],
  registry: [
    'arn', 'owner', 'owner_source', 'purpose', 'data_scope', 'status', 'tier_override', 'override_reason',
    'override_by', 'override_at', 'last_review_at', 'next_review_at', 'created_at', 'updated_at', 'updated_by',
  ],
  policies: ['id', 'name', 'description', 'expression', 'severity', 'enabled', 'builtin', 'created_at', 'updated_at'],
  plan: ['singleton', 'start_date', 'created_at', 'updated_at'],
  plan_tasks: [
    'id', 'week', 'step', 'position', 'title', 'kind', 'metric', 'owner', 'due_date', 'status', 'note',
    'completed_at', 'created_at', 'updated_at',
  ],
  reviews: [
    'id', 'title', 'scheduled_for', 'held_at', 'status', 'attendees', 'agenda', 'notes', 'scan_id', 'created_at',
    'updated_at',
  ],
  review_decisions: ['review_id', 'agent_arn', 'decision', 'new_tier', 'note', 'decided_by', 'decided_at'],
  audit_log: ['seq', 'at', 'actor', 'action', 'target', 'details', 'prev_hash', 'hash'],
};

const cascadeToScans = (): { from: string; table: string; to: string; onDelete: string } => ({
  from: 'scan_id',
  table: 'scans',
  to: 'id',
  onDelete: 'CASCADE',
});

const EXPECTED_FOREIGN_KEYS: Record<string, { from: string; table: string; to: string; onDelete: string }[]> = {
  scans: [{ from: 'connection_id', table: 'connections', to: 'id', onDelete: 'SET NULL' }],
  scan_collectors: [cascadeToScans()],
  scan_api_calls: [cascadeToScans()],
  scan_facts: [cascadeToScans()],
  agents: [cascadeToScans()],
  workloads: [cascadeToScans()],
  findings: [cascadeToScans()],
  reviews: [{ from: 'scan_id', table: 'scans', to: 'id', onDelete: 'SET NULL' }],
  review_decisions: [{ from: 'review_id', table: 'reviews', to: 'id', onDelete: 'CASCADE' }],
};

const EXPECTED_INDEXES: Record<string, { name: string; unique: boolean; columns: string[] }[]> = {
  connections: [{ name: 'connections_name_unique', unique: true, columns: ['name'] }],
  scans: [
    { name: 'scans_account_started', unique: false, columns: ['account_id', 'started_at'] },
    { name: 'scans_connection_id', unique: false, columns: ['connection_id'] },
    { name: 'scans_started_at', unique: false, columns: ['started_at'] },
  ],
  agents: [
    { name: 'agents_arn', unique: false, columns: ['arn'] },
    { name: 'agents_scan_tier', unique: false, columns: ['scan_id', 'tier'] },
  ],
  workloads: [
    { name: 'workloads_arn', unique: false, columns: ['arn'] },
    { name: 'workloads_scan_identity', unique: false, columns: ['scan_id', 'identity_arn'] },
  ],
  findings: [
    { name: 'findings_fingerprint', unique: false, columns: ['fingerprint'] },
    { name: 'findings_principal_arn', unique: false, columns: ['principal_arn'] },
    { name: 'findings_resource_arn', unique: false, columns: ['resource_arn'] },
    { name: 'findings_scan_rule', unique: false, columns: ['scan_id', 'rule_id'] },
    { name: 'findings_scan_severity', unique: false, columns: ['scan_id', 'severity'] },
  ],
  finding_states: [
    { name: 'finding_states_resource_arn', unique: false, columns: ['resource_arn'] },
    { name: 'finding_states_rule_id', unique: false, columns: ['rule_id'] },
    { name: 'finding_states_state', unique: false, columns: ['state'] },
  ],
  registry: [
    { name: 'registry_next_review_at', unique: false, columns: ['next_review_at'] },
    { name: 'registry_owner', unique: false, columns: ['owner'] },
    { name: 'registry_status', unique: false, columns: ['status'] },
  ],
  policies: [{ name: 'policies_name_unique', unique: true, columns: ['name'] }],
  plan_tasks: [{ name: 'plan_tasks_week_position', unique: false, columns: ['week', 'position'] }],
  reviews: [{ name: 'reviews_scheduled_for', unique: false, columns: ['scheduled_for'] }],
  review_decisions: [{ name: 'review_decisions_agent_arn', unique: false, columns: ['agent_arn'] }],
  audit_log: [{ name: 'audit_log_target', unique: false, columns: ['target'] }],
};

const NOW = '2025-01-02T03:04:05.000Z';
const SCAN = 'scan-1';
const ROLE = 'arn:aws:iam::123456789012:role/agent';

function count(db: ScratchDatabase, table: string): number {
  return Number(db.read.value(sql`SELECT count(*) FROM ${sql.id(table)}`));
}

function insertScanWithChildren(db: ScratchDatabase): void {
  const w = db.write;
  w.run(sql`INSERT INTO connections (id, name, profile, regions, created_at, updated_at)
            VALUES ('conn-1', 'Prod', 'prod', '["eu-west-1"]', ${NOW}, ${NOW})`);
  w.run(sql`INSERT INTO scans (id, connection_id, connection_name, source, status, started_at)
            VALUES (${SCAN}, 'conn-1', 'Prod', 'live', 'completed', ${NOW})`);
  w.run(sql`INSERT INTO scan_collectors (scan_id, collector, region, outcome, call_count)
            VALUES (${SCAN}, 'iam', 'global', 'ok', 3)`);
  w.run(sql`INSERT INTO scan_api_calls (scan_id, operation, count) VALUES (${SCAN}, 'iam:ListRoles', 3)`);
  w.run(sql`INSERT INTO scan_facts (scan_id, kind, key, payload) VALUES (${SCAN}, 'iam.role', ${ROLE}, '{}')`);
  w.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, is_ai, tier)
            VALUES (${SCAN}, ${ROLE}, 'iam-role', 'agent', '123456789012', 1, 1)`);
  w.run(sql`INSERT INTO workloads (scan_id, arn, type, name, identity_arn)
            VALUES (${SCAN}, 'arn:aws:lambda:eu-west-1:123456789012:function:f', 'lambda', 'f', ${ROLE})`);
  w.run(sql`INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, status, first_seen_at, last_seen_at)
            VALUES (${SCAN}, 'fp-1', 'policy_full_admin', 'critical', 4, ${ROLE}, 'new', ${NOW}, ${NOW})`);
  w.run(sql`INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at,
                                        first_seen_scan_id, last_seen_scan_id, updated_at)
            VALUES ('fp-1', 'policy_full_admin', ${ROLE}, 'open', ${NOW}, ${NOW}, ${SCAN}, ${SCAN}, ${NOW})`);
  w.run(sql`INSERT INTO reviews (id, title, scheduled_for, scan_id, created_at, updated_at)
            VALUES ('rev-1', 'Q1', '2025-02-01', ${SCAN}, ${NOW}, ${NOW})`);
  w.run(sql`INSERT INTO review_decisions (review_id, agent_arn, decision, decided_at)
            VALUES ('rev-1', ${ROLE}, 'keep', ${NOW})`);
}

describe('migration 0001 (initial schema)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 0);
    runMigration(db, 1);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  it('moves an empty database from version 0 to 1 and marks it as a workspace', () => {
    expect(readSchemaVersion(db.read)).toBe(1);
    expect(db.read.value(sql`PRAGMA application_id`)).toBe(WORKSPACE_APPLICATION_ID);
  });

  it('records which workspace this is, when and by which version it was made', () => {
    expect(db.read.get(sql`SELECT * FROM workspace_meta`)).toEqual({
      singleton: 1,
      workspace_id: TEST_MIGRATION_CONTEXT.newId(),
      created_at: NOW,
      created_with_version: '0.0.0-test',
    });
  });

  it('creates every table with every column, all STRICT', () => {
    const schema = describeSchema(db.read);
    expect(Object.keys(schema.tables).sort()).toEqual(Object.keys(EXPECTED_COLUMNS).sort());
    for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
      expect(schema.tables[table]?.columns.map((c) => c.name), table).toEqual(columns);
      expect(schema.tables[table]?.strict, `${table} is STRICT`).toBe(true);
    }
  });

  it('creates the foreign keys, cascading from each scan to its children', () => {
    const schema = describeSchema(db.read);
    for (const table of Object.keys(EXPECTED_COLUMNS)) {
      const expected = EXPECTED_FOREIGN_KEYS[table] ?? [];
      const actual = schema.tables[table]?.foreignKeys ?? [];
      if (table === 'finding_states') {
        // Three scan references, all SET NULL: a finding's history outlives the scans it was seen in.
        expect(actual.map((fk) => [fk.from, fk.table, fk.onDelete]).sort()).toEqual([
          ['first_seen_scan_id', 'scans', 'SET NULL'],
          ['last_seen_scan_id', 'scans', 'SET NULL'],
          ['resolved_scan_id', 'scans', 'SET NULL'],
        ]);
      } else {
        expect(actual, table).toEqual(expected);
      }
    }
  });

  it('creates the indexes for the obvious lookups', () => {
    const schema = describeSchema(db.read);
    for (const table of Object.keys(EXPECTED_COLUMNS)) {
      expect(schema.tables[table]?.indexes, table).toEqual(EXPECTED_INDEXES[table] ?? []);
    }
    expect(schema.triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
  });

  it('deletes a scan with all it produced, and keeps what humans wrote', () => {
    insertScanWithChildren(db);
    for (const table of ['scan_collectors', 'scan_api_calls', 'scan_facts', 'agents', 'workloads', 'findings']) {
      expect(count(db, table), table).toBe(1);
    }
    db.write.run(sql`DELETE FROM scans WHERE id = ${SCAN}`);
    for (const table of ['scan_collectors', 'scan_api_calls', 'scan_facts', 'agents', 'workloads', 'findings']) {
      expect(count(db, table), table).toBe(0);
    }
    expect(db.read.get(sql`SELECT first_seen_scan_id, last_seen_scan_id FROM finding_states`)).toEqual({
      first_seen_scan_id: null,
      last_seen_scan_id: null,
    });
    expect(db.read.value(sql`SELECT scan_id FROM reviews WHERE id = 'rev-1'`)).toBeNull();
    expect(count(db, 'review_decisions')).toBe(1);
  });

  it('keeps a scan when its connection is removed, with the connection unset', () => {
    insertScanWithChildren(db);
    db.write.run(sql`DELETE FROM connections WHERE id = 'conn-1'`);
    expect(db.read.get(sql`SELECT connection_id, connection_name FROM scans`)).toEqual({
      connection_id: null,
      connection_name: 'Prod',
    });
  });

  it('deletes a review with its decisions', () => {
    insertScanWithChildren(db);
    db.write.run(sql`DELETE FROM reviews WHERE id = 'rev-1'`);
    expect(count(db, 'review_decisions')).toBe(0);
  });

  it('refuses rows that break the rules: bad enumerations, bad JSON, silent overrides, orphans', () => {
    const w = db.write;
    expect(() =>
      w.run(sql`INSERT INTO scans (id, source, status, started_at) VALUES ('s', 'guess', 'running', ${NOW})`),
    ).toThrow(/CHECK constraint/);
    expect(() => w.run(sql`INSERT INTO settings (key, value) VALUES ('thresholds', '{not json')`)).toThrow(
      /CHECK constraint/,
    );
    expect(() =>
      w.run(sql`INSERT INTO registry (arn, tier_override, created_at, updated_at) VALUES (${ROLE}, 3, ${NOW}, ${NOW})`),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      w.run(sql`INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at, updated_at)
                VALUES ('fp', 'r', ${ROLE}, 'accepted', ${NOW}, ${NOW}, ${NOW})`),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      w.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, tier) VALUES ('no-such-scan', ${ROLE}, 'iam-role', 'a', '1', 1)`),
    ).toThrow(/FOREIGN KEY/);
    expect(() => w.run(sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, tier) VALUES ('x', 'y', 'k', 'n', 'a', 'one')`)).toThrow();
  });

  it('makes connection names unique regardless of case', () => {
    db.write.run(sql`INSERT INTO connections (id, name, profile, created_at, updated_at) VALUES ('a', 'Prod', 'p', ${NOW}, ${NOW})`);
    expect(() =>
      db.write.run(sql`INSERT INTO connections (id, name, profile, created_at, updated_at) VALUES ('b', 'PROD', 'p', ${NOW}, ${NOW})`),
    ).toThrow(/UNIQUE/);
  });

  it('keeps the audit log append-only', () => {
    db.write.run(sql`INSERT INTO audit_log (at, actor, action, target, prev_hash, hash)
                     VALUES (${NOW}, 'alice', 'registry.owner', ${ROLE}, '', 'h1')`);
    expect(() => db.write.run(sql`UPDATE audit_log SET actor = 'mallory'`)).toThrow(/append-only/);
    expect(() => db.write.run(sql`DELETE FROM audit_log`)).toThrow(/append-only/);
    expect(count(db, 'audit_log')).toBe(1);
  });
});
