/**
 * The Overview (`overview:get`) from the per-scan metrics records: pure, so a unit test can build
 * one from hand-made records. The current figures are the current scans' records with today's
 * decisions laid over them (scan-metrics.ts `applyDecisions`); "previous" is each account's scan
 * before its current one, as stored.
 */
import { KEY_AGE_BUCKETS, SEVERITY_NAMES, type Overview, type OverviewFilter, type OverviewKpi, type SeverityName, type TrendOpens } from '@shared/contract';
import { KEY_AGE_LABELS } from '@shared/overview-filters';
import { POSTURE_FORMULA } from './posture';
import { scoreOf, TIER_KEYS, type FindingFigures, type ScanMetrics, type TierKey } from './scan-metrics';
import { trendOf } from './trend';

export interface OverviewScan {
  scanId: string;
  accountId: string | null;
  startedAt: string;
  metrics: ScanMetrics;
}

export interface OverviewInput {
  now: Date;
  accountId: string | null;
  accounts: Overview['scope']['accounts'];
  /** Every completed scan in scope with a record, oldest first. */
  scans: readonly OverviewScan[];
  /** The current scans' finding figures as they stand now, by scan ID. */
  current: ReadonlyMap<string, FindingFigures>;
  /**
   * Compare with the state at this instant (a report's period start): each account's last scan started
   * at or before it, carried forward as the trend does. Null or absent: the scan before the current one.
   */
  since?: string | null;
}

/** The figures a KPI reads, summed over a set of scans. */
interface Totals {
  identities: number;
  aiAgents: number;
  tiers: Record<'1' | '2' | '3', number>;
  aiAgentsWithoutOwner: number;
  withoutOwner: number;
  tier1LongLivedKeys: number;
  unregisteredAiAgents: number;
  keyAges: ScanMetrics['keyAges'];
  findings: FindingFigures;
  newSincePrevious: number;
  resolvedSincePrevious: number;
}

function sumTotals(parts: readonly { metrics: ScanMetrics; findings: FindingFigures }[]): Totals {
  const totals: Totals = {
    identities: 0,
    aiAgents: 0,
    tiers: { '1': 0, '2': 0, '3': 0 },
    aiAgentsWithoutOwner: 0,
    withoutOwner: 0,
    tier1LongLivedKeys: 0,
    unregisteredAiAgents: 0,
    keyAges: { lt30: 0, d30to90: 0, d90to365: 0, gt365: 0, unknown: 0 },
    findings: { open: 0, openBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, openByTierSeverity: {}, openByStep: {}, accepted: 0, reviewsOverdue: 0, scoreWeighted: 0, scoreTotal: 0 },
    newSincePrevious: 0,
    resolvedSincePrevious: 0,
  };
  const add = (record: Record<string, number>, from: Record<string, number>): void => {
    for (const [key, value] of Object.entries(from)) record[key] = (record[key] ?? 0) + value;
  };
  for (const { metrics, findings } of parts) {
    totals.identities += metrics.identities;
    totals.aiAgents += metrics.aiAgents;
    add(totals.tiers, metrics.tiers);
    totals.aiAgentsWithoutOwner += metrics.aiAgentsWithoutOwner;
    totals.withoutOwner += metrics.withoutOwner;
    totals.tier1LongLivedKeys += metrics.tier1LongLivedKeys;
    totals.unregisteredAiAgents += metrics.unregisteredAiAgents;
    add(totals.keyAges, metrics.keyAges);
    totals.newSincePrevious += metrics.newSincePrevious;
    totals.resolvedSincePrevious += metrics.resolvedSincePrevious;
    const f = totals.findings;
    f.open += findings.open;
    add(f.openBySeverity, findings.openBySeverity);
    add(f.openByTierSeverity, findings.openByTierSeverity);
    add(f.openByStep, findings.openByStep);
    f.accepted += findings.accepted;
    f.reviewsOverdue += findings.reviewsOverdue;
    f.scoreWeighted += findings.scoreWeighted;
    f.scoreTotal += findings.scoreTotal;
  }
  return totals;
}

