/**
 * The agent's one shape (`Agent` in shared/contract.ts) and what is derived from it: the inventory
 * row of `agents:list`, and the detail of `agents:get`. The CEL agent view
 * (analysis/team-policies/agent-view.ts) reads the same shape. An analysed agent is an `Agent` already
 * (the type check below holds the two together); the stored one is read back as one
 * (db/repositories/agents.ts), so no caller re-parses or re-casts an agent field by field.
 */
import type { Agent, AgentDetail, AgentRow, FindingRow, RegistryRecordInfo, ScanSummary } from '@shared/contract';
import type { AnalysedAgent } from './types';

/** Compile-time: every analysed agent is an `Agent` (a field added to one and not the other fails here). */
const analysedIsAgent = (agent: AnalysedAgent): Agent => agent;
void analysedIsAgent;

function isActiveKey(credential: Agent['credentials'][number]): boolean {
  return (credential.type === 'access-key' || credential.type === 'bedrock-api-key' || credential.type === 'service-specific-credential') && credential.active;
}

/** Age in days of each active IAM access key (the Overview's key-age chart and its Inventory filter read it). */
export function activeAccessKeyAges(agent: Agent): (number | null)[] {
  return agent.credentials.flatMap((c) => (c.type === 'access-key' && c.active ? [c.ageDays] : []));
}

/** The inventory row as stored with its scan (the row's `scanId` is where it is stored, added when read). */
export type StoredAgentRow = Omit<AgentRow, 'scanId'>;

/**
 * The inventory row of an agent: compact, so 10,000 of them travel and render fast. Reads no
 * permissions (an analysed agent makes them only when read).
 */
export function toAgentRow(agent: Agent): StoredAgentRow {
  return {
    arn: agent.arn,
    name: agent.name,
    kind: agent.kind,
    accountId: agent.accountId,
    path: agent.path,
    awsManaged: agent.awsManaged,
    access: agent.access,
    aiUse: agent.aiUse,
    ai: agent.ai,
    aiSignals: [...new Set(agent.aiSignals.map((s) => s.signal))],
    owner: agent.owner,
    status: agent.status,
    tier: agent.tier.tier,
    tierOverridden: agent.tier.override !== null,
    workloadCount: agent.workloads.length,
    activeKeyCount: agent.credentials.filter(isActiveKey).length,
    activeAccessKeyAges: activeAccessKeyAges(agent),
    createdAt: agent.createdAt,
    lastUsedAt: agent.lastUsedAt,
    findingCounts: { ...agent.findingCounts },
  };
}

export interface AgentDetailSource {
  scan: ScanSummary;
  /** The scan is its account's newest completed one. */
  isCurrent: boolean;
  agent: Agent;
  /** The role's trust policy document as AWS has it; null for users. */
  trustPolicy: Record<string, unknown> | null;
  /** Its findings in this scan, with their lifecycle. */
  findings: FindingRow[];
  registry: RegistryRecordInfo;
  history: AgentDetail['history'];
}

/** What `agents:get` answers: the agent as it is, with the parts the agent screen shows beside it. */
export function toAgentDetail(source: AgentDetailSource): AgentDetail {
  const { agent } = source;
  return {
    scan: source.scan,
    isCurrent: source.isCurrent,
    agent,
    tier: agent.tier,
    trustPolicy: source.trustPolicy,
    permissions: agent.permissions.map((p) => ({ service: p.service, levels: p.levels, anyResource: p.anyResource })),
    escalationPaths: agent.escalationPaths.map((p) => ({ outcome: p.outcome, steps: p.steps })),
    findings: source.findings,
    registry: source.registry,
    history: source.history,
  };
}
