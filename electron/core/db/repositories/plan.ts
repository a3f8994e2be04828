/**
 * The 30-day plan's rows (migration 0006): the plan, the tasks the team has touched or added, and the
 * recorded evaluations. Rows in and out only; governance/plan/ decides what they mean.
 */
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';

export interface PlanRow {
  startDate: string;
  startedBy: string;
  startedAt: string;
  restarts: number;
}

export interface PlanTaskRow {
  id: string;
  builtIn: boolean;
  week: number | null;
  step: number | null;
  title: string | null;
  owner: string | null;
  dueDate: string | null;
  notes: string;
  claimedBy: string | null;
  claimedAt: string | null;
  claimEvidence: string | null;
  skipReason: string | null;
  skippedBy: string | null;
  skippedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredTaskResult {
  status: 'done' | 'open';
  done: number;
  total: number;
}

export interface PlanEvaluationRow {
  seq: number;
  at: string;
  scanIds: string[];
  results: Record<string, StoredTaskResult>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

export function readPlan(db: ReadDb): PlanRow | null {
  const row = db.get(sql`SELECT start_date, started_by, started_at, restarts FROM plan WHERE singleton = 1`);
  if (row === undefined) return null;
  return { startDate: String(row['start_date']), startedBy: String(row['started_by']), startedAt: String(row['started_at']), restarts: Number(row['restarts']) };
}

export function writePlan(db: WriteDb, plan: PlanRow): void {
  db.run(sql`
    INSERT INTO plan (singleton, start_date, started_by, started_at, restarts) VALUES (1, ${plan.startDate}, ${plan.startedBy}, ${plan.startedAt}, ${plan.restarts})
    ON CONFLICT (singleton) DO UPDATE SET start_date = excluded.start_date, started_by = excluded.started_by, started_at = excluded.started_at, restarts = excluded.restarts`);
}

function toTask(row: Row): PlanTaskRow {
  return {
    id: String(row['id']),
    builtIn: row['built_in'] === 1,
    week: int(row['week']),
    step: int(row['step']),
    title: text(row['title']),
    owner: text(row['owner']),
    dueDate: text(row['due_date']),
    notes: text(row['notes']) ?? '',
    claimedBy: text(row['claimed_by']),
    claimedAt: text(row['claimed_at']),
    claimEvidence: text(row['claim_evidence']),
    skipReason: text(row['skip_reason']),
    skippedBy: text(row['skipped_by']),
    skippedAt: text(row['skipped_at']),
    createdAt: String(row['created_at']),
    updatedAt: String(row['updated_at']),
  };
}

export function listPlanTasks(db: ReadDb): PlanTaskRow[] {
  return db.all(sql`SELECT * FROM plan_tasks ORDER BY created_at, id`).map(toTask);
}

export function getPlanTask(db: ReadDb, id: string): PlanTaskRow | null {
  const row = db.get(sql`SELECT * FROM plan_tasks WHERE id = ${id}`);
  return row === undefined ? null : toTask(row);
}

export function upsertPlanTask(db: WriteDb, task: PlanTaskRow): void {
  db.run(sql`
    INSERT INTO plan_tasks (id, built_in, week, step, title, owner, due_date, notes, claimed_by, claimed_at, claim_evidence,
                            skip_reason, skipped_by, skipped_at, created_at, updated_at)
    VALUES (${task.id}, ${task.builtIn ? 1 : 0}, ${task.week}, ${task.step}, ${task.title}, ${task.owner}, ${task.dueDate}, ${task.notes},
            ${task.claimedBy}, ${task.claimedAt}, ${task.claimEvidence}, ${task.skipReason}, ${task.skippedBy}, ${task.skippedAt},
            ${task.createdAt}, ${task.updatedAt})
    ON CONFLICT (id) DO UPDATE SET
      week = excluded.week, step = excluded.step, title = excluded.title, owner = excluded.owner, due_date = excluded.due_date,
      notes = excluded.notes, claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, claim_evidence = excluded.claim_evidence,
      skip_reason = excluded.skip_reason, skipped_by = excluded.skipped_by, skipped_at = excluded.skipped_at, updated_at = excluded.updated_at`);
}

export function deletePlanTask(db: WriteDb, id: string): void {
  db.run(sql`DELETE FROM plan_tasks WHERE id = ${id}`);
}

function toResults(value: unknown): Record<string, StoredTaskResult> {
  const results: Record<string, StoredTaskResult> = {};
  if (value === null || typeof value !== 'object') return results;
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') continue;
    const entry = raw as Record<string, unknown>;
    const status = entry['status'];
    if (status !== 'done' && status !== 'open') continue;
    results[id] = { status, done: int(entry['done']) ?? 0, total: int(entry['total']) ?? 0 };
  }
  return results;
}

/** Oldest first. */
export function listPlanEvaluations(db: ReadDb): PlanEvaluationRow[] {
  return db.all(sql`SELECT seq, at, scan_ids, results FROM plan_evaluations ORDER BY seq`).map((row) => {
    const scanIds = JSON.parse(String(row['scan_ids'])) as unknown;
    return {
      seq: Number(row['seq']),
      at: String(row['at']),
      scanIds: Array.isArray(scanIds) ? scanIds.filter((id): id is string => typeof id === 'string') : [],
      results: toResults(JSON.parse(String(row['results']))),
    };
  });
}

export function appendPlanEvaluation(db: WriteDb, evaluation: Omit<PlanEvaluationRow, 'seq'>): void {
  db.run(sql`INSERT INTO plan_evaluations (at, scan_ids, results) VALUES (${evaluation.at}, ${JSON.stringify(evaluation.scanIds)}, ${JSON.stringify(evaluation.results)})`);
}

export function clearPlanEvaluations(db: WriteDb): void {
  db.run(sql`DELETE FROM plan_evaluations`);
}

/** Bedrock agent action groups in these scans' facts (the human-approval task is measured where there are any). */
export function countBedrockActionGroups(db: ReadDb, scanIds: readonly string[]): number {
  let total = 0;
  for (const scanId of scanIds) {
    const value = db.value(sql`
      SELECT coalesce(sum(json_array_length(payload, '$.actionGroups')), 0) FROM scan_facts
      WHERE scan_id = ${scanId} AND kind = 'bedrock.agent' AND json_type(payload, '$.actionGroups') = 'array'`);
    total += typeof value === 'number' ? value : 0;
  }
  return total;
}

/** Whether the team has saved a review cadence in Settings (the `reviewCadence` key, when it exists, not null). */
export function reviewCadenceRecorded(db: ReadDb): boolean {
  const value = db.value(sql`SELECT value FROM settings WHERE key = 'reviewCadence'`);
  return typeof value === 'string' && value !== 'null';
}

/** Decisions a held review meeting took on agents that were Tier 1 on its agenda (migration 0007). */
export function tier1ReviewDecisions(db: ReadDb): number {
  const value = db.value(sql`
    SELECT count(*) FROM review_decisions d
    JOIN review_agenda_items a ON a.meeting_id = d.meeting_id AND a.arn = d.arn
    JOIN review_meetings m ON m.id = d.meeting_id
    WHERE m.status = 'held' AND a.tier = 1`);
  return typeof value === 'number' ? value : 0;
}

/** Account IDs the team's connections reached when last tested. */
export function connectedAccountIds(db: ReadDb): string[] {
  return db
    .all(sql`SELECT DISTINCT last_test_account_id AS id FROM connections WHERE last_test_account_id IS NOT NULL ORDER BY id`)
    .map((row) => String(row['id']));
}