const OPEN_STATUSES = ['new', 'open', 'regressed'] as const;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** Everything but the plan's progress (the handler adds it from the plan's records). */
export function buildOverview(input: OverviewInput): Omit<Overview, 'plan'> {
  const accountQuery = input.accountId === null ? '' : `&account=${input.accountId}`;
  const inventory = (query: string, match: Extract<OverviewFilter, { screen: 'inventory' }>['match']): OverviewFilter => ({ screen: 'inventory', query: `${query}${accountQuery}`.replace(/^&/, ''), match });
  const findings = (query: string, match: Extract<OverviewFilter, { screen: 'findings' }>['match']): OverviewFilter => ({ screen: 'findings', query: `${query}${accountQuery}`.replace(/^&/, ''), match });
  const openQuery = 'status=new,open,regressed';

  // Each account's scans, oldest first: the last is current, the one before it "previous".
  const byAccount = new Map<string, OverviewScan[]>();
  for (const scan of input.scans) {
    const key = scan.accountId ?? '';
    const list = byAccount.get(key) ?? [];
    list.push(scan);
    byAccount.set(key, list);
  }
  const currentParts: { metrics: ScanMetrics; findings: FindingFigures }[] = [];
  const previousParts: { metrics: ScanMetrics; findings: FindingFigures }[] = [];
  let anyPrevious = false;
  const since = input.since ?? null;
  const comparedWith: Overview['comparedWith']['scans'] = [];
  for (const list of byAccount.values()) {
    const at = list.findIndex((scan) => input.current.has(scan.scanId));
    if (at === -1) continue;
    const current = list[at] as OverviewScan;
    currentParts.push({ metrics: current.metrics, findings: input.current.get(current.scanId) ?? current.metrics.findings });
    // With `since`: the newest scan up to the current one that started at or before it (the current
    // one itself when the account was not scanned since), as stored then; none: no earlier state.
    const previous = since === null ? list[at - 1] : list.slice(0, at + 1).findLast((scan) => Date.parse(scan.startedAt) <= Date.parse(since));
    comparedWith.push({ accountId: current.accountId, scanId: previous?.scanId ?? null, startedAt: previous?.startedAt ?? null });
    if (previous !== undefined) {
      anyPrevious = true;
      previousParts.push({ metrics: previous.metrics, findings: previous.metrics.findings });
    }
  }
  const now = sumTotals(currentParts);
  const before = anyPrevious ? sumTotals(previousParts) : null;
  const hasScans = currentParts.length > 0;

  const kpi = (id: OverviewKpi['id'], label: string, value: (t: Totals) => number, filter: OverviewFilter): OverviewKpi => {
    const v = value(now);
    const p = before === null ? null : value(before);
    return { id, label, value: v, previous: p, delta: p === null ? null : v - p, filter };
  };
  const critHigh = (t: Totals): number => t.findings.openBySeverity.critical + t.findings.openBySeverity.high;
  const kpis: OverviewKpi[] = [
    kpi('identities', 'Identities', (t) => t.identities, inventory('', {})),
    kpi('aiAgents', 'AI agents', (t) => t.aiAgents, inventory('ai=1', { ai: true })),
    kpi('tier1Agents', 'Tier 1 agents', (t) => t.tiers['1'], inventory('tier=1', { tier: 1 })),
    kpi('openCriticalHigh', 'Open critical and high findings', critHigh, findings(`severity=critical,high&${openQuery}`, { list: 'findings', severities: ['critical', 'high'], statuses: [...OPEN_STATUSES] })),
    kpi('aiAgentsWithoutOwner', 'AI agents without an owner', (t) => t.aiAgentsWithoutOwner, inventory('ai=1&owner=-none', { ai: true, owner: 'none' })),
    kpi('tier1LongLivedKeys', 'Tier 1 agents on long-lived keys', (t) => t.tier1LongLivedKeys, inventory('tier=1&keys=1', { tier: 1, activeKeys: true })),
    kpi('unregisteredAiAgents', 'Unregistered AI agents', (t) => t.unregisteredAiAgents, inventory('ai=1&status=unregistered', { ai: true, status: 'unregistered' })),
    kpi('reviewsOverdue', 'Reviews overdue', (t) => t.findings.reviewsOverdue, findings(`rule=review_overdue&${openQuery}`, { list: 'findings', ruleId: 'review_overdue', statuses: [...OPEN_STATUSES] })),
    kpi('acceptedRisks', 'Accepted risks', (t) => t.findings.accepted, findings('status=accepted', { list: 'findings', statuses: ['accepted'] })),
    kpi('newFindings', 'New findings since the previous scan', (t) => t.newSincePrevious, findings('tab=new', { list: 'findings', isNew: true })),
    kpi('resolvedFindings', 'Resolved since the previous scan', (t) => t.resolvedSincePrevious, findings('tab=resolved', { list: 'resolvedSinceLastScan' })),
  ];

  const reasons: string[] = [];
  const sev = now.findings.openBySeverity;
  if (sev.critical > 0) reasons.push(`${plural(sev.critical, 'critical finding is', 'critical findings are')} open`);
  if (now.tier1LongLivedKeys > 0) reasons.push(`${plural(now.tier1LongLivedKeys, 'Tier 1 agent uses', 'Tier 1 agents use')} long-lived keys`);
  if (now.aiAgentsWithoutOwner > 0) reasons.push(`${plural(now.aiAgentsWithoutOwner, 'AI agent has', 'AI agents have')} no owner`);
  if (sev.high > 0) reasons.push(`${plural(sev.high, 'high finding is', 'high findings are')} open`);
  if (now.unregisteredAiAgents > 0) reasons.push(`${plural(now.unregisteredAiAgents, 'AI agent is', 'AI agents are')} not registered`);
  if (now.findings.reviewsOverdue > 0) reasons.push(`${plural(now.findings.reviewsOverdue, 'review is', 'reviews are')} overdue`);
  const ok = hasScans && sev.critical === 0 && sev.high === 0 && now.aiAgentsWithoutOwner === 0;
  const joined = (parts: readonly string[]): string => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`);
  const text = !hasScans
    ? 'Not yet: nothing has been scanned or imported'
    : ok
      ? 'Yes: nothing critical or high is open and every AI agent has an owner'
      : `Not yet: ${joined(reasons.slice(0, 2))}`;

  const tierLabel = (tier: TierKey): string => (tier === 'none' ? 'Not an inventory identity' : `Tier ${tier}`);
  const openFilter = (severity: SeverityName, tier: TierKey): OverviewFilter =>
    findings(`severity=${severity}&${openQuery}&tier=${tier}`, { list: 'findings', severities: [severity], statuses: [...OPEN_STATUSES], tier });
  const trendScans = input.scans.map((scan) => ({
    scanId: scan.scanId,
    accountKey: scan.accountId ?? '',
    startedAt: scan.startedAt,
    open: (input.current.get(scan.scanId) ?? scan.metrics.findings).open,
    newSincePreviousDay: scan.metrics.newSincePreviousDay,
    resolvedSincePreviousDay: scan.metrics.resolvedSincePreviousDay,
  }));
  const currentScanIds = new Set(input.current.keys());
  const trend = trendOf(trendScans);
  const newestDate = trend.at(-1)?.date ?? null;
  const oneAccount = input.accountId !== null || byAccount.size === 1;
  const openMatch = { list: 'findings' as const, statuses: [...OPEN_STATUSES] };
  // Where a date of the trend opens (docs/overview.md "Series"): the list whose open count is the point's.
  const trendOpens = (point: (typeof trend)[number]): TrendOpens => {
    const scanId = oneAccount ? (point.scans[0]?.scanId ?? null) : null;
    if (scanId !== null && !currentScanIds.has(scanId)) return { screen: 'findings', query: `scan=${scanId}&${openQuery}`, scanId, match: openMatch };
    if (scanId !== null || point.date === newestDate) return { screen: 'findings', query: findings(openQuery, openMatch).query, scanId: null, match: openMatch };
    return { screen: 'scans', query: '' };
  };

  return {
    generatedAt: input.now.toISOString(),
    scope: { accountId: input.accountId, accounts: input.accounts },
    score: { value: scoreOf(now.findings), previous: before === null ? null : scoreOf(before.findings), formula: POSTURE_FORMULA },
    verdict: { ok, text, reasons },
    kpis,
    comparedWith: { since, scans: comparedWith },
    series: {
      tiers: (['1', '2', '3'] as const).map((tier) => ({ key: tier, label: `Tier ${tier}`, value: now.tiers[tier], filter: inventory(`tier=${tier}`, { tier: Number(tier) as 1 | 2 | 3 }) })),
      findingsBySeverityTier: TIER_KEYS.map((tier) => ({
        tier,
        label: tierLabel(tier),
        counts: SEVERITY_NAMES.map((severity) => ({ key: severity, label: severity, value: now.findings.openByTierSeverity[`${tier}:${severity}`] ?? 0, filter: openFilter(severity, tier) })),
      })),
      findingsByStep: Array.from({ length: 10 }, (_, index) => index + 1).map((step) => ({
        key: String(step),
        label: `Step ${step}`,
        value: now.findings.openByStep[String(step)] ?? 0,
        filter: findings(`step=${step}&${openQuery}`, { list: 'findings', step, statuses: [...OPEN_STATUSES] }),
      })),
      trend: trend.map((point) => ({ date: point.date, open: point.open, new: point.new, resolved: point.resolved, opens: trendOpens(point) })),
      keyAges: KEY_AGE_BUCKETS.map((key) => ({ key, label: KEY_AGE_LABELS[key], value: now.keyAges[key], filter: inventory(`keyage=${key}`, { keyAge: key }) })),
      ownership: {
        aiAgents: now.aiAgents,
        aiAgentsOwned: now.aiAgents - now.aiAgentsWithoutOwner,
        identities: now.identities,
        identitiesOwned: now.identities - now.withoutOwner,
        filters: {
          aiAgentsOwned: inventory('ai=1&owner=-any', { ai: true, owner: 'any' }),
          aiAgentsWithoutOwner: inventory('ai=1&owner=-none', { ai: true, owner: 'none' }),
          identitiesOwned: inventory('owner=-any', { owner: 'any' }),
          identitiesWithoutOwner: inventory('owner=-none', { owner: 'none' }),
        },
      },
    },
  };
}
