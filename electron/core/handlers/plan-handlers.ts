/**
 * The `plan:*` channels. Every answer is the whole plan (`PlanView`): the built-in criteria evaluated
 * over the current state (each account's newest scan, analysed first, with the registry and today's
 * finding statuses), the tasks the team touched, the recorded evaluations. Reading the plan records a
 * new evaluation when the state changed since the last one (and notes regressions in the audit log),
 * as reading a scan stores its analysis: both are caches of what the stored data already says.
 */
import type { AgentRow, FindingRow, PlanView, ScanSummary } from '@shared/contract';
import { PLAN_BLOCKERS_SHOWN } from '@shared/contract';
import type { ScanRef } from '../db/repositories/findings';
import type { Handlers } from '../dispatch';
import type { Workspace } from '../db/open-workspace';
import { listAgentRows } from '../db/repositories/agents';
import { listRegistryRecords } from '../db/repositories/registry';
import { currentActor } from '../db/repositories/settings';
import { listScans } from '../db/repositories/scans';
import { enabledUserPolicies } from '../db/repositories/team-policies';
import { connectedAccountIds, countBedrockActionGroups, tier1ReviewDecisions, listPlanEvaluations, listPlanTasks, readPlan, reviewCadenceRecorded } from '../db/repositories/plan';
import { listScanFindingStatuses, listScanFindingsByFingerprint } from '../governance/finding-lifecycle-service';
import { evaluatePlan, PLAN_FINDING_RULES } from '../governance/plan/plan-criteria';
import { buildPlanState } from '../governance/plan/plan-state';
import { buildPlanView, resultsOf, type LiveEvaluation, type PlanScanInfo } from '../governance/plan/plan-view';
import {
  addPlanTask,
  claimPlanTask,
  recordPlanEvaluation,
  removePlanTask,
  reopenPlanTask,
  skipPlanTask,
  startPlan,
  unskipPlanTask,
  updatePlanTask,
  type PlanChangeContext,
} from '../governance/plan/plan-service';
import { chooseView } from './analysed-scan';
import type { ServiceDeps } from './handler-deps';

export type PlanHandlers = Pick<
  Handlers,
  'plan:get' | 'plan:start' | 'plan:updateTask' | 'plan:claimTask' | 'plan:reopenTask' | 'plan:skipTask' | 'plan:unskipTask' | 'plan:addTask' | 'plan:removeTask'
>;

interface CurrentPlanState {
  now: Date;
  live: LiveEvaluation[];
  scans: PlanScanInfo[];
  agents: Map<string, AgentRow>;
  findings: Map<string, FindingRow>;
}

/** The current state as the criteria read it, evaluated. */
async function currentPlanState(deps: ServiceDeps, workspace: Workspace): Promise<CurrentPlanState> {
  const view = await chooseView(deps, workspace, { scanId: null, accountId: null });
  const aliases = new Map(view.info.accounts.map((account) => [account.accountId, account.alias]));
  return planStateOf(workspace, view.scans, view.info.scans, aliases, deps.clock());
}

/** The plan's view of these (analysed) scans, one per account, as of `now`. */
export function planStateOf(workspace: Workspace, scans: readonly ScanRef[], summaries: readonly ScanSummary[], aliases: ReadonlyMap<string | null, string | null>, now: Date): CurrentPlanState {
  return workspace.read.snapshot((snap) => {
    const agentRows = scans.flatMap((scan) => listAgentRows(snap, scan.id));
    // Only the findings of the rules the criteria read, without their texts: reading every finding of
    // the current scans with its evidence (~37,000 at 10,000 principals) made each plan:get 1.4–2.6 s.
    const findingRows = scans.flatMap((scan) => listScanFindingStatuses(snap, scan, PLAN_FINDING_RULES, now));
    const input = buildPlanState({
      now,
      currentScans: summaries,
      allScans: listScans(snap),
      agents: agentRows,
      findings: findingRows,
      registry: listRegistryRecords(snap),
      connectedAccounts: connectedAccountIds(snap),
      enabledTeamPolicies: enabledUserPolicies(snap).length,
      reviewCadenceSet: reviewCadenceRecorded(snap),
      bedrockActionGroups: countBedrockActionGroups(snap, scans.map((scan) => scan.id)),
      tier1ReviewDecisions: tier1ReviewDecisions(snap),
    });
    const live = evaluatePlan(input, now);
    // The whole rows (title, fix) only of the findings the answer names: the blockers shown and the
    // accepted ones listed apart. Scans in order, a later scan's row winning, as one map of every row did.
    const named = [...namedFindings(live)];
    const findings = new Map<string, FindingRow>();
    for (const scan of scans) for (const row of listScanFindingsByFingerprint(snap, scan, named, now)) findings.set(row.fingerprint, row);
    return {
      now,
      live,
      scans: summaries.map((scan) => ({ scanId: scan.id, accountId: scan.accountId, alias: aliases.get(scan.accountId) ?? null, startedAt: scan.startedAt })),
      agents: new Map(agentRows.map((agent) => [agent.arn, agent])),
      findings,
    };
  });
}

