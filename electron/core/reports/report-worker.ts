/**
 * The report worker (a `worker_threads` worker, its own bundle entry): builds a report model on its
 * own connection to the workspace file, with its own back end (the same read answers the screens get),
 * so the back end's thread — the Electron main process, `warden serve`'s server — keeps answering
 * while a large workspace is read and its report computed. One request at a time; each opens the
 * workspace the back end has open now and closes it when answered (kept open, it would cost ~0.8 s
 * less on the next print of a 10,000-principal workspace, but hold the file: the demo's reset
 * replaces it, which Windows refuses while a connection is open).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend } from '../backend';
import { isAppError } from '../errors';
import { readReportModel } from '../handlers/reports-handlers';
import { REPORT_WORKER_DATA, type ReadProgress, type ReportWorkerReply, type ReportWorkerRequest } from './report-worker-protocol';

export async function handleReportRequest(request: ReportWorkerRequest, onProgress: (progress: ReadProgress) => void): Promise<ReportWorkerReply> {
  try {
    const now = new Date(request.now);
    const backend = createBackend({
      workspacePath: request.workspace.path,
      demoWorkspacePath: request.workspace.demoPath,
      demoDir: request.workspace.demoDir,
      appInfo: request.workspace.appInfo,
      env: process.env,
      // One instant for the whole report, as the back end's clock gave it.
      clock: () => now,
      dialogs: null,
      emit: () => undefined,
      acceptUploads: false,
      collectors: [],
      // Never create a file the back end did not have; analyses (already current: the runner made
      // sure) and this report run here, inline.
      createWorkspace: false,
      analysisWorker: null,
      announceChangeDigests: false,
    });
    try {
      const value = await readReportModel(request.workspace.demoDir, backend.handlers, request.report, now, onProgress);
      return { id: request.id, ok: true, value };
    } finally {
      backend.close();
    }
  } catch (error) {
    if (isAppError(error)) return { id: request.id, ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: { code: 'internal', message, ...(error instanceof Error && error.stack !== undefined && { stack: error.stack }) } };
  }
}

// Only in a worker the runner started (not in a test runner's own worker thread that imports this file).
const started = typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[REPORT_WORKER_DATA] === true;
if (started && parentPort !== null) {
  const port = parentPort;
  // One at a time, in order: a second report waits for the first (the workspace is read once each).
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: ReportWorkerRequest) => {
    queue = queue.then(async () => {
      const reply = await handleReportRequest(request, (progress) => port.postMessage({ id: request.id, progress } satisfies ReportWorkerReply));
      port.postMessage(reply);
    });
  });
}
