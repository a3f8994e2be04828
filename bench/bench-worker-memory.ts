/**
 * Benchmark child (issue 8, item 4): does an account analyse within the analysis worker's memory?
 * The export is imported into a fresh workspace (untimed) and its facts handed over as the import
 * job hands them, then the first view's analysis runs as the app runs it: in the analysis worker
 * built as the shells build it (esbuild, CommonJS), started by `createAnalysisRunner` with its
 * `resourceLimits`. Reports whether it answered, or the error it gave (`too_large`: refused before
 * it ran, or out of memory), its time and the process's peak RSS (main thread and worker together).
 *
 *   node --expose-gc --import tsx bench/bench-worker-memory.ts --file=/tmp/…/export.json [--heap-mb=2048]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { ANALYSIS_WORKER_HEAP_MB, createAnalysisRunner } from '../electron/core/analysis-store/analysis-runner';
import { openWorkspace } from '../electron/core/db/open-workspace';
import { insertScan } from '../electron/core/db/repositories/scans';
import { importOfflineFiles } from '../electron/core/discovery/import/import-files';
import { isAppError } from '../electron/core/errors';
import { buildWorker, ROOT } from './analysis-worker-build';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';

export interface WorkerMemoryResult {
  principals: number;
  policies: number;
  heapLimitMb: number;
  /** 'ok', or the error code the runner gave. */
  outcome: string;
  message: string | null;
  totalMs: number;
  memory: MemoryFigures;
  loadAverage: number;
}

async function main(): Promise<void> {
  const file = argument('file', '');
  if (file === '') throw new Error('--file=PATH is required');
  const heapLimitMb = Number(argument('heap-mb', String(ANALYSIS_WORKER_HEAP_MB)));
  // Inside the project: the worker bundle requires better-sqlite3 and iam-data from node_modules.
  const dir = mkdtempSync(join(resolve(ROOT, '.tmp'), 'bench-worker-'));
  const workspace = openWorkspace(join(dir, 'w.sqlite'), { clock: () => new Date(), create: true });
  try {
    const workerScript = await buildWorker(dir);
    const facts = await importOfflineFiles({ authorizationDetailsPath: file, clock: () => new Date(), limits: { principals: 10_000_000, groupsAndPolicies: 10_000_000, bytes: Number.MAX_SAFE_INTEGER } });
    const now = new Date().toISOString();
    const scanId = 'bench-worker-memory';
    // As the import job does: the facts' texts kept and handed to the worker with the scan's analysis.
    const written = insertScan(
      workspace.write,
      {
        id: scanId, source: 'import', label: 'benchmark export', connectionId: null, connectionName: null, accountId: facts.account.id,
        accountAlias: null, scannerArn: null, regions: [], status: 'completed', startedAt: now, finishedAt: now, error: null,
        appVersion: 'bench', collectors: [], apiCalls: {}, facts,
      },
      { keepFactTexts: true },
    );
    const principals = (facts.iam?.users.length ?? 0) + (facts.iam?.roles.length ?? 0);
    const policies = facts.iam?.policies.filter((p) => !p.awsManaged).length ?? 0;
    const runner = createAnalysisRunner({ clock: () => new Date(), workerScript, workerHeapMb: heapLimitMb });
    const loadAverage = loadavg()[0] ?? 0;
    const watch = MemoryWatch.start();
    const started = performance.now();
    let outcome = 'ok';
    let message: string | null = null;
    try {
      runner.handOver(workspace, scanId, written);
      await runner.ensure(workspace, scanId);
    } catch (error) {
      outcome = isAppError(error) ? error.code : 'error';
      message = error instanceof Error ? error.message : String(error);
    }
    const totalMs = since(started);
    const memory = watch.stop();
    runner.close();
    emitResult({ principals, policies, heapLimitMb, outcome, message, totalMs, memory, loadAverage } satisfies WorkerMemoryResult);
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-worker-memory: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
