/**
 * Contract handlers for the analysis (issue 4): the inventory, one identity, findings and their
 * triage, the registry and the audit log. Reads analyse a scan on first use (see store/); every
 * human change is written with its audit entry in one transaction.
 */
import type { Agent, ChannelOutput, ScanSummary } from '../../../shared/contract';
import type { Handlers } from '../dispatch';
import { agentHistory, getAgentData, latestTier, listAgentRows } from '../db/repositories/agents';
import { listAuditEntries, verifyAuditLog } from '../db/repositories/audit-log';
import { acceptFinding, listScanFindings, reopenFinding, resolveFinding, resolvedSince } from '../db/repositories/findings';
import { getRegistryRecord, updateRegistry } from '../db/repositories/registry';
import { latestCompletedScanId, listScans } from '../db/repositories/scans';
import { sql } from '../db/sql';
import type { Workspace } from '../db/open-workspace';
import { AppError } from '../errors';
import { actorFromEnv } from '../lib/audit-chain';
import type { ServiceDeps } from '../services';
import { previousScan } from './store/analysis-store';
import type { ScanRef } from '../db/repositories/findings';
import { toAgentDetail } from './agent-shape';
import type { Tier } from './types';

export type AnalysisHandlers = Pick<
  Handlers,
  | 'agents:list'
  | 'agents:get'
  | 'findings:list'
  | 'findings:accept'
  | 'findings:reopen'
  | 'findings:resolve'
  | 'registry:update'
  | 'audit:list'
  | 'audit:verify'
>;

function scanSummary(workspace: Workspace, scanId: string): ScanSummary {
  const summary = listScans(workspace.read).find((s) => s.id === scanId);
  if (summary === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return summary;
}

export function createAnalysisHandlers(deps: ServiceDeps): AnalysisHandlers {
  const actor = (): string => actorFromEnv(deps.env);
  /** A triage decision is committed: tell every window (its findings, counts and audit log changed). */
  const triaged = <T extends { fingerprint: string }>(changed: T): T => {
    deps.emit('findings:changed', { fingerprints: [changed.fingerprint] });
    return changed;
  };

  /** The chosen scan (null: the newest completed one), analysed; null when there is none. */
  const chooseScan = async (workspace: Workspace, scanId: string | null): Promise<ScanRef | null> => {
    const id = scanId ?? latestCompletedScanId(workspace.read);
    if (id === null) return null;
    return deps.analysis.ensure(workspace, id);
  };

  const newestOfAccount = async (workspace: Workspace, accountId: string | null): Promise<void> => {
    if (accountId === null) return;
    const id = latestCompletedScanId(workspace.read, accountId);
    if (id !== null) await deps.analysis.ensure(workspace, id);
  };

  return {
    'agents:list': async ({ scanId }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(workspace, scanId);
      if (scan === null) return { scan: null, agents: [] };
      return { scan: scanSummary(workspace, scan.id), agents: listAgentRows(workspace.read, scan.id) };
    },

    'agents:get': async ({ scanId, arn }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(workspace, scanId);
      if (scan === null) throw new AppError('not_found', 'This workspace has no completed scan yet.');
      const agent = getAgentData(workspace.read, scan.id, arn);
      if (agent === undefined) throw new AppError('not_found', `Scan ${scan.id} has no identity ${arn}.`);
      // History spans every scan of the account, so the newer ones must be analysed too.
      await newestOfAccount(workspace, scan.accountId);
      return agentDetail(workspace, scan, agent, deps.clock());
    },

    'findings:list': async ({ scanId, severity, ruleId, status }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(workspace, scanId);
      if (scan === null) return { scan: null, findings: [], resolvedSinceLastScan: [] };
      const filter = { severity, ruleId, status };
      const findings = listScanFindings(workspace.read, scan, filter, deps.clock());
      const resolved = status === null || status === 'resolved' ? resolvedSince(workspace.read, scan, previousScan(workspace.read, scan), filter) : [];
      return { scan: scanSummary(workspace, scan.id), findings, resolvedSinceLastScan: resolved };
    },

    'findings:accept': (input) => triaged(acceptFinding(deps.workspaces.current().write, input, { actor: actor(), now: deps.clock() })),
    'findings:reopen': (input) => triaged(reopenFinding(deps.workspaces.current().write, input, { actor: actor(), now: deps.clock() })),
    'findings:resolve': (input) => triaged(resolveFinding(deps.workspaces.current().write, input, { actor: actor(), now: deps.clock() })),

    'registry:update': ({ arns, patch }) => {
      const workspace = deps.workspaces.current();
      const updated = updateRegistry(workspace.write, {
        arns,
        patch,
        actor: actor(),
        now: deps.clock(),
        tierOf: (arn): Tier | null => latestTier(workspace.read, arn),
      });
      deps.emit('registry:changed', { arns });
      return updated;
    },

    'audit:list': ({ limit, beforeSeq }) => listAuditEntries(deps.workspaces.current().read, limit, beforeSeq),
    'audit:verify': () => verifyAuditLog(deps.workspaces.current().read),
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
