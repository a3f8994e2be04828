/**
 * The leadership report's model: pure, from the answers the screens already read (`overview:get`,
 * `plan:get`, `findings:list`, `agents:list`) and the audit log's head. Page 1 answers "are our AI agents
 * under control, what changed, what do you need from us"; the rest is the evidence. No I/O here: the
 * handler reads, this decides, the print page draws.
 */
import { createHash } from 'node:crypto';
import type { AgentRow, FindingRow, LeadershipReport, Overview, OverviewKpi, PlanView, ReportAppendixAgent, ReportKpi, ReportRisk, SeverityName } from '@shared/contract';

export interface LeadershipReportInput {
  now: Date;
  accountId: string | null;
  organisation: string;
  overview: Overview;
  plan: PlanView;
  /** The current findings (`findings:list` of the current state). */
  findings: readonly FindingRow[];
  /** The current inventory (`agents:list` of the current state). */
  agents: readonly AgentRow[];
  /** The appendix lists every agent of the scope, not only Tier 1 (asked for: `--all-agents`). */
  allAgents?: boolean;
  audit: { headHash: string | null; headSeq: number | null; chainOk: boolean };
  /**
   * `--period Nd`: the last N days; the overview must then compare with the period's start
   * (`overview:get` with `since: periodStart(now, N)`). Null or absent: since the previous scan.
   */
  periodDays?: number | null;
}

/** Page 1's KPIs, in this order, and which way is good news (`null`: a count that is neither). */
const PAGE_ONE_KPIS: readonly { id: OverviewKpi['id']; lowerIsBetter: boolean | null }[] = [
  { id: 'openCriticalHigh', lowerIsBetter: true },
  { id: 'aiAgents', lowerIsBetter: null },
  { id: 'aiAgentsWithoutOwner', lowerIsBetter: true },
  { id: 'unregisteredAiAgents', lowerIsBetter: true },
  { id: 'tier1LongLivedKeys', lowerIsBetter: true },
  { id: 'reviewsOverdue', lowerIsBetter: true },
];

export const TOP_RISKS = 5;
/** How far ahead an accepted risk's expiry counts as "expiring soon". */
export const EXPIRING_WITHIN_DAYS = 30;
/** Names listed under each decision (the total is always given). */
export const DECISION_NAMES_SHOWN = 8;
/**
 * Unregistered AI agents named in the shadow-AI section (the total is always given). Bounded so the
 * report's body is the same size for 10 agents or 10,000: only the appendix grows, one row per agent.
 */
export const SHADOW_NAMES_SHOWN = 20;
/**
 * Rows of the Tier 1 appendix: with the rest of the report bounded, this bounds its length (about 20
 * pages of appendix on A4). Beyond it the appendix says how many more there are and where they all
 * are (`--all-agents`, the Inventory screen); a workspace with more Tier 1 agents than this is a list
 * to export, not to read.
 */
export const TIER1_APPENDIX_ROWS = 500;

const SEVERITY_RANK: Record<SeverityName, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const OPEN_STATUSES = new Set<FindingRow['status']>(['new', 'open', 'regressed']);
const DAY_MS = 86_400_000;

/** The AWS words the report uses, each in one line a non-specialist can follow. */
export const REPORT_GLOSSARY: readonly { term: string; meaning: string }[] = [
  { term: 'AI agent', meaning: 'A piece of software in your AWS accounts that calls an AI model and acts with its own credentials.' },
  { term: 'Identity (IAM role or user)', meaning: 'The login a program uses in AWS; what it may do is set by its permissions.' },
  { term: 'Access key', meaning: 'A long-lived password for a program; if it leaks, anyone can act as that program until it is revoked.' },
  { term: 'Tier 1', meaning: 'Agents that can reach sensitive data or take high-impact actions (change permissions, read secrets).' },
  { term: 'Finding', meaning: 'One specific gap found by the scan, with the agent it concerns and the fix.' },
  { term: 'Accepted risk', meaning: 'A finding the team decided to live with until a date, with a written reason.' },
  { term: 'Shadow AI', meaning: 'AI agents nobody has registered: no one has said what they are for or who answers for them.' },
  { term: 'Guardrail (Bedrock)', meaning: 'A filter AWS applies to an AI agent’s input and output, e.g. against prompt attacks.' },
  { term: 'Audit log head', meaning: 'The fingerprint of the newest entry of the tamper-evident log of every decision; `warden audit verify` re-checks it.' },
];

function direction(kpi: OverviewKpi, lowerIsBetter: boolean | null): ReportKpi['direction'] {
  if (kpi.previous === null || kpi.delta === null) return 'none';
  if (kpi.delta === 0) return 'same';
  if (lowerIsBetter === null) return 'changed';
  return kpi.delta < 0 === lowerIsBetter ? 'better' : 'worse';
}

