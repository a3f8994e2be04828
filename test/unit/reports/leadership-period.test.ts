/**
 * The leadership report's period (`--period 30d`, issue 13): the arrows compare with each account's
 * state at the period's start (its last scan at or before it, carried forward as the trend does), the
 * header names the period, and a period with no earlier scan says so instead of inventing a change.
 * A hand-made workspace of per-scan metrics on different dates, through the Overview's own builder.
 */
import { describe, expect, it } from 'vitest';
import type { FindingRow, PlanView } from '@shared/contract';
import { buildOverview, type OverviewScan } from '@core/governance/overview/overview-builder';
import type { ScanMetrics } from '@core/governance/overview/scan-metrics';
import { buildLeadershipReport, periodStart } from '@core/reports/leadership-report';

const NOW = new Date('2026-12-06T08:00:00.000Z');
const A = '111111111111';
const B = '222222222222';

/** One scan's stored figures: `critical` open critical findings, `unowned` AI agents without an owner. */
function metrics(critical: number, unowned: number): ScanMetrics {
  return {
    identities: 10,
    aiAgents: 4,
    tiers: { '1': 2, '2': 4, '3': 4 },
    aiAgentsWithoutOwner: unowned,
    withoutOwner: unowned,
    tier1LongLivedKeys: 0,
    unregisteredAiAgents: 0,
    keyAges: { lt30: 0, d30to90: 0, d90to365: 0, gt365: 0, unknown: 0 },
    findings: {
      open: critical,
      openBySeverity: { critical, high: 0, medium: 0, low: 0, info: 0 },
      openByTierSeverity: {},
      openByStep: {},
      accepted: 0,
      reviewsOverdue: 0,
      scoreWeighted: 100 - critical * 10,
      scoreTotal: 100,
    },
    newSincePrevious: 0,
    resolvedSincePrevious: 0,
    newSincePreviousDay: 0,
    resolvedSincePreviousDay: 0,
    decided: {},
  };
}

const scan = (scanId: string, accountId: string, startedAt: string, critical: number, unowned = 0): OverviewScan => ({ scanId, accountId, startedAt, metrics: metrics(critical, unowned) });
/** Account A scanned four times over three months; B only once, on 25 Nov. */
const SCANS: OverviewScan[] = [
  scan('a-oct', A, '2026-10-01T09:00:00.000Z', 9, 3),
  scan('a-nov1', A, '2026-11-01T09:00:00.000Z', 6, 2),
  scan('b-nov25', B, '2026-11-25T09:00:00.000Z', 2),
  scan('a-nov20', A, '2026-11-20T09:00:00.000Z', 4, 2),
  scan('a-dec5', A, '2026-12-05T09:00:00.000Z', 1, 1),
].sort((x, y) => x.startedAt.localeCompare(y.startedAt));
const CURRENT = ['a-dec5', 'b-nov25'];

const EMPTY_PLAN: PlanView = {
  generatedAt: NOW.toISOString(),
  plan: null,
  scans: [],
  tasks: [],
  summary: { total: 0, done: 0, open: 0, regressed: 0, skipped: 0, late: 0, verifiedPercent: 0 },
  burnDown: [],
};

function report(periodDays: number | null, scans: readonly OverviewScan[] = SCANS, findings: readonly FindingRow[] = []): ReturnType<typeof buildLeadershipReport> {
  const current = new Map(scans.filter((s) => CURRENT.includes(s.scanId)).map((s) => [s.scanId, s.metrics.findings]));
  const accounts = scans
    .filter((s) => current.has(s.scanId))
    .map((s) => ({ accountId: s.accountId, alias: null, label: s.accountId === A ? 'Production' : 'Sandbox', currentScanId: s.scanId, scannedAt: s.startedAt }));
  const overview = { ...buildOverview({ now: NOW, accountId: null, accounts, scans, current, since: periodDays === null ? null : periodStart(NOW, periodDays).toISOString() }), plan: null };
  return buildLeadershipReport({
    now: NOW,
    accountId: null,
    organisation: 'Acme',
    overview,
    plan: EMPTY_PLAN,
    findings,
    agents: [],
    audit: { headHash: 'h', headSeq: 1, chainOk: true },
    periodDays,
  });
}

const kpi = (r: ReturnType<typeof report>, id: string): { value: number; previous: number | null; delta: number | null; direction: string } | undefined => {
  const found = r.kpis.find((k) => k.id === id);
  return found === undefined ? undefined : { value: found.value, previous: found.previous, delta: found.delta, direction: found.direction };
};

