/**
 * Benchmark child (issue 8, item 4): the first view of an imported account. An authorization-details
 * export is imported into a fresh workspace as the import job does it (`importOfflineFiles`, then
 * `insertScan`; untimed), the action catalogue is loaded (untimed, as the app's warm-up does after
 * start-up), then, on a connection of its own as the analysis worker opens one, the clock runs from
 * "import finished" until the three screens have their answers:
 *
 * - Inventory: `ensureAnalysed` (parse the facts the import handed over, `analyzeScan`, store the result) and the inventory
 *   rows (`listAgentRows`), as `agents:list` does;
 * - Findings: every finding of the scan (`listScanFindings`, `resolvedSince`) as summaries, as `findings:summaries` does once stored;
 * - Shadow AI: the inventory rows and the `shadow_ai_unregistered` findings, as its screen asks.
 *
 * Stages are timed apart (facts: handed over by the import as the app's worker gets them, or read back
 * with --read-back; analysis, store, reads). Memory: the whole first view's
 * peak RSS and sampled peak heap.
 *
 *   node --expose-gc --import tsx bench/bench-first-view.ts --file=/tmp/…/export.json [--live-heap] [--above-limit]
 *   (run.ts runs it from an esbuild bundle: see bundle.ts)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeScan } from '../electron/core/analysis/analyze-scan';
import { getActionCatalogue } from '../electron/core/analysis/iam-policy/index';
import { ensureAnalysed } from '../electron/core/analysis-store/analysis-store';
import type { AnalysisInput } from '../electron/core/analysis/types';
import { openWorkspace, openWorkspaceConnection } from '../electron/core/db/open-workspace';
import { listAgentRows } from '../electron/core/db/repositories/agents';
import { listScanFindingSummaries, resolvedSince } from '../electron/core/governance/finding-lifecycle-service';
import { insertScan, listScans } from '../electron/core/db/repositories/scans';
import { sql } from '../electron/core/db/sql';
import { importOfflineFiles } from '../electron/core/discovery/import/import-files';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';

export interface FirstViewResult {
  fileMb: number;
  principals: number;
  policies: number;
  agents: number;
  findings: number;
  shadowFindings: number;
  importMs: number;
  /** Import finished → the three screens answered. */
  totalMs: number;
  /** All threads (main + V8's GC helpers). */
  cpuMs: number;
  /** The main thread alone (least inflated by other load on the machine). */
  mainThreadCpuMs: number;
  /** The facts: parsing those the import handed over (or, with --read-back, reading them back: loadScanFacts), with the registry and settings. */
  loadMs: number;
  analyseMs: number;
  /** Making the first view (the rows the listings answer from while the worker stores them: first-view.ts). */
  firstViewMs: number;
  /** Writing the analysis (agents, findings, texts, lifecycle) and committing it. */
  storeMs: number;
  /** The reads the three screens make once the analysis is stored. */
  readMs: number;
  /** Main-thread CPU of the same stages. */
  stageCpuMs: { load: number; analyse: number; firstView: number; store: number; read: number };
  memory: MemoryFigures;
  /**
   * With --live-heap: the heap in use after a forced collection once the facts are read back (facts,
   * registry, settings) and once the analysis has returned (those and its result): the live set the
   * analysis worker's old space must hold. The collections add time; the timing runs leave them out.
   */
  liveHeap: { factsMb: number; resultMb: number } | null;
  loadAverage: number;
}

const heapMb = (): number => Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;

const threadCpuMs = (usage: NodeJS.CpuUsage): number => Math.round((usage.user + usage.system) / 1000);

