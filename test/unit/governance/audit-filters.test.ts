import { afterEach, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { allAuditEntries, appendAuditEntry, auditFilterOptions, listAuditEntries, NO_AUDIT_FILTER, verifyAuditLog } from '@core/db/repositories/audit-log';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { auditCsv } from '@core/handlers/audit-handlers';
import { addScan, fakeAgent, fakeAnalysis, fakeFinding, tempWorkspace } from './analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const T1 = '2026-02-01T00:00:00.000Z';
const ROLE = 'arn:aws:iam::123456789012:role/ml-pipeline-runner';
const FINDING = fakeFinding('access_key_not_rotated', 'arn:aws:iam::123456789012:user/ci-bot');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A scan with one agent and one finding, a team policy, and an entry on each kind of target. */
function setUp(): Workspace {
  const made = tempWorkspace(() => NOW);
  cleanups.push(made.cleanup);
  const { workspace } = made;
  addScan(workspace, 's1', T1);
  ensureAnalysed(workspace.write, 's1', { analyze: fakeAnalysis({ [T1]: { agents: [fakeAgent(ROLE)], findings: [FINDING] } }).analyze, clock: () => NOW });
  workspace.write.run(sql`INSERT INTO policies (id, name, condition, severity, created_at, updated_at)
    VALUES ('p-live', 'Production agents have an owner', 'true', 'high', ${T1}, ${T1})`);
  const at = NOW.toISOString();
  const add = (actor: string, action: string, target: string, details: Record<string, unknown> = {}): void => {
    appendAuditEntry(workspace.write, { at, actor, action, target, details });
  };
  add('Jane Doe', 'registry.update', ROLE, { changes: { owner: { from: null, to: 'ml-team' } } });
  add('jdoe', 'finding.accept', FINDING.fingerprint, { reason: 'vendor key' });
  add('Jane Doe', 'policy.update', 'policy:p-live', { name: 'old name' });
  // A deleted policy keeps the name its entry recorded.
  add('Jane Doe', 'policy.delete', 'policy:p-gone', { name: 'Gone 100% policy' });
  add('=cmd|calc', 'settings.update', 'settings', { changes: { keyRotationDays: { from: 90, to: 30 } } });
  add('Jane Doe', 'registry.update', 'arn:aws:iam::123456789012:role/not-in-any-scan');
  return workspace;
}

describe('audit log listing: names and filters', () => {
  it('names each target (agent name, finding title, policy name, deleted policy by its recorded name), keeping the ID', () => {
    const entries = listAuditEntries(setUp().read, 100, null);
    expect(entries.map((e) => [e.target, e.targetName])).toEqual([
      ['arn:aws:iam::123456789012:role/not-in-any-scan', null],
      ['settings', null],
      ['policy:p-gone', 'Gone 100% policy'],
      ['policy:p-live', 'Production agents have an owner'],
      [FINDING.fingerprint, FINDING.title],
      [ROLE, 'ml-pipeline-runner'],
    ]);
  });

  it('filters by actor and by kind of change, exactly, in SQL with bound values', () => {
    const db = setUp().read;
    expect(listAuditEntries(db, 100, null, { ...NO_AUDIT_FILTER, actor: 'Jane Doe' }).map((e) => e.seq)).toEqual([6, 4, 3, 1]);
    expect(listAuditEntries(db, 100, null, { ...NO_AUDIT_FILTER, action: 'finding.accept' }).map((e) => e.seq)).toEqual([2]);
    expect(listAuditEntries(db, 100, null, { actor: 'Jane Doe', action: 'registry.update', target: null }).map((e) => e.seq)).toEqual([6, 1]);
    // A quote or a LIKE wildcard in the value is data, not SQL.
    expect(listAuditEntries(db, 100, null, { ...NO_AUDIT_FILTER, actor: "' OR 1=1 --" })).toEqual([]);
  });

  it('filters by text in the target ID or its name, ignoring case; % and _ are literal', () => {
    const db = setUp().read;
    const seqs = (target: string): number[] => listAuditEntries(db, 100, null, { ...NO_AUDIT_FILTER, target }).map((e) => e.seq);
    expect(seqs('PIPELINE')).toEqual([1]);
    expect(seqs('owner')).toEqual([3]);
    expect(seqs('ci-bot')).toEqual([2]);
    expect(seqs('100%')).toEqual([4]);
    expect(seqs('%')).toEqual([4]);
    expect(seqs('_')).toEqual([2]);
    expect(seqs('  ')).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('pages a filtered list with beforeSeq', () => {
    const db = setUp().read;
    const filter = { ...NO_AUDIT_FILTER, actor: 'Jane Doe' };
    expect(listAuditEntries(db, 2, null, filter).map((e) => e.seq)).toEqual([6, 4]);
    expect(listAuditEntries(db, 2, 4, filter).map((e) => e.seq)).toEqual([3, 1]);
  });

  it('offers the actors and kinds that occur, and naming changes nothing the chain covers', () => {
    const workspace = setUp();
    expect(auditFilterOptions(workspace.read)).toEqual({
      actors: ['=cmd|calc', 'Jane Doe', 'jdoe'],
      actions: ['finding.accept', 'policy.delete', 'policy.update', 'registry.update', 'settings.update'],
    });
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: true, entries: 6 });
  });

  it('exports oldest first as CSV with every formula-like cell neutralised', () => {
    const entries = allAuditEntries(setUp().read, { ...NO_AUDIT_FILTER, action: 'settings.update' });
    const csv = auditCsv(entries);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('seq,at,actor,action,target,target_name,details,hash');
    expect(row).toContain(",'=cmd|calc,settings.update,settings,,");
    expect(row).toContain('"{""changes"":{""keyRotationDays"":{""from"":90,""to"":30}}}"');
    expect(allAuditEntries(setUp().read, NO_AUDIT_FILTER).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
