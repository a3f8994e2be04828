/**
 * The UI's picture of the back end's long jobs (scans, imports), kept from three sources that may
 * arrive in any order: a `scans:jobs` snapshot, `job:progress` events (one step's latest state) and
 * `job:finished` events (the whole job). Every merge is monotonic, so an old snapshot never moves a
 * job or a step backwards, and replaying an event changes nothing.
 */
import type { EventPayload, Job, JobStep } from '@shared/contract';

export type JobStatus = Job['status'];
export type StepStatus = JobStep['status'];

export const TERMINAL_STEP_STATUSES: readonly StepStatus[] = ['ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled'];

export function isTerminalStep(status: StepStatus): boolean {
  return TERMINAL_STEP_STATUSES.includes(status);
}

function stepRank(status: StepStatus): number {
  return status === 'pending' ? 0 : status === 'running' ? 1 : 2;
}

/** The later of two states of one step: a finished step never goes back to running, counts never shrink. */
export function mergeStep(a: JobStep, b: JobStep): JobStep {
  const rankA = stepRank(a.status);
  const rankB = stepRank(b.status);
  if (rankA !== rankB) return rankA > rankB ? a : b;
  if (a.done !== b.done) return a.done > b.done ? a : b;
  if (a.calls !== b.calls) return a.calls > b.calls ? a : b;
  return b;
}

function mergeSteps(current: readonly JobStep[], incoming: readonly JobStep[]): JobStep[] {
  const merged = current.map((step) => {
    const other = incoming.find((candidate) => candidate.step === step.step);
    return other === undefined ? step : mergeStep(step, other);
  });
  for (const step of incoming) if (!current.some((candidate) => candidate.step === step.step)) merged.push(step);
  return merged;
}

/** Two views of one job: a finished one wins over a running one; steps merge one by one. */
export function mergeJob(current: Job, incoming: Job): Job {
  if (current.status !== 'running' && incoming.status === 'running') return { ...current, steps: mergeSteps(current.steps, incoming.steps) };
  if (incoming.status !== 'running' && current.status === 'running') return { ...incoming, steps: mergeSteps(incoming.steps, current.steps) };
  return { ...incoming, steps: mergeSteps(current.steps, incoming.steps) };
}

const KIND_TITLES: Record<Job['kind'], string> = { scan: 'Scan', import: 'Import offline files', demo: 'Demo company', report: 'Report' };

export interface JobsState {
  jobs: Readonly<Record<string, Job>>;
  /** Jobs this window has seen running: their outcome stays on screen until dismissed. */
  watched: readonly string[];
  dismissed: readonly string[];
  /** The job this window started last: its panel brings itself into view when it appears. */
  lastStarted: string | null;
}

export const EMPTY_JOBS: JobsState = { jobs: {}, watched: [], dismissed: [], lastStarted: null };

export type JobsAction =
  | { type: 'snapshot'; jobs: readonly Job[] }
  | { type: 'progress'; event: EventPayload<'job:progress'>; now: string }
  | { type: 'finished'; job: Job }
  | { type: 'started'; jobId: string; kind: Job['kind']; title: string; now: string }
  | { type: 'dismiss'; jobId: string }
  /** Another workspace is open: outcomes of finished jobs (links to scans of the old one) are put away. */
  | { type: 'workspace-changed' };

function watch(watched: readonly string[], jobId: string): readonly string[] {
  return watched.includes(jobId) ? watched : [...watched, jobId];
}

/**
 * A new job of a kind puts away the finished outcomes of that kind, so panels never pile up: the
 * newest outcome stays until the next job of its kind starts or it is dismissed.
 */
function putAwayFinished(state: JobsState, kind: Job['kind'], except: string): readonly string[] {
  const finished = Object.values(state.jobs)
    .filter((job) => job.kind === kind && job.jobId !== except && job.status !== 'running' && !state.dismissed.includes(job.jobId))
    .map((job) => job.jobId);
  return finished.length === 0 ? state.dismissed : [...state.dismissed, ...finished];
}

