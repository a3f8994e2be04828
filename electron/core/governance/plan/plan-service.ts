/**
 * The plan, changed: start/restart, a task's owner, due date and notes, manual claims, skips, the
 * team's own tasks, and the recorded evaluations. Each change is validated here and written with its
 * audit entry in one transaction (`plan.*`), over the thin plan repository.
 */
import { randomUUID } from 'node:crypto';
import type { WriteDb } from '../../db/handles';
import { appendAuditEntry } from '../../db/repositories/audit-log';
import {
  appendPlanEvaluation,
  clearPlanEvaluations,
  deletePlanTask,
  getPlanTask,
  listPlanEvaluations,
  listPlanTasks,
  readPlan,
  upsertPlanTask,
  writePlan,
  type PlanTaskRow,
  type StoredTaskResult,
} from '../../db/repositories/plan';
import { AppError } from '../../errors';
import { planTask } from './plan-criteria';
import { evaluationChange } from './plan-view';

export interface PlanChangeContext {
  actor: string;
  now: Date;
  /** Built-in tasks measured in the current state (a claim on one is refused: its scans decide). */
  measured: ReadonlySet<string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function emptyTask(id: string, at: string): PlanTaskRow {
  return { id, builtIn: true, week: null, step: null, title: null, owner: null, dueDate: null, notes: '', claimedBy: null, claimedAt: null, claimEvidence: null, skipReason: null, skippedBy: null, skippedAt: null, createdAt: at, updatedAt: at };
}

function requirePlan(db: WriteDb): void {
  if (readPlan(db) === null) throw new AppError('conflict', 'Start the 30-day plan first.');
}

/** The stored row of a task (a fresh one for a built-in task nobody has touched); refuses an unknown ID. */
function taskRow(db: WriteDb, id: string, at: string): PlanTaskRow {
  const row = getPlanTask(db, id);
  if (row !== null) return row;
  if (planTask(id) !== undefined) return emptyTask(id, at);
  throw new AppError('not_found', `The plan has no task ${id}.`);
}

export function startPlan(db: WriteDb, input: { startDate: string | null; restart: boolean }, context: Omit<PlanChangeContext, 'measured'>): void {
  const at = context.now.toISOString();
  const startDate = input.startDate?.slice(0, 10) ?? at.slice(0, 10);
  if (!DATE.test(startDate) || Number.isNaN(Date.parse(`${startDate}T00:00:00Z`))) throw new AppError('invalid_input', `${startDate} is not a date.`);
  db.transaction((tx) => {
    const current = readPlan(tx);
    if (current !== null && !input.restart) throw new AppError('conflict', `The plan already started on ${current.startDate}; restart it to start again.`);
    if (current === null) {
      writePlan(tx, { startDate, startedBy: context.actor, startedAt: at, restarts: 0 });
      appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.started', target: 'plan', details: { startDate } });
      return;
    }
    // A restart is a new 30 days: claims, skips, due dates set for the old weeks and the history go;
    // owners, notes and the team's own tasks stay.
    for (const row of listPlanTasks(tx)) {
      upsertPlanTask(tx, { ...row, dueDate: null, claimedBy: null, claimedAt: null, claimEvidence: null, skipReason: null, skippedBy: null, skippedAt: null, updatedAt: at });
    }
    clearPlanEvaluations(tx);
    writePlan(tx, { startDate, startedBy: context.actor, startedAt: at, restarts: current.restarts + 1 });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.restarted', target: 'plan', details: { startDate, previousStartDate: current.startDate } });
  });
}

export function updatePlanTask(db: WriteDb, input: { id: string; owner?: string | null | undefined; dueDate?: string | undefined; notes?: string | undefined }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  db.transaction((tx) => {
    requirePlan(tx);
    const row = taskRow(tx, input.id, at);
    const next: PlanTaskRow = { ...row, updatedAt: at };
    if (input.owner !== undefined) next.owner = input.owner === null || input.owner.trim() === '' ? null : input.owner.trim();
    if (input.dueDate !== undefined) next.dueDate = input.dueDate.slice(0, 10);
    if (input.notes !== undefined) next.notes = input.notes;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['owner', 'dueDate', 'notes'] as const) if (row[field] !== next[field]) changes[field] = { from: row[field], to: next[field] };
    if (Object.keys(changes).length === 0) return;
    upsertPlanTask(tx, next);
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_updated', target: input.id, details: { changes } });
  });
}

