/**
 * Long jobs of this session (scans, imports; reports later): an ID, a cancel switch, one progress row
 * per step, and events for the UI. Jobs live in memory; what a job produces is written to the workspace
 * only when it ends, in one transaction, so a crash or Cancel never leaves a half-written scan.
 */
import { randomUUID } from 'node:crypto';
import type { Job, JobStep } from '@shared/contract';
import type { EventSink } from '../events';

/** One thing a job produced: a stored scan, a written file (reports), … */
export type JobOutput = { kind: 'scan'; id: string } | { kind: 'file'; path: string };

export interface JobResult {
  status: 'completed' | 'failed' | 'cancelled';
  message: string | null;
  outputs: JobOutput[];
}

/** The scans among a job's outputs, in order (what the contract's `Job.scanIds` carries). */
export function scanIdsOf(outputs: readonly JobOutput[]): string[] {
  return outputs.flatMap((output) => (output.kind === 'scan' ? [output.id] : []));
}

export interface JobHandle {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Adds or updates a progress row (by `step`) and tells the UI. */
  step(update: Partial<JobStep> & { step: string; label: string }): void;
}

const MAX_FINISHED_KEPT = 20;

export class JobManager {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController; done: Promise<void>; subject: string | null }>();

  constructor(
    private readonly emit: EventSink,
    private readonly clock: () => Date,
  ) {}

  /**
   * Starts `run` in the background and returns at once. `run` must not throw (failures are results).
   * `subject` names what the job works on (`connection:<id>`), so the scheduler can tell a scan of that
   * connection is already running (`runningFor`).
   */
  start(kind: Job['kind'], title: string, run: (handle: JobHandle) => Promise<JobResult>, subject: string | null = null): Job {
    const jobId = randomUUID();
    const controller = new AbortController();
    const job: Job = {
      jobId,
      kind,
      title,
      status: 'running',
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      steps: [],
      scanIds: [],
      message: null,
    };
    const handle: JobHandle = {
      jobId,
      signal: controller.signal,
      step: (update) => {
        const index = job.steps.findIndex((s) => s.step === update.step);
        const previous: JobStep =
          index >= 0
            ? (job.steps[index] as JobStep)
            : { step: update.step, label: update.label, region: null, accountId: null, status: 'pending', done: 0, total: 0, calls: 0, message: null };
        const next: JobStep = { ...previous, ...update };
        if (index >= 0) job.steps[index] = next;
        else job.steps.push(next);
        this.emit('job:progress', { ...next, jobId, kind });
      },
    };
    const done = (async () => {
      let result: JobResult;
      try {
        result = await run(handle);
      } catch (error) {
        result = { status: 'failed', outputs: [], message: error instanceof Error ? error.message : String(error) };
      }
      job.status = result.status;
      job.scanIds = scanIdsOf(result.outputs);
      job.message = result.message;
      job.finishedAt = this.clock().toISOString();
      this.emit('job:finished', structuredClone(job));
      this.prune();
    })();
    this.jobs.set(jobId, { job, controller, done, subject });
    return structuredClone(job);
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (entry === undefined || entry.job.status !== 'running') return false;
    entry.controller.abort();
    return true;
  }

  list(): Job[] {
    return [...this.jobs.values()].map(({ job }) => structuredClone(job)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Resolves when the job has ended (tests, the CLI). */
  async wait(jobId: string): Promise<Job> {
    const entry = this.jobs.get(jobId);
    if (entry === undefined) throw new Error(`No job ${jobId}.`);
    await entry.done;
    return structuredClone(entry.job);
  }

  /** Cancels everything still running, at once (quit): cancelled jobs write no facts. */
  abortAll(): void {
    for (const entry of this.jobs.values()) if (entry.job.status === 'running') entry.controller.abort();
  }

  /** The running job of `subject`, if any. */
  runningFor(subject: string): Job | null {
    const entry = [...this.jobs.values()].find((e) => e.subject === subject && e.job.status === 'running');
    return entry === undefined ? null : structuredClone(entry.job);
  }

  running(): boolean {
    return [...this.jobs.values()].some((e) => e.job.status === 'running');
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, e]) => e.job.status !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_KEPT))) this.jobs.delete(id);
  }
}
