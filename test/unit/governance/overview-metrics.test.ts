import { describe, expect, it } from 'vitest';
import { postureScore } from '@core/governance/overview/posture';
import { applyDecisions, computeScanMetrics, scoreOf, type MetricsAgent, type MetricsFinding, type MetricsStatus } from '@core/governance/overview/scan-metrics';
import { keyAgeBucket, oldestKeyAgeBucket } from '@shared/overview-filters';
import { trendOf, type TrendScan } from '@core/governance/overview/trend';

const agent = (name: string, over: Partial<MetricsAgent> = {}): MetricsAgent => ({
  arn: `arn:aws:iam::111111111111:role/${name}`,
  tier: 2,
  ai: false,
  awsManaged: false,
  owner: 'team',
  status: 'registered',
  activeKeyCount: 0,
  activeKeyAges: [],
  ...over,
});
const finding = (fingerprint: string, who: MetricsAgent | null, over: Partial<MetricsFinding> = {}): MetricsFinding => ({
  fingerprint,
  ruleId: 'some_rule',
  severity: 'high',
  step: 3,
  identityArn: who?.arn ?? null,
  status: 'open',
  isNew: false,
  ...over,
});

describe('per-scan metrics', () => {
  const billing = agent('billing', { tier: 1, ai: true, owner: null, status: 'unregistered', activeKeyCount: 2, activeKeyAges: [10, 400] });
  const support = agent('support', { tier: 1, ai: true, activeKeyCount: 1, activeKeyAges: [45] });
  const etl = agent('etl', { tier: 3, owner: null, activeKeyCount: 1, activeKeyAges: [null] });
  const linked = agent('AWSServiceRoleForX', { tier: 3, awsManaged: true, ai: true, owner: null, activeKeyCount: 1, activeKeyAges: [100] });
  const agents = [billing, support, etl, linked];
  const findings = [
    finding('f1', billing, { severity: 'critical', isNew: true }),
    finding('f2', billing, { severity: 'low', step: 1 }),
    finding('f3', support, { severity: 'high', status: 'accepted' }),
    finding('f4', etl, { ruleId: 'review_overdue', severity: 'medium', step: 10, status: 'regressed' }),
    finding('f5', null, { severity: 'medium', step: 8, isNew: true }),
    finding('f6', linked, { severity: 'critical', status: 'new' }),
  ];
  const scanStatus = (fingerprint: string): MetricsStatus => (fingerprint === 'f3' ? 'open' : (findings.find((f) => f.fingerprint === fingerprint)?.status ?? 'open'));
  const metrics = computeScanMetrics({ agents, findings, scanStatusOf: scanStatus, previousFingerprints: new Set(['f2', 'f3', 'gone1', 'gone2']), previousDayFingerprints: new Set(['f2', 'gone1']) });

  it('counts identities (AWS-managed left out), AI agents, owners, keys, and identities by their oldest key', () => {
    expect(metrics).toMatchObject({
      identities: 3,
      aiAgents: 2,
      tiers: { '1': 2, '2': 0, '3': 1 },
      aiAgentsWithoutOwner: 1,
      withoutOwner: 2,
      tier1LongLivedKeys: 2,
      unregisteredAiAgents: 1,
      // billing's keys are 10 and 400 days old: it counts once, under its oldest.
      keyAges: { lt30: 0, d30to90: 1, d90to365: 0, gt365: 1, unknown: 1 },
    });
    expect([29, 30, 89, 90, 364, 365].map(keyAgeBucket)).toEqual(['lt30', 'd30to90', 'd30to90', 'd90to365', 'd90to365', 'gt365']);
    expect([[], [null], [null, 12], [400, 10], [89, null, 3]].map(oldestKeyAgeBucket)).toEqual([null, 'unknown', 'lt30', 'gt365', 'd30to90']);
  });

  it('counts open findings by severity, tier and step, accepted apart, and what changed since the previous scan and day', () => {
    expect(metrics.findings).toMatchObject({
      open: 5,
      openBySeverity: { critical: 2, high: 0, medium: 2, low: 1, info: 0 },
      openByTierSeverity: { '1:critical': 1, '1:low': 1, '3:medium': 1, 'none:medium': 1, '3:critical': 1 },
      openByStep: { '3': 2, '1': 1, '10': 1, '8': 1 },
      accepted: 1,
      reviewsOverdue: 1,
    });
    expect(metrics.decided).toEqual({ f3: 'accepted' });
    expect(metrics.newSincePrevious).toBe(2);
    expect(metrics.resolvedSincePrevious).toBe(2);
    expect(metrics.newSincePreviousDay).toBe(5);
    expect(metrics.resolvedSincePreviousDay).toBe(1);
  });

  it('scores as posture.ts does over the identities in scope', () => {
    const expected = postureScore(
      agents.filter((a) => !a.awsManaged).map((a) => ({ arn: a.arn, tier: a.tier })),
      findings.map((f) => ({ principalArn: f.identityArn, severity: f.severity, status: f.status })),
    );
    expect(scoreOf(metrics.findings)).toBe(expected.value);
  });

  it('lays today’s decisions over the stored figures: a new acceptance, a withdrawn one', () => {
    const toFinding = (f: MetricsFinding, statusNow: MetricsStatus) => ({ ...f, scanStatus: scanStatus(f.fingerprint), statusNow });
    // Each identity's findings in the scan by severity (its inventory row's findingCounts): all open as the scan saw them.
    const affected = [billing, support].map((a) => {
      const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
      for (const f of findings) if (f.identityArn === a.arn) counts[f.severity] += 1;
      return { arn: a.arn, tier: a.tier, scored: true, counts };
    });
    const f1 = findings[0] as MetricsFinding;
    const f3 = findings[2] as MetricsFinding;
    // f1 (critical on billing) accepted today; f3's acceptance withdrawn (open again).
    const now = applyDecisions(metrics, [toFinding(f1, 'accepted'), toFinding(f3, 'open')], affected);
    expect(now.openBySeverity).toEqual({ critical: 1, high: 1, medium: 2, low: 1, info: 0 });
    expect(now.accepted).toBe(1);
    expect(now.openByTierSeverity['1:critical']).toBeUndefined();
    expect(now.openByTierSeverity['1:high']).toBe(1);
    const recomputed = postureScore(
      agents.filter((a) => !a.awsManaged).map((a) => ({ arn: a.arn, tier: a.tier })),
      findings.map((f) => ({ principalArn: f.identityArn, severity: f.severity, status: f.fingerprint === 'f1' ? 'accepted' : f.fingerprint === 'f3' ? 'open' : f.status })),
    );
    expect(scoreOf(now)).toBe(recomputed.value);
    // Nothing decided differently: the stored figures as they are.
    expect(applyDecisions(metrics, [toFinding(f3, 'accepted')], affected)).toEqual(metrics.findings);
  });
});

