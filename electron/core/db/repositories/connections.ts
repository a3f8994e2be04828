/**
 * Saved connections: how to reach an AWS account (profile name, optional role), never a secret.
 *
 * Rows are checked when read: a hand-edited or damaged workspace must not crash the app. `list…` skips
 * a row it cannot use (and `listConnectionsChecked` says why); `find…` reports it as an AppError.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { connectionScheduleSchema, scheduledRunOutcomeSchema, type Connection, type ConnectionSchedule, type ScheduledRunOutcome } from '@shared/contract';
import { nextRunAt } from '../../schedules/schedule-time';
import { AppError } from '../../errors';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { sqliteCode } from '../workspace-errors';

export interface ConnectionRecordInput {
  name: string;
  profile: string;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
}

export interface SkippedRow {
  /** The row's id when it has one. */
  readonly id: string | null;
  readonly reason: string;
}

const nullableText = z.string().nullable();

const connectionRowSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  profile: z.string().min(1),
  role_arn: nullableText,
  external_id: nullableText,
  regions: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  last_test_at: nullableText,
  last_test_ok: z.union([z.literal(0), z.literal(1)]).nullable(),
  last_test_account_id: nullableText,
  last_test_message: nullableText,
  schedule_kind: z.string(),
  schedule_every_hours: z.number().nullable(),
  schedule_daily_at: nullableText,
  schedule_time_zone: nullableText,
  schedule_set_at: nullableText,
  schedule_last_run_at: nullableText,
  schedule_last_outcome: nullableText,
  schedule_last_message: nullableText,
  schedule_last_scan_id: nullableText,
});

const regionsSchema = z.array(z.string());

const selectConnection = sql`
  SELECT id, name, profile, role_arn, external_id, regions, created_at, updated_at,
         last_test_at, last_test_ok, last_test_account_id, last_test_message,
         schedule_kind, schedule_every_hours, schedule_daily_at, schedule_time_zone, schedule_set_at,
         schedule_last_run_at, schedule_last_outcome, schedule_last_message, schedule_last_scan_id
  FROM connections`;

type Checked = { ok: true; connection: Connection } | { ok: false; skipped: SkippedRow };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}

function checkRow(row: Row): Checked {
  const id = typeof row['id'] === 'string' ? row['id'] : null;
  const parsed = connectionRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, skipped: { id, reason: describeIssues(parsed.error) } };
  const r = parsed.data;
  let regions: unknown;
  try {
    regions = JSON.parse(r.regions);
  } catch {
    return { ok: false, skipped: { id, reason: 'regions: not valid JSON' } };
  }
  const checkedRegions = regionsSchema.safeParse(regions);
  if (!checkedRegions.success) return { ok: false, skipped: { id, reason: 'regions: not a list of region codes' } };
  const lastTest =
    r.last_test_at !== null && r.last_test_ok !== null
      ? { at: r.last_test_at, ok: r.last_test_ok === 1, accountId: r.last_test_account_id, message: r.last_test_message ?? '' }
      : null;
  const schedule = connectionScheduleSchema.safeParse(
    r.schedule_kind === 'every'
      ? { kind: 'every', hours: r.schedule_every_hours }
      : r.schedule_kind === 'daily'
        ? { kind: 'daily', at: r.schedule_daily_at, timeZone: r.schedule_time_zone }
        : { kind: r.schedule_kind },
  );
  if (!schedule.success) return { ok: false, skipped: { id, reason: `schedule: ${describeIssues(schedule.error)}` } };
  const outcome = scheduledRunOutcomeSchema.safeParse(r.schedule_last_outcome);
  const lastRun =
    r.schedule_last_run_at !== null && outcome.success
      ? { at: r.schedule_last_run_at, outcome: outcome.data, message: r.schedule_last_message, scanId: r.schedule_last_scan_id }
      : null;
  return {
    ok: true,
    connection: {
      id: r.id,
      name: r.name,
      profile: r.profile,
      roleArn: r.role_arn,
      externalId: r.external_id,
      regions: checkedRegions.data,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastTest,
      schedule: schedule.data,
      lastRun,
      nextRunAt: nextRunAt(schedule.data, r.schedule_set_at, r.schedule_last_run_at),
    },
  };
}