function placeholder(jobId: string, kind: Job['kind'], title: string, now: string): Job {
  return { jobId, kind, title, status: 'running', startedAt: now, finishedAt: null, steps: [], scanIds: [], message: null };
}

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'snapshot': {
      const jobs = { ...state.jobs };
      let watched = state.watched;
      for (const job of action.jobs) {
        const known = jobs[job.jobId];
        jobs[job.jobId] = known === undefined ? job : mergeJob(known, job);
        if (job.status === 'running') watched = watch(watched, job.jobId);
      }
      return { ...state, jobs, watched };
    }
    case 'progress': {
      const { jobId, kind, ...step } = action.event;
      const fresh = state.jobs[jobId] === undefined;
      const known = state.jobs[jobId] ?? placeholder(jobId, kind, KIND_TITLES[kind], action.now);
      const job: Job = { ...known, steps: mergeSteps(known.steps, [step]) };
      return {
        ...state,
        jobs: { ...state.jobs, [jobId]: job },
        watched: known.status === 'running' ? watch(state.watched, jobId) : state.watched,
        dismissed: fresh ? putAwayFinished(state, kind, jobId) : state.dismissed,
      };
    }
    case 'finished': {
      const known = state.jobs[action.job.jobId];
      const job = known === undefined ? action.job : mergeJob(known, action.job);
      return { ...state, jobs: { ...state.jobs, [job.jobId]: job } };
    }
    case 'started': {
      const known = state.jobs[action.jobId];
      const job = known === undefined ? placeholder(action.jobId, action.kind, action.title, action.now) : { ...known, title: action.title };
      return {
        ...state,
        jobs: { ...state.jobs, [action.jobId]: job },
        watched: watch(state.watched, action.jobId),
        dismissed: putAwayFinished(state, action.kind, action.jobId),
        lastStarted: action.jobId,
      };
    }
    case 'dismiss':
      return state.dismissed.includes(action.jobId) ? state : { ...state, dismissed: [...state.dismissed, action.jobId] };
    case 'workspace-changed': {
      const finished = Object.values(state.jobs)
        .filter((job) => job.status !== 'running' && !state.dismissed.includes(job.jobId))
        .map((job) => job.jobId);
      return finished.length === 0 ? state : { ...state, dismissed: [...state.dismissed, ...finished] };
    }
  }
}

/** How many watched and dismissed job IDs a tab keeps across a reload (the newest). */
const KEPT_IDS = 100;
const JOB_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * What of the state a reload keeps (in the tab's sessionStorage): which jobs this window saw run and
 * which outcomes it dismissed. So a scan that ends while the page reloads still shows its outcome
 * afterwards, instead of vanishing from the screen that was following it.
 */
export function jobsMemory(state: JobsState): string {
  return JSON.stringify({ watched: state.watched.slice(-KEPT_IDS), dismissed: state.dismissed.slice(-KEPT_IDS) });
}

/** The state a reload starts from: what `jobsMemory` kept, checked (it is only this tab's, but read as untrusted text). */
export function restoreJobs(saved: string | null): JobsState {
  if (saved === null) return EMPTY_JOBS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(saved);
  } catch {
    return EMPTY_JOBS;
  }
  const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && JOB_ID.test(id)).slice(-KEPT_IDS) : []);
  if (typeof parsed !== 'object' || parsed === null) return EMPTY_JOBS;
  const record = parsed as Record<string, unknown>;
  return { ...EMPTY_JOBS, watched: ids(record['watched']), dismissed: ids(record['dismissed']) };
}

/** The jobs to show, newest first: running ones, and finished ones this window saw run and has not dismissed. */
export function visibleJobs(state: JobsState, kinds: readonly Job['kind'][]): Job[] {
  return Object.values(state.jobs)
    .filter((job) => kinds.includes(job.kind))
    .filter((job) => !state.dismissed.includes(job.jobId))
    .filter((job) => job.status === 'running' || state.watched.includes(job.jobId))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/**
 * How far a job has come, 0..1: finished steps count whole, running ones by their done/total. A job
 * that was cancelled or failed keeps the share it really did (its cancelled steps count for nothing),
 * so its bar never looks complete.
 */
export function jobProgress(job: Job): number {
  if (job.status === 'completed') return 1;
  if (job.steps.length === 0) return 0;
  let sum = 0;
  for (const step of job.steps) {
    if (step.status === 'cancelled') continue;
    if (isTerminalStep(step.status)) sum += 1;
    else if (step.total > 0) sum += Math.min(1, step.done / step.total);
  }
  return sum / job.steps.length;
}

/** Steps per final status, e.g. { ok: 12, denied: 1 }, in the order the UI lists them. */
export function countSteps(steps: readonly JobStep[]): Partial<Record<StepStatus, number>> {
  const counts: Partial<Record<StepStatus, number>> = {};
  for (const step of steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
  return counts;
}

/** What each kind of job is called in a sentence. */
export const JOB_NOUNS: Record<Job['kind'], string> = { scan: 'scan', import: 'import', demo: 'demo company', report: 'report' };

export interface JobToast {
  message: string;
  tone: 'success' | 'danger' | 'info';
}

/**
 * The toast for a job that ended, in the same words and tone as its outcome panel: a failed job is
 * never announced as a success, nor a finished one as still running. The demo company announces
 * itself (it opens a workspace), and a printed report is said by the screen that asked for it (the
 * file is its answer), so they have none here.
 */
export function jobEndToast(job: Job): JobToast | null {
  if (job.status === 'running' || job.kind === 'demo' || job.kind === 'report') return null;
  const noun = JOB_NOUNS[job.kind];
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const said = job.message !== null && job.message !== '' ? ` ${job.message}` : '';
  if (job.status === 'failed') return { message: `The ${noun} failed.${said}`, tone: 'danger' };
  if (job.status === 'cancelled') return { message: `${Noun} cancelled; nothing was written.`, tone: 'info' };
  return { message: `${Noun} finished.${said}`, tone: 'success' };
}