describe('trend across scans', () => {
  const scan = (scanId: string, accountKey: string, startedAt: string, open: number, fresh = 0, resolved = 0): TrendScan => ({
    scanId,
    accountKey,
    startedAt,
    open,
    newSincePreviousDay: fresh,
    resolvedSincePreviousDay: resolved,
  });

  it('carries an account’s last state forward on days it was not scanned', () => {
    const points = trendOf([scan('a1', 'A', '2026-01-01T10:00:00Z', 10, 10), scan('b1', 'B', '2026-01-02T10:00:00Z', 5, 5), scan('a2', 'A', '2026-01-03T10:00:00Z', 8, 1, 3)]);
    expect(points).toEqual([
      { date: '2026-01-01', open: 10, new: 10, resolved: 0, scans: [{ accountKey: 'A', scanId: 'a1' }] },
      { date: '2026-01-02', open: 15, new: 5, resolved: 0, scans: [{ accountKey: 'B', scanId: 'b1' }] },
      { date: '2026-01-03', open: 13, new: 1, resolved: 3, scans: [{ accountKey: 'A', scanId: 'a2' }] },
    ]);
  });

  it('counts several scans of one account on one day once: the day’s last, in any input order', () => {
    const points = trendOf([scan('a3', 'A', '2026-01-02T18:00:00Z', 7, 2, 5), scan('a1', 'A', '2026-01-01T10:00:00Z', 10, 10), scan('a2', 'A', '2026-01-02T09:00:00Z', 12, 4, 2)]);
    expect(points).toEqual([
      { date: '2026-01-01', open: 10, new: 10, resolved: 0, scans: [{ accountKey: 'A', scanId: 'a1' }] },
      // The point opens the day's last scan.
      { date: '2026-01-02', open: 7, new: 2, resolved: 5, scans: [{ accountKey: 'A', scanId: 'a3' }] },
    ]);
    expect(trendOf([])).toEqual([]);
  });
});
