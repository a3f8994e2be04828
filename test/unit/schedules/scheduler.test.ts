import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionSchedule, EventName } from '@shared/contract';
import type { Workspace } from '@core/db/open-workspace';
import { deleteConnection, findConnection, insertConnection, setConnectionSchedule } from '@core/db/repositories/connections';
import { JobManager, type JobResult } from '@core/jobs/job-manager';
import { SKIPPED_ALREADY_RUNNING } from '@core/schedules/schedule-decision';
import { createScheduler, STOPPED_MID_RUN, type Scheduler, type StartScan } from '@core/schedules/scheduler';
import { makeTempDir, removeTempDirs } from '../db/helpers/temp-dir';
import { openTestWorkspace } from '../db/helpers/workspace-fixtures';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-02T08:00:00.000Z');

/** A scan the test ends by hand. */
interface PendingScan {
  connectionId: string;
  jobId: string;
  end(result: Partial<JobResult>): Promise<void>;
}

describe('scheduler (fake clock)', () => {
  let workspace: Workspace;
  let now: Date;
  let jobs: JobManager;
  let scans: PendingScan[];
  let startScan: StartScan;
  let timers: { delays: number[]; setTimeout: (cb: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void };
  let events: EventName[];
  let errors: unknown[];
  let scheduler: Scheduler;
  let connectionId: string;

  const clock = (): Date => now;
  const advance = (ms: number): void => {
    now = new Date(now.getTime() + ms);
  };

  const makeScheduler = (): Scheduler =>
    createScheduler({
      workspaces: { current: () => workspace },
      jobs,
      startScan: (id) => startScan(id),
      clock,
      timers,
      emit: (event) => events.push(event),
      beforeWrite: () => Promise.resolve(),
      onError: (error) => errors.push(error),
    });

  const schedule = (id: string, value: ConnectionSchedule): void => {
    setConnectionSchedule(workspace.write, id, value, now);
  };
  const connection = (id = connectionId) => {
    const found = findConnection(workspace.read, id);
    if (found === null) throw new Error('gone');
    return found;
  };

  beforeEach(() => {
    workspace = openTestWorkspace(join(makeTempDir(), 'w.sqlite'));
    now = T0;
    jobs = new JobManager(() => undefined, clock);
    scans = [];
    events = [];
    errors = [];
    timers = { delays: [], setTimeout: (_cb, ms) => timers.delays.push(ms), clearTimeout: () => undefined };
    // A scan job the test finishes by hand, started through the job manager with the connection as its subject.
    startScan = vi.fn((id: string) => {
      let resolve: (r: JobResult) => void = () => undefined;
      const result = new Promise<JobResult>((r) => (resolve = r));
      const job = jobs.start(
        'scan',
        `Scan ${id}`,
        (handle) => {
          // As a live scan does: Cancel ends it as cancelled.
          handle.signal.addEventListener('abort', () => resolve({ status: 'cancelled', message: 'Cancelled.', outputs: [] }));
          return result;
        },
        `connection:${id}`,
      );
      scans.push({
        connectionId: id,
        jobId: job.jobId,
        end: async (r) => {
          resolve({ status: 'completed', message: null, outputs: [], ...r });
          await jobs.wait(job.jobId);
          // Let the scheduler record the end.
          await new Promise((done) => setTimeout(done, 0));
        },
      });
      return Promise.resolve({ ok: true as const, jobId: job.jobId });
    });
    connectionId = insertConnection(workspace.write, { name: 'Prod', profile: 'prod', roleArn: null, externalId: null, regions: [] }, T0).id;
    scheduler = makeScheduler();
  });

  afterEach(() => {
    scheduler.stop();
    jobs.abortAll();
    workspace.close();
    removeTempDirs();
  });

  it('starts a scan when an every-N-hours schedule is due, records the outcome, and counts the next run from it', async () => {
    schedule(connectionId, { kind: 'every', hours: 6 });
    expect(connection().nextRunAt).toBe(new Date(T0.getTime() + 6 * HOUR).toISOString());
    advance(5 * HOUR);
    await scheduler.check();
    expect(startScan).not.toHaveBeenCalled();
    advance(HOUR);
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
    expect(connection().lastRun).toEqual({ at: now.toISOString(), outcome: 'running', message: null, scanId: null });
    expect(events).toContain('connections:changed');
    await scans[0]?.end({ outputs: [{ kind: 'scan', id: 'scan-1' }] });
    expect(connection().lastRun).toMatchObject({ outcome: 'completed', scanId: 'scan-1' });
    expect(connection().nextRunAt).toBe(new Date(now.getTime() + 6 * HOUR).toISOString());
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('a run missed while the laptop slept (or the app was closed) runs once on waking, not once per missed slot', async () => {
    schedule(connectionId, { kind: 'every', hours: 1 });
    advance(10 * HOUR + 17 * 60_000); // ten slots missed
    await scheduler.check();
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
    await scans[0]?.end({});
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
    expect(connection().nextRunAt).toBe(new Date(now.getTime() + HOUR).toISOString());
    advance(HOUR);
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(2);
  });

  it('a new scheduler (the app started again) runs an overdue daily schedule once', async () => {
    schedule(connectionId, { kind: 'daily', at: '09:00', timeZone: 'UTC' });
    advance(3 * 24 * HOUR); // closed for three days
    const fresh = makeScheduler();
    fresh.start();
    await fresh.check();
    expect(startScan).toHaveBeenCalledTimes(1);
    fresh.stop();
  });

  it('never two scans at once for one connection: a scan already running skips the run and says so', async () => {
    schedule(connectionId, { kind: 'every', hours: 2 });
    // Started by hand through scans:start (subject connection:<id>).
    let endManual: (r: JobResult) => void = () => undefined;
    const manual = jobs.start('scan', 'Scan Prod', () => new Promise<JobResult>((r) => (endManual = r)), `connection:${connectionId}`);
    advance(2 * HOUR);
    await scheduler.check();
    expect(startScan).not.toHaveBeenCalled();
    expect(connection().lastRun).toEqual({ at: now.toISOString(), outcome: 'skipped', message: SKIPPED_ALREADY_RUNNING, scanId: null });
    // The skip counts as the run: the next is a full interval later, not a retry every minute.
    advance(60_000);
    await scheduler.check();
    expect(startScan).not.toHaveBeenCalled();
    endManual({ status: 'completed', message: null, outputs: [] });
    await jobs.wait(manual.jobId);
    advance(2 * HOUR);
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('two schedulers on one workspace (two processes) start a due run once', async () => {
    schedule(connectionId, { kind: 'every', hours: 1 });
    advance(HOUR);
    const other = makeScheduler();
    // Each decided on the same stored row; the claim lets only the first through.
    await Promise.all([scheduler.check(), other.check()]);
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('turning the schedule off cancels the scheduled scan still running and starts no more', async () => {
    schedule(connectionId, { kind: 'every', hours: 1 });
    scheduler.start();
    advance(HOUR);
    await scheduler.check();
    const scan = scans[0];
    expect(scan).toBeDefined();
    schedule(connectionId, { kind: 'off' });
    scheduler.notify('connections:changed');
    await scheduler.check();
    const job = await jobs.wait(scan?.jobId ?? '');
    expect(job.status).toBe('cancelled');
    await new Promise((done) => setTimeout(done, 0));
    expect(connection().lastRun).toMatchObject({ outcome: 'cancelled' });
    expect(connection().nextRunAt).toBeNull();
    advance(10 * HOUR);
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('removing the connection cancels its scheduled scan', async () => {
    const cancel = vi.spyOn(jobs, 'cancel');
    schedule(connectionId, { kind: 'every', hours: 1 });
    advance(HOUR);
    await scheduler.check();
    deleteConnection(workspace.write, connectionId);
    await scheduler.check();
    expect(cancel).toHaveBeenCalledWith(scans[0]?.jobId);
    expect((await jobs.wait(scans[0]?.jobId ?? '')).status).toBe('cancelled');
    await new Promise((done) => setTimeout(done, 0));
    expect(errors).toEqual([]);
  });

  it('a failed scheduled scan is recorded with its message and is not retried until the next slot', async () => {
    schedule(connectionId, { kind: 'every', hours: 4 });
    advance(4 * HOUR);
    await scheduler.check();
    await scans[0]?.end({ status: 'failed', message: 'The SSO session has expired: run aws sso login --profile prod.' });
    expect(connection().lastRun).toMatchObject({ outcome: 'failed', message: 'The SSO session has expired: run aws sso login --profile prod.' });
    for (let i = 0; i < 5; i += 1) {
      advance(30 * 60_000);
      await scheduler.check();
    }
    expect(startScan).toHaveBeenCalledTimes(1);
    advance(2 * HOUR);
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(2);
  });

  it('a scan that cannot even start (scans:start refused) is recorded as failed', async () => {
    startScan = vi.fn(() => Promise.resolve({ ok: false as const, message: 'That connection no longer exists.' }));
    schedule(connectionId, { kind: 'every', hours: 1 });
    advance(HOUR);
    await scheduler.check();
    expect(connection().lastRun).toMatchObject({ outcome: 'failed', message: 'That connection no longer exists.' });
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('sleeps until the earliest next run, at most a minute, and looks again when a connection changes', async () => {
    schedule(connectionId, { kind: 'every', hours: 1 });
    scheduler.start();
    await scheduler.check();
    expect(timers.delays.at(-1)).toBe(60_000);
    advance(HOUR - 5_000);
    await scheduler.check();
    expect(timers.delays.at(-1)).toBe(5_000);
    advance(5_000);
    scheduler.notify('connections:changed');
    await scheduler.check();
    expect(startScan).toHaveBeenCalledTimes(1);
  });

  it('daily at 09:00 Europe/Berlin stays at 09:00 local across the spring and autumn changes', async () => {
    now = new Date('2026-03-27T12:00:00.000Z');
    schedule(connectionId, { kind: 'daily', at: '09:00', timeZone: 'Europe/Berlin' });
    const runs: string[] = [];
    for (let day = 0; day < 3; day += 1) {
      const next = connection().nextRunAt ?? '';
      runs.push(next);
      now = new Date(Date.parse(next) - 60_000);
      await scheduler.check();
      expect(startScan).toHaveBeenCalledTimes(day);
      now = new Date(next);
      await scheduler.check();
      expect(startScan).toHaveBeenCalledTimes(day + 1);
      await scans[day]?.end({});
    }
    // CET (UTC+1) on the 28th, CEST (UTC+2) from the 29th.
    expect(runs).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    now = new Date('2026-10-24T12:00:00.000Z');
    schedule(connectionId, { kind: 'daily', at: '09:00', timeZone: 'Europe/Berlin' });
    expect(connection().nextRunAt).toBe('2026-10-25T08:00:00.000Z'); // back to CET on the 25th
  });

  it('quitting mid-run records the run as cancelled instead of leaving it running', async () => {
    schedule(connectionId, { kind: 'every', hours: 1 });
    scheduler.start();
    advance(HOUR);
    await scheduler.check();
    expect(connection().lastRun?.outcome).toBe('running');
    scheduler.stop();
    expect(connection().lastRun).toMatchObject({ outcome: 'cancelled', message: STOPPED_MID_RUN });
    // The job's own end (cancelled by the quit) records nothing more.
    jobs.abortAll();
    await jobs.wait(scans[0]?.jobId ?? '');
    await new Promise((done) => setTimeout(done, 0));
    expect(connection().lastRun).toMatchObject({ outcome: 'cancelled', message: STOPPED_MID_RUN });
    expect(errors).toEqual([]);
  });
});
