/**
 * Bench section g (issue 8, item 4): the first view of an imported account, and how memory grows.
 *
 * - g1: import finished (the back end emits `job:finished`) → Inventory, Findings and Shadow AI answered,
 *   for a 10,000-principal export imported 3 s after start-up (a person picking the file),
 *   as the app has it (`bench-app-first-view.ts`: the real back end and the built analysis worker, the
 *   channels through `dispatch`), 3 runs in fresh processes, best judged (as b and d: wall on an idle
 *   machine; on one busier than its cores, the CPU of the answer's path: the worker's facts, analysis
 *   and first view, and the back end's thread). Target 3 s. Beside it, where the time
 *   goes (`bench-first-view.ts`: the same work on one thread, stage by stage, main-thread CPU).
 * - g2: linear: the first view's main-thread CPU per 1,000 principals at 10,000 is within 15 % of
 *   that at 5,000 (Cloudsplaining grows superlinearly; Warden must not).
 * - g3: memory per 1,000 principals (peak RSS of the first view at 5,000 and 10,000, and the live heap
 *   after the analysis with its facts), printed; and the supported size (MAX_IMPORT_PRINCIPALS)
 *   analysed in the real analysis worker with two thirds of the worker's old space: the margin.
 *
 * `npm run bench` runs it after f (one line in run.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ANALYSIS_WORKER_HEAP_MB } from '../../electron/core/analysis-store/analysis-runner';
import { MAX_IMPORT_PRINCIPALS } from '../../electron/core/discovery/import/limits';
import type { AppFirstViewResult } from '../bench-app-first-view';
import type { FirstViewResult } from '../bench-first-view';
import type { WorkerMemoryResult } from '../bench-worker-memory';
import { bundleChild } from '../bundle';
import type { ExportResult } from '../write-export';

const ROOT = resolve(__dirname, '../..');
const CORES = cpus().length;
const PRINCIPALS = 10_000;
const SMALL_PRINCIPALS = 5_000;
const RUNS = 3;
const FIRST_VIEW_MS = 3_000;
/** g2: CPU per principal may grow this much from 5,000 to 10,000 principals (noise, not a curve). */
const LINEAR_SLACK = 1.15;
/** g3: the supported size must analyse with this share of the worker's old space. */
const MARGIN = 2 / 3;

interface Target {
  id: string;
  target: string;
  figure: string;
  pass: boolean;
}

/** run.ts's child runner: a bench script in a fresh process, its `@@bench-result` line parsed. */
type RunChild = <T>(script: string, args: string[], nodeFlags?: string[], bundled?: string | null) => Promise<T>;

const int = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number): string => `${n.toFixed(1)} MB`;

function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}