/** The first sentence of an explanation, for page 1 (the whole text is in the detail). */
export function firstSentence(text: string, max = 240): string {
  const trimmed = text.trim();
  const end = trimmed.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? trimmed : trimmed.slice(0, end + 1);
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}

function tierOrder(tier: number | null | undefined): number {
  return tier ?? 4;
}

/** The plan task each blocking finding belongs to (the first, by due date). */
function tasksByFinding(plan: PlanView): Map<string, { title: string; owner: string | null; dueDate: string }> {
  const byFinding = new Map<string, { title: string; owner: string | null; dueDate: string }>();
  const tasks = plan.tasks.filter((task) => task.status !== 'done' && task.status !== 'skipped').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  for (const task of tasks) {
    for (const blocker of task.blocking) {
      if (blocker.kind === 'finding' && !byFinding.has(blocker.findingId)) byFinding.set(blocker.findingId, { title: task.title, owner: task.owner, dueDate: task.dueDate });
    }
  }
  return byFinding;
}

/**
 * The top risks: open findings, most severe first, then by the tier of the agent they are about, AI
 * agents before other identities, the oldest first; one per agent (or resource), and different kinds
 * of problem before a second of the same kind, so five risks name five different things to fix.
 */
export function topRisks(findings: readonly FindingRow[], agents: ReadonlyMap<string, AgentRow>, plan: PlanView, count = TOP_RISKS): ReportRisk[] {
  const tasks = tasksByFinding(plan);
  const agentOf = (finding: FindingRow): AgentRow | undefined => (finding.principalArn === null ? undefined : agents.get(finding.principalArn));
  const ranked = findings
    .filter((finding) => OPEN_STATUSES.has(finding.status))
    .map((finding) => ({ finding, agent: agentOf(finding) }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
        tierOrder(a.agent?.tier) - tierOrder(b.agent?.tier) ||
        Number(b.agent?.ai ?? false) - Number(a.agent?.ai ?? false) ||
        a.finding.firstSeenAt.localeCompare(b.finding.firstSeenAt) ||
        a.finding.fingerprint.localeCompare(b.finding.fingerprint),
    );
  // Two passes: first one risk per kind of problem (five different lessons), then any agent not yet named.
  const chosen: (typeof ranked)[number][] = [];
  const subjects = new Set<string>();
  const rules = new Set<string>();
  for (const pass of ['distinct-rule', 'any-rule'] as const) {
    for (const candidate of ranked) {
      if (chosen.length === count) break;
      const subject = candidate.finding.principalArn ?? candidate.finding.resourceArn;
      if (subjects.has(subject) || (pass === 'distinct-rule' && rules.has(candidate.finding.ruleId))) continue;
      subjects.add(subject);
      rules.add(candidate.finding.ruleId);
      chosen.push(candidate);
    }
  }
  chosen.sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b));
  const risks: ReportRisk[] = chosen.map(({ finding, agent }, index) => {
    const task = tasks.get(finding.fingerprint);
    return {
      rank: index + 1,
      findingId: finding.fingerprint,
      ruleId: finding.ruleId,
      severity: finding.severity,
      title: finding.title,
      plainWords: firstSentence(finding.explanation),
      explanation: finding.explanation,
      agent: agent === undefined ? null : { arn: agent.arn, name: agent.name, accountId: agent.accountId, tier: agent.tier },
      owner: agent?.owner ?? task?.owner ?? null,
      dueDate: task?.dueDate ?? null,
      planTask: task?.title ?? null,
      remediation: finding.remediation,
      fix: finding.fix,
      firstSeenAt: finding.firstSeenAt,
    };
  });
  return risks;
}

const byTierThenName = (a: AgentRow, b: AgentRow): number => a.tier - b.tier || Number(b.ai) - Number(a.ai) || a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn);
const named = (agent: AgentRow): { arn: string; name: string; accountId: string; tier: 1 | 2 | 3 } => ({ arn: agent.arn, name: agent.name, accountId: agent.accountId, tier: agent.tier });

/** One row of the appendix: the agent, its owner, status and open findings. */
function appendixRow(agent: AgentRow): ReportAppendixAgent {
  return {
    ...named(agent),
    ai: agent.ai,
    owner: agent.owner,
    status: agent.status,
    criticalHigh: agent.findingCounts.critical + agent.findingCounts.high,
    open: agent.findingCounts.critical + agent.findingCounts.high + agent.findingCounts.medium + agent.findingCounts.low + agent.findingCounts.info,
    lastUsedAt: agent.lastUsedAt,
  };
}

