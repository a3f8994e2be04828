/** The `agents:*` channels: the inventory of a scan and one identity. Reads analyse the scan on first use. */
import type { Agent, ChannelOutput } from '@shared/contract';
import type { Handlers } from '../dispatch';
import { agentHistory, getAgentData, listAgentRows } from '../db/repositories/agents';
import type { ScanRef } from '../db/repositories/findings';
import { listScanFindings } from '../governance/finding-lifecycle-service';
import { getRegistryRecord } from '../db/repositories/registry';
import { sql } from '../db/sql';
import type { Workspace } from '../db/open-workspace';
import { AppError } from '../errors';
import { toAgentDetail } from '../analysis/agent-shape';
import { chooseScan, ensureNewestOfAccount, scanSummary } from './analysed-scan';
import type { ServiceDeps } from './handler-deps';

export type AgentHandlers = Pick<Handlers, 'agents:list' | 'agents:get'>;

export function createAgentHandlers(deps: ServiceDeps): AgentHandlers {
  return {
    'agents:list': async ({ scanId }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(deps, workspace, scanId);
      if (scan === null) return { scan: null, agents: [] };
      return { scan: scanSummary(workspace, scan.id), agents: listAgentRows(workspace.read, scan.id) };
    },

    'agents:get': async ({ scanId, arn }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(deps, workspace, scanId);
      if (scan === null) throw new AppError('not_found', 'This workspace has no completed scan yet.');
      const agent = getAgentData(workspace.read, scan.id, arn);
      if (agent === undefined) throw new AppError('not_found', `Scan ${scan.id} has no identity ${arn}.`);
      // History spans every scan of the account, so the newer ones must be analysed too.
      await ensureNewestOfAccount(deps, workspace, scan.accountId);
      return agentDetail(workspace, scan, agent, deps.clock());
    },
  };
}

/** The stored agent with what `agents:get` shows beside it: its trust policy, findings, registry and history. */
function agentDetail(workspace: Workspace, scan: ScanRef, agent: Agent, now: Date): ChannelOutput<'agents:get'> {
  const read = workspace.read;
  const { arn } = agent;
  const trustPolicy = read.value(sql`SELECT payload FROM scan_facts WHERE scan_id = ${scan.id} AND kind = 'iam.role' AND key = ${arn}`);
  let trust: Record<string, unknown> | null = null;
  if (typeof trustPolicy === 'string') {
    const payload = JSON.parse(trustPolicy) as { trustPolicy?: unknown };
    if (typeof payload.trustPolicy === 'object' && payload.trustPolicy !== null) trust = payload.trustPolicy as Record<string, unknown>;
  }
  return toAgentDetail({
    scan: scanSummary(workspace, scan.id),
    agent,
    trustPolicy: trust,
    findings: listScanFindings(read, scan, { severity: null, ruleId: null, status: null, arn }, now),
    registry: getRegistryRecord(read, arn),
    history: agentHistory(read, scan.accountId, arn, scan.id),
  });
}