export async function firstViewSection(targets: Target[], out: string[], runChild: RunChild): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-bench-first-view-'));
  try {
    progress(`g. writing ${int(PRINCIPALS)}-, ${int(SMALL_PRINCIPALS)}- and ${int(MAX_IMPORT_PRINCIPALS)}-principal exports to ${dir}`);
    const write = (principals: number): Promise<ExportResult> =>
      runChild<ExportResult>('write-export.ts', [`--principals=${principals}`, `--out=${join(dir, `export-${principals}.json`)}`], []);
    const big = await write(PRINCIPALS);
    const small = await write(SMALL_PRINCIPALS);
    const appBundle = await bundleChild(ROOT, 'bench-app-first-view.ts');
    const appRuns: AppFirstViewResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      progress(`g. first view in the back end with its analysis worker (run ${run} of ${RUNS})`);
      appRuns.push(await runChild<AppFirstViewResult>('bench-app-first-view.ts', [`--file=${big.path}`], ['--expose-gc'], appBundle));
    }
    const bundle = await bundleChild(ROOT, 'bench-first-view.ts');
    const runs: FirstViewResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      progress(`g. first view of a ${int(PRINCIPALS)}-principal import (run ${run} of ${RUNS})`);
      runs.push(await runChild<FirstViewResult>('bench-first-view.ts', [`--file=${big.path}`], ['--expose-gc'], bundle));
    }
    progress(`g. memory at ${int(SMALL_PRINCIPALS)} and ${int(PRINCIPALS)} principals (live heap: forced collections, untimed)`);
    const smallRun = await runChild<FirstViewResult>('bench-first-view.ts', [`--file=${small.path}`], ['--expose-gc'], bundle);
    const smallLive = await runChild<FirstViewResult>('bench-first-view.ts', [`--file=${small.path}`, '--live-heap'], ['--expose-gc'], bundle);
    const bigLive = await runChild<FirstViewResult>('bench-first-view.ts', [`--file=${big.path}`, '--live-heap'], ['--expose-gc'], bundle);
    const supported = await write(MAX_IMPORT_PRINCIPALS);
    const heapMb = Math.floor(ANALYSIS_WORKER_HEAP_MB * MARGIN);
    progress(`g. the supported size (${int(MAX_IMPORT_PRINCIPALS)} principals) in the analysis worker with ${int(heapMb)} MB of old space`);
    const margin = await runChild<WorkerMemoryResult>('bench-worker-memory.ts', [`--file=${supported.path}`, `--heap-mb=${heapMb}`]);

    // One measure for all three runs: wall, or, when any ran on a machine busier than its cores, the CPU
    // of the path the answer waits on: the worker's facts, analysis and first view (the one-thread
    // child's stages, best run) and the back end's thread. Not the process's CPU: that counts the
    // worker's store, which runs beside the answers since the first view (first-view.ts).
    const busy = appRuns.some((r) => r.loadAverage > CORES);
    const workerPathMs = Math.min(...runs.map((r) => r.stageCpuMs.load + r.stageCpuMs.analyse + r.stageCpuMs.firstView));
    const judged = (r: AppFirstViewResult): number => (busy ? workerPathMs + r.mainThreadCpuMs : r.totalMs);
    const best = appRuns.reduce((a, b) => (judged(b) < judged(a) ? b : a));
    out.push(`g. First view of a ${int(PRINCIPALS)}-principal import (import finished → Inventory, Findings and Shadow AI answered), ${RUNS} runs`);
    out.push(
      table(
        ['app run', 'agents', 'findings', 'Inventory', 'Findings', 'Shadow AI', 'all answered', 'first view in', 'CPU to it', 'CPU answering', 'CPU (process)', 'CPU back end', 'replies written', 'stored at', 'peak RSS', 'load avg'],
        appRuns.map((r, i) => [
          String(i + 1),
          int(r.agents),
          int(r.findings),
          seconds(r.inventoryMs),
          seconds(r.findingsMs),
          seconds(r.shadowMs),
          seconds(r.totalMs),
          r.firstViewMs === null ? '-' : seconds(r.firstViewMs),
          r.workerPathCpuMs === null ? '-' : seconds(r.workerPathCpuMs),
          r.answerCpuMs === null ? '-' : seconds(r.answerCpuMs),
          seconds(r.cpuMs),
          seconds(r.mainThreadCpuMs),
          seconds(r.writeMs),
          seconds(r.storedMs),
          mb(r.memory.peakRssMb),
          r.loadAverage.toFixed(1),
        ]),
      ),
    );
    out.push(
      '   The real back end with the built analysis worker, started 3 s before the import (a person picking the file; the worker\'s warm-up is over by then): the clock starts as the back end emits job:finished, the import job having handed the scan and its facts to the worker; the three screens ask at once, as the loopback server of warden serve asks (findings’ evidence as stored text). "replies written": the server’s JSON of the four replies, after the clock stops.',
    );
    out.push(
      '   They are answered from the analysis’s first view (analysis-store/first-view.ts) while the worker stores it; "stored at": when the commit landed. CPU (process) counts the worker’s store where it overlaps; CPU back end is the back end’s own thread. "first view in": when the worker’s first view reached the back end; "CPU to it": the process’s CPU until then less the back end thread’s (the worker’s facts, analysis and first view, and GC helper threads); "CPU answering": the back end thread’s from then until all answered.',
    );
    out.push('   Where the time goes: the same work on one thread, stage by stage (bench-first-view.ts, main-thread CPU):');
    out.push(
      table(
        ['run', 'principals', 'findings', 'wall', 'CPU main', 'CPU all', 'read facts', 'analyse', 'first view', 'store', 'screens', 'peak RSS', 'load avg'],
        [...runs, smallRun].map((r, i) => [
          i < RUNS ? String(i + 1) : `${int(r.principals)}`,
          int(r.principals),
          int(r.findings),
          seconds(r.totalMs),
          seconds(r.mainThreadCpuMs),
          seconds(r.cpuMs),
          seconds(r.stageCpuMs.load),
          seconds(r.stageCpuMs.analyse),
          seconds(r.stageCpuMs.firstView),
          seconds(r.stageCpuMs.store),
          seconds(r.stageCpuMs.read),
          mb(r.memory.peakRssMb),
          r.loadAverage.toFixed(1),
        ]),
      ),
    );
    out.push('   Stages in main-thread CPU. Bundled as the app ships; the catalogue loaded first (untimed), as the app warms up; the facts as the import hands them over.');
    const perThousand = (r: FirstViewResult): number => r.mainThreadCpuMs / (r.principals / 1000);
    const bigPer = Math.min(...runs.map(perThousand));
    const smallPer = perThousand(smallRun);
    const rssSlope = (bigLive.memory.peakRssMb - smallLive.memory.peakRssMb) / ((PRINCIPALS - SMALL_PRINCIPALS) / 1000);
    const live = (r: FirstViewResult): string => (r.liveHeap === null ? 'n/a' : `facts ${mb(r.liveHeap.factsMb)}, with the result ${mb(r.liveHeap.resultMb)}`);
    out.push(`   Main-thread CPU per 1,000 principals: ${seconds(smallPer)} at ${int(SMALL_PRINCIPALS)}, ${seconds(bigPer)} at ${int(PRINCIPALS)}.`);
    out.push(
      `   Memory: peak RSS ${mb(smallLive.memory.peakRssMb)} at ${int(SMALL_PRINCIPALS)}, ${mb(bigLive.memory.peakRssMb)} at ${int(PRINCIPALS)}: ${mb(rssSlope)} per 1,000 principals. Live heap after the analysis: ${live(smallLive)} at ${int(SMALL_PRINCIPALS)}; ${live(bigLive)} at ${int(PRINCIPALS)}.`,
    );
    out.push(
      `   Supported size ${int(MAX_IMPORT_PRINCIPALS)} principals (${int(supported.policies)} policies, ${mb(supported.bytes / 1024 / 1024)} export) in the analysis worker with ${int(heapMb)} of its ${int(ANALYSIS_WORKER_HEAP_MB)} MB old space: ${margin.outcome}${margin.message === null ? '' : ` (${margin.message})`}, ${seconds(margin.totalMs)}, process peak RSS ${mb(margin.memory.peakRssMb)}.`,
    );
    out.push('');
    targets.push({
      id: 'g1',
      target: `first view of ${int(PRINCIPALS)} principals < ${FIRST_VIEW_MS / 1000} s`,
      figure: busy
        ? `${seconds(judged(best))} CPU on the answer's path (worker ${seconds(workerPathMs)} + back end ${seconds(best.mainThreadCpuMs)}), best of ${RUNS} (machine busy, load up to ${Math.max(...appRuns.map((r) => r.loadAverage)).toFixed(1)}; wall ${seconds(best.totalMs)})`
        : `${seconds(judged(best))} wall, best of ${RUNS} (CPU ${seconds(best.cpuMs)}; slowest ${seconds(Math.max(...appRuns.map(judged)))})`,
      pass: judged(best) < FIRST_VIEW_MS,
    });
    targets.push({
      id: 'g2',
      target: `linear: CPU per 1,000 principals at ${int(PRINCIPALS)} ≤ ${LINEAR_SLACK}× that at ${int(SMALL_PRINCIPALS)}`,
      figure: `${seconds(bigPer)} vs ${seconds(smallPer)} (${(bigPer / smallPer).toFixed(2)}×)`,
      pass: bigPer <= smallPer * LINEAR_SLACK,
    });
    targets.push({
      id: 'g3',
      target: `supported size (${int(MAX_IMPORT_PRINCIPALS)} principals) analyses in ${int(heapMb)} MB (⅔ of the worker's)`,
      figure: `${margin.outcome}, process peak RSS ${mb(margin.memory.peakRssMb)}; ${mb(rssSlope)} RSS per 1,000 principals`,
      pass: margin.outcome === 'ok',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
