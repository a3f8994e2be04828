/** The connection form's schedule fields (as typed) ⇄ the contract's schedule, and how a schedule reads. */
import { connectionScheduleSchema, SCHEDULE_MAX_HOURS, type ConnectionSchedule, type ScheduledRun } from '@shared/contract';

export interface ScheduleFormValues {
  kind: ConnectionSchedule['kind'];
  hours: string;
  at: string;
  timeZone: string;
}

/** This computer's zone, the default for a daily time (the scan runs at that wall-clock time there). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function scheduleFormValues(schedule: ConnectionSchedule, defaultZone: string = localTimeZone()): ScheduleFormValues {
  return {
    kind: schedule.kind,
    hours: schedule.kind === 'every' ? String(schedule.hours) : '24',
    at: schedule.kind === 'daily' ? schedule.at : '09:00',
    timeZone: schedule.kind === 'daily' ? schedule.timeZone : defaultZone,
  };
}

/** The schedule to send, or the message for the field that is wrong. */
export function parseScheduleForm(values: ScheduleFormValues): { ok: true; schedule: ConnectionSchedule } | { ok: false; field: 'hours' | 'at' | 'timeZone'; message: string } {
  if (values.kind === 'off') return { ok: true, schedule: { kind: 'off' } };
  if (values.kind === 'every') {
    const hours = /^\d+$/.test(values.hours.trim()) ? Number(values.hours.trim()) : Number.NaN;
    if (!Number.isInteger(hours) || hours < 1 || hours > SCHEDULE_MAX_HOURS) {
      return { ok: false, field: 'hours', message: `Enter a whole number of hours from 1 to ${SCHEDULE_MAX_HOURS} (a week).` };
    }
    return { ok: true, schedule: { kind: 'every', hours } };
  }
  const parsed = connectionScheduleSchema.safeParse({ kind: 'daily', at: values.at, timeZone: values.timeZone });
  if (parsed.success) return { ok: true, schedule: parsed.data };
  const field = parsed.error.issues.some((issue) => issue.path[0] === 'at') ? 'at' : 'timeZone';
  return { ok: false, field, message: field === 'at' ? 'Enter a time as HH:mm, e.g. 09:00.' : 'Choose a time zone from the list.' };
}

export function sameSchedule(a: ConnectionSchedule, b: ConnectionSchedule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One line: "Off", "Every 6 hours", "Daily at 09:00 (Europe/Berlin)". */
export function describeSchedule(schedule: ConnectionSchedule): string {
  switch (schedule.kind) {
    case 'off':
      return 'Off';
    case 'every':
      return schedule.hours === 1 ? 'Every hour' : `Every ${schedule.hours} hours`;
    case 'daily':
      return `Daily at ${schedule.at} (${schedule.timeZone})`;
  }
}

/** The last run's outcome in words and its tone. */
export function describeLastRun(run: ScheduledRun): { label: string; tone: 'ok' | 'failed' | 'neutral' } {
  switch (run.outcome) {
    case 'running':
      return { label: 'Running', tone: 'neutral' };
    case 'completed':
      return { label: 'Completed', tone: 'ok' };
    case 'failed':
      return { label: 'Failed', tone: 'failed' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
    case 'skipped':
      return { label: 'Skipped', tone: 'neutral' };
  }
}

/** The zones to choose from: the runtime's list, with the current value kept even if not listed. */
export function timeZoneChoices(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = supported.includes('UTC') ? supported : [...supported, 'UTC'];
  return zones.includes(current) ? zones : [current, ...zones];
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "in 5 minutes", "in 6 hours", "in 2 days"; "due now" once the moment has passed. */
export function formatUntil(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds <= 30) return 'due now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return RELATIVE.format(Math.max(1, minutes), 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return RELATIVE.format(hours, 'hour');
  return RELATIVE.format(Math.round(hours / 24), 'day');
}
