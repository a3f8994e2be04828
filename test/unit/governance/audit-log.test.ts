import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, auditSettingsChange, listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { actorFromEnv, auditHash, GENESIS_HASH } from '@core/lib/audit-chain';
import { canonicalJson } from '@core/lib/canonical-json';
import { tempWorkspace } from './analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setUp(entries: number): Workspace {
  const made = tempWorkspace(() => NOW);
  cleanups.push(made.cleanup);
  for (let i = 1; i <= entries; i += 1) {
    appendAuditEntry(made.workspace.write, { at: NOW.toISOString(), actor: 'alice', action: 'registry.update', target: `arn:${i}`, details: { n: i, nested: { b: 1, a: [2, { d: 1, c: 0 }] } } });
  }
  return made.workspace;
}

/** Tampering needs the triggers gone: only someone editing the file by hand can do it. */
function dropTriggers(workspace: Workspace): void {
  workspace.write.exec(sql`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;`);
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
  });
});

describe('the audit log', () => {
  it('chains every entry to the one before: hash = sha256(prev_hash + canonical entry)', () => {
    const workspace = setUp(3);
    const rows = workspace.read.all(sql`SELECT * FROM audit_log ORDER BY seq`);
    expect(rows.map((r) => r['seq'])).toEqual([1, 2, 3]);
    expect(rows[0]?.['prev_hash']).toBe(GENESIS_HASH);
    expect(rows[1]?.['prev_hash']).toBe(rows[0]?.['hash']);
    const first = rows[0];
    expect(first?.['hash']).toBe(
      auditHash(GENESIS_HASH, { seq: 1, at: NOW.toISOString(), actor: 'alice', action: 'registry.update', target: 'arn:1', details: JSON.parse(String(first?.['details'])) as Record<string, unknown> }),
    );
    expect(verifyAuditLog(workspace.read)).toEqual({ ok: true, entries: 3, firstBrokenSeq: null, message: "The audit log's 3 entries form an unbroken chain." });
  });

  it('lists newest first, in pages', () => {
    const workspace = setUp(5);
    expect(listAuditEntries(workspace.read, 2, null).map((e) => e.seq)).toEqual([5, 4]);
    expect(listAuditEntries(workspace.read, 2, 4).map((e) => e.seq)).toEqual([3, 2]);
    expect(listAuditEntries(workspace.read, 2, 4)[0]).toMatchObject({ actor: 'alice', target: 'arn:3', details: { n: 3 } });
  });

  it('is append-only in the app (the triggers refuse edits)', () => {
    const workspace = setUp(2);
    expect(() => workspace.write.run(sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`)).toThrow(/append-only/);
    expect(() => workspace.write.run(sql`DELETE FROM audit_log WHERE seq = 1`)).toThrow(/append-only/);
  });

  it('reports an edited entry as the first broken link', () => {
    const workspace = setUp(5);
    dropTriggers(workspace);
    workspace.write.run(sql`UPDATE audit_log SET details = '{"n":3,"nested":{"a":[2,{"c":0,"d":1}],"b":2}}' WHERE seq = 3`);
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: false, entries: 3, firstBrokenSeq: 3 });
  });

  it('reports an edit that also recomputed its own hash at the next entry', () => {
    const workspace = setUp(5);
    dropTriggers(workspace);
    const forged = auditHash(String(workspace.read.value(sql`SELECT prev_hash FROM audit_log WHERE seq = 2`)), {
      seq: 2, at: NOW.toISOString(), actor: 'mallory', action: 'registry.update', target: 'arn:2', details: { n: 2, nested: { b: 1, a: [2, { d: 1, c: 0 }] } },
    });
    workspace.write.run(sql`UPDATE audit_log SET actor = 'mallory', hash = ${forged} WHERE seq = 2`);
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('reports a deleted entry at the one after it, and a deleted tail', () => {
    const workspace = setUp(5);
    dropTriggers(workspace);
    workspace.write.run(sql`DELETE FROM audit_log WHERE seq = 2`);
    const middle = verifyAuditLog(workspace.read);
    expect(middle).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(middle.message).toMatch(/entries 2–2 are missing/);

    const other = setUp(4);
    dropTriggers(other);
    other.write.run(sql`DELETE FROM audit_log WHERE seq = 4`);
    expect(verifyAuditLog(other.read)).toMatchObject({ ok: false, entries: 3, firstBrokenSeq: 4 });
    // Appending afterwards does not hide the gap.
    appendAuditEntry(other.write, { at: NOW.toISOString(), actor: 'bob', action: 'x', target: 't', details: {} });
    expect(other.read.value(sql`SELECT max(seq) FROM audit_log`)).toBe(5);
    expect(verifyAuditLog(other.read)).toMatchObject({ ok: false, firstBrokenSeq: 5, message: expect.stringMatching(/entries 4–4 are missing/) as unknown });
  });

  it('is verified empty', () => {
    expect(verifyAuditLog(setUp(0).read)).toEqual({ ok: true, entries: 0, firstBrokenSeq: null, message: 'The audit log is empty.' });
  });

  it('records a settings change with the fields that changed, and nothing when none did', () => {
    const workspace = setUp(0);
    const before = { keyRotationDays: 90, keyUnusedDays: 45 };
    expect(auditSettingsChange(workspace.write, { actor: 'alice', now: NOW, before, after: before })).toBeNull();
    const entry = auditSettingsChange(workspace.write, { actor: 'alice', now: NOW, before, after: { ...before, keyRotationDays: 30 } });
    expect(entry).toMatchObject({ seq: 1, action: 'settings.update', target: 'settings', details: { changes: { keyRotationDays: { from: 90, to: 30 } } } });
    expect(verifyAuditLog(workspace.read).ok).toBe(true);
  });

  it('names the OS user as the actor', () => {
    expect(actorFromEnv({ USER: 'alice' })).toBe('alice');
    expect(actorFromEnv({ USERNAME: 'WIN\\bob' })).toBe('WIN\\bob');
    // With no user in the environment, the account the process runs as; 'unknown' only when that fails too.
    expect(actorFromEnv({}, () => 'carol')).toBe('carol');
    expect(actorFromEnv({}, () => null)).toBe('unknown');
  });
});