describe('the leadership report over a period', () => {
  it('by default compares with each account’s previous scan, as before', () => {
    const r = report(null);
    expect(r.period).toMatchObject({ days: null, from: '2026-11-25', to: '2026-12-05' });
    // In the scope's order (B's current scan is the older, so it comes first), as "Scans used" lists them.
    expect(r.period.comparedWith.map((c) => [c.accountId, c.scanId])).toEqual([
      [B, null],
      [A, 'a-nov20'],
    ]);
    // A's previous scan had 4 open critical; B (scanned once) counts in the current figures only.
    expect(kpi(r, 'openCriticalHigh')).toEqual({ value: 3, previous: 4, delta: -1, direction: 'better' });
    expect(r.period.comparison).toContain('since each account’s previous scan');
  });

  it('30 days: compares with the last scan at or before 6 Nov (A’s of 1 Nov; B is carried forward from none)', () => {
    const r = report(30);
    expect(r.period).toMatchObject({ days: 30, from: '2026-11-06', to: '2026-12-06' });
    expect(r.period.comparedWith.map((c) => [c.accountId, c.scanId])).toEqual([
      [B, null],
      [A, 'a-nov1'],
    ]);
    expect(kpi(r, 'openCriticalHigh')).toEqual({ value: 3, previous: 6, delta: -3, direction: 'better' });
    expect(kpi(r, 'aiAgentsWithoutOwner')).toEqual({ value: 1, previous: 2, delta: -1, direction: 'better' });
    expect(r.score.previous).toBe(40);
    expect(r.period.comparison).toBe('Changes over the last 30 days: against each account’s last scan at or before 6 Nov 2026 (Sandbox: no earlier scan in this period; counted in the current figures only).');
  });

  it('7 days: A’s scan of 20 Nov, and B’s only scan (25 Nov, before 29 Nov) is its state at the start', () => {
    const r = report(7);
    expect(r.period.comparedWith.map((c) => c.scanId)).toEqual(['b-nov25', 'a-nov20']);
    expect(kpi(r, 'openCriticalHigh')).toEqual({ value: 3, previous: 6, delta: -3, direction: 'better' });
    expect(r.period.comparison).toBe('Changes over the last 7 days: against each account’s last scan at or before 29 Nov 2026.');
  });

  it('a period with no earlier scan says so and shows no change', () => {
    const r = report(90);
    expect(r.period).toMatchObject({ days: 90, from: '2026-09-07', to: '2026-12-06' });
    expect(r.period.comparedWith.every((c) => c.scanId === null)).toBe(true);
    for (const k of r.kpis) expect({ id: k.id, previous: k.previous, delta: k.delta, direction: k.direction }).toEqual({ id: k.id, previous: null, delta: null, direction: 'none' });
    expect(r.score.change).toBeNull();
    expect(r.period.comparison).toBe('No earlier scan in this period: the first scan is after 7 Sept 2026, so no change is shown.');
  });

  it('names at most three accounts without an earlier scan (the sentence is on page 1)', () => {
    const late = ['333333333333', '444444444444', '555555555555', '666666666666'].map((id, index) => scan(`late-${index}`, id, `2026-12-0${index + 1}T09:00:00.000Z`, 1));
    const scans = [...SCANS, ...late].sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    CURRENT.push(...late.map((s) => s.scanId));
    try {
      const r = report(30, scans);
      expect(r.period.comparedWith.filter((c) => c.scanId === null)).toHaveLength(5);
      expect(r.period.comparison).toMatch(/\(Sandbox, Sandbox, Sandbox and 2 more: no earlier scan in this period; counted in the current figures only\)\.$/);
    } finally {
      CURRENT.length = 2;
    }
  });

  it('counts shadow AI first seen in the period, and gives each period its own report ID', () => {
    const shadow = (fingerprint: string, firstSeenAt: string, isNew: boolean): FindingRow => ({
        fingerprint,
        ruleId: 'shadow_ai_unregistered',
        status: 'open',
        severity: 'medium',
        title: 'Unregistered AI agent',
        explanation: 'Nobody registered it.',
        remediation: 'Register it.',
        fix: { kind: 'aws-cli', text: 'aws iam tag-role' },
        principalArn: null,
        resourceArn: `arn:aws:iam::${A}:role/${fingerprint}`,
        firstSeenAt,
        isNew,
      }) as FindingRow;
    const findings = [shadow('f-old', '2026-10-01T09:00:00.000Z', false), shadow('f-nov20', '2026-11-20T09:00:00.000Z', false), shadow('f-dec5', '2026-12-05T09:00:00.000Z', true)];
    expect(report(null, SCANS, findings).shadowAi.newSincePrevious).toBe(1);
    expect(report(30, SCANS, findings).shadowAi.newSincePrevious).toBe(2);
    const ids = new Set([report(null).reportId, report(7).reportId, report(30).reportId]);
    expect(ids.size).toBe(3);
  });
});
