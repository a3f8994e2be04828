import { describe, expect, it } from 'vitest';
import { describeLastRun, describeSchedule, formatUntil, parseScheduleForm, sameSchedule, scheduleFormValues, timeZoneChoices } from './schedule-model';

describe('schedule form', () => {
  it('reads a schedule into the fields and back', () => {
    for (const schedule of [{ kind: 'off' }, { kind: 'every', hours: 6 }, { kind: 'daily', at: '07:45', timeZone: 'Asia/Tokyo' }] as const) {
      const parsed = parseScheduleForm(scheduleFormValues(schedule, 'Europe/Berlin'));
      expect(parsed).toEqual({ ok: true, schedule });
    }
    expect(scheduleFormValues({ kind: 'off' }, 'Europe/Berlin')).toEqual({ kind: 'off', hours: '24', at: '09:00', timeZone: 'Europe/Berlin' });
  });

  it('says which field is wrong and how to fix it', () => {
    const base = { kind: 'every', hours: '6', at: '09:00', timeZone: 'UTC' } as const;
    for (const hours of ['0', '169', '1.5', '', 'six', '-2']) {
      expect(parseScheduleForm({ ...base, hours })).toMatchObject({ ok: false, field: 'hours', message: expect.stringContaining('1 to 168') as unknown });
    }
    expect(parseScheduleForm({ ...base, kind: 'daily', at: '25:00' })).toMatchObject({ ok: false, field: 'at' });
    expect(parseScheduleForm({ ...base, kind: 'daily', timeZone: 'Nowhere/Town' })).toMatchObject({ ok: false, field: 'timeZone' });
  });

  it('describes schedules and outcomes in words', () => {
    expect(describeSchedule({ kind: 'off' })).toBe('Off');
    expect(describeSchedule({ kind: 'every', hours: 1 })).toBe('Every hour');
    expect(describeSchedule({ kind: 'every', hours: 12 })).toBe('Every 12 hours');
    expect(describeSchedule({ kind: 'daily', at: '09:00', timeZone: 'Europe/Berlin' })).toBe('Daily at 09:00 (Europe/Berlin)');
    expect(describeLastRun({ at: '', outcome: 'failed', message: 'x', scanId: null })).toEqual({ label: 'Failed', tone: 'failed' });
    expect(sameSchedule({ kind: 'every', hours: 2 }, { kind: 'every', hours: 2 })).toBe(true);
    expect(sameSchedule({ kind: 'every', hours: 2 }, { kind: 'every', hours: 3 })).toBe(false);
  });

  it('offers the runtime zones, keeping a stored one it does not list', () => {
    expect(timeZoneChoices('UTC')).toContain('Europe/Berlin');
    expect(timeZoneChoices('Etc/Odd')[0]).toBe('Etc/Odd');
  });
});

describe('formatUntil', () => {
  it('says how long until the next run, or that it is due', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(formatUntil('2025-12-31T00:00:00.000Z', now)).toBe('due now');
    expect(formatUntil('2026-01-01T00:10:00.000Z', now)).toBe('in 10 minutes');
    expect(formatUntil('2026-01-01T06:00:00.000Z', now)).toBe('in 6 hours');
    expect(formatUntil('2026-01-04T00:00:00.000Z', now)).toBe('in 3 days');
  });
});
