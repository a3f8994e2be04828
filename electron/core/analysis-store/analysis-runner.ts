/**
 * Runs the stored analysis for the handlers: one at a time (a request for a scan already queued or
 * running joins it; one for another scan waits its turn), and in a worker thread when the shell provides one, so the
 * back end's event loop stays free while a large account is analysed (ARCHITECTURE.md: long work
 * off the main thread). Without a worker script (tests, `tsx` from the sources, one-shot CLI
 * commands) it runs on the caller's thread. A scan whose analysis is current is answered at once,
 * from a cheap stamp comparison, never queued behind the worker. The worker hands over the chosen
 * scan's first view before it stores the analysis (first-view.ts): `view` answers the listings with
 * it, `ensure` (and `idle`) resolve once the analysis is stored.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StoredFactText } from '../db/fact-records';
import type { Workspace } from '../db/open-workspace';
import type { ScanRef } from '../db/repositories/findings';
import { AppError } from '../errors';
import { analyzeScan } from '../analysis/analyze-scan';
import { getActionCatalogue } from '../analysis/iam-policy/index';
import { currentAnalysis, ensureAnalysed, type AnalyzeFn } from './analysis-store';
import type { FirstView, FirstViewAgents, FirstViewFindings } from './first-view';
import { ANALYSIS_WORKER_DATA, type AnalysisWorkerReply, type AnalysisWorkerRequest } from './analysis-worker-protocol';

/** The worker's file name beside the shell's bundle (an entry of the main and CLI builds). */
export const ANALYSIS_WORKER_FILE = 'analysis-worker.js';

/**
 * The analysis worker's V8 old space (`resourceLimits.maxOldGenerationSizeMb`). Set rather than
 * inherited: the default follows the machine's memory (and in Electron a 4 GB pointer-compression
 * cage shared with the main process), so how large an account a machine could analyse was an
 * accident. The supported size (discovery/import/limits.ts) is measured to analyse within this with
 * room to spare (bench/README.md, "Supported size"); above it the analysis refuses before it starts.
 */
export const ANALYSIS_WORKER_HEAP_MB = 2048;

/** What the screens say when the worker ran out of memory anyway (a heavier account than measured). */
export function outOfMemoryError(): AppError {
  return new AppError(
    'too_large',
    'The analysis of this scan ran out of memory: the account is larger (or its policies heavier) than Agent Warden supports. Import or scan each account on its own; if one account really is this large, please file an issue with its counts.',
  );
}

export interface AnalysisRunnerOptions {
  clock: () => Date;
  /** The built worker script; null (or a path that does not exist) runs the analysis inline. */
  workerScript: string | null;
  /** The analysis to run inline (tests pass a fake); the real `analyzeScan` by default. */
  analyze?: AnalyzeFn;
  /** Where a worker that failed unexpectedly is reported (its requests fail with an internal error). */
  onWorkerError?: (error: unknown) => void;
  /** The worker's old space in MB; ANALYSIS_WORKER_HEAP_MB by default (tests lower it). */
  workerHeapMb?: number;
}

export interface AnalysisRunner {
  /** Makes sure the scan's stored analysis is current; the scan as the lifecycle knows it. */
  ensure(workspace: Workspace, scanId: string): Promise<ScanRef>;
  /**
   * What a listing reads of the scan: its stored analysis once current (`firstView` null), or, while
   * the worker is storing a new one, that analysis's first view (first-view.ts) as soon as it is
   * made, so the screens do not wait for the commit. `ensure` still resolves only once it is stored.
   */
  view(workspace: Workspace, scanId: string): Promise<AnalysedScan>;
  /**
   * `view` for a listing that needs only the inventory (`agents:list`): answered from the first
   * view's inventory part, which the worker hands over before its findings.
   */
  viewAgents(workspace: Workspace, scanId: string): Promise<AnalysedScan<FirstViewAgents>>;
  /**
   * The facts an import has just written (`insertScan`'s texts), for the scan's coming analysis in the
   * worker, which then does not read them back from the file (analysis-store.ts, `handedFacts`). Kept
   * for that one analysis (at most one import's: a newer hand-over replaces it), dropped without a worker.
   * With `moment` (the scan's finish time as it is about to be stored), the import hands them over
   * before it writes them: the worker analyses them at once, while the import writes, and the scan's
   * analysis uses that result once the scan is committed (analysis-store.ts, `prepareAnalysis`);
   * `forget` then says the write failed.
   */
  handOver(workspace: Workspace, scanId: string, records: StoredFactText[], moment?: string): void;
  /** The import that handed `scanId` over before writing it did not write it. */
  forget(scanId: string): void;
  /** Resolves once no analysis is running or waiting (writers wait on it). */
  idle(): Promise<void>;
  /** Loads the action catalogue where the analysis will run, a moment after start-up. */
  warmUp(): void;
  /** Whether analyses run in a worker thread. */
  readonly usesWorker: boolean;
  close(): void;
}

