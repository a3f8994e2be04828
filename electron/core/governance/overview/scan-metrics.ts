/**
 * The per-scan metrics record (issue 11): the Overview's figures for one scan, computed when the
 * scan's analysis is stored (analysis-store.ts, same transaction), so the Overview never re-analyses.
 *
 * Agent figures come from the scan's inventory rows and are final: owners, statuses and tier
 * overrides are analysis inputs, so editing them re-analyses the scan and replaces this record.
 * Finding figures depend on people's decisions too (an acceptance, its expiry, a resolution by hand),
 * which do not re-analyse: the record keeps the statuses as they stood when it was stored, and names
 * the decided findings it counted (`decided`), so the reader can lay today's decisions over a
 * current scan's record with a narrow read of the decided few (`applyDecisions`).
 */
import { SEVERITY_NAMES, type KeyAgeBucket, type SeverityName } from '@shared/contract';
import { oldestKeyAgeBucket } from '@shared/overview-filters';
import { SEVERITY_HEALTH, TIER_WEIGHT, type PostureTier } from './posture';
import { displayedStatus, type HumanDecision } from '../finding-lifecycle';

export type MetricsStatus = 'new' | 'open' | 'regressed' | 'accepted' | 'resolved';

/** An inventory row as the metrics read it. */
export interface MetricsAgent {
  arn: string;
  tier: PostureTier;
  ai: boolean;
  awsManaged: boolean;
  owner: string | null;
  status: 'registered' | 'unregistered' | 'decommissioned';
  activeKeyCount: number;
  /** Age in days of each active access key (null: unknown). */
  activeKeyAges: readonly (number | null)[];
}

/** A finding of the scan, with the status shown for it when the record is made. */
export interface MetricsFinding {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  step: number;
  /** The identity it names as principal (null: none), as the inventory row's finding counts and posture.ts read it. */
  identityArn: string | null;
  status: MetricsStatus;
  isNew: boolean;
}

export type TierKey = '1' | '2' | '3' | 'none';
export const TIER_KEYS: readonly TierKey[] = ['1', '2', '3', 'none'];

export type SeverityCounts = Record<SeverityName, number>;

/** The finding figures: the part people's decisions change. */
export interface FindingFigures {
  open: number;
  openBySeverity: SeverityCounts;
  /** `${tier}:${severity}` → count (tier of the identity in this scan, `none` when it is not listed). */
  openByTierSeverity: Record<string, number>;
  /** Step (1–10) → open count. */
  openByStep: Record<string, number>;
  accepted: number;
  reviewsOverdue: number;
  /** Σ weight × health and Σ weight over the scored identities (posture.ts): the score is their ratio. */
  scoreWeighted: number;
  scoreTotal: number;
}

export interface ScanMetrics {
  identities: number;
  aiAgents: number;
  tiers: Record<'1' | '2' | '3', number>;
  aiAgentsWithoutOwner: number;
  /** Non-AI identities without owner too, for the ownership chart. */
  withoutOwner: number;
  tier1LongLivedKeys: number;
  unregisteredAiAgents: number;
  /** Identities (in scope) with an active access key, by the bucket of their oldest one. */
  keyAges: Record<KeyAgeBucket, number>;
  findings: FindingFigures;
  /** Findings the previous scan of the account lacked (`isNew`), and those it had that this one lacks. */
  newSincePrevious: number;
  resolvedSincePrevious: number;
  /** The same against the last scan of the account on an earlier day (the trend counts a day once). */
  newSincePreviousDay: number;
  resolvedSincePreviousDay: number;
  /** Fingerprint → status counted, for findings whose status came from a decision (not the scan). */
  decided: Record<string, MetricsStatus>;
}

const OPEN: ReadonlySet<MetricsStatus> = new Set(['new', 'open', 'regressed']);
export const isOpenStatus = (status: MetricsStatus): boolean => OPEN.has(status);

const zeroSeverities = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

export function emptyFindingFigures(): FindingFigures {
  return { open: 0, openBySeverity: zeroSeverities(), openByTierSeverity: {}, openByStep: {}, accepted: 0, reviewsOverdue: 0, scoreWeighted: 0, scoreTotal: 0 };
}

/** Whether an identity counts: the inventory lists AWS-managed (service-linked) roles only on request. */
const inScope = (agent: MetricsAgent): boolean => !agent.awsManaged;

const bump = (record: Record<string, number>, key: string, by: number): void => {
  const next = (record[key] ?? 0) + by;
  if (next === 0) delete record[key];
  else record[key] = next;
};

