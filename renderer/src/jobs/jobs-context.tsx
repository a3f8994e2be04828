import { createContext, use, useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { Job } from '@shared/contract';
import { useApi } from '../api/api-context';
import { useToast } from '../app/toast-context';
import { useWorkspace } from '../app/workspace-context';
import { jobEndToast, jobsMemory, jobsReducer, restoreJobs, visibleJobs, type JobsState } from './jobs-model';

export interface JobsContextValue {
  state: JobsState;
  /** Jobs to show for these kinds, newest first (running, or finished and not yet dismissed). */
  visible: (kinds: readonly Job['kind'][]) => Job[];
  /** A job this window just started: shown at once, before its first progress event. */
  track: (jobId: string, kind: Job['kind'], title: string) => void;
  dismiss: (jobId: string) => void;
  /** Subscribe to jobs that end (e.g. to reload the scan history). */
  onFinished: (listener: (job: Job) => void) => () => void;
}

const JobsContext = createContext<JobsContextValue | null>(null);

const MEMORY_KEY = 'agent-warden.jobs';

/** This tab's memory of its jobs, or null (none yet, or storage refused: private modes, quotas). */
function readMemory(): string | null {
  try {
    return window.sessionStorage.getItem(MEMORY_KEY);
  } catch {
    return null;
  }
}

function writeMemory(memory: string): void {
  try {
    window.sessionStorage.setItem(MEMORY_KEY, memory);
  } catch {
    // Without storage a reload forgets which outcomes to show: the history still has every scan.
  }
}

/** While something runs, ask for a snapshot now and then: an event lost to a dropped stream is caught up. */
const POLL_MS = 4000;

/**
 * The long jobs of this session, for every screen: seeded from `scans:jobs`, then kept current by
 * `job:progress` and `job:finished`. It lives above the screens, so a scan's progress is still there
 * after navigating away and back.
 */
export function JobsProvider({ children }: { children: ReactNode }): ReactNode {
  const api = useApi();
  const [state, dispatch] = useReducer(jobsReducer, null, () => restoreJobs(readMemory()));
  const listeners = useRef(new Set<(job: Job) => void>());
  const notified = useRef(new Set<string>());
  const lastStatus = useRef(new Map<string, Job['status']>());

  const toast = useToast();
  const notify = useCallback(
    (job: Job) => {
      if (notified.current.has(job.jobId)) return;
      notified.current.add(job.jobId);
      // Said once, in the job's own outcome (never an earlier "Importing…" left to contradict it).
      const ended = jobEndToast(job);
      if (ended !== null) toast(ended.message, ended.tone);
      for (const listener of [...listeners.current]) listener(job);
    },
    [toast],
  );

  // What a reload keeps: the jobs this window follows and the outcomes it put away.
  const memory = jobsMemory(state);
  useEffect(() => writeMemory(memory), [memory]);

  const snapshot = useCallback(() => {
    api.invoke('scans:jobs', {}).then(
      (jobs) => dispatch({ type: 'snapshot', jobs }),
      () => undefined, // The screens show the back end's state; a failed snapshot is retried by the poll.
    );
  }, [api]);

  useEffect(() => {
    // Listen first, then ask: events that cross the snapshot merge either way.
    const offProgress = api.on('job:progress', (event) => dispatch({ type: 'progress', event, now: new Date().toISOString() }));
    const offFinished = api.on('job:finished', (job) => {
      dispatch({ type: 'finished', job });
      notify(job);
    });
    snapshot();
    return () => {
      offProgress();
      offFinished();
    };
  }, [api, snapshot, notify]);

  // A job seen running that a snapshot shows finished (its event was lost): tell the listeners too.
  useEffect(() => {
    for (const job of Object.values(state.jobs)) {
      if (job.status !== 'running' && lastStatus.current.get(job.jobId) === 'running') notify(job);
      lastStatus.current.set(job.jobId, job.status);
    }
  }, [state.jobs, notify]);

  // A different workspace: the outcomes on screen belong to the old one.
  const { workspace } = useWorkspace();
  const workspacePath = workspace.status === 'ready' ? workspace.data.path : null;
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (workspacePath === null) return;
    if (lastPath.current !== null && lastPath.current !== workspacePath) dispatch({ type: 'workspace-changed' });
    lastPath.current = workspacePath;
  }, [workspacePath]);

  const anyRunning = Object.values(state.jobs).some((job) => job.status === 'running');
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(snapshot, POLL_MS);
    return () => clearInterval(timer);
  }, [anyRunning, snapshot]);

  const value = useMemo<JobsContextValue>(
    () => ({
      state,
      visible: (kinds) => visibleJobs(state, kinds),
      track: (jobId, kind, title) => dispatch({ type: 'started', jobId, kind, title, now: new Date().toISOString() }),
      dismiss: (jobId) => dispatch({ type: 'dismiss', jobId }),
      onFinished: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [state],
  );

  return <JobsContext value={value}>{children}</JobsContext>;
}

export function useJobs(): JobsContextValue {
  const value = use(JobsContext);
  if (value === null) throw new Error('useJobs() outside <JobsProvider>.');
  return value;
}
