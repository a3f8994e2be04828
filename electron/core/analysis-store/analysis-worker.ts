/**
 * The analysis worker (a `worker_threads` worker, its own bundle entry): brings a scan's stored
 * analysis up to date on its own connection to the workspace file, so the back end's thread (the
 * Electron main process, `warden serve`'s server) keeps answering while a large account is analysed.
 * One request at a time, each on a connection of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspaceConnection } from '../db/open-workspace';
import { sql } from '../db/sql';
import { isAppError } from '../errors';
import { analyzeScan } from '../analysis/analyze-scan';
import { getActionCatalogue } from '../analysis/iam-policy/index';
import { ensureAnalysed, prepareAnalysis, type PreparedAnalysis } from './analysis-store';
import { moreWarmUpRounds, warmUpInTurns, warmUpRound } from './warm-up';
import type { FirstView, FirstViewAgents } from './first-view';
import { ANALYSIS_WORKER_DATA, type AnalysisWorkerReply, type AnalysisWorkerRequest } from './analysis-worker-protocol';

/** A writer in the back end may hold the file for a moment; the worker can afford to wait longer. */
const WORKER_BUSY_TIMEOUT_MS = 30_000;

/** The one scan analysed ahead of its commit (`prepare`), until the next request uses or drops it. */
let prepared: { path: string; analysis: PreparedAnalysis } | null = null;

/**
 * Answers one request. `afterReply` receives work to run once the reply has been posted (the worker
 * passes it; a direct caller leaves it out and that work runs before the answer).
 */
export function handleAnalysisRequest(
  request: AnalysisWorkerRequest,
  afterReply?: (work: () => void) => void,
  post?: (early: AnalysisWorkerReply) => void,
): AnalysisWorkerReply {
  try {
    if (request.kind === 'warm') {
      getActionCatalogue();
      // The warm-up's first round (warm-up.ts); the worker runs more after the reply while no other
      // request arrives. Nothing of it is kept.
      return { id: request.id, ok: true, value: null, warmedPrincipals: warmUpRound(0) };
    }
    // Kept for the next request only: used by the `analyse` of its scan, dropped by any other.
    const ahead = prepared;
    prepared = null;
    if (request.kind === 'forget') return { id: request.id, ok: true, value: null };
    if (request.kind === 'prepare') {
      const db = openWorkspaceConnection(request.path, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS });
      try {
        const analysis = prepareAnalysis(db.read, { scanId: request.scanId, records: request.facts }, new Date(request.moment), { analyze: analyzeScan });
        if (analysis !== null) prepared = { path: request.path, analysis };
      } finally {
        db.close();
      }
      return { id: request.id, ok: true, value: null };
    }
    // A connection per request: none is left open on a workspace the back end has since closed.
    const db = openWorkspaceConnection(request.path, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS });
    let closeLater = false;
    try {
      // Not in the commit: a stored analysis is ~250 MB of WAL at 10,000 principals, and copying it
      // into the file (SQLite's automatic checkpoint at commit) held the answer back by 0.5–1.5 s.
      // The worker copies it once the screens have their answer; readers meanwhile read the WAL.
      db.write.exec(sql`PRAGMA wal_autocheckpoint = 0`);
      const value = ensureAnalysed(db.write, request.scanId, {
        analyze: analyzeScan,
        clock: () => new Date(request.now),
        ...(request.facts !== undefined && { handedFacts: { scanId: request.scanId, records: request.facts } }),
        ...(ahead !== null && ahead.path === request.path && { prepared: ahead.analysis }),
        // The screens get the analysis's rows now and the store commits after (first-view.ts).
        ...(post !== undefined && {
          onFirstViewAgents: (firstAgents: FirstViewAgents) => post({ id: request.id, ok: true, firstAgents }),
          // The inventory part went over already: only the findings' columns.
          onFirstView: (firstView: FirstView) => post({ id: request.id, ok: true, firstFindings: firstView.findings }),
        }),
      });
      const checkpoint = (): void => {
        try {
          // PASSIVE: never waits for, or blocks, the back end's readers and writers; what it cannot
          // copy now the next checkpoint copies (the back end's connection checkpoints as usual).
          db.write.value(sql`PRAGMA wal_checkpoint(PASSIVE)`);
        } catch {
          // A checkpoint is housekeeping; the analysis is committed either way.
        } finally {
          db.close();
        }
      };
      if (afterReply === undefined) checkpoint();
      else {
        closeLater = true;
        afterReply(checkpoint);
      }
      return { id: request.id, ok: true, value };
    } finally {
      if (!closeLater) db.close();
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
  /** Requests received: the warm-up's later rounds stop at the first after its own. */
  let received = 0;
  port.on('message', (request: AnalysisWorkerRequest) => {
    received += 1;
    const later: (() => void)[] = [];
    port.postMessage(
      handleAnalysisRequest(
        request,
        (work) => later.push(work),
        (early) => port.postMessage(early),
      ),
    );
    // After the post: the reply is on its way to the back end while the worker tidies up.
    for (const work of later) work();
    if (request.kind === 'warm') {
      const mine = received;
      // A failed round ends the warm-up quietly: a real analysis reports its own problems.
      warmUpInTurns(moreWarmUpRounds(), () => received === mine);
    }
  });
}