/** Adds (sign 1) or removes (sign −1) one finding's part of the finding figures (the score apart). */
export function countFinding(figures: FindingFigures, finding: Pick<MetricsFinding, 'ruleId' | 'severity' | 'step'>, status: MetricsStatus, tier: TierKey, sign: 1 | -1): void {
  if (status === 'accepted') figures.accepted += sign;
  if (!isOpenStatus(status)) return;
  figures.open += sign;
  figures.openBySeverity[finding.severity] += sign;
  bump(figures.openByTierSeverity, `${tier}:${finding.severity}`, sign);
  bump(figures.openByStep, String(finding.step), sign);
  if (finding.ruleId === 'review_overdue') figures.reviewsOverdue += sign;
}

const SEVERITY_RANK = new Map<SeverityName, number>(SEVERITY_NAMES.map((name, index) => [name, index]));

/** weight × health of one identity given its findings' severities and statuses (posture.ts). */
export function identityScorePart(tier: PostureTier, findings: readonly { severity: SeverityName; status: MetricsStatus }[]): number {
  let worst: SeverityName | null = null;
  for (const finding of findings) {
    if (!isOpenStatus(finding.status)) continue;
    if (worst === null || (SEVERITY_RANK.get(finding.severity) ?? 9) < (SEVERITY_RANK.get(worst) ?? 9)) worst = finding.severity;
  }
  return TIER_WEIGHT[tier] * (worst === null ? 1 : SEVERITY_HEALTH[worst]);
}

export interface ScanMetricsInput {
  agents: readonly MetricsAgent[];
  findings: readonly MetricsFinding[];
  /** The status the scan itself gave each finding (new/open/regressed), to tell decided ones apart. */
  scanStatusOf: (fingerprint: string) => MetricsStatus;
  /** Fingerprints of the previous scan of the account, and of its last scan on an earlier day (null: none). */
  previousFingerprints: ReadonlySet<string> | null;
  previousDayFingerprints: ReadonlySet<string> | null;
}

export function computeScanMetrics(input: ScanMetricsInput): ScanMetrics {
  const tierOf = new Map<string, MetricsAgent>();
  for (const agent of input.agents) tierOf.set(agent.arn, agent);
  const tiers = { '1': 0, '2': 0, '3': 0 };
  const keyAges: Record<KeyAgeBucket, number> = { lt30: 0, d30to90: 0, d90to365: 0, gt365: 0, unknown: 0 };
  let identities = 0;
  let aiAgents = 0;
  let aiAgentsWithoutOwner = 0;
  let withoutOwner = 0;
  let tier1LongLivedKeys = 0;
  let unregisteredAiAgents = 0;
  for (const agent of input.agents) {
    if (!inScope(agent)) continue;
    identities += 1;
    tiers[String(agent.tier) as '1' | '2' | '3'] += 1;
    if (agent.owner === null) withoutOwner += 1;
    if (agent.ai) {
      aiAgents += 1;
      if (agent.owner === null) aiAgentsWithoutOwner += 1;
      if (agent.status === 'unregistered') unregisteredAiAgents += 1;
    }
    if (agent.tier === 1 && agent.activeKeyCount > 0) tier1LongLivedKeys += 1;
    const oldest = oldestKeyAgeBucket(agent.activeKeyAges);
    if (oldest !== null) keyAges[oldest] += 1;
  }

  const figures = emptyFindingFigures();
  const decided: Record<string, MetricsStatus> = {};
  const byIdentity = new Map<string, { severity: SeverityName; status: MetricsStatus }[]>();
  let newSincePrevious = 0;
  let newSincePreviousDay = 0;
  const fingerprints = new Set<string>();
  for (const finding of input.findings) {
    fingerprints.add(finding.fingerprint);
    const agent = finding.identityArn === null ? undefined : tierOf.get(finding.identityArn);
    countFinding(figures, finding, finding.status, agent === undefined ? 'none' : (String(agent.tier) as TierKey), 1);
    if (finding.status !== input.scanStatusOf(finding.fingerprint)) decided[finding.fingerprint] = finding.status;
    if (finding.isNew) newSincePrevious += 1;
    if (input.previousDayFingerprints !== null && !input.previousDayFingerprints.has(finding.fingerprint)) newSincePreviousDay += 1;
    if (agent !== undefined && inScope(agent) && finding.identityArn !== null) {
      const list = byIdentity.get(finding.identityArn) ?? [];
      list.push({ severity: finding.severity, status: finding.status });
      byIdentity.set(finding.identityArn, list);
    }
  }
  if (input.previousDayFingerprints === null) newSincePreviousDay = newSincePrevious;
  for (const agent of input.agents) {
    if (!inScope(agent)) continue;
    figures.scoreWeighted += identityScorePart(agent.tier, byIdentity.get(agent.arn) ?? []);
    figures.scoreTotal += TIER_WEIGHT[agent.tier];
  }
  const missing = (previous: ReadonlySet<string> | null): number => {
    if (previous === null) return 0;
    let count = 0;
    for (const fingerprint of previous) if (!fingerprints.has(fingerprint)) count += 1;
    return count;
  };
  return {
    identities,
    aiAgents,
    tiers,
    aiAgentsWithoutOwner,
    withoutOwner,
    tier1LongLivedKeys,
    unregisteredAiAgents,
    keyAges,
    findings: figures,
    newSincePrevious,
    resolvedSincePrevious: missing(input.previousFingerprints),
    newSincePreviousDay,
    resolvedSincePreviousDay: input.previousDayFingerprints === null ? 0 : missing(input.previousDayFingerprints),
    decided,
  };
}

