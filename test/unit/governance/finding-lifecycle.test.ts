import { afterEach, describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION } from '@core/analysis-store/analysis-inputs';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { previousScan } from '@core/analysis-store/analysis-store';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { listScanFindings, resolvedSince } from '@core/governance/finding-lifecycle-service';
import { acceptFinding, reopenFinding, resolveFinding } from '@core/governance/finding-triage-service';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { acceptanceHolds, displayedStatus, scanLifecycle } from '@core/governance/finding-lifecycle';
import { addScan, fakeAnalysis, fakeFinding, tempWorkspace } from './analysis-fixtures';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const T3 = '2026-03-01T00:00:00.000Z';
const T4 = '2026-04-01T00:00:00.000Z';
const ROLE_A = 'arn:aws:iam::123456789012:role/a';
const ROLE_B = 'arn:aws:iam::123456789012:role/b';
const A = fakeFinding('policy_full_admin', ROLE_A, 'critical');
const B = fakeFinding('identity_unused', ROLE_B, 'medium');
const NO_FILTER = { severity: null, ruleId: null, status: null };

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setUp(now: { value: Date }): Workspace {
  const made = tempWorkspace(() => now.value);
  cleanup = made.cleanup;
  return made.workspace;
}

function statuses(workspace: Workspace, scanId: string, analyze: ReturnType<typeof fakeAnalysis>['analyze'], now: Date): Record<string, string> {
  const scan = ensureAnalysed(workspace.write, scanId, { analyze, clock: () => now });
  return Object.fromEntries(listScanFindings(workspace.read, scan, NO_FILTER, now).map((f): [string, string] => [f.resourceArn.split('/')[1] ?? '', `${f.status}${f.isNew ? '*' : ''}`]));
}

describe('the finding lifecycle (pure)', () => {
  it('is new in the first scan, open while it stays, regressed when it comes back', () => {
    expect(scanLifecycle({ firstSeenAt: null, inPreviousScan: false, previousScanAt: null, manualResolvedAt: null }, T1)).toEqual({ status: 'new', isNew: true, firstSeenAt: T1 });
    expect(scanLifecycle({ firstSeenAt: T1, inPreviousScan: true, previousScanAt: T1, manualResolvedAt: null }, T2)).toEqual({ status: 'open', isNew: false, firstSeenAt: T1 });
    expect(scanLifecycle({ firstSeenAt: T1, inPreviousScan: false, previousScanAt: T2, manualResolvedAt: null }, T3)).toEqual({ status: 'regressed', isNew: true, firstSeenAt: T1 });
  });

  it('calls a finding resolved by hand and still seen by the next scan regressed', () => {
    expect(scanLifecycle({ firstSeenAt: T1, inPreviousScan: true, previousScanAt: T1, manualResolvedAt: '2026-01-15T00:00:00.000Z' }, T2).status).toBe('regressed');
    // Resolved before the previous scan: that scan already contradicted it; this one is just open.
    expect(scanLifecycle({ firstSeenAt: T1, inPreviousScan: true, previousScanAt: T2, manualResolvedAt: '2026-01-15T00:00:00.000Z' }, T3).status).toBe('open');
  });

  it('accepts through the end of the until date, then shows the scan status again', () => {
    const acceptance = { reason: 'compensating control', until: '2026-02-10', by: 'alice', at: T1 };
    expect(acceptanceHolds(acceptance, new Date('2026-02-10T23:59:00Z'))).toBe(true);
    expect(acceptanceHolds(acceptance, new Date('2026-02-11T00:00:00Z'))).toBe(false);
    expect(displayedStatus('open', T1, { acceptance, manualResolvedAt: null }, new Date('2026-02-01T00:00:00Z'))).toBe('accepted');
    expect(displayedStatus('open', T1, { acceptance, manualResolvedAt: null }, new Date('2026-03-01T00:00:00Z'))).toBe('open');
  });
});

