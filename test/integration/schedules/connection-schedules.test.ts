/**
 * connections:setSchedule through the real dispatch (contract parsing, audit, event), and the back
 * end's scheduler starting a due scan through scans:start: here the profile does not exist, so the
 * scan fails at its connection test and the failure is the run's recorded outcome.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { createBackendScheduler, scanAllConnectionsNow } from '@core/schedules/backend-scheduler';

const HOUR = 3_600_000;
let dir: string;
let backend: Backend;
let now: Date;
let events: EventName[];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-schedules-'));
  now = new Date('2026-06-01T10:00:00.000Z');
  events = [];
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    // No AWS config at all: the scan's connection test fails with advice.
    env: { USER: 'tester', HOME: dir, AWS_CONFIG_FILE: join(dir, 'none-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none-credentials') },
    clock: () => now,
    dialogs: null,
    emit: (event) => events.push(event),
    acceptUploads: false,
    collectors: [],
  });
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('connection schedules', () => {
  it('sets, shows, audits and refuses schedules through the contract', async () => {
    const created = await call('connections:create', { name: 'Prod', profile: 'prod' });
    expect(created).toMatchObject({ schedule: { kind: 'off' }, lastRun: null, nextRunAt: null });
    events.length = 0;
    const daily = await call('connections:setSchedule', { id: created.id, schedule: { kind: 'daily', at: '09:30', timeZone: 'Europe/Berlin' } });
    expect(daily.schedule).toEqual({ kind: 'daily', at: '09:30', timeZone: 'Europe/Berlin' });
    expect(daily.nextRunAt).toBe('2026-06-02T07:30:00.000Z'); // 09:30 CEST
    expect(events).toEqual(['connections:changed']);
    const listed = await call('connections:list', {});
    expect(listed[0]?.nextRunAt).toBe('2026-06-02T07:30:00.000Z');

    const audit = await call('audit:list', {});
    const entry = audit.find((e) => e.action === 'connection.schedule');
    expect(entry).toMatchObject({ actor: 'tester', target: `connection:${created.id}`, targetName: 'Prod', details: { before: { kind: 'off' }, after: { kind: 'daily', at: '09:30', timeZone: 'Europe/Berlin' } } });
    expect((await call('audit:verify', {})).ok).toBe(true);

    for (const schedule of [
      { kind: 'every', hours: 0 },
      { kind: 'every', hours: 169 },
      { kind: 'every', hours: 1.5 },
      { kind: 'daily', at: '24:00', timeZone: 'UTC' },
      { kind: 'daily', at: '9:00', timeZone: 'UTC' },
      { kind: 'daily', at: '09:00', timeZone: 'Mars/Olympus' },
      { kind: 'weekly' },
    ]) {
      const refused = await backend.dispatch('connections:setSchedule', { id: created.id, schedule });
      expect(refused.ok ? 'accepted' : refused.error.code, JSON.stringify(schedule)).toBe('invalid_input');
    }
    const missing = await backend.dispatch('connections:setSchedule', { id: 'nope', schedule: { kind: 'off' } });
    expect(missing.ok ? 'accepted' : missing.error.code).toBe('not_found');
  });

  it('the back end scheduler starts a due scan through scans:start and records its failure once', async () => {
    const created = await call('connections:create', { name: 'Prod', profile: 'missing-profile' });
    await call('connections:setSchedule', { id: created.id, schedule: { kind: 'every', hours: 2 } });
    const scheduler = createBackendScheduler(backend, {
      emit: () => undefined,
      onError: (error) => {
        throw error;
      },
      clock: () => now,
      timers: { setTimeout: () => null, clearTimeout: () => undefined },
    });
    now = new Date(now.getTime() + 2 * HOUR);
    await scheduler.check();
    const jobs = await call('scans:jobs', {});
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.title).toBe('Scan Prod');
    await backend.jobs.wait(jobs[0]?.jobId ?? '');
    // Let the scheduler record the end.
    await new Promise((done) => setTimeout(done, 50));
    const [connection] = await call('connections:list', {});
    expect(connection?.lastRun).toMatchObject({ at: now.toISOString(), outcome: 'failed', scanId: null });
    expect(connection?.lastRun?.message).toMatch(/profile|credentials/i);
    expect(connection?.nextRunAt).toBe(new Date(now.getTime() + 2 * HOUR).toISOString());
    now = new Date(now.getTime() + HOUR);
    await scheduler.check();
    expect(await call('scans:jobs', {})).toHaveLength(1);
  });

  it('"Scan now" (the tray) scans every saved connection through scans:start, except one already being scanned', async () => {
    const a = await call('connections:create', { name: 'A', profile: 'missing-a' });
    await call('connections:create', { name: 'B', profile: 'missing-b' });
    let release: () => void = () => undefined;
    const busy = backend.jobs.start('scan', 'Scan A (by hand)', () => new Promise((resolve) => (release = () => resolve({ status: 'completed', message: null, outputs: [] }))), `connection:${a.id}`);
    expect(await scanAllConnectionsNow(backend)).toBe(1);
    const titles = (await call('scans:jobs', {})).map((job) => job.title).sort();
    expect(titles).toEqual(['Scan A (by hand)', 'Scan B']);
    release();
    await backend.jobs.wait(busy.jobId);
    for (const job of await call('scans:jobs', {})) await backend.jobs.wait(job.jobId);
  });
});