export function claimPlanTask(db: WriteDb, input: { id: string; evidence: string }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  const evidence = input.evidence.trim();
  if (evidence === '') throw new AppError('invalid_input', 'Say what shows the task is done (a note or a link).');
  if (context.measured.has(input.id)) throw new AppError('conflict', 'This task is measured from the scans: it is done when the next scan shows it, not by a claim.');
  db.transaction((tx) => {
    requirePlan(tx);
    const row = taskRow(tx, input.id, at);
    if (row.skippedAt !== null) throw new AppError('conflict', 'The task is skipped; take it back into the plan first.');
    upsertPlanTask(tx, { ...row, claimedBy: context.actor, claimedAt: at, claimEvidence: evidence, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_claimed', target: input.id, details: { evidence } });
  });
}

export function reopenPlanTask(db: WriteDb, input: { id: string; reason: string }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  db.transaction((tx) => {
    requirePlan(tx);
    const row = taskRow(tx, input.id, at);
    if (row.claimedAt === null) throw new AppError('conflict', 'The task has no claim to withdraw.');
    upsertPlanTask(tx, { ...row, claimedBy: null, claimedAt: null, claimEvidence: null, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_reopened', target: input.id, details: { reason: input.reason, claimedBy: row.claimedBy, claimedAt: row.claimedAt } });
  });
}

export function skipPlanTask(db: WriteDb, input: { id: string; reason: string }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  if (planTask(input.id) === undefined) throw new AppError('invalid_input', 'Only a built-in task is skipped; remove one of the team’s own tasks instead.');
  db.transaction((tx) => {
    requirePlan(tx);
    const row = taskRow(tx, input.id, at);
    upsertPlanTask(tx, { ...row, skipReason: input.reason.trim(), skippedBy: context.actor, skippedAt: at, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_skipped', target: input.id, details: { reason: input.reason.trim() } });
  });
}

export function unskipPlanTask(db: WriteDb, input: { id: string }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  db.transaction((tx) => {
    requirePlan(tx);
    const row = taskRow(tx, input.id, at);
    if (row.skippedAt === null) throw new AppError('conflict', 'The task is not skipped.');
    upsertPlanTask(tx, { ...row, skipReason: null, skippedBy: null, skippedAt: null, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_unskipped', target: input.id, details: { reason: row.skipReason } });
  });
}

export function addPlanTask(
  db: WriteDb,
  input: { week: number; step: number; title: string; owner: string | null; dueDate: string | null; notes: string },
  context: PlanChangeContext,
): string {
  const at = context.now.toISOString();
  const id = `team-${randomUUID()}`;
  db.transaction((tx) => {
    requirePlan(tx);
    const owner = input.owner === null || input.owner.trim() === '' ? null : input.owner.trim();
    upsertPlanTask(tx, { ...emptyTask(id, at), builtIn: false, week: input.week, step: input.step, title: input.title.trim(), owner, dueDate: input.dueDate?.slice(0, 10) ?? null, notes: input.notes });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_added', target: id, details: { week: input.week, step: input.step, title: input.title.trim(), owner } });
  });
  return id;
}

export function removePlanTask(db: WriteDb, input: { id: string }, context: PlanChangeContext): void {
  const at = context.now.toISOString();
  db.transaction((tx) => {
    const row = getPlanTask(tx, input.id);
    if (row === null) throw new AppError('not_found', `The plan has no task ${input.id}.`);
    if (row.builtIn) throw new AppError('invalid_input', 'A built-in task is skipped with a reason, not removed.');
    deletePlanTask(tx, input.id);
    appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_removed', target: input.id, details: { title: row.title, claimedBy: row.claimedBy } });
  });
}

/**
 * Records the current evaluation when it differs from the last recorded one (another current state, or
 * any task's result), noting each measured task a scan verified or undid in the audit log. Nothing
 * before the plan starts. Returns whether a row was appended.
 */
export function recordPlanEvaluation(db: WriteDb, evaluation: { scanIds: readonly string[]; results: Record<string, StoredTaskResult> }, context: { actor: string; now: Date }): boolean {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    if (readPlan(tx) === null) return false;
    const last = listPlanEvaluations(tx).at(-1);
    const change = evaluationChange(last, evaluation.scanIds, evaluation.results);
    if (!change.changed) return false;
    appendPlanEvaluation(tx, { at, scanIds: [...evaluation.scanIds], results: evaluation.results });
    for (const id of change.verified) {
      appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_verified', target: id, details: { scanIds: evaluation.scanIds, progress: evaluation.results[id] } });
    }
    for (const id of change.regressed) {
      appendAuditEntry(tx, { at, actor: context.actor, action: 'plan.task_regressed', target: id, details: { scanIds: evaluation.scanIds, progress: evaluation.results[id], verifiedBy: last?.scanIds ?? [] } });
    }
    return true;
  });
}
