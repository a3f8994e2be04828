/**
 * What the plan screen and `warden plan` show (`PlanView`), from the live evaluation of the built-in
 * criteria, the tasks the team touched or added, and the recorded evaluations (regressions, the
 * burn-down). Pure: the handler reads, this decides.
 *
 * Status: skipped (a person said why) → done (measured: the criterion holds now; manual: someone
 * claimed it) → regressed (measured, not done now, but done at a recorded evaluation since the plan
 * started) → open. A measured task's evidence names the current scans; a manual one's, the person.
 */
import type { AgentRow, FindingRow, PlanBlocker, PlanTask, PlanView } from '@shared/contract';
import { PLAN_BLOCKERS_SHOWN } from '@shared/contract';
import type { PlanEvaluationRow, PlanRow, PlanTaskRow, StoredTaskResult } from '../../db/repositories/plan';
import { addDays } from '../registry';
import { PLAN_TASKS, planWeek, type PlanBlocker as CriteriaBlocker, type PlanWeekNumber, type TaskEvaluation } from './plan-criteria';

export interface LiveEvaluation {
  id: string;
  evaluation: TaskEvaluation | null;
}

export interface PlanScanInfo {
  scanId: string;
  accountId: string | null;
  alias: string | null;
  startedAt: string;
}

export interface PlanViewInputs {
  now: Date;
  plan: PlanRow | null;
  tasks: readonly PlanTaskRow[];
  evaluations: readonly PlanEvaluationRow[];
  live: readonly LiveEvaluation[];
  scans: readonly PlanScanInfo[];
  agents: ReadonlyMap<string, AgentRow>;
  findings: ReadonlyMap<string, FindingRow>;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** The default due date of a task of week `week`: the last day of that week of the plan. */
export function defaultDueDate(startDate: string, week: number): string {
  return addDays(startDate, week * 7 - 1);
}

/** The measured results of a live evaluation, as recorded. */
export function resultsOf(live: readonly LiveEvaluation[]): Record<string, StoredTaskResult> {
  const results: Record<string, StoredTaskResult> = {};
  for (const { id, evaluation } of live) {
    if (evaluation !== null) results[id] = { status: evaluation.status, done: evaluation.progress.done, total: evaluation.progress.total };
  }
  return results;
}

export interface EvaluationChange {
  /** Something differs from the last recorded evaluation (or there is none). */
  changed: boolean;
  /** Done at the last recorded evaluation, not done now. */
  regressed: string[];
  /** Not done (or not recorded) at the last recorded evaluation, done now. */
  verified: string[];
}

export function evaluationChange(last: PlanEvaluationRow | undefined, scanIds: readonly string[], results: Record<string, StoredTaskResult>): EvaluationChange {
  if (last === undefined) return { changed: true, regressed: [], verified: Object.keys(results).filter((id) => results[id]?.status === 'done').sort() };
  const regressed: string[] = [];
  const verified: string[] = [];
  for (const [id, now] of Object.entries(results)) {
    const before = last.results[id];
    if (before?.status === 'done' && now.status === 'open') regressed.push(id);
    if (before?.status !== 'done' && now.status === 'done') verified.push(id);
  }
  const sameScans = JSON.stringify([...last.scanIds].sort()) === JSON.stringify([...scanIds].sort());
  const sameResults = JSON.stringify(sortedEntries(last.results)) === JSON.stringify(sortedEntries(results));
  return { changed: !sameScans || !sameResults, regressed: regressed.sort(), verified: verified.sort() };
}

const sortedEntries = (results: Record<string, StoredTaskResult>): [string, StoredTaskResult][] =>
  Object.entries(results)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, r]) => [id, { status: r.status, done: r.done, total: r.total }]);

function blockerOf(blocker: CriteriaBlocker, inputs: PlanViewInputs): PlanBlocker {
  if ('arn' in blocker) {
    const agent = inputs.agents.get(blocker.arn);
    return { kind: 'agent', arn: blocker.arn, name: agent?.name ?? blocker.arn, accountId: agent?.accountId ?? null, tier: agent?.tier ?? 3 };
  }
  if ('fingerprint' in blocker) {
    const finding = inputs.findings.get(blocker.fingerprint);
    const principal = finding?.principalArn ?? null;
    return {
      kind: 'finding',
      findingId: blocker.fingerprint,
      ruleId: finding?.ruleId ?? '',
      title: finding?.title ?? blocker.fingerprint,
      severity: finding?.severity ?? 'info',
      principalArn: principal,
      principalName: principal === null ? null : (inputs.agents.get(principal)?.name ?? principal.split('/').pop() ?? principal),
      fix: finding?.fix ?? null,
    };
  }
  const scan = inputs.scans.find((s) => s.accountId === blocker.accountId);
  return { kind: 'account', accountId: blocker.accountId, alias: scan?.alias ?? null, newestScanAt: scan?.startedAt ?? null };
}

