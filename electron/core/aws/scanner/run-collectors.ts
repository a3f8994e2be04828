/**
 * Runs a scan's collectors: phase by phase, each global collector once and each regional collector
 * once per region, a few tasks at a time. Every task ends with its own outcome; a failure is recorded
 * and the scan goes on. Facts are written into the draft only by tasks that succeeded.
 */
import type { ScanFacts } from '../../discovery/facts';
import { classifyAwsError } from './classify-aws-error';
import type { Collector, CollectorContext, CollectorOutcome, CollectorRun, PreviousScanKeys, ScanLimits } from './collector';
import { runCountingCalls, type ScanClientFactory, type TaskCallCounter } from './scan-clients';
import { mapWithLimit } from './semaphore';

export interface CollectorProgress {
  collectorId: string;
  label: string;
  region: string | null;
  status: 'pending' | 'running' | CollectorOutcome;
  done: number;
  total: number;
  calls: number;
  message: string | null;
}

export interface RunCollectorsOptions {
  collectors: readonly Collector[];
  clients: ScanClientFactory;
  /** The facts every task reads (earlier phases) and successful tasks write into. */
  draft: ScanFacts;
  accountId: string;
  partition: string;
  /** The region global collectors use. */
  homeRegion: string;
  regions: readonly string[];
  signal: AbortSignal;
  clock: () => Date;
  limits: ScanLimits;
  /** The account's previous completed scan (null: this is its first), for collectors that read only what is new. */
  previousScan?: PreviousScanKeys | null;
  onProgress?: (progress: CollectorProgress) => void;
}

interface Task {
  collector: Collector;
  region: string | null;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('Cancelled'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function runCollectors(options: RunCollectorsOptions): Promise<CollectorRun[]> {
  const { signal, clock, limits } = options;
  const runs: CollectorRun[] = [];
  const tasksByPhase = new Map<number, Task[]>();
  for (const collector of options.collectors) {
    const tasks = collector.scope === 'global' ? [{ collector, region: null }] : options.regions.map((region) => ({ collector, region }));
    tasksByPhase.set(collector.phase, [...(tasksByPhase.get(collector.phase) ?? []), ...tasks]);
  }
  const phases = [...tasksByPhase.keys()].sort((a, b) => a - b);

  const report = (task: Task, status: CollectorProgress['status'], extra: Partial<CollectorProgress> = {}): void => {
    options.onProgress?.({
      collectorId: task.collector.id,
      label: task.collector.label,
      region: task.region,
      status,
      done: 0,
      total: 0,
      calls: 0,
      message: null,
      ...extra,
    });
  };
  for (const phase of phases) for (const task of tasksByPhase.get(phase) ?? []) report(task, 'pending');

  async function runTask(task: Task): Promise<void> {
    const started = clock();
    const counter: TaskCallCounter = { calls: 0 };
    const notes: string[] = [];
    const region = task.region ?? options.homeRegion;
    let outcome: CollectorOutcome;
    let message: string | null = null;
    if (signal.aborted) {
      outcome = 'cancelled';
      message = 'Cancelled before it started.';
    } else {
      report(task, 'running');
      const context: CollectorContext = {
        accountId: options.accountId,
        partition: options.partition,
        region,
        signal,
        clock,
        limits,
        facts: options.draft,
        client: (Client, serviceId, inRegion) => options.clients.get(Client, serviceId, inRegion ?? region),
        previousScan: options.previousScan ?? null,
        mapLimit: (items, fn, limit) => mapWithLimit(items, limit ?? limits.concurrencyPerService, fn, signal),
        sleep: (ms) => abortableSleep(ms, signal),
        note: (text) => notes.push(text),
        warn: (text) => options.draft.warnings.push(`${task.collector.label}${task.region !== null ? ` (${task.region})` : ''}: ${text}`),
        progress: (done, total) => report(task, 'running', { done, total, calls: counter.calls }),
      };
      try {
        const apply = await runCountingCalls(counter, () => task.collector.collect(context));
        if (signal.aborted) {
          outcome = 'cancelled';
          message = 'Cancelled.';
        } else {
          apply(options.draft);
          outcome = 'ok';
          message = notes.length > 0 ? notes.join(' ') : null;
        }
      } catch (error) {
        const classified = classifyAwsError(error, task.collector.label, signal);
        outcome = classified.outcome;
        message = classified.message;
      }
    }
    const run: CollectorRun = {
      collectorId: task.collector.id,
      label: task.collector.label,
      region: task.region,
      outcome,
      message,
      calls: counter.calls,
      startedAt: started.toISOString(),
      durationMs: Math.max(0, clock().getTime() - started.getTime()),
    };
    runs.push(run);
    report(task, outcome, { calls: counter.calls, message, done: 1, total: 1 });
  }

  for (const phase of phases) {
    const tasks = tasksByPhase.get(phase) ?? [];
    // Tasks never throw (each records its own outcome), so every task of a phase gets its record.
    await mapWithLimit(tasks, limits.parallelTasks, runTask);
  }
  return runs;
}
