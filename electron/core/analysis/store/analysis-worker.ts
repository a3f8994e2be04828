/**
 * The analysis worker (a `worker_threads` worker, its own bundle entry): brings a scan's stored
 * analysis up to date on its own connection to the workspace file, so the back end's thread (the
 * Electron main process, `warden serve`'s server) keeps answering while a large account is analysed.
 * One request at a time, each on a connection of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspaceConnection } from '../../db/open-workspace';
import { isAppError } from '../../errors';
import { analyzeScan } from '../analyze-scan';
import { getActionCatalogue } from '../policy/index';
import { ensureAnalysed } from './analysis-store';
import { ANALYSIS_WORKER_DATA, type AnalysisWorkerReply, type AnalysisWorkerRequest } from './analysis-worker-protocol';

/** A writer in the back end may hold the file for a moment; the worker can afford to wait longer. */
const WORKER_BUSY_TIMEOUT_MS = 30_000;

export function handleAnalysisRequest(request: AnalysisWorkerRequest): AnalysisWorkerReply {
  try {
    if (request.kind === 'warm') {
      getActionCatalogue();
      return { id: request.id, ok: true, value: null };
    }
    // A connection per request: none is left open on a workspace the back end has since closed.
    const db = openWorkspaceConnection(request.path, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS });
    try {
      const value = ensureAnalysed(db.write, request.scanId, { analyze: analyzeScan, clock: () => new Date(request.now) });
      return { id: request.id, ok: true, value };
    } finally {
      db.close();
    }
  } catch (error) {
    if (isAppError(error)) return { id: request.id, ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: { code: 'internal', message, ...(error instanceof Error && error.stack !== undefined && { stack: error.stack }) } };
  }
}

// Only in a worker the runner started (not, say, in a test runner's own worker thread that imports this file).
const started = typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[ANALYSIS_WORKER_DATA] === true;
if (started && parentPort !== null) {
  const port = parentPort;
  port.on('message', (request: AnalysisWorkerRequest) => port.postMessage(handleAnalysisRequest(request)));
}