/** The newest of the current scans: when the measured state was last read from AWS. */
function newestScanAt(scans: readonly PlanScanInfo[]): string | null {
  return scans.reduce<string | null>((newest, scan) => (newest === null || scan.startedAt > newest ? scan.startedAt : newest), null);
}

/** The recorded evaluation where a task was last done before now, and the first after it where it was not. */
function lastDoneRun(evaluations: readonly PlanEvaluationRow[], id: string): { done: PlanEvaluationRow; undone: PlanEvaluationRow | null } | null {
  for (let i = evaluations.length - 1; i >= 0; i -= 1) {
    const row = evaluations[i];
    if (row?.results[id]?.status === 'done') {
      const after = evaluations.slice(i + 1).find((r) => r.results[id]?.status === 'open') ?? null;
      return { done: row, undone: after };
    }
  }
  return null;
}

export function buildPlanView(inputs: PlanViewInputs): PlanView {
  const { now, plan } = inputs;
  const start = plan?.startDate ?? today(now);
  const stored = new Map(inputs.tasks.map((task) => [task.id, task]));
  const live = new Map(inputs.live.map((entry) => [entry.id, entry.evaluation]));
  const scanIds = inputs.scans.map((scan) => scan.scanId);
  const scannedAt = newestScanAt(inputs.scans) ?? now.toISOString();
  const tasks: PlanTask[] = [];

  for (const definition of PLAN_TASKS) {
    const row = stored.get(definition.id);
    const evaluation = live.get(definition.id) ?? null;
    const measured = evaluation !== null;
    let status: PlanTask['status'] = 'open';
    let evidence: PlanTask['evidence'] = null;
    let regressedAt: PlanTask['regressedAt'] = null;
    if (measured) {
      if (evaluation.status === 'done') {
        status = 'done';
        evidence = { kind: 'scan', scanIds, at: scannedAt };
      } else if (plan !== null) {
        const run = lastDoneRun(inputs.evaluations, definition.id);
        if (run !== null) {
          status = 'regressed';
          evidence = { kind: 'scan', scanIds: run.done.scanIds, at: run.done.at };
          regressedAt = run.undone !== null ? { at: run.undone.at, scanIds: run.undone.scanIds } : { at: now.toISOString(), scanIds };
        }
      }
    } else if (row?.claimedAt != null && row.claimedBy !== null) {
      status = 'done';
      evidence = { kind: 'claim', by: row.claimedBy, at: row.claimedAt, note: row.claimEvidence ?? '' };
    }
    if (row?.skippedAt != null) status = 'skipped';
    const blockers = evaluation?.blocking ?? [];
    tasks.push({
      id: definition.id,
      builtIn: true,
      week: definition.week,
      step: definition.step,
      title: definition.title,
      kind: measured ? 'measured' : 'manual',
      status,
      late: false,
      criterion: definition.criterion,
      progress: evaluation === null ? null : { ...evaluation.progress },
      evidence,
      regressedAt,
      owner: row?.owner ?? null,
      dueDate: row?.dueDate ?? defaultDueDate(start, definition.week),
      notes: row?.notes ?? '',
      skip: row?.skippedAt != null ? { reason: row.skipReason ?? '', by: row.skippedBy ?? '', at: row.skippedAt } : null,
      blocking: blockers.slice(0, PLAN_BLOCKERS_SHOWN).map((blocker) => blockerOf(blocker, inputs)),
      blockingTotal: blockers.length,
      acceptedApart: (evaluation?.acceptedApart ?? []).map((apart) => {
        const finding = inputs.findings.get(apart.fingerprint);
        const principal = finding?.principalArn ?? null;
        return { findingId: apart.fingerprint, ruleId: finding?.ruleId ?? '', principalName: principal === null ? null : (inputs.agents.get(principal)?.name ?? principal), until: apart.until };
      }),
    });
  }
  for (const row of inputs.tasks) {
    if (row.builtIn || row.week === null || row.step === null || row.title === null) continue;
    const claimed = row.claimedAt !== null && row.claimedBy !== null;
    tasks.push({
      id: row.id,
      builtIn: false,
      week: Math.min(4, Math.max(1, row.week)) as PlanWeekNumber,
      step: row.step,
      title: row.title,
      kind: 'manual',
      status: claimed ? 'done' : 'open',
      late: false,
      criterion: null,
      progress: null,
      evidence: claimed ? { kind: 'claim', by: row.claimedBy ?? '', at: row.claimedAt ?? '', note: row.claimEvidence ?? '' } : null,
      regressedAt: null,
      owner: row.owner,
      dueDate: row.dueDate ?? defaultDueDate(start, row.week),
      notes: row.notes,
      skip: null,
      blocking: [],
      blockingTotal: 0,
      acceptedApart: [],
    });
  }
  const day = today(now);
  for (const task of tasks) task.late = plan !== null && task.status !== 'done' && task.status !== 'skipped' && task.dueDate.slice(0, 10) < day;
  tasks.sort((a, b) => a.week - b.week || Number(b.builtIn) - Number(a.builtIn));

  const counted = tasks.filter((task) => task.status !== 'skipped');
  const done = counted.filter((task) => task.status === 'done').length;
  const position = planWeek(start, now);
  return {
    generatedAt: now.toISOString(),
    plan:
      plan === null
        ? null
        : { startDate: plan.startDate, week: position.phase === 'week' ? position.week : null, position, startedBy: plan.startedBy, startedAt: plan.startedAt, restarts: plan.restarts },
    scans: inputs.scans.map((scan) => ({ ...scan })),
    tasks,
    summary: {
      total: counted.length,
      done,
      open: tasks.filter((task) => task.status === 'open').length,
      regressed: tasks.filter((task) => task.status === 'regressed').length,
      skipped: tasks.filter((task) => task.status === 'skipped').length,
      late: tasks.filter((task) => task.late).length,
      verifiedPercent: counted.length === 0 ? 0 : Math.round((done / counted.length) * 100),
    },
    burnDown: plan === null ? [] : burnDown(inputs, tasks),
  };
}

