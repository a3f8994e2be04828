/**
 * When a connection's schedule is next due: pure, the clock is not read here.
 *
 * The next run counts from the later of the last run and the moment the schedule was set, so a
 * schedule changed today restarts from today, and a run missed while the laptop slept or the app was
 * closed is due once (the first slot after the last run is in the past; running it moves the base to
 * now, and the following slot is in the future again): never once per missed slot.
 */
import { DateTime } from 'luxon';
import type { ConnectionSchedule } from '@shared/contract';

const HOUR_MS = 3_600_000;

/** The first time after `base` the schedule falls due; null when it is off. */
export function nextRunAfter(schedule: ConnectionSchedule, base: Date): Date | null {
  switch (schedule.kind) {
    case 'off':
      return null;
    case 'every':
      return new Date(base.getTime() + schedule.hours * HOUR_MS);
    case 'daily':
      return nextDailyAfter(schedule.at, schedule.timeZone, base);
  }
}

/**
 * The first wall-clock `HH:mm` in `timeZone` strictly after `base`. Luxon resolves the local time in
 * that zone, so 09:00 in Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer; a time that does
 * not exist on a spring-forward day (02:30) moves forward to the first moment that does.
 */
function nextDailyAfter(at: string, timeZone: string, base: Date): Date {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(base, { zone: timeZone });
  for (let days = 0; days <= 2; days += 1) {
    const day = local.plus({ days });
    const candidate = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: timeZone });
    if (candidate.toMillis() > base.getTime()) return candidate.toJSDate();
  }
  // Unreachable for a valid zone: tomorrow's slot is always after today.
  throw new Error(`No next run for ${at} in ${timeZone}.`);
}

/** Where the next run counts from: the last run or the schedule's change, whichever is later. */
export function scheduleBase(setAt: string | null, lastRunAt: string | null): Date | null {
  const times = [setAt, lastRunAt].filter((t): t is string => t !== null).map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/** The next run as stored fields give it (ISO), or null when off or never set. */
export function nextRunAt(schedule: ConnectionSchedule, setAt: string | null, lastRunAt: string | null): string | null {
  const base = scheduleBase(setAt, lastRunAt);
  if (base === null) return null;
  return nextRunAfter(schedule, base)?.toISOString() ?? null;
}