/** A finding of a current scan whose status a decision changes (or changed when the record was stored). */
export interface DecidedFinding {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  step: number;
  identityArn: string | null;
  /** The status the scan gave it. */
  scanStatus: MetricsStatus;
  /** The status shown for it now (decisions laid over the scan's). */
  statusNow: MetricsStatus;
}

/**
 * What the reader knows of an identity whose score part a decision changes: its tier, and how many
 * findings name it as principal in the scan, by severity (its inventory row's `findingCounts`; all
 * open as the scan saw them).
 */
export interface AffectedIdentity {
  arn: string;
  tier: PostureTier;
  /** Counted in the score (not AWS-managed). */
  scored: boolean;
  counts: SeverityCounts;
}

/** weight × health from open counts by severity. */
function scorePartOfCounts(tier: PostureTier, counts: SeverityCounts): number {
  const worst = SEVERITY_NAMES.find((severity) => counts[severity] > 0);
  return TIER_WEIGHT[tier] * (worst === undefined ? 1 : SEVERITY_HEALTH[worst]);
}

/**
 * The finding figures of a current scan as they stand now: the stored figures with each decided
 * finding's stored status taken out and today's put in, and the score parts of the identities
 * those findings are about recomputed. Costs in proportion to the decided findings, not the scan.
 */
export function applyDecisions(metrics: ScanMetrics, decided: readonly DecidedFinding[], affected: readonly AffectedIdentity[]): FindingFigures {
  const figures: FindingFigures = {
    ...metrics.findings,
    openBySeverity: { ...metrics.findings.openBySeverity },
    openByTierSeverity: { ...metrics.findings.openByTierSeverity },
    openByStep: { ...metrics.findings.openByStep },
  };
  const tierOf = new Map(affected.map((identity) => [identity.arn, identity]));
  const storedStatus = (fingerprint: string, scanStatus: MetricsStatus): MetricsStatus => metrics.decided[fingerprint] ?? scanStatus;
  for (const finding of decided) {
    const before = storedStatus(finding.fingerprint, finding.scanStatus);
    if (before === finding.statusNow) continue;
    const identity = finding.identityArn === null ? undefined : tierOf.get(finding.identityArn);
    const tier: TierKey = identity === undefined ? 'none' : (String(identity.tier) as TierKey);
    countFinding(figures, finding, before, tier, -1);
    countFinding(figures, finding, finding.statusNow, tier, 1);
  }
  // An identity's open findings: all its findings in the scan, less its decided ones that are not open.
  for (const identity of affected) {
    if (!identity.scored) continue;
    const before = { ...identity.counts };
    const after = { ...identity.counts };
    for (const finding of decided) {
      if (finding.identityArn !== identity.arn) continue;
      if (!isOpenStatus(storedStatus(finding.fingerprint, finding.scanStatus))) before[finding.severity] -= 1;
      if (!isOpenStatus(finding.statusNow)) after[finding.severity] -= 1;
    }
    figures.scoreWeighted += scorePartOfCounts(identity.tier, after) - scorePartOfCounts(identity.tier, before);
  }
  return figures;
}

/** The posture score of summed figures (100 with nothing scored, as posture.ts). */
export function scoreOf(figures: Pick<FindingFigures, 'scoreWeighted' | 'scoreTotal'>): number {
  return figures.scoreTotal === 0 ? 100 : Math.round((100 * figures.scoreWeighted) / figures.scoreTotal);
}

/** A decided finding as the findings repository reads it (db/repositories/scan-metrics.ts `decidedRows`). */
export interface DecidedFindingRow {
  fingerprint: string;
  scanStatus: 'new' | 'open' | 'regressed';
  /** null: decided when the record was stored and no longer. */
  decision: HumanDecision | null;
}

/**
 * The status shown now (`now`) for each decided finding of a scan, keyed by fingerprint: people's
 * decisions laid over what the scan saw, as the findings list does (`displayedStatus`).
 */
export function decidedStatuses(rows: readonly DecidedFindingRow[], scanStartedAt: string, now: Date): Map<string, MetricsStatus> {
  const statuses = new Map<string, MetricsStatus>();
  for (const row of rows) {
    statuses.set(row.fingerprint, row.decision === null ? row.scanStatus : displayedStatus(row.scanStatus, scanStartedAt, row.decision, now));
  }
  return statuses;
}
