/**
 * The plan's snapshot of the current state (`PlanStateInput`), built from what the listings read: the
 * inventory rows and findings of each account's newest scan, the registry, the scans of the last two
 * weeks, the settings. Pure: the handler reads the rows, this decides what the criteria see.
 */
import type { AgentRow, FindingRow, RegistryRecordInfo, ScanSummary } from '@shared/contract';
import type { PlanAccountInput, PlanStateInput } from './plan-criteria';

const DAY_MS = 86_400_000;

/** What the criteria read of a finding (a `FindingRow` has it; so does the narrow read the handler makes). */
export type PlanFindingRow = Pick<FindingRow, 'fingerprint' | 'ruleId' | 'severity' | 'principalArn' | 'status' | 'acceptance'>;

export interface PlanStateRows {
  now: Date;
  /** The current scans (newest completed of each account). */
  currentScans: readonly ScanSummary[];
  /** Every scan of the workspace (completed ones count for the weekly scans). */
  allScans: readonly ScanSummary[];
  agents: readonly AgentRow[];
  /** The current findings of the rules the criteria read (PLAN_FINDING_RULES; others change no answer). */
  findings: readonly PlanFindingRow[];
  registry: ReadonlyMap<string, RegistryRecordInfo>;
  /** The accounts the team connected (their last test's account), beside the scanned ones. */
  connectedAccounts: readonly string[];
  enabledTeamPolicies: number;
  reviewCadenceSet: boolean;
  bedrockActionGroups: number;
  tier1ReviewDecisions: number;
}

export function buildPlanState(rows: PlanStateRows): PlanStateInput {
  const since = rows.now.getTime() - 14 * DAY_MS;
  const accounts = new Map<string, PlanAccountInput>();
  for (const scan of rows.currentScans) {
    if (scan.accountId === null) continue;
    const recent = rows.allScans
      .filter((s) => s.status === 'completed' && s.accountId === scan.accountId && Date.parse(s.startedAt) >= since && Date.parse(s.startedAt) <= rows.now.getTime())
      .map((s) => s.startedAt)
      .sort();
    accounts.set(scan.accountId, { accountId: scan.accountId, newestScanAt: scan.startedAt, scansLast14Days: recent });
  }
  // The accounts the team listed: what it connected, and what it scanned or imported.
  const declared = [...new Set([...rows.connectedAccounts, ...accounts.keys()])].sort();
  return {
    accounts: [...accounts.values()],
    // AWS's own service roles are not the team's to own, register or confirm (the Overview leaves them out too).
    agents: rows.agents.filter((agent) => !agent.awsManaged).map((agent) => {
      const record = rows.registry.get(agent.arn);
      return {
        arn: agent.arn,
        accountId: agent.accountId,
        ai: agent.ai,
        access: agent.access,
        tier: agent.tier,
        tierOverridden: agent.tierOverridden,
        // A confirmation holds for the tier it named only.
        tierConfirmed: record?.tierConfirmed !== null && record?.tierConfirmed === agent.tier,
        owner: agent.owner,
        status: agent.status,
        activeKeyCount: agent.activeKeyCount,
        purpose: record?.purpose ?? null,
        dataScope: record?.dataScope ?? null,
      };
    }),
    findings: rows.findings.map((finding) => ({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      severity: finding.severity,
      principalArn: finding.principalArn,
      status: finding.status,
      until: finding.acceptance?.until ?? null,
    })),
    declaredAccounts: declared,
    enabledTeamPolicies: rows.enabledTeamPolicies,
    reviewCadenceSet: rows.reviewCadenceSet,
    bedrockActionGroups: rows.bedrockActionGroups,
    tier1ReviewDecisions: rows.tier1ReviewDecisions,
  };
}