describe('the finding lifecycle across stored scans', () => {
  it('goes new → open → resolved → regressed over four scans, with isNew and resolvedSinceLastScan', () => {
    const now = { value: new Date(T4) };
    const workspace = setUp(now);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [A, B] }, [T2]: { findings: [A, B] }, [T3]: { findings: [A] }, [T4]: { findings: [A, B] } });
    addScan(workspace, 's1', T1);
    expect(statuses(workspace, 's1', analyze, now.value)).toEqual({ a: 'new*', b: 'new*' });
    addScan(workspace, 's2', T2);
    expect(statuses(workspace, 's2', analyze, now.value)).toEqual({ a: 'open', b: 'open' });
    addScan(workspace, 's3', T3);
    expect(statuses(workspace, 's3', analyze, now.value)).toEqual({ a: 'open' });
    const s3 = ensureAnalysed(workspace.write, 's3', { analyze, clock: () => now.value });
    const resolved = resolvedSince(workspace.read, s3, previousScan(workspace.read, s3), NO_FILTER);
    expect(resolved.map((f) => [f.fingerprint, f.status, f.lastSeenAt])).toEqual([[B.fingerprint, 'resolved', T2]]);
    expect(workspace.read.get(sql`SELECT state, resolved_scan_id FROM finding_states WHERE fingerprint = ${B.fingerprint}`)).toEqual({ state: 'resolved', resolved_scan_id: 's3' });
    addScan(workspace, 's4', T4);
    expect(statuses(workspace, 's4', analyze, now.value)).toEqual({ a: 'open', b: 'regressed*' });
    const b4 = listScanFindings(workspace.read, ensureAnalysed(workspace.write, 's4', { analyze, clock: () => now.value }), NO_FILTER, now.value).find((f) => f.fingerprint === B.fingerprint);
    expect(b4?.firstSeenAt).toBe(T1);
    expect(b4?.lastSeenAt).toBe(T4);
    expect(workspace.read.value(sql`SELECT state FROM finding_states WHERE fingerprint = ${B.fingerprint}`)).toBe('regressed');
  });

  it('analyses the earlier scans of the account first, whichever scan is read first', () => {
    const now = { value: new Date(T4) };
    const workspace = setUp(now);
    const fake = fakeAnalysis({ [T1]: { findings: [A] }, [T2]: { findings: [A, B] } });
    addScan(workspace, 's1', T1);
    addScan(workspace, 's2', T2);
    addScan(workspace, 'other', T1, '210987654321');
    expect(statuses(workspace, 's2', fake.analyze, now.value)).toEqual({ a: 'open', b: 'new*' });
    expect(fake.inputs.map((i) => i.facts.collectedAt)).toEqual([T1, T2]);
    // Nothing changed: a second read does not analyse again.
    statuses(workspace, 's2', fake.analyze, now.value);
    expect(fake.inputs).toHaveLength(2);
  });

  it('re-analyses when the analysis inputs change (settings), keeping the lifecycle', () => {
    const now = { value: new Date(T4) };
    const workspace = setUp(now);
    const fake = fakeAnalysis({ [T1]: { findings: [A] }, [T2]: { findings: [A] } });
    addScan(workspace, 's1', T1);
    addScan(workspace, 's2', T2);
    statuses(workspace, 's2', fake.analyze, now.value);
    workspace.write.run(sql`INSERT INTO settings (key, value) VALUES ('thresholds', '{"keyRotationDays": 30}')`);
    expect(statuses(workspace, 's2', fake.analyze, now.value)).toEqual({ a: 'open' });
    expect(fake.inputs).toHaveLength(4);
    expect(fake.inputs.at(-1)?.settings.thresholds.keyRotationDays).toBe(30);
    expect(workspace.read.get(sql`SELECT analysis_version, finding_count FROM scans WHERE id = 's2'`)).toEqual({ analysis_version: ANALYSIS_VERSION, finding_count: 1 });
  });

  it('resolves the state of a finding that a new analysis of the newest scan no longer has, and opens it again when it returns', () => {
    const now = { value: new Date(T4) };
    const workspace = setUp(now);
    addScan(workspace, 's1', T1);
    const state = (fingerprint: string): unknown =>
      workspace.read.get(sql`SELECT state, resolved_scan_id FROM finding_states WHERE fingerprint = ${fingerprint}`);
    statuses(workspace, 's1', fakeAnalysis({ [T1]: { findings: [A, B] } }).analyze, now.value);
    expect(state(B.fingerprint)).toEqual({ state: 'open', resolved_scan_id: null });

    // A threshold changes and B is no longer found in the same scan: its state does not stay open.
    workspace.write.run(sql`INSERT INTO settings (key, value) VALUES ('thresholds', '{"keyRotationDays": 30}')`);
    expect(statuses(workspace, 's1', fakeAnalysis({ [T1]: { findings: [A] } }).analyze, now.value)).toEqual({ a: 'new*' });
    expect(state(B.fingerprint)).toEqual({ state: 'resolved', resolved_scan_id: 's1' });
    expect(state(A.fingerprint)).toEqual({ state: 'open', resolved_scan_id: null });

    // Back to the old threshold: B is found again, and open again.
    workspace.write.run(sql`UPDATE settings SET value = '{"keyRotationDays": 90}' WHERE key = 'thresholds'`);
    expect(statuses(workspace, 's1', fakeAnalysis({ [T1]: { findings: [A, B] } }).analyze, now.value)).toEqual({ a: 'new*', b: 'new*' });
    expect(state(B.fingerprint)).toEqual({ state: 'open', resolved_scan_id: null });
  });

  it('accepts a risk until a date, reopens it by itself when the date passes (fake clock), and logs the decision', () => {
    const now = { value: new Date(T1) };
    const workspace = setUp(now);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [A] } });
    addScan(workspace, 's1', T1);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => now.value });
    const accepted = acceptFinding(workspace.write, { fingerprint: A.fingerprint, reason: 'Break-glass role, reviewed monthly', until: '2026-01-31' }, { actor: 'alice', now: now.value });
    expect(accepted).toEqual({ fingerprint: A.fingerprint, status: 'accepted', acceptance: { reason: 'Break-glass role, reviewed monthly', until: '2026-01-31', by: 'alice', at: T1 } });
    expect(statuses(workspace, 's1', analyze, new Date('2026-01-20T00:00:00Z'))).toEqual({ a: 'accepted*' });
    // Past the date: open again, and the row still says which acceptance expired.
    now.value = new Date('2026-02-01T00:00:00Z');
    const [row] = listScanFindings(workspace.read, ensureAnalysed(workspace.write, 's1', { analyze, clock: () => now.value }), NO_FILTER, now.value);
    expect(row?.status).toBe('new');
    expect(row?.acceptance?.until).toBe('2026-01-31');
    expect(listAuditEntries(workspace.read, 10, null).map((e) => [e.action, e.actor, e.target, e.details['until']])).toEqual([['finding.accept', 'alice', A.fingerprint, '2026-01-31']]);
  });

  it('refuses an acceptance that ends in the past', () => {
    const now = { value: new Date(T2) };
    const workspace = setUp(now);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [A] } });
    addScan(workspace, 's1', T1);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => now.value });
    expect(() => acceptFinding(workspace.write, { fingerprint: A.fingerprint, reason: 'no longer relevant', until: '2026-01-15' }, { actor: 'a', now: now.value })).toThrow(/already passed/);
    expect(() => acceptFinding(workspace.write, { fingerprint: 'nope', reason: 'no longer relevant', until: '2027-01-15' }, { actor: 'a', now: now.value })).toThrow(/no finding/);
  });

  it('marks a finding resolved by hand; the next scan that still has it makes it regressed', () => {
    const now = { value: new Date('2026-01-10T00:00:00Z') };
    const workspace = setUp(now);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [A, B] }, [T2]: { findings: [A, B] }, [T3]: { findings: [A] } });
    addScan(workspace, 's1', T1);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => now.value });
    expect(resolveFinding(workspace.write, { fingerprint: A.fingerprint, note: 'policy detached' }, { actor: 'bob', now: now.value })).toEqual({ fingerprint: A.fingerprint, status: 'resolved', acceptance: null });
    expect(resolveFinding(workspace.write, { fingerprint: B.fingerprint, note: 'role deleted' }, { actor: 'bob', now: now.value }).status).toBe('resolved');
    expect(statuses(workspace, 's1', analyze, now.value)).toEqual({ a: 'resolved*', b: 'resolved*' });
    addScan(workspace, 's2', T2);
    expect(statuses(workspace, 's2', analyze, now.value)).toEqual({ a: 'regressed', b: 'regressed' });
    expect(workspace.read.value(sql`SELECT state FROM finding_states WHERE fingerprint = ${A.fingerprint}`)).toBe('regressed');
    // Re-analysing the same scan gives the same answer (the resolution by hand is remembered).
    workspace.write.run(sql`UPDATE scans SET analysis_inputs = NULL`);
    expect(statuses(workspace, 's2', analyze, now.value)).toEqual({ a: 'regressed', b: 'regressed' });
    addScan(workspace, 's3', T3);
    expect(statuses(workspace, 's3', analyze, now.value)).toEqual({ a: 'open' });
    expect(listAuditEntries(workspace.read, 10, null).map((e) => e.action)).toEqual(['finding.resolve', 'finding.resolve']);
  });

  it('reopens an acceptance or a resolution by hand, and refuses to reopen what nobody decided', () => {
    const now = { value: new Date(T1) };
    const workspace = setUp(now);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [A, B] } });
    addScan(workspace, 's1', T1);
    ensureAnalysed(workspace.write, 's1', { analyze, clock: () => now.value });
    const by = { actor: 'carol', now: now.value };
    acceptFinding(workspace.write, { fingerprint: A.fingerprint, reason: 'accepted for the pilot', until: '2026-06-30' }, by);
    expect(reopenFinding(workspace.write, { fingerprint: A.fingerprint, reason: 'pilot over' }, by)).toEqual({ fingerprint: A.fingerprint, status: 'new', acceptance: null });
    resolveFinding(workspace.write, { fingerprint: B.fingerprint, note: 'fixed it' }, by);
    expect(reopenFinding(workspace.write, { fingerprint: B.fingerprint, reason: '' }, by).status).toBe('new');
    expect(() => reopenFinding(workspace.write, { fingerprint: B.fingerprint, reason: '' }, by)).toThrow(/nothing to reopen/);
    expect(statuses(workspace, 's1', analyze, now.value)).toEqual({ a: 'new*', b: 'new*' });
    expect(listAuditEntries(workspace.read, 10, null).map((e) => e.action)).toEqual(['finding.reopen', 'finding.resolve', 'finding.reopen', 'finding.accept']);
    expect(verifyAuditLog(workspace.read).ok).toBe(true);
  });

  it('lists shadow AI that appeared since the previous scan as the isNew shadow_ai_unregistered findings', () => {
    const now = { value: new Date(T2) };
    const workspace = setUp(now);
    const old = fakeFinding('shadow_ai_unregistered', ROLE_A);
    const fresh = fakeFinding('shadow_ai_unregistered', ROLE_B);
    const { analyze } = fakeAnalysis({ [T1]: { findings: [old] }, [T2]: { findings: [old, fresh] } });
    addScan(workspace, 's1', T1);
    addScan(workspace, 's2', T2);
    const scan = ensureAnalysed(workspace.write, 's2', { analyze, clock: () => now.value });
    const shadow = listScanFindings(workspace.read, scan, { ...NO_FILTER, ruleId: 'shadow_ai_unregistered' }, now.value);
    expect(shadow.filter((f) => f.isNew).map((f) => f.resourceArn)).toEqual([ROLE_B]);
  });
});