/** Connections by name, plus the rows that could not be read and why. */
export function listConnectionsChecked(db: ReadDb): { connections: Connection[]; skipped: SkippedRow[] } {
  const connections: Connection[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of db.all(sql`${selectConnection} ORDER BY name COLLATE NOCASE, id`)) {
    const checked = checkRow(row);
    if (checked.ok) connections.push(checked.connection);
    else skipped.push(checked.skipped);
  }
  return { connections, skipped };
}

export function listConnections(db: ReadDb): Connection[] {
  return listConnectionsChecked(db).connections;
}

function fromRow(row: Row | undefined): Connection | null {
  if (row === undefined) return null;
  const checked = checkRow(row);
  if (!checked.ok) {
    throw new AppError(
      'workspace_error',
      `The saved connection ${checked.skipped.id ?? '(no id)'} is damaged in this workspace (${checked.skipped.reason}). Remove it and add it again.`,
    );
  }
  return checked.connection;
}

export function findConnection(db: ReadDb, id: string): Connection | null {
  return fromRow(db.get(sql`${selectConnection} WHERE id = ${id}`));
}

/** Case-insensitive and ignoring surrounding spaces, for any alphabet (SQLite's NOCASE is ASCII only). */
function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('und');
}

export function findConnectionByName(db: ReadDb, name: string): Connection | null {
  const key = nameKey(name);
  // Few rows per workspace, so compare in JS to get Unicode case folding right.
  const match = db
    .all(sql`SELECT id, name FROM connections`)
    .find((row) => typeof row['name'] === 'string' && nameKey(row['name']) === key);
  return match === undefined ? null : findConnection(db, String(match['id']));
}

function conflict(name: string): AppError {
  return new AppError('conflict', `A connection named "${name.trim()}" already exists. Choose another name.`);
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new AppError('invalid_input', 'A connection needs a name.');
  return trimmed;
}

function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function insertConnection(db: WriteDb, input: ConnectionRecordInput, now: Date): Connection {
  const name = checkedName(input.name);
  const id = randomUUID();
  const at = now.toISOString();
  db.transaction((tx) => {
    if (findConnectionByName(tx, name) !== null) throw conflict(name);
    try {
      tx.run(sql`
        INSERT INTO connections (id, name, profile, role_arn, external_id, regions, created_at, updated_at)
        VALUES (${id}, ${name}, ${input.profile}, ${input.roleArn}, ${input.externalId},
                ${JSON.stringify(input.regions)}, ${at}, ${at})`);
    } catch (error) {
      // Another process may have saved the same name in between.
      if (isUniqueViolation(error)) throw conflict(name);
      throw error;
    }
  });
  return requireConnection(db, id);
}

function requireConnection(db: ReadDb, id: string): Connection {
  const connection = findConnection(db, id);
  if (connection === null) throw new AppError('not_found', `No saved connection has the id ${id}.`);
  return connection;
}

export function updateConnection(
  db: WriteDb,
  id: string,
  patch: Partial<ConnectionRecordInput>,
  now: Date,
): Connection {
  db.transaction((tx) => {
    const exists = tx.get(sql`SELECT id FROM connections WHERE id = ${id}`);
    if (exists === undefined) throw new AppError('not_found', `No saved connection has the id ${id}.`);
    const sets = [sql`updated_at = ${now.toISOString()}`];
    if (patch.name !== undefined) {
      const name = checkedName(patch.name);
      const other = findConnectionByName(tx, name);
      if (other !== null && other.id !== id) throw conflict(name);
      sets.push(sql`name = ${name}`);
    }
    if (patch.profile !== undefined) sets.push(sql`profile = ${patch.profile}`);
    if (patch.roleArn !== undefined) sets.push(sql`role_arn = ${patch.roleArn}`);
    if (patch.externalId !== undefined) sets.push(sql`external_id = ${patch.externalId}`);
    if (patch.regions !== undefined) sets.push(sql`regions = ${JSON.stringify(patch.regions)}`);
    try {
      tx.run(sql`UPDATE connections SET ${sql.join(sets)} WHERE id = ${id}`);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(patch.name ?? '');
      throw error;
    }
  });
  return requireConnection(db, id);
}

