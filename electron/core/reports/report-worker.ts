/**
 * The report worker (a `worker_threads` worker, its own bundle entry): builds a report model on its
 * own connection to the workspace file, with its own back end (the same read answers the screens get),
 * so the back end's thread — the Electron main process, `warden serve`'s server — keeps answering
 * while a large workspace is read and its report computed. One request at a time, on the workspace
 * the back end has open now (kept open a moment for the next report: `backendFor`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { createBackend, type Backend } from '../backend';
import { isAppError } from '../errors';
import { readReportModel } from '../handlers/reports-handlers';
import { REPORT_WORKER_DATA, type ReadProgress, type ReportWorkerReply, type ReportWorkerRequest } from './report-worker-protocol';

/** How long the worker keeps the workspace open after a report (the next print reads it warm). */
const IDLE_CLOSE_MS = 15_000;

/**
 * The back end the worker reads through, kept open between reports for the same file: a connection's
 * first reads cost ~0.8 s more on a 10,000-principal workspace (statements prepared, pages cached).
 * Nothing the answers depend on is held in memory (every answer is read from the file in its own read
 * transaction), and the file is reopened when it is another one (a different path, or the same path
 * replaced: a demo reset writes a new file, which an open connection would never see).
 */
interface Open {
  key: string;
  identity: string;
  backend: Backend;
  /** The generation time of the report being read: the back end's clock. */
  clock: { now: Date };
  timer: NodeJS.Timeout | null;
}
let open: Open | null = null;

function fileIdentity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}:${stat.birthtimeMs}`;
  } catch {
    // Not there: opening it says so in the back end's own words.
    return 'missing';
  }
}

function closeOpen(): void {
  if (open === null) return;
  if (open.timer !== null) clearTimeout(open.timer);
  open.backend.close();
  open = null;
}

function backendFor(request: ReportWorkerRequest, now: Date): Backend {
  const { workspace } = request;
  const key = JSON.stringify([workspace.path, workspace.demoPath, workspace.demoDir, workspace.appInfo]);
  const identity = fileIdentity(workspace.path);
  if (open !== null && (open.key !== key || open.identity !== identity)) closeOpen();
  if (open === null) {
    const clock = { now };
    const backend = createBackend({
      workspacePath: workspace.path,
      demoWorkspacePath: workspace.demoPath,
      demoDir: workspace.demoDir,
      appInfo: workspace.appInfo,
      env: process.env,
      // One instant for the whole report, as the back end's clock gave it.
      clock: () => clock.now,
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
    open = { key, identity, backend, clock, timer: null };
  }
  if (open.timer !== null) clearTimeout(open.timer);
  open.timer = null;
  open.clock.now = now;
  return open.backend;
}

export async function handleReportRequest(request: ReportWorkerRequest, onProgress: (progress: ReadProgress) => void): Promise<ReportWorkerReply> {
  try {
    const now = new Date(request.now);
    const backend = backendFor(request, now);
    try {
      const value = await readReportModel(request.workspace.demoDir, backend.handlers, request.report, now, onProgress);
      return { id: request.id, ok: true, value };
    } finally {
      if (open !== null) {
        // Closed a while after the last report: no connection is left on a file the user moves on from.
        open.timer = setTimeout(closeOpen, IDLE_CLOSE_MS);
        open.timer.unref();
      }
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
