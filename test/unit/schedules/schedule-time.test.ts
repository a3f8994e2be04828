import { describe, expect, it } from 'vitest';
import { decideScheduledRuns, delayUntilNextCheck } from '@core/schedules/schedule-decision';
import { nextRunAfter, nextRunAt, scheduleBase } from '@core/schedules/schedule-time';

const at = (iso: string): Date => new Date(iso);

describe('schedule time (pure)', () => {
  it('every N hours counts from the later of the last run and the change of schedule', () => {
    expect(nextRunAt({ kind: 'every', hours: 6 }, '2026-01-01T00:00:00.000Z', null)).toBe('2026-01-01T06:00:00.000Z');
    expect(nextRunAt({ kind: 'every', hours: 6 }, '2026-01-01T00:00:00.000Z', '2026-01-02T01:00:00.000Z')).toBe('2026-01-02T07:00:00.000Z');
    expect(nextRunAt({ kind: 'every', hours: 168 }, '2026-01-03T00:00:00.000Z', '2026-01-02T01:00:00.000Z')).toBe('2026-01-10T00:00:00.000Z');
    expect(nextRunAt({ kind: 'off' }, '2026-01-01T00:00:00.000Z', null)).toBeNull();
    expect(nextRunAt({ kind: 'every', hours: 1 }, null, null)).toBeNull();
    expect(scheduleBase('garbage', null)).toBeNull();
  });

  it('daily at a time is the first such wall-clock time strictly after the base, in the zone', () => {
    const daily = { kind: 'daily', at: '09:00', timeZone: 'America/New_York' } as const;
    expect(nextRunAfter(daily, at('2026-01-05T13:59:00.000Z'))?.toISOString()).toBe('2026-01-05T14:00:00.000Z');
    expect(nextRunAfter(daily, at('2026-01-05T14:00:00.000Z'))?.toISOString()).toBe('2026-01-06T14:00:00.000Z');
    // US spring forward on 8 March 2026: 09:00 EDT is 13:00 UTC.
    expect(nextRunAfter(daily, at('2026-03-07T14:00:00.000Z'))?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });

  it('a time that does not exist on the spring-forward day runs at the first moment that does', () => {
    const daily = { kind: 'daily', at: '02:30', timeZone: 'Europe/Berlin' } as const;
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(nextRunAfter(daily, at('2026-03-28T12:00:00.000Z'))?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('decides start or skip for each due connection, and how long to sleep', () => {
    const now = at('2026-01-01T12:00:00.000Z');
    const connections = [
      { id: 'due', nextRunAt: '2026-01-01T11:00:00.000Z', lastRun: null },
      { id: 'busy', nextRunAt: '2025-12-01T11:00:00.000Z', lastRun: { at: '2025-11-30T11:00:00.000Z', outcome: 'completed' as const, message: null, scanId: null } },
      { id: 'later', nextRunAt: '2026-01-01T12:00:30.000Z', lastRun: null },
      { id: 'off', nextRunAt: null, lastRun: null },
    ];
    expect(decideScheduledRuns(connections, now, (id) => id === 'busy')).toEqual([
      { connectionId: 'due', action: 'start', seenLastRunAt: null },
      { connectionId: 'busy', action: 'skip', seenLastRunAt: '2025-11-30T11:00:00.000Z' },
    ]);
    expect(delayUntilNextCheck(connections.slice(2), now, 60_000)).toBe(30_000);
    expect(delayUntilNextCheck([], now, 60_000)).toBe(60_000);
    expect(delayUntilNextCheck(connections, now, 60_000)).toBe(1_000);
  });
});