/**
 * One point per recorded evaluation: the plan's tasks not done then (skipped ones left out). A manual
 * task counts done from its claim; the team's own tasks count from their creation.
 */
function burnDown(inputs: PlanViewInputs, tasks: readonly PlanTask[]): PlanView['burnDown'] {
  const counted = tasks.filter((task) => task.status !== 'skipped');
  const stored = new Map(inputs.tasks.map((task) => [task.id, task]));
  return inputs.evaluations.map((row) => {
    let total = 0;
    let done = 0;
    for (const task of counted) {
      const record = stored.get(task.id);
      if (!task.builtIn && record !== undefined && record.createdAt > row.at) continue;
      total += 1;
      const result = row.results[task.id];
      if (result !== undefined) {
        if (result.status === 'done') done += 1;
      } else if (record?.claimedAt != null && record.claimedAt <= row.at) {
        done += 1;
      }
    }
    return { at: row.at, scanIds: [...row.scanIds], open: total - done, done, total };
  });
}

/**
 * The plan's progress as of its last recorded evaluation, without evaluating the current state again
 * (the Overview's plan figures: cheap, and equal to the Plan screen's once it has recorded the state).
 */
export function recordedPlanProgress(inputs: Pick<PlanViewInputs, 'now' | 'plan' | 'tasks' | 'evaluations'>): Pick<PlanView, 'summary' | 'burnDown'> & { evaluatedAt: string | null } {
  const last = inputs.evaluations.at(-1);
  const live: LiveEvaluation[] = PLAN_TASKS.map((task) => {
    const result = last?.results[task.id];
    return { id: task.id, evaluation: result === undefined ? null : { status: result.status, progress: { done: result.done, total: result.total }, blocking: [], acceptedApart: [] } };
  });
  const view = buildPlanView({ ...inputs, live, scans: [], agents: new Map(), findings: new Map() });
  return { summary: view.summary, burnDown: view.burnDown, evaluatedAt: last?.at ?? null };
}