/** True when a connection was removed. Scans made through it stay, with their connection unset. */
export function deleteConnection(db: WriteDb, id: string): boolean {
  return db.run(sql`DELETE FROM connections WHERE id = ${id}`).changes > 0;
}

/**
 * Records the latest "Test" result. A connection removed meanwhile is not an error: the result simply
 * has nowhere to go.
 */
export function recordConnectionTest(
  db: WriteDb,
  id: string,
  test: { at: Date; ok: boolean; accountId: string | null; message: string },
): void {
  db.run(sql`
    UPDATE connections
    SET last_test_at = ${test.at.toISOString()}, last_test_ok = ${test.ok},
        last_test_account_id = ${test.accountId}, last_test_message = ${test.message}
    WHERE id = ${id}`);
}

/** The stored columns of a schedule (the kind's own fields, the others null). */
function scheduleColumns(schedule: ConnectionSchedule): { kind: string; hours: number | null; at: string | null; zone: string | null } {
  switch (schedule.kind) {
    case 'off':
      return { kind: 'off', hours: null, at: null, zone: null };
    case 'every':
      return { kind: 'every', hours: schedule.hours, at: null, zone: null };
    case 'daily':
      return { kind: 'daily', hours: null, at: schedule.at, zone: schedule.timeZone };
  }
}

/**
 * Sets a connection's schedule, and when it was set (the next run counts from then). Returns the
 * connection as it was before, for the audit entry the caller writes in the same transaction.
 */
export function setConnectionSchedule(db: WriteDb, id: string, schedule: ConnectionSchedule, now: Date): Connection {
  const before = requireConnection(db, id);
  const c = scheduleColumns(schedule);
  const at = now.toISOString();
  db.run(sql`
    UPDATE connections
    SET schedule_kind = ${c.kind}, schedule_every_hours = ${c.hours}, schedule_daily_at = ${c.at},
        schedule_time_zone = ${c.zone}, schedule_set_at = ${at}, updated_at = ${at}
    WHERE id = ${id}`);
  return before;
}

/**
 * Claims a scheduled run: records it as started at `at`, only if the last run is still the one the
 * caller saw (compare-and-set), so two processes on one workspace cannot both start it. True when claimed.
 */
export function claimScheduledRun(db: WriteDb, id: string, seenLastRunAt: string | null, at: Date, outcome: 'running' | 'skipped', message: string | null): boolean {
  return (
    db.run(sql`
      UPDATE connections
      SET schedule_last_run_at = ${at.toISOString()}, schedule_last_outcome = ${outcome},
          schedule_last_message = ${message}, schedule_last_scan_id = NULL
      WHERE id = ${id} AND schedule_kind <> 'off' AND schedule_last_run_at IS ${seenLastRunAt}`).changes > 0
  );
}

/** Records how a claimed run ended (a connection removed meanwhile: nothing to record). */
export function recordScheduledRunEnd(db: WriteDb, id: string, startedAt: string, end: { outcome: ScheduledRunOutcome; message: string | null; scanId: string | null }): void {
  db.run(sql`
    UPDATE connections
    SET schedule_last_outcome = ${end.outcome}, schedule_last_message = ${end.message}, schedule_last_scan_id = ${end.scanId}
    WHERE id = ${id} AND schedule_last_run_at = ${startedAt}`);
}
