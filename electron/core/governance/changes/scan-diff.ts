/**
 * What changed between two scans of one account (pure): stored rows of both scans in, the diff out.
 * The service (changes-service.ts) reads the rows and brings both analyses up to date first.
 *
 * - Identities are matched by ARN; an AI agent is an identity the analysis marks as AI, so one that
 *   gained AI signals is an AI agent added, one that lost them an AI agent removed.
 * - Shadow AI added: identities the `shadow_ai_unregistered` rule raised in `to` and not in `from`
 *   (the rule, not this module, decides what shadow AI is: unregistered, governed, with AI signals).
 * - Findings by fingerprint: in `to` and not in `from` is new, or regressed when an earlier scan than
 *   `from` saw it first (it went away and came back); in both but called regressed by the lifecycle in
 *   `to` (resolved by hand in between, then seen again) is regressed too; in `from` and not in `to` is
 *   resolved. New and regressed list the critical and high ones; every severity is counted.
 * - No `from` (the account's first scan): everything in `to` is added or new, as the finding lifecycle
 *   calls every finding of a first scan new; nothing is removed or resolved.
 */
import type {
  AiSignalInfo,
  DiffAddedIdentity,
  DiffFinding,
  DiffIdentity,
  DiffSeverityCounts,
  DiffShadowAi,
  ScanDiff,
  SeverityName,
} from '@shared/contract';

export const SHADOW_AI_RULE = 'shadow_ai_unregistered';

/** An identity of one scan as the diff reads it (the inventory row's fields). */
export interface DiffAgentInput extends DiffIdentity {
  ai: boolean;
}

/** A finding of one scan as the diff reads it. */
export interface DiffFindingInput extends DiffFinding {
  /** What the lifecycle called it in that scan. */
  scanStatus: 'new' | 'open' | 'regressed';
  /** When a scan of the account first had it (this scan's start when none before did). */
  firstSeenAt: string;
}

export interface DiffSide {
  scanId: string;
  /** The scan's start: the order of an account's scans. */
  at: string;
  agents: readonly DiffAgentInput[];
  findings: readonly DiffFindingInput[];
}

export interface ScanDiffInput {
  accountId: string | null;
  from: DiffSide | null;
  to: DiffSide;
  /** The AI signals of each identity in `shadowAiAdded(from, to)` (the rule's evidence). */
  shadowSignals: ReadonlyMap<string, readonly AiSignalInfo[]>;
  /** Who created each identity, by ARN (creators.ts reads it from the scans' CloudTrail creator facts); absent: unknown. */
  creators?: ReadonlyMap<string, DiffCreation>;
}

/** Who created an identity (or the new workload that runs as it) and when. */
export interface DiffCreation {
  createdBy: string;
  createdAt: string;
}

const SEVERITY_RANK: Record<SeverityName, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const LISTED: ReadonlySet<SeverityName> = new Set(['critical', 'high']);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string; arn: string }, b: { name: string; arn: string }): number => compareText(a.name, b.name) || compareText(a.arn, b.arn);
const bySeverity = (a: DiffFinding, b: DiffFinding): number =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.ruleId, b.ruleId) || compareText(a.resourceArn, b.resourceArn) || compareText(a.fingerprint, b.fingerprint);

function identity(agent: DiffAgentInput): DiffIdentity {
  return { arn: agent.arn, name: agent.name, kind: agent.kind, tier: agent.tier, owner: agent.owner, status: agent.status };
}

function addedIdentity(agent: DiffAgentInput, creators: ReadonlyMap<string, DiffCreation> | undefined): DiffAddedIdentity {
  const creation = creators?.get(agent.arn);
  return { ...identity(agent), createdBy: creation?.createdBy ?? null, createdAt: creation?.createdAt ?? null };
}

function finding(row: DiffFindingInput): DiffFinding {
  return { fingerprint: row.fingerprint, ruleId: row.ruleId, severity: row.severity, title: row.title, principalArn: row.principalArn, resourceArn: row.resourceArn };
}

function countBySeverity(rows: readonly DiffFinding[]): DiffSeverityCounts {
  const counts: DiffSeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const row of rows) counts[row.severity] += 1;
  return counts;
}

/** The ARNs the shadow AI rule raised in `to` and not in `from`, in `to`'s order. */
export function shadowAiAdded(from: DiffSide | null, to: DiffSide): string[] {
  const before = new Set(from?.findings.filter((f) => f.ruleId === SHADOW_AI_RULE).map((f) => f.resourceArn) ?? []);
  const added = new Set<string>();
  for (const row of to.findings) if (row.ruleId === SHADOW_AI_RULE && !before.has(row.resourceArn)) added.add(row.resourceArn);
  return [...added];
}

