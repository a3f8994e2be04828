/**
 * `reviews:calendar` and `warden reviews ics` (issue 12): the series per tier at the cadence in force (or
 * one combined monthly meeting) at the next planned meeting's time and zone, parsed back with ical.js
 * (an independent parser): RRULE, DTSTART;TZID, stable UIDs, SEQUENCE bumped only for a series that changed.
 */
import ICAL from 'ical.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { runWarden } from '../../../electron/cli/warden';

let dir: string;
let backend: Backend;
const clock = (): Date => new Date('2026-03-02T09:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  tzid: string;
  freq: string;
  interval: number;
  summary: string;
  description: string;
}

function events(ics: string): ParsedEvent[] {
  const calendar = ICAL.Component.fromString(ics);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur;
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      tzid: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid')),
      freq: String(rrule.freq),
      interval: Number(rrule.interval),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: String(vevent.getFirstPropertyValue('description')),
    };
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-reviews-ics-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
  });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the review calendar', () => {
  it('needs a planned meeting for its time and zone', async () => {
    const envelope = await backend.dispatch('reviews:calendar', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('one series per tier at its cadence, in the meeting’s zone; the same export again changes nothing', async () => {
    await call('reviews:plan', { title: 'Agent review', scheduledFor: '2026-03-16T10:00', timeZone: 'Europe/Berlin', attendees: ['Ana', 'Bo'], tiers: [], accountIds: [] });
    const first = await call('reviews:calendar', { mode: 'per-tier', tier: null });
    const parsed = events(first.text);
    expect(parsed.map((e) => [e.summary, e.freq, e.interval, e.tzid, e.sequence])).toEqual([
      ['Tier 1 agent review', 'MONTHLY', 1, 'Europe/Berlin', 0],
      ['Tier 2 agent review', 'MONTHLY', 3, 'Europe/Berlin', 0],
      ['Tier 3 agent review', 'MONTHLY', 6, 'Europe/Berlin', 0],
    ]);
    expect(parsed[0]?.description).toContain('Attendees: Ana, Bo');
    const again = events((await call('reviews:calendar', { mode: 'per-tier', tier: null })).text);
    expect(again.map((e) => [e.uid, e.sequence])).toEqual(parsed.map((e) => [e.uid, e.sequence]));
  });

  it('a changed cadence bumps the SEQUENCE of that tier’s series only, under the same UID', async () => {
    const before = events((await call('reviews:calendar', { mode: 'per-tier', tier: null })).text);
    await call('settings:update', { reviewCadence: { tier1Days: 14, tier2Days: 90, tier3Days: 182 } });
    const after = events((await call('reviews:calendar', { mode: 'per-tier', tier: null })).text);
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    expect(after.map((e) => [e.freq, e.interval, e.sequence])).toEqual([
      ['WEEKLY', 2, 1],
      ['MONTHLY', 3, 0],
      ['MONTHLY', 6, 0],
    ]);
    const combined = await call('reviews:calendar', { mode: 'combined', tier: null });
    expect(combined.fileName).toBe('agent-reviews.ics');
    expect(events(combined.text).map((e) => [e.summary, e.freq, e.interval])).toEqual([['Agent review', 'MONTHLY', 1]]);
  });

  it('warden reviews ics [--tier N | --combined] prints the file', async () => {
    backend.close();
    let out = '';
    let err = '';
    const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir, USER: 'tester' };
    const run = async (...args: string[]): Promise<number> => {
      out = '';
      err = '';
      return runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
    };
    expect(await run('reviews', 'ics', '--tier', '2'), err).toBe(0);
    expect(out.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(events(out).map((e) => [e.summary, e.interval])).toEqual([['Tier 2 agent review', 3]]);
    expect(await run('reviews', 'ics', '--combined')).toBe(0);
    expect(events(out)).toHaveLength(1);
    expect(await run('reviews', 'ics', '--tier', '2', '--combined')).toBe(2);
    backend = createBackend({ workspacePath: join(dir, 'other.sqlite'), appInfo: { name: 'Agent Warden', version: '0', transport: 'http', nativeDialogs: false, platform: 'linux' }, env, dialogs: null, emit: () => undefined, acceptUploads: false, collectors: [] });
  });
});
