/**
 * The scheduler of the long-running shells (the desktop app, `warden serve`): looks at the open
 * workspace's connections when it starts, when told something changed (`notify`), and on a timer
 * (until the earliest next run, at most a minute, so a laptop waking from sleep finds its missed run
 * within a minute: timers are late after sleep, the clock is not). A due schedule is claimed in the
 * workspace first (compare-and-set on its last run: two processes on one file cannot both start it),
 * then its scan is started through the same `scans:start` path as the button. Clock and timers are
 * injected, so the tests drive time by hand.
 */
import type { EventName } from '@shared/contract';
import { claimScheduledRun, listConnections, recordScheduledRunEnd } from '../db/repositories/connections';
import type { WorkspaceManager } from '../db/workspace-manager';
import type { EventSink } from '../events';
import type { JobManager } from '../jobs/job-manager';
import { decideScheduledRuns, delayUntilNextCheck, SKIPPED_ALREADY_RUNNING } from './schedule-decision';

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type StartScan = (connectionId: string) => Promise<{ ok: true; jobId: string } | { ok: false; message: string }>;

export interface SchedulerDeps {
  workspaces: Pick<WorkspaceManager, 'current'>;
  jobs: Pick<JobManager, 'runningFor' | 'wait' | 'cancel'>;
  /** Starts a scan the way `scans:start` does (the shells pass the dispatch). */
  startScan: StartScan;
  clock: () => Date;
  timers: SchedulerTimers;
  emit: EventSink;
  /** Resolves when no analysis holds the workspace's write lock (the back end's writes wait for it). */
  beforeWrite: () => Promise<void>;
  onError: (error: unknown) => void;
  /** The longest sleep between looks (default one minute). */
  maxSleepMs?: number;
}

export interface Scheduler {
  /** Looks at once, then keeps looking until `stop`. */
  start(): void;
  stop(): void;
  /** Looks now (tests, a wake from sleep); resolves when the due runs are claimed and started. */
  check(): Promise<void>;
  /** Every back-end event passes here: a connection or workspace change is looked at at once. */
  notify(event: EventName): void;
}

const DEFAULT_MAX_SLEEP_MS = 60_000;

interface InFlight {
  readonly workspacePath: string;
  readonly jobId: string;
  readonly startedAt: string;
}

export const STOPPED_MID_RUN = 'Agent Warden was closed during this scheduled scan; it runs again at the next slot.';

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const maxSleep = deps.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  // Scheduled scans this process started and that are still running, by connection.
  const inFlight = new Map<string, InFlight>();
  let timer: unknown = null;
  let running = false;
  let checking: Promise<void> | null = null;
  let again = false;

  const arm = (delay: number): void => {
    if (!running) return;
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => {
      timer = null;
      void check();
    }, delay);
  };

  const finish = async (workspacePath: string, connectionId: string, startedAt: string, jobId: string): Promise<void> => {
    const job = await deps.jobs.wait(jobId);
    // Stopped meanwhile (quit): stop() recorded the run, and the workspace may be closed by now.
    if (!inFlight.has(connectionId)) return;
    inFlight.delete(connectionId);
    await deps.beforeWrite();
    const workspace = deps.workspaces.current();
    // Another workspace was opened meanwhile: the run's own file is closed, and its scan (if any) is in it.
    if (workspace.path !== workspacePath) return;
    recordScheduledRunEnd(workspace.write, connectionId, startedAt, {
      outcome: job.status === 'running' ? 'failed' : job.status,
      message: job.message,
      scanId: job.scanIds[0] ?? null,
    });
    deps.emit('connections:changed', { id: connectionId });
  };

  const lookOnce = async (): Promise<void> => {
    const workspace = deps.workspaces.current();
    const connections = listConnections(workspace.read);
    // A schedule turned off or a connection removed cancels the scheduled scan still running for it.
    for (const [connectionId, flight] of inFlight) {
      if (flight.workspacePath !== workspace.path) continue;
      const connection = connections.find((c) => c.id === connectionId);
      if (connection === undefined || connection.schedule.kind === 'off') deps.jobs.cancel(flight.jobId);
    }
    const now = deps.clock();
    const decisions = decideScheduledRuns(connections, now, (id) => deps.jobs.runningFor(`connection:${id}`) !== null);
    for (const decision of decisions) {
      await deps.beforeWrite();
      const at = deps.clock();
      const skip = decision.action === 'skip';
      const claimed = claimScheduledRun(workspace.write, decision.connectionId, decision.seenLastRunAt, at, skip ? 'skipped' : 'running', skip ? SKIPPED_ALREADY_RUNNING : null);
      if (!claimed) continue; // another process (or a change of schedule) got there first
      deps.emit('connections:changed', { id: decision.connectionId });
      if (skip) continue;
      const started = await deps.startScan(decision.connectionId);
      if (!started.ok) {
        // Recorded as the run's outcome; the next slot counts from this attempt, so no retry loop.
        recordScheduledRunEnd(workspace.write, decision.connectionId, at.toISOString(), { outcome: 'failed', message: started.message, scanId: null });
        deps.emit('connections:changed', { id: decision.connectionId });
        continue;
      }
      inFlight.set(decision.connectionId, { workspacePath: workspace.path, jobId: started.jobId, startedAt: at.toISOString() });
      finish(workspace.path, decision.connectionId, at.toISOString(), started.jobId).catch(deps.onError);
    }
    arm(delayUntilNextCheck(listConnections(workspace.read), deps.clock(), maxSleep));
  };

  // One look at a time; a request during a look runs one more look after it.
  const check = (): Promise<void> => {
    if (checking !== null) {
      again = true;
      return checking;
    }
    checking = (async () => {
      do {
        again = false;
        try {
          await lookOnce();
        } catch (error) {
          // A damaged or unreadable workspace: said once per look, looked at again later.
          deps.onError(error);
          arm(maxSleep);
        }
      } while (again);
    })().finally(() => {
      checking = null;
    });
    return checking;
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      void check();
    },
    stop: () => {
      running = false;
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
      // Quitting cancels the running jobs and closes the workspace right after: say so now, while the
      // file is open, instead of leaving the run "Running" for ever.
      try {
        const workspace = deps.workspaces.current();
        for (const [connectionId, flight] of inFlight) {
          if (flight.workspacePath !== workspace.path) continue;
          recordScheduledRunEnd(workspace.write, connectionId, flight.startedAt, { outcome: 'cancelled', message: STOPPED_MID_RUN, scanId: null });
        }
      } catch (error) {
        deps.onError(error);
      }
      inFlight.clear();
    },
    check,
    notify: (event) => {
      if (running && (event === 'connections:changed' || event === 'workspace:changed')) void check();
    },
  };
}
