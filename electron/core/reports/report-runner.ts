/**
 * Builds report models for the handlers: in a worker thread when the shell provides one (the desktop
 * app, `warden serve`), so reading a large workspace and computing the report never holds up the back
 * end's event loop (ARCHITECTURE.md: long work off the main thread); inline otherwise (tests, `tsx`
 * from the sources, the one-shot `warden report`, where nothing else waits on the thread). The worker
 * opens the same workspace file on its own connection (report-worker.ts), as the analysis worker does.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LeadershipReport, MinutesReport } from '@shared/contract';
import { AppError } from '../errors';
import { REPORT_WORKER_DATA, type ReadProgress, type ReportModelRequest, type ReportWorkerReply, type ReportWorkerRequest, type ReportWorkspace } from './report-worker-protocol';

/** The worker's file name beside the shell's bundle (an entry of the main and CLI builds). */
export const REPORT_WORKER_FILE = 'report-worker.js';

export type BuildModel = (request: ReportModelRequest, now: Date, onProgress: (progress: ReadProgress) => void) => Promise<LeadershipReport | MinutesReport>;

export interface ReportRunner {
  /** Whether models are built in a worker thread. */
  readonly usesWorker: boolean;
  build(workspace: ReportWorkspace, request: ReportModelRequest, now: Date, onProgress: (progress: ReadProgress) => void): Promise<LeadershipReport | MinutesReport>;
  close(): void;
}

type Pending = { resolve: (value: LeadershipReport | MinutesReport) => void; reject: (error: Error) => void; onProgress: (progress: ReadProgress) => void };

/**
 * `workerScript` null (or a path that does not exist): `inline` builds the model on the caller's thread.
 * One worker, started on first use and kept (unreferenced while idle, so it never keeps a process alive).
 */
export function createReportRunner(options: { workerScript: string | null; inline: BuildModel }): ReportRunner {
  const script = options.workerScript !== null && existsSync(options.workerScript) ? options.workerScript : null;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const failAll = (error: Error): void => {
    for (const each of pending.values()) each.reject(error);
    pending.clear();
  };
  const start = (path: string): Worker => {
    const started = new Worker(path, { workerData: { [REPORT_WORKER_DATA]: true } });
    started.unref();
    started.on('message', (reply: ReportWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (waiting === undefined) return;
      if ('progress' in reply) {
        waiting.onProgress(reply.progress);
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
      worker = null;
      failAll(new AppError('internal', `The report could not be made: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      if (pending.size > 0) failAll(new AppError('internal', `The report could not be made (its worker stopped with exit code ${code}).`));
    });
    return started;
  };
  return {
    usesWorker: script !== null,
    build(workspace, request, now, onProgress) {
      if (script === null) return options.inline(request, now, onProgress);
      return new Promise((resolve, reject) => {
        worker ??= start(script);
        worker.ref();
        const id = nextId;
        nextId += 1;
        pending.set(id, { resolve, reject, onProgress });
        const message: ReportWorkerRequest = { id, workspace, now: now.toISOString(), report: request };
        worker.postMessage(message);
      });
    },
    close() {
      failAll(new AppError('unavailable', 'The back end is closing.'));
      void worker?.terminate();
      worker = null;
    },
  };
}