/** A scan for a listing: stored, or (its analysis being stored) its first view. */
export interface AnalysedScan<V extends FirstViewAgents = FirstView> {
  ref: ScanRef;
  firstView: V | null;
}

/** Where a first view's two parts go as they arrive (first-view.ts). */
interface FirstViewSink {
  agents: (part: FirstViewAgents) => void;
  findings: (findings: FirstViewFindings) => void;
}
type Pending = { resolve: (value: ScanRef | null) => void; reject: (error: Error) => void; onFirstView?: FirstViewSink | undefined };

/** One scan's analysis queued or running: stored when `stored` resolves; `firstView` resolves first (null: none). */
interface InFlight {
  stored: Promise<ScanRef>;
  /** The inventory part of the first view (first to arrive). */
  firstAgents: Promise<FirstViewAgents | null>;
  firstView: Promise<FirstView | null>;
}
type RequestBody = AnalysisWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function createAnalysisRunner(options: AnalysisRunnerOptions): AnalysisRunner {
  const script = options.workerScript !== null && existsSync(options.workerScript) ? options.workerScript : null;
  const analyze = options.analyze ?? ((input) => analyzeScan(input));
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let tail: Promise<unknown> = Promise.resolve();
  const inFlight = new Map<string, InFlight>();
  /** The one import's facts handed over, until its scan's analysis is sent to the worker. */
  let handed: { key: string; records: StoredFactText[] } | null = null;
  const keyOf = (workspace: Workspace, scanId: string): string => `${workspace.path}\u0000${scanId}`;

  const failAll = (error: Error): void => {
    for (const each of pending.values()) each.reject(error);
    pending.clear();
  };

  const startWorker = (path: string): Worker => {
    const started = new Worker(path, {
      workerData: { [ANALYSIS_WORKER_DATA]: true },
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? ANALYSIS_WORKER_HEAP_MB },
    });
    started.unref();
    started.on('message', (reply: AnalysisWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (waiting === undefined) return;
      // Not the answer yet: the worker goes on to store it.
      if ('firstAgents' in reply) {
        waiting.onFirstView?.agents(reply.firstAgents);
        return;
      }
      if ('firstFindings' in reply) {
        waiting.onFirstView?.findings(reply.firstFindings);
        return;
      }
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else {
        const error = new AppError(reply.error.code, reply.error.message);
        if (reply.error.stack !== undefined) error.stack = reply.error.stack;
        waiting.reject(error);
      }
    });
    started.on('error', (error: Error) => {
      options.onWorkerError?.(error);
      worker = null;
      // Out of memory is the account's size, said as such (the next request starts a fresh worker).
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      failAll(outOfMemory ? outOfMemoryError() : new AppError('internal', `The analysis stopped unexpectedly: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(new AppError('internal', `The analysis stopped unexpectedly (exit code ${code}).`));
    });
    return started;
  };

  const call = (path: string, body: RequestBody, onFirstView?: FirstViewSink): Promise<ScanRef | null> =>
    new Promise((resolve, reject) => {
      worker ??= startWorker(path);
      worker.ref();
      const id = nextId;
      nextId += 1;
      pending.set(id, { resolve, reject, onFirstView });
      const request: AnalysisWorkerRequest = { ...body, id };
      worker.postMessage(request);
    });

  const run = async (workspace: Workspace, scanId: string, onFirstView: FirstViewSink): Promise<ScanRef> => {
    const current = currentAnalysis(workspace.read, scanId);
    if (current !== null) return current;
    // Inline, the store blocks this thread anyway: nothing could answer before it is done.
    if (script === null) return ensureAnalysed(workspace.write, scanId, { analyze, clock: options.clock });
    const key = keyOf(workspace, scanId);
    const facts = handed?.key === key ? handed.records : undefined;
    if (facts !== undefined) handed = null;
    const ref = await call(script, { kind: 'analyse', path: workspace.path, scanId, now: options.clock().toISOString(), ...(facts !== undefined && { facts }) }, onFirstView);
    if (ref === null) throw new AppError('internal', `The analysis of scan ${scanId} gave no answer.`);
    return ref;
  };

  /** Queues the scan's analysis, or joins the one already queued or running for it. */
  const start = (workspace: Workspace, scanId: string): InFlight => {
    const key = keyOf(workspace, scanId);
    const existing = inFlight.get(key);
    if (existing !== undefined) return existing;
    let giveAgents: (part: FirstViewAgents | null) => void = () => undefined;
    const firstAgents = new Promise<FirstViewAgents | null>((resolve) => {
      giveAgents = resolve;
    });
    let give: (view: FirstView | null) => void = () => undefined;
    const firstView = new Promise<FirstView | null>((resolve) => {
      give = resolve;
    });
    let agents: FirstViewAgents | null = null;
    const sink: FirstViewSink = {
      agents: (part) => {
        agents = part;
        giveAgents(part);
      },
      // The findings follow their inventory part; together they are the whole first view.
      findings: (findings) => give(agents === null ? null : { ...agents, findings }),
    };
    const stored = tail.then(() => run(workspace, scanId, sink));
    tail = stored.catch(() => undefined);
    const entry: InFlight = { stored, firstAgents, firstView };
    inFlight.set(key, entry);
    // Stored (or failed): later reads go to the file; a first view never made is null.
    const settled = (): void => {
      if (inFlight.get(key) === entry) inFlight.delete(key);
      giveAgents(null);
      give(null);
    };
    stored.then(settled, settled);
    return entry;
  };

  return {
    usesWorker: script !== null,
    ensure(workspace, scanId) {
      // Current: answered now, not behind an analysis of another scan.
      const current = currentAnalysis(workspace.read, scanId);
      if (current !== null) return Promise.resolve(current);
      return start(workspace, scanId).stored;
    },
    async view(workspace, scanId) {
      const current = currentAnalysis(workspace.read, scanId);
      if (current !== null) return { ref: current, firstView: null };
      const entry = start(workspace, scanId);
      const first = await Promise.race([entry.firstView, entry.stored.then(() => null)]);
      if (first !== null) return { ref: first.scan, firstView: first };
      return { ref: await entry.stored, firstView: null };
    },
    async viewAgents(workspace, scanId) {
      const current = currentAnalysis(workspace.read, scanId);
      if (current !== null) return { ref: current, firstView: null };
      const entry = start(workspace, scanId);
      const first = await Promise.race([entry.firstAgents, entry.stored.then(() => null)]);
      if (first !== null) return { ref: first.scan, firstView: first };
      return { ref: await entry.stored, firstView: null };
    },
    handOver(workspace, scanId, records, moment) {
      // Inline, the analysis runs on this thread later (if at all): not worth holding the texts for.
      if (script === null) return;
      if (moment === undefined) {
        handed = { key: keyOf(workspace, scanId), records };
        return;
      }
      // Posted now, ahead of the analyses queued after it (the worker takes requests in order); a
      // failure here only means the scan's analysis runs in full when asked for.
      call(script, { kind: 'prepare', path: workspace.path, scanId, moment, facts: records }).catch(() => undefined);
    },
    forget(scanId) {
      if (script === null || worker === null) return;
      call(script, { kind: 'forget', scanId }).catch(() => undefined);
    },
    idle: () => tail.then(() => undefined),
    warmUp() {
      if (script === null) {
        getActionCatalogue();
        return;
      }
      call(script, { kind: 'warm' }).catch((error: unknown) => options.onWorkerError?.(error));
    },
    close() {
      handed = null;
      failAll(new AppError('unavailable', 'The back end is closing.'));
      void worker?.terminate();
      worker = null;
    },
  };
}
