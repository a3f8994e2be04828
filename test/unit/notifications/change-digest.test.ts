/** The change digest of a scan or import job (issue 14): kinds filtered by settings, one per job, hostile names. */
import { describe, expect, it } from 'vitest';
import { changeDigestSchema, DEFAULT_NOTIFICATIONS, type DiffFinding, type DiffSeverityCounts, type NotificationSettings, type ScanDiff } from '@shared/contract';
import { buildChangeDigest, safeName } from '@core/notifications/change-digest';

const zero: DiffSeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

interface Shape {
  shadow?: string[];
  newBySeverity?: Partial<DiffSeverityCounts>;
  regressedBySeverity?: Partial<DiffSeverityCounts>;
  resolved?: number;
  identitiesAdded?: number;
  identitiesRemoved?: number;
  first?: boolean;
}

function finding(n: number): DiffFinding {
  return { fingerprint: `f${n}`, ruleId: 'identity_unused', severity: 'high', title: 't', principalArn: null, resourceArn: `arn:r${n}` };
}

function diff(accountId: string, scanId: string, shape: Shape): ScanDiff {
  const fresh = { ...zero, ...shape.newBySeverity };
  const regressed = { ...zero, ...shape.regressedBySeverity };
  const total = (c: DiffSeverityCounts): number => c.critical + c.high + c.medium + c.low + c.info;
  const resolved = shape.resolved ?? 0;
  return {
    from: shape.first === true ? null : { scanId: `${scanId}-before`, at: '2026-11-10T00:00:00Z' },
    to: { scanId, at: '2026-11-17T00:00:00Z' },
    accountId,
    identities: { added: [], removed: [] },
    aiAgents: { added: [], removed: [] },
    shadowAi: { added: (shape.shadow ?? []).map((name) => ({ arn: `arn:aws:iam::${accountId}:role/x`, name, createdBy: null, createdAt: null, signals: [] })) },
    findings: {
      new: Array.from({ length: fresh.critical + fresh.high }, (_, i) => finding(i)),
      regressed: [],
      resolved: Array.from({ length: resolved }, (_, i) => finding(i)),
      counts: { new: fresh, regressed, resolved: { ...zero, medium: resolved } },
    },
    owners: { changed: [] },
    tiers: { changed: [] },
    counts: {
      identitiesAdded: shape.identitiesAdded ?? 0,
      identitiesRemoved: shape.identitiesRemoved ?? 0,
      aiAgentsAdded: 0,
      aiAgentsRemoved: 0,
      shadowAiAdded: shape.shadow?.length ?? 0,
      findingsNew: total(fresh),
      findingsRegressed: total(regressed),
      findingsResolved: resolved,
      ownerChanges: 0,
      tierChanges: 0,
    },
  };
}

const ALL: NotificationSettings = { newShadowAi: true, newCriticalHigh: true, regressed: true, resolved: true, identitiesChanged: true };
const NONE: NotificationSettings = { newShadowAi: false, newCriticalHigh: false, regressed: false, resolved: false, identitiesChanged: false };

describe('buildChangeDigest', () => {
  it('one digest for a job with many findings: counts, a title and one line per account', () => {
    const scans = [
      { diff: diff('111100001111', 'scan-a', { shadow: ['summarizer-role'], newBySeverity: { critical: 40, high: 60, medium: 500 }, regressedBySeverity: { high: 2, low: 9 } }), accountAlias: 'prod' },
      { diff: diff('222200002222', 'scan-b', { newBySeverity: { high: 1 } }), accountAlias: null },
    ];
    const digest = buildChangeDigest('job-1', scans, DEFAULT_NOTIFICATIONS);
    expect(changeDigestSchema.parse(digest)).toEqual(digest);
    expect(digest?.jobId).toBe('job-1');
    expect(digest?.scanId).toBe('scan-a');
    expect(digest?.accounts.map((a) => a.counts)).toEqual([
      { newShadowAi: 1, newCriticalHigh: 100, regressed: 2 },
      { newShadowAi: 0, newCriticalHigh: 1, regressed: 0 },
    ]);
    expect(digest?.title).toBe('1 new shadow AI agent, 101 new critical or high findings and more in 2 accounts');
    expect(digest?.body.split('\n')).toEqual([
      'prod (111100001111): 1 new shadow AI agent, 100 new critical or high findings, 2 critical or high findings back. New shadow AI: summarizer-role.',
      '222200002222: 1 new critical or high finding.',
    ]);
  });

  it('only the kinds the settings enable: a disabled kind is absent, an account with only disabled kinds is left out', () => {
    const scans = [
      { diff: diff('111100001111', 'scan-a', { shadow: ['a'], resolved: 3, identitiesAdded: 2, identitiesRemoved: 1 }), accountAlias: null },
      { diff: diff('222200002222', 'scan-b', { newBySeverity: { critical: 5 } }), accountAlias: null },
    ];
    const digest = buildChangeDigest('job-2', scans, { ...NONE, resolved: true, identitiesChanged: true });
    expect(digest?.accounts).toHaveLength(1);
    expect(digest?.accounts[0]?.counts).toEqual({ resolved: 3, identitiesAdded: 2, identitiesRemoved: 1 });
    expect(digest?.title).toBe('3 findings resolved, 2 identities added and more since the previous scan');
    expect(digest?.body).toBe('111100001111: 3 findings resolved, 2 identities added, 1 identity removed.');
    expect(digest?.body).not.toContain('shadow');
  });

  it('nothing when no enabled kind changed, when nothing is enabled, or for an account’s first scan', () => {
    const quiet = { diff: diff('111100001111', 'scan-a', { newBySeverity: { medium: 7, low: 3 }, resolved: 4 }), accountAlias: null };
    expect(buildChangeDigest('job', [quiet], DEFAULT_NOTIFICATIONS)).toBeNull();
    const busy = { diff: diff('111100001111', 'scan-a', { shadow: ['a'], newBySeverity: { critical: 2 }, resolved: 1, identitiesAdded: 1 }), accountAlias: null };
    expect(buildChangeDigest('job', [busy], NONE)).toBeNull();
    const first = { diff: diff('111100001111', 'scan-a', { shadow: ['a'], newBySeverity: { critical: 2 }, first: true }), accountAlias: null };
    expect(buildChangeDigest('job', [first], ALL)).toBeNull();
    expect(buildChangeDigest('job', [], ALL)).toBeNull();
  });

  it('hostile names: invisible characters shown as escapes, long names cut, at most three shadow AI names listed', () => {
    const hostile = 'evil\u202Egnp.exe\n\u001b[31mred';
    const scans = [{ diff: diff('111100001111', 'scan-a', { shadow: [hostile, 'b'.repeat(200), 'c', 'd', 'e'] }), accountAlias: 'alias\r\nInjected: line' }];
    const digest = buildChangeDigest('job', scans, DEFAULT_NOTIFICATIONS);
    expect(digest?.body).toBe(
      `alias\\r\\nInjected: line (111100001111): 5 new shadow AI agents. New shadow AI: evil\\u{202E}gnp.exe\\n\\u{1B}[31mred, ${'b'.repeat(47)}…, c and 2 more.`,
    );
    // eslint-disable-next-line no-control-regex -- the point: no control character reaches the text
    const invisible = /[\u0000-\u001f\u202e]/;
    expect(digest?.body).not.toMatch(invisible);
    expect(digest?.title).not.toMatch(invisible);
    expect(safeName('  plain  ')).toBe('plain');
  });
});