export function scanDiff(input: ScanDiffInput): ScanDiff {
  const { from, to } = input;
  const before = new Map((from?.agents ?? []).map((agent) => [agent.arn, agent]));
  const after = new Map(to.agents.map((agent) => [agent.arn, agent]));

  const identitiesAdded = to.agents.filter((agent) => !before.has(agent.arn)).map((agent) => addedIdentity(agent, input.creators)).sort(byName);
  const identitiesRemoved = (from?.agents ?? []).filter((agent) => !after.has(agent.arn)).map(identity).sort(byName);
  const aiAdded = to.agents.filter((agent) => agent.ai && before.get(agent.arn)?.ai !== true).map((agent) => addedIdentity(agent, input.creators)).sort(byName);
  const aiRemoved = (from?.agents ?? []).filter((agent) => agent.ai && after.get(agent.arn)?.ai !== true).map(identity).sort(byName);

  const owners: ScanDiff['owners']['changed'] = [];
  const tiers: ScanDiff['tiers']['changed'] = [];
  for (const agent of [...to.agents].sort(byName)) {
    const earlier = before.get(agent.arn);
    if (earlier === undefined) continue;
    if (earlier.owner !== agent.owner) owners.push({ arn: agent.arn, name: agent.name, from: earlier.owner, to: agent.owner });
    if (earlier.tier !== agent.tier) tiers.push({ arn: agent.arn, name: agent.name, from: earlier.tier, to: agent.tier });
  }

  const names = new Map(to.agents.map((agent) => [agent.arn, agent.name]));
  const shadow: DiffShadowAi[] = shadowAiAdded(from, to).map((arn) => ({
    arn,
    name: names.get(arn) ?? arn,
    createdBy: input.creators?.get(arn)?.createdBy ?? null,
    createdAt: input.creators?.get(arn)?.createdAt ?? null,
    signals: [...(input.shadowSignals.get(arn) ?? [])],
  }));
  shadow.sort(byName);

  const fromFingerprints = new Set((from?.findings ?? []).map((f) => f.fingerprint));
  const toFingerprints = new Set(to.findings.map((f) => f.fingerprint));
  const added: DiffFinding[] = [];
  const regressed: DiffFinding[] = [];
  for (const row of to.findings) {
    const inFrom = fromFingerprints.has(row.fingerprint);
    if (from === null || (!inFrom && row.firstSeenAt >= from.at)) added.push(finding(row));
    else if (!inFrom || row.scanStatus === 'regressed') regressed.push(finding(row));
  }
  const resolved = (from?.findings ?? []).filter((row) => !toFingerprints.has(row.fingerprint)).map(finding);
  added.sort(bySeverity);
  regressed.sort(bySeverity);
  resolved.sort(bySeverity);

  return {
    from: from === null ? null : { scanId: from.scanId, at: from.at },
    to: { scanId: to.scanId, at: to.at },
    accountId: input.accountId,
    identities: { added: identitiesAdded, removed: identitiesRemoved },
    aiAgents: { added: aiAdded, removed: aiRemoved },
    shadowAi: { added: shadow },
    findings: {
      new: added.filter((row) => LISTED.has(row.severity)),
      regressed: regressed.filter((row) => LISTED.has(row.severity)),
      resolved,
      counts: { new: countBySeverity(added), regressed: countBySeverity(regressed), resolved: countBySeverity(resolved) },
    },
    owners: { changed: owners },
    tiers: { changed: tiers },
    counts: {
      identitiesAdded: identitiesAdded.length,
      identitiesRemoved: identitiesRemoved.length,
      aiAgentsAdded: aiAdded.length,
      aiAgentsRemoved: aiRemoved.length,
      shadowAiAdded: shadow.length,
      findingsNew: added.length,
      findingsRegressed: regressed.length,
      findingsResolved: resolved.length,
      ownerChanges: owners.length,
      tierChanges: tiers.length,
    },
  };
}

/** The kinds of change `warden scan --fail-on` can fail on, each with whether a diff has it. */
export const FAIL_ON_KINDS = {
  /** An unregistered AI agent appeared. */
  'new-shadow-ai': (diff: ScanDiff) => diff.shadowAi.added.length > 0,
  /** A critical finding is new. */
  'new-critical': (diff: ScanDiff) => diff.findings.counts.new.critical > 0,
  /** A critical or high finding is new. */
  'new-high': (diff: ScanDiff) => diff.findings.counts.new.critical + diff.findings.counts.new.high > 0,
  /** A critical or high finding came back (the ones the diff lists). */
  regressed: (diff: ScanDiff) => diff.findings.counts.regressed.critical + diff.findings.counts.regressed.high > 0,
} as const satisfies Record<string, (diff: ScanDiff) => boolean>;

export type FailOnKind = keyof typeof FAIL_ON_KINDS;

export function isFailOnKind(value: string): value is FailOnKind {
  return Object.prototype.hasOwnProperty.call(FAIL_ON_KINDS, value);
}

/** The kinds among `kinds` that the diffs show, in `kinds`' order. */
export function matchedKinds(kinds: readonly FailOnKind[], diffs: readonly ScanDiff[]): FailOnKind[] {
  return kinds.filter((kind) => diffs.some((diff) => FAIL_ON_KINDS[kind](diff)));
}
