/**
 * The scheduler over a whole back end, as the long-running shells start it (electron/main, `warden
 * serve`): scans start through the dispatch's `scans:start`, exactly as the button starts them, and
 * the scheduler's writes wait for a running analysis like every other write of the back end.
 */
import type { Backend } from '../backend';
import type { EventSink } from '../events';
import { createScheduler, type Scheduler, type SchedulerTimers } from './scheduler';

export interface BackendSchedulerOptions {
  emit: EventSink;
  onError: (error: unknown) => void;
  clock?: () => Date;
  timers?: SchedulerTimers;
}

const realTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending look must not keep a closing process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createBackendScheduler(backend: Pick<Backend, 'dispatch' | 'workspaces' | 'jobs' | 'analysis'>, options: BackendSchedulerOptions): Scheduler {
  return createScheduler({
    workspaces: backend.workspaces,
    jobs: backend.jobs,
    startScan: async (connectionId) => {
      const answer = await backend.dispatch('scans:start', { target: { connectionId } });
      return answer.ok ? { ok: true, jobId: (answer.value as { jobId: string }).jobId } : { ok: false, message: answer.error.message };
    },
    clock: options.clock ?? ((): Date => new Date()),
    timers: options.timers ?? realTimers,
    emit: options.emit,
    beforeWrite: () => backend.analysis.idle(),
    onError: options.onError,
  });
}

/**
 * "Scan now" from the tray: a scan of every saved connection through `scans:start`, except one already
 * being scanned (never two at once for a connection). Resolves with how many started.
 */
export async function scanAllConnectionsNow(backend: Pick<Backend, 'dispatch' | 'jobs'>): Promise<number> {
  const listed = await backend.dispatch('connections:list', {});
  if (!listed.ok) return 0;
  let started = 0;
  for (const { id } of listed.value as { id: string }[]) {
    if (backend.jobs.runningFor(`connection:${id}`) !== null) continue;
    const answer = await backend.dispatch('scans:start', { target: { connectionId: id } });
    if (answer.ok) started += 1;
  }
  return started;
}