/** The fingerprints the plan's answer shows a finding's row for (plan-view.ts: blockers shown, accepted apart). */
function namedFindings(live: readonly LiveEvaluation[]): Set<string> {
  const named = new Set<string>();
  for (const { evaluation } of live) {
    if (evaluation === null) continue;
    for (const blocker of evaluation.blocking.slice(0, PLAN_BLOCKERS_SHOWN)) if ('fingerprint' in blocker) named.add(blocker.fingerprint);
    for (const apart of evaluation.acceptedApart) named.add(apart.fingerprint);
  }
  return named;
}

export function createPlanHandlers(deps: ServiceDeps): PlanHandlers {
  /**
   * Records the evaluation if it changed, then answers the whole plan; `evaluated`: the current state
   * as a change just read it (a person's change of the plan's tasks leaves what the criteria read as
   * it was, so it is not read and evaluated a second time: ~0.25 s at 10,000 principals).
   */
  async function answer(evaluated?: { workspace: Workspace; state: CurrentPlanState }): Promise<PlanView> {
    const workspace = evaluated?.workspace ?? deps.workspaces.current();
    const state = evaluated?.state ?? (await currentPlanState(deps, workspace));
    const actor = currentActor(workspace.read, deps.env);
    const recorded = recordPlanEvaluation(workspace.write, { scanIds: state.scans.map((scan) => scan.scanId), results: resultsOf(state.live) }, { actor, now: state.now });
    if (recorded) deps.emit('plan:changed', {});
    return workspace.read.snapshot((snap) =>
      buildPlanView({ now: state.now, plan: readPlan(snap), tasks: listPlanTasks(snap), evaluations: listPlanEvaluations(snap), live: state.live, scans: state.scans, agents: state.agents, findings: state.findings }),
    );
  }

  /** A change by a person: validated against the current state, committed with its audit entry, announced. */
  async function change(apply: (workspace: Workspace, context: PlanChangeContext) => void): Promise<PlanView> {
    const workspace = deps.workspaces.current();
    const state = await currentPlanState(deps, workspace);
    const measured = new Set(state.live.filter((entry) => entry.evaluation !== null).map((entry) => entry.id));
    apply(workspace, { actor: currentActor(workspace.read, deps.env), now: deps.clock(), measured });
    deps.emit('plan:changed', {});
    // Its moment is after the change's (a plan started today is in its first day, whatever the clock did).
    return answer({ workspace, state: { ...state, now: deps.clock() } });
  }

  return {
    'plan:get': () => answer(),
    'plan:start': (input) => change((workspace, context) => startPlan(workspace.write, input, context)),
    'plan:updateTask': (input) => change((workspace, context) => updatePlanTask(workspace.write, input, context)),
    'plan:claimTask': (input) => change((workspace, context) => claimPlanTask(workspace.write, input, context)),
    'plan:reopenTask': (input) => change((workspace, context) => reopenPlanTask(workspace.write, input, context)),
    'plan:skipTask': (input) => change((workspace, context) => skipPlanTask(workspace.write, input, context)),
    'plan:unskipTask': (input) => change((workspace, context) => unskipPlanTask(workspace.write, input, context)),
    'plan:addTask': (input) => change((workspace, context) => void addPlanTask(workspace.write, input, context)),
    'plan:removeTask': (input) => change((workspace, context) => removePlanTask(workspace.write, input, context)),
  };
}
