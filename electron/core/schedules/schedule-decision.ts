/**
 * Which connections' schedules are due now: pure (the clock and what is running are passed in).
 *
 * A due connection whose scan is already running (started by hand, or by another window) is skipped,
 * and the skip is recorded like a run, so the next slot counts from now: never two scans at once for
 * one connection, and no retry loop.
 */
import type { Connection } from '@shared/contract';

export interface ScheduleDecision {
  readonly connectionId: string;
  readonly action: 'start' | 'skip';
  /** The last run the decision was made on: the claim succeeds only if it is still the last one. */
  readonly seenLastRunAt: string | null;
}

export const SKIPPED_ALREADY_RUNNING = 'A scan of this connection was already running, so this scheduled run was skipped.';

/** True when the schedule is due at `now` (a next run in the past is due once, however long ago). */
export function isDue(connection: Pick<Connection, 'nextRunAt'>, now: Date): boolean {
  if (connection.nextRunAt === null) return false;
  const next = Date.parse(connection.nextRunAt);
  return Number.isFinite(next) && next <= now.getTime();
}

export function decideScheduledRuns(
  connections: readonly Pick<Connection, 'id' | 'nextRunAt' | 'lastRun'>[],
  now: Date,
  isScanRunning: (connectionId: string) => boolean,
): ScheduleDecision[] {
  return connections
    .filter((connection) => isDue(connection, now))
    .map((connection) => ({
      connectionId: connection.id,
      action: isScanRunning(connection.id) ? 'skip' : 'start',
      seenLastRunAt: connection.lastRun?.at ?? null,
    }));
}

/** How long to sleep before looking again: until the earliest next run, at most `maxMs`, at least 1 s. */
export function delayUntilNextCheck(connections: readonly Pick<Connection, 'nextRunAt'>[], now: Date, maxMs: number): number {
  const nexts = connections.flatMap((c) => (c.nextRunAt === null ? [] : [Date.parse(c.nextRunAt)])).filter((t) => Number.isFinite(t));
  const earliest = nexts.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...nexts) - now.getTime();
  return Math.max(1000, Math.min(maxMs, earliest));
}
