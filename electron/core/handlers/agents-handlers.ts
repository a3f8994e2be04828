/** The `agents:*` channels: the inventory of a scan and one identity. Reads analyse the scan on first use. */
import type { Agent, ChannelOutput } from '@shared/contract';
import type { Handlers } from '../dispatch';
import { agentHistory, getAgentData, listAgentRows } from '../db/repositories/agents';
import { accountCreators } from '../db/repositories/creators';
import { suggestedOwner } from '../governance/changes/creators';
import type { ScanRef } from '../db/repositories/findings';
import { listScanFindings } from '../governance/finding-lifecycle-service';
import { getRegistryRecord } from '../db/repositories/registry';
import { sql } from '../db/sql';
import type { Workspace } from '../db/open-workspace';
import { AppError } from '../errors';
import { toAgentDetail } from '../analysis/agent-shape';
import { firstViewAgents } from '../analysis-store/first-view';
import { accountOfArn, chooseView, ensureNewestOfAccount, scanSummary } from './analysed-scan';
import { currentScanIds, latestCompletedScanId } from '../db/repositories/scans';
import type { ServiceDeps } from './handler-deps';

export type AgentHandlers = Pick<Handlers, 'agents:list' | 'agents:get'>;

export function createAgentHandlers(deps: ServiceDeps): AgentHandlers {
  return {
    'agents:list': async ({ scanId, accountId }) => {
      const workspace = deps.workspaces.current();
      // The inventory part of a first view is enough here, and arrives before its findings.
      const view = await chooseView(deps, workspace, { scanId, accountId, firstViews: 'agents' });
      const agents = view.scans.flatMap((scan) => {
        const first = view.firstAgents.get(scan.id);
        return first !== undefined ? firstViewAgents(first) : listAgentRows(workspace.read, scan.id);
      });
      // Each scan's rows come in name order; across accounts, the same order over all of them.
      if (view.scans.length > 1) agents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
      return { view: view.info, agents };
    },

    'agents:get': async ({ scanId, arn }) => {
      const workspace = deps.workspaces.current();
      const scan = scanId !== null ? await deps.analysis.ensure(workspace, scanId) : await currentScanOf(workspace, arn);
      if (scan === null) throw new AppError('not_found', `No account's newest scan has the identity ${arn}.`);
      const agent = getAgentData(workspace.read, scan.id, arn);
      if (agent === undefined) throw new AppError('not_found', `Scan ${scan.id} has no identity ${arn}.`);
      // History spans every scan of the account, so the newer ones must be analysed too.
      await ensureNewestOfAccount(deps, workspace, scan.accountId);
      const isCurrent = scan.accountId === null || latestCompletedScanId(workspace.read, scan.accountId) === scan.id;
      return agentDetail(workspace, scan, agent, deps.clock(), isCurrent);
    },
  };

  /**
   * The current scan holding an identity: its account's newest (the account read from the ARN), else
   * any account's newest that lists it (a role of another account the scan saw referenced).
   */
  async function currentScanOf(workspace: Workspace, arn: string): Promise<ScanRef | null> {
    const account = accountOfArn(arn);
    const own = account === null ? [] : currentScanIds(workspace.read, account);
    const candidates = [...own, ...currentScanIds(workspace.read).filter((id) => !own.includes(id))];
    for (const id of candidates) {
      const scan = await deps.analysis.ensure(workspace, id);
      if (workspace.read.value(sql`SELECT 1 FROM agents WHERE scan_id = ${scan.id} AND arn = ${arn}`) !== undefined) return scan;
    }
    return null;
  }
}

/** The stored agent with what `agents:get` shows beside it: its trust policy, findings, registry and history. */
function agentDetail(workspace: Workspace, scan: ScanRef, agent: Agent, now: Date, isCurrent: boolean): ChannelOutput<'agents:get'> {
  const read = workspace.read;
  const { arn } = agent;
  const trustPolicy = read.value(sql`SELECT payload FROM scan_facts WHERE scan_id = ${scan.id} AND kind = 'iam.role' AND key = ${arn}`);
  let trust: Record<string, unknown> | null = null;
  if (typeof trustPolicy === 'string') {
    const payload = JSON.parse(trustPolicy) as { trustPolicy?: unknown };
    if (typeof payload.trustPolicy === 'object' && payload.trustPolicy !== null) trust = payload.trustPolicy as Record<string, unknown>;
  }
  const detail = toAgentDetail({
    scan: scanSummary(workspace, scan.id),
    isCurrent,
    agent,
    trustPolicy: trust,
    findings: listScanFindings(read, scan, { severity: null, ruleId: null, status: null, arn }, now),
    registry: getRegistryRecord(read, arn),
    history: agentHistory(read, scan.accountId, arn, scan.id),
  });
  // Who created it (CloudTrail, any scan of the account up to this one), else its owner tag.
  const creators = scan.accountId === null ? [] : accountCreators(read, scan.accountId, scan.startedAt);
  const tagOwner = agent.ownerSource === 'tag' && agent.owner !== null ? { owner: agent.owner, tag: agent.ownerTag } : null;
  return { ...detail, suggestedOwner: suggestedOwner(arn, creators, tagOwner) };
}