async function main(): Promise<void> {
  const file = argument('file', '');
  const gc = process.argv.includes('--live-heap') ? (globalThis as { gc?: () => void }).gc : undefined;
  let liveHeap: FirstViewResult['liveHeap'] = null;
  if (file === '') throw new Error('--file=PATH is required');
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-bench-'));
  const path = join(dir, 'first-view.sqlite');
  try {
    // The import, as the import job does it (untimed: its own figures are section c's).
    const importStarted = performance.now();
    const workspace = openWorkspace(path, { clock: () => new Date(), create: true });
    const aboveLimit = process.argv.includes('--above-limit');
    // --read-back: the facts read back from the file (as before the import handed them over, and as a scan's later analyses do).
    const readBack = process.argv.includes('--read-back');
    const facts = await importOfflineFiles({
      authorizationDetailsPath: file,
      clock: () => new Date(),
      ...(aboveLimit && { limits: { principals: Number.POSITIVE_INFINITY, groupsAndPolicies: Number.POSITIVE_INFINITY, bytes: Number.POSITIVE_INFINITY } }),
    });
    const scanId = `bench-first-view-${Date.now()}`;
    const now = new Date().toISOString();
    // The import job keeps the facts' texts it writes and hands them to the analysis (the app does with a worker).
    const handed = insertScan(workspace.write, {
      id: scanId,
      source: 'import',
      label: 'benchmark export',
      connectionId: null,
      connectionName: null,
      accountId: facts.account.id,
      accountAlias: null,
      scannerArn: null,
      regions: [],
      status: 'completed',
      startedAt: now,
      finishedAt: now,
      error: null,
      appVersion: 'bench',
      collectors: [],
      apiCalls: {},
      facts,
    }, { keepFactTexts: !readBack });
    const principals = (facts.iam?.users.length ?? 0) + (facts.iam?.roles.length ?? 0);
    const policies = facts.iam?.policies.filter((p) => !p.awsManaged).length ?? 0;
    workspace.close();
    const importMs = since(importStarted);
    getActionCatalogue();

    const loadAverage = loadavg()[0] ?? 0;
    const watch = MemoryWatch.start();
    const cpu = process.cpuUsage();
    const threadCpu = process.threadCpuUsage();
    const started = performance.now();
    let analyseStarted = 0;
    let analyseEnded = 0;
    // Main-thread CPU (ms) at each stage boundary.
    const cpuNow = (): number => threadCpuMs(process.threadCpuUsage());
    const stageCpu = { started: cpuNow(), analyseStarted: 0, analyseEnded: 0, firstView: 0, readStarted: 0, ended: 0 };
    let firstViewMade = 0;
    let agents = 0;
    let findings = 0;
    // Two connections as in the app: the back end's (open all along, it reads for the screens) and the
    // analysis worker's (opened per request). The back end's being open, closing the worker's does not
    // checkpoint (SQLite checkpoints when the last connection closes).
    const backend = openWorkspaceConnection(path);
    const db = openWorkspaceConnection(path);
    let readStarted = 0;
    let shadowFindings = 0;
    try {
      const analyze = (input: AnalysisInput): ReturnType<typeof analyzeScan> => {
        watch.mark();
        let factsMb = 0;
        if (gc !== undefined) {
          gc();
          factsMb = heapMb();
        }
        analyseStarted = performance.now();
        stageCpu.analyseStarted = cpuNow();
        const result = analyzeScan(input);
        analyseEnded = performance.now();
        stageCpu.analyseEnded = cpuNow();
        watch.mark();
        if (gc !== undefined) {
          gc();
          liveHeap = { factsMb, resultMb: heapMb() };
        }
        agents = result.agents.length;
        findings = result.findings.length;
        return result;
      };
      // As the analysis worker does (analysis-worker.ts): no checkpoint in the commit; one after the answer.
      db.write.exec(sql`PRAGMA wal_autocheckpoint = 0`);
      // --above-limit: measure an account above the supported size (which the store otherwise refuses).
      const limits = process.argv.includes('--above-limit') ? { principals: Number.POSITIVE_INFINITY, groupsAndPolicies: Number.POSITIVE_INFINITY } : undefined;
      // The first view made as the worker makes it (first-view.ts), before the store: timed apart.
      const onFirstView = (): void => {
        firstViewMade = performance.now();
        stageCpu.firstView = cpuNow();
      };
      const scan = ensureAnalysed(db.write, scanId, {
        analyze,
        clock: () => new Date(),
        onFirstView,
        ...(limits !== undefined && { limits }),
        ...(!readBack && { handedFacts: { scanId, records: handed } }),
      });
      const read = backend.read;
      readStarted = performance.now();
      stageCpu.readStarted = cpuNow();
      watch.mark();
      // Inventory (agents:list), Findings (findings:summaries, no filter), Shadow AI (both, one rule).
      const summary = listScans(read).find((s) => s.id === scan.id);
      if (summary === undefined) throw new Error('the scan is not listed');
      const rows = listAgentRows(read, scan.id);
      const filter = { severity: null, ruleId: null, status: null };
      const all = listScanFindingSummaries(read, scan, filter, new Date());
      resolvedSince(read, scan, null, filter);
      const shadowRows = listAgentRows(read, scan.id);
      const shadow = listScanFindingSummaries(read, scan, { ...filter, ruleId: 'shadow_ai_unregistered' }, new Date());
      shadowFindings = shadow.length;
      if (rows.length !== agents || shadowRows.length !== agents || all.length !== findings) {
        throw new Error(`the screens read ${rows.length} agents and ${all.length} findings; the analysis made ${agents} and ${findings}`);
      }
    } catch (error) {
      db.close();
      backend.close();
      throw error;
    }
    const totalMs = since(started);
    stageCpu.ended = cpuNow();
    const used = process.cpuUsage(cpu);
    const usedByThread = process.threadCpuUsage(threadCpu);
    const memory = watch.stop();
    // The worker's checkpoint once it has answered (not timed; in the app it overlaps the reads).
    db.write.value(sql`PRAGMA wal_checkpoint(PASSIVE)`);
    db.close();
    backend.close();
    emitResult({
      fileMb: Math.round((statSync(file).size / 1024 / 1024) * 10) / 10,
      principals,
      policies,
      agents,
      findings,
      shadowFindings,
      importMs,
      totalMs,
      cpuMs: threadCpuMs(used),
      mainThreadCpuMs: threadCpuMs(usedByThread),
      loadMs: Math.round(analyseStarted - started),
      analyseMs: Math.round(analyseEnded - analyseStarted),
      firstViewMs: Math.round(firstViewMade - analyseEnded),
      storeMs: Math.round(readStarted - firstViewMade),
      readMs: Math.round(performance.now() - readStarted),
      stageCpuMs: {
        load: stageCpu.analyseStarted - stageCpu.started,
        analyse: stageCpu.analyseEnded - stageCpu.analyseStarted,
        firstView: stageCpu.firstView - stageCpu.analyseEnded,
        store: stageCpu.readStarted - stageCpu.firstView,
        read: stageCpu.ended - stageCpu.readStarted,
      },
      memory,
      liveHeap,
      loadAverage: Math.round(loadAverage * 100) / 100,
    } satisfies FirstViewResult);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-first-view: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