/** The Tier 1 appendix: AI agents first, then the most critical and high findings, at most TIER1_APPENDIX_ROWS. */
function tier1Appendix(agents: readonly AgentRow[]): Pick<LeadershipReport, 'tier1Agents' | 'tier1AgentsTotal'> {
  const rows = agents
    .filter((agent) => agent.tier === 1 && !agent.awsManaged)
    .map(appendixRow)
    .sort((a, b) => Number(b.ai) - Number(a.ai) || b.criticalHigh - a.criticalHigh || a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn));
  return { tier1Agents: rows.slice(0, TIER1_APPENDIX_ROWS), tier1AgentsTotal: rows.length };
}

/** What leadership must decide: risks whose acceptance runs out, decommission candidates, AI agents nobody owns. */
export function decisions(findings: readonly FindingRow[], agents: ReadonlyMap<string, AgentRow>, now: Date): LeadershipReport['decisions'] {
  const horizon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS).toISOString();
  const expiringRisks = findings
    .filter((finding) => finding.status === 'accepted' && finding.acceptance !== null && finding.acceptance.until <= horizon)
    .map((finding) => ({
      findingId: finding.fingerprint,
      title: finding.title,
      agentName: finding.principalArn === null ? null : (agents.get(finding.principalArn)?.name ?? null),
      until: finding.acceptance?.until ?? '',
      acceptedBy: finding.acceptance?.by ?? null,
    }))
    .sort((a, b) => a.until.localeCompare(b.until) || a.findingId.localeCompare(b.findingId));
  const unusedArns = new Set(findings.filter((finding) => finding.ruleId === 'identity_unused' && OPEN_STATUSES.has(finding.status) && finding.principalArn !== null).map((finding) => finding.principalArn ?? ''));
  const candidates = [...unusedArns].flatMap((arn) => {
    const agent = agents.get(arn);
    return agent === undefined || agent.status === 'decommissioned' ? [] : [agent];
  });
  candidates.sort(byTierThenName);
  // The Overview's "AI agents without an owner" (service-linked roles are AWS's, not ours to own).
  const unowned = [...agents.values()].filter((agent) => agent.ai && agent.owner === null && !agent.awsManaged).sort(byTierThenName);
  return {
    expiringRisks,
    decommission: candidates.slice(0, DECISION_NAMES_SHOWN).map((agent) => ({ ...named(agent), lastUsedAt: agent.lastUsedAt })),
    decommissionTotal: candidates.length,
    missingOwners: unowned.slice(0, DECISION_NAMES_SHOWN).map(named),
    missingOwnersTotal: unowned.length,
  };
}

/** The instant a period of `days` days ending now starts: what its changes compare against. */
export function periodStart(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

const dayText = (iso: string): string => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The period the header names and what every change compares with: the overview's baseline scans,
 * named, and one sentence for page 1. An account with no earlier scan is said to have none: its
 * change is not invented from a state nobody saw.
 */
export function reportPeriod(input: LeadershipReportInput): LeadershipReport['period'] {
  const { overview, now } = input;
  const days = input.periodDays ?? null;
  const labels = new Map(overview.scope.accounts.map((account) => [account.accountId, account.label ?? account.alias ?? account.accountId ?? 'no account']));
  const order = overview.scope.accounts.map((account) => account.accountId);
  // In the order of the scans used (the scope's), so an auditor reads both lists side by side.
  const comparedWith = overview.comparedWith.scans
    .map((scan) => ({ accountId: scan.accountId, label: labels.get(scan.accountId) ?? scan.accountId ?? 'no account', scanId: scan.scanId, scannedAt: scan.startedAt }))
    .sort((x, y) => order.indexOf(x.accountId) - order.indexOf(y.accountId));
  const missing = comparedWith.filter((scan) => scan.scanId === null);
  const none = comparedWith.length === 0 || missing.length === comparedWith.length;
  // At most three names: the sentence sits on page 1, which must stay one page however many accounts.
  const names = (list: readonly { label: string }[]): string =>
    list.length <= 3 ? list.map((scan) => scan.label).join(', ') : `${list.slice(0, 3).map((scan) => scan.label).join(', ')} and ${list.length - 3} more`;
  if (days === null) {
    const trendDates = overview.series.trend.map((point) => point.date);
    const scannedDates = overview.scope.accounts.map((account) => account.scannedAt.slice(0, 10)).sort();
    const comparison = none
      ? 'No previous scan: each account has been scanned once, so no change is shown.'
      : `Changes since each account’s previous scan${missing.length === 0 ? '' : ` (${names(missing)}: scanned once, no previous scan; counted in the current figures only)`}.`;
    return { from: trendDates.length > 1 ? (trendDates.at(-2) ?? null) : null, to: scannedDates.at(-1) ?? null, days, comparedWith, comparison };
  }
  const since = overview.comparedWith.since ?? periodStart(now, days).toISOString();
  const comparison = none
    ? `No earlier scan in this period: the first scan is after ${dayText(since)}, so no change is shown.`
    : `Changes over the last ${days} days: against each account’s last scan at or before ${dayText(since)}${missing.length === 0 ? '' : ` (${names(missing)}: no earlier scan in this period; counted in the current figures only)`}.`;
  return { from: since.slice(0, 10), to: now.toISOString().slice(0, 10), days, comparedWith, comparison };
}

/** `LR-YYYYMMDD-xxxxxxxx`: the same scans, audit head, scope and period on the same day give the same ID. */
export function reportId(now: Date, accountId: string | null, scanIds: readonly string[], headHash: string | null, periodDays: number | null = null): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(['leadership', accountId, [...scanIds].sort(), headHash, ...(periodDays === null ? [] : [periodDays])]))
    .digest('hex')
    .slice(0, 8);
  return `LR-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${digest}`;
}

