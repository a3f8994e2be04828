import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSchemaVersion } from '@core/db/migrate';
import { sql } from '@core/db/sql';
import { createScratchDatabase, describeSchema, migrateTo, runMigration, type ScratchDatabase } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

const NOW = '2025-01-02T03:04:05.000Z';
const ARN = 'arn:aws:iam::111122223333:role/a';
const HASH = 'a'.repeat(64);

describe('migration 0007 (review meetings)', () => {
  let db: ScratchDatabase;

  beforeEach(() => {
    db = createScratchDatabase(makeTempDir());
    migrateTo(db, 6);
    db.write.run(sql`INSERT INTO registry (arn, owner, status, created_at, updated_at) VALUES (${ARN}, 'ana', 'registered', ${NOW}, ${NOW})`);
    db.write.run(sql`INSERT INTO scans (id, source, status, started_at, analysis_version, analysis_inputs) VALUES ('scan-1', 'import', 'completed', ${NOW}, '5', '5:abc')`);
    runMigration(db, 7);
  });

  afterEach(() => {
    db.close();
    removeTempDirs();
  });

  function meeting(id = 'm1', status = 'planned'): void {
    db.write.run(sql`INSERT INTO review_meetings (id, title, scheduled_for, time_zone, status, created_at, created_by, updated_at, started_at)
      VALUES (${id}, 'T1 review', '2025-02-01T10:00', 'Europe/Berlin', ${status}, ${NOW}, 'ana', ${NOW}, ${status === 'planned' ? null : NOW})`);
  }

  it('replaces the unused review tables, keeps the registry, and makes every scan re-analyse', () => {
    expect(readSchemaVersion(db.read)).toBe(7);
    const schema = describeSchema(db.read);
    expect(schema.tables['reviews']).toBeUndefined();
    expect(schema.tables['review_meetings']?.strict).toBe(true);
    expect(schema.tables['review_agenda_items']?.columns.map((c) => c.name)).toEqual(['meeting_id', 'arn', 'position', 'name', 'account_id', 'tier', 'reason', 'carried_over']);
    expect(schema.tables['review_decisions']?.columns.map((c) => c.name)).toContain('evidence_hash');
    expect(schema.tables['review_action_items']?.strict).toBe(true);
    expect(db.read.get(sql`SELECT owner FROM registry`)).toEqual({ owner: 'ana' });
    expect(db.read.value(sql`SELECT analysis_inputs FROM scans WHERE id = 'scan-1'`)).toBeNull();
  });

  it('holds a whole meeting: agenda, a decision with its evidence, an action item; deleting the meeting deletes them', () => {
    meeting('m1', 'in_progress');
    db.write.run(sql`INSERT INTO review_agenda_items (meeting_id, arn, position, name, tier, reason) VALUES ('m1', ${ARN}, 0, 'a', 1, 'never reviewed')`);
    db.write.run(sql`INSERT INTO review_decisions (meeting_id, arn, decision, deciders, decided_at, evidence, evidence_hash) VALUES ('m1', ${ARN}, 'keep_with_changes', '["ana"]', ${NOW}, '{}', ${HASH})`);
    db.write.run(sql`INSERT INTO review_action_items (id, meeting_id, arn, position, text, owner, due_date, created_at) VALUES ('x', 'm1', ${ARN}, 0, 'Drop s3:*', 'bo', '2025-02-15', ${NOW})`);
    db.write.run(sql`DELETE FROM review_meetings WHERE id = 'm1'`);
    expect(db.read.value(sql`SELECT count(*) FROM review_action_items`)).toBe(0);
    expect(db.read.value(sql`SELECT count(*) FROM review_decisions`)).toBe(0);
  });

  it('refuses what a meeting cannot be: a bad date-time, a held meeting without its end, a decision off the agenda or without what it needs', () => {
    expect(() => db.write.run(sql`INSERT INTO review_meetings (id, title, scheduled_for, time_zone, created_at, created_by, updated_at) VALUES ('m', 'x', '1 Feb 10am', 'UTC', ${NOW}, 'ana', ${NOW})`)).toThrow(/CHECK/);
    expect(() => meeting('m2', 'held')).toThrow(/CHECK/);
    meeting('m1', 'in_progress');
    expect(() => db.write.run(sql`INSERT INTO review_decisions (meeting_id, arn, decision, deciders, decided_at, evidence, evidence_hash) VALUES ('m1', ${ARN}, 'keep', '["ana"]', ${NOW}, '{}', ${HASH})`)).toThrow(/FOREIGN KEY/);
    db.write.run(sql`INSERT INTO review_agenda_items (meeting_id, arn, position, name, tier, reason) VALUES ('m1', ${ARN}, 0, 'a', 1, 'due')`);
    expect(() => db.write.run(sql`INSERT INTO review_agenda_items (meeting_id, arn, position, name, tier, reason) VALUES ('m1', 'other', 0, 'b', 2, 'due')`)).toThrow(/UNIQUE/);
    const decide = (decision: string, newTier: number | null, reason: string | null, deferUntil: string | null, deciders = '["ana"]'): void => {
      db.write.run(sql`INSERT INTO review_decisions (meeting_id, arn, decision, new_tier, reason, defer_until, deciders, decided_at, evidence, evidence_hash)
        VALUES ('m1', ${ARN}, ${decision}, ${newTier}, ${reason}, ${deferUntil}, ${deciders}, ${NOW}, '{}', ${HASH})`);
    };
    expect(() => decide('retier', null, 'because of it', null)).toThrow(/CHECK/);
    expect(() => decide('retier', 2, null, null)).toThrow(/CHECK/);
    expect(() => decide('defer', null, 'later please', null)).toThrow(/CHECK/);
    expect(() => decide('decommission', null, '  ', null)).toThrow(/CHECK/);
    expect(() => decide('keep', null, null, null, '[]')).toThrow(/CHECK/);
    expect(() => decide('rotate', null, null, null)).toThrow(/CHECK/);
    decide('defer', null, 'the owner is away', '2025-03-01');
    expect(() => db.write.run(sql`INSERT INTO review_action_items (id, meeting_id, arn, position, text, owner, due_date, status, created_at) VALUES ('x', 'm1', ${ARN}, 0, 'Do it', 'bo', '2025-02-15', 'done', ${NOW})`)).toThrow(/CHECK/);
  });
});