export function buildLeadershipReport(input: LeadershipReportInput): LeadershipReport {
  const { overview, plan, findings, now } = input;
  const agents = new Map(input.agents.map((agent) => [agent.arn, agent]));
  const scanIds = overview.scope.accounts.map((account) => account.currentScanId);
  const kpis = PAGE_ONE_KPIS.flatMap(({ id, lowerIsBetter }) => {
    const kpi = overview.kpis.find((k) => k.id === id);
    return kpi === undefined ? [] : [{ id, label: kpi.label, value: kpi.value, previous: kpi.previous, delta: kpi.delta, direction: direction(kpi, lowerIsBetter) }];
  });
  const period = reportPeriod(input);
  const aiAgents = input.agents.filter((agent) => agent.ai && !agent.awsManaged);
  const unregistered = aiAgents.filter((agent) => agent.status === 'unregistered').sort(byTierThenName);
  return {
    reportId: reportId(now, input.accountId, scanIds, input.audit.headHash, period.days),
    generatedAt: now.toISOString(),
    organisation: input.organisation,
    period,
    scope: {
      accountId: input.accountId,
      accounts: overview.scope.accounts.map((account) => ({
        accountId: account.accountId,
        label: account.label ?? account.alias ?? account.accountId ?? 'no account',
        scanId: account.currentScanId,
        scannedAt: account.scannedAt,
      })),
    },
    scanIds,
    audit: input.audit,
    verdict: overview.verdict,
    score: { value: overview.score.value, previous: overview.score.previous, change: overview.score.previous === null ? null : overview.score.value - overview.score.previous, formula: overview.score.formula },
    kpis,
    topRisks: topRisks(findings, agents, plan),
    openCriticalHigh: findings.filter((finding) => OPEN_STATUSES.has(finding.status) && SEVERITY_RANK[finding.severity] <= SEVERITY_RANK.high).length,
    plan:
      plan.plan === null
        ? null
        : {
            startDate: plan.plan.startDate,
            week: plan.plan.week,
            verifiedPercent: plan.summary.verifiedPercent,
            done: plan.summary.done,
            total: plan.summary.total,
            regressed: plan.summary.regressed,
            late: plan.tasks.filter((task) => task.late).map((task) => ({ title: task.title, owner: task.owner, dueDate: task.dueDate })),
          },
    decisions: decisions(findings, agents, now),
    shadowAi: {
      aiAgents: aiAgents.length,
      registered: aiAgents.filter((agent) => agent.status === 'registered').length,
      unregistered: unregistered.length,
      newSincePrevious: findings.filter(
        (finding) =>
          finding.ruleId === 'shadow_ai_unregistered' &&
          OPEN_STATUSES.has(finding.status) &&
          // A period: first seen after its start; else new in the current scan.
          (period.days === null ? finding.isNew : Date.parse(finding.firstSeenAt) > Date.parse(overview.comparedWith.since ?? periodStart(now, period.days).toISOString())),
      ).length,
      unregisteredAgents: unregistered.slice(0, SHADOW_NAMES_SHOWN).map((agent) => ({ ...named(agent), owner: agent.owner })),
    },
    ...tier1Appendix(input.agents),
    allAgents: input.allAgents === true ? [...input.agents].sort(byTierThenName).map(appendixRow) : null,
    overview,
    glossary: [...REPORT_GLOSSARY],
  };
}
