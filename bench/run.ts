/**
 * `npm run bench`: every benchmark, each measured part in a fresh child process (so one benchmark's
 * garbage does not weigh on the next), then one table of figures with their targets. Exit code 1
 * when a target is missed (or a benchmark could not run).
 *
 *   a. IAM inventory API calls at 1,000 / 10,000 / 20,000 principals, beside the naive count.
 *   b. Processing and persisting a 10,000-principal scan: time and memory (best of 3 runs).
 *   c. Importing an export of ~100 MB (and ~25 MB, to show memory does not follow the file).
 *   d. Analysing a 10,000-principal, 5,000-policy account (issue 4): inventory, permissions,
 *      escalation graph, tiers and every rule.
 *   e. The inventory screen in Chromium with 10,000 agents (issue 4): render, and a keystroke in the
 *      search box (bench/inventory-render/run.ts).
 *   g. The first view of a 10,000-principal import, linearity, memory per principal and the supported
 *      size within the analysis worker's memory (issue 8; bench/first-view/section.ts).
 *   i. The leadership report's PDF of a 10,000-principal workspace through the built app and this
 *      machine's Chromium, its page bound, and the page count with every agent (issue 13; bench/bench-report-section.ts).
 *   j. `plan:get` on a 10,000-principal workspace, warm (issues 11 and 13; bench/bench-plan-section.ts).
 *
 * See bench/README.md for what each figure means and the figures of the last recorded run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AnalysisBenchResult } from './bench-analysis';
import { bundleChild } from './bundle';
import type { CallsResult } from './bench-calls';
import type { ImportResult } from './bench-import';
import type { InventoryRenderResult } from './inventory-render/run';
import type { ScanResult } from './bench-scan';
import { RESULT_MARKER } from './measure';
import type { ExportResult } from './write-export';

const ROOT = resolve(__dirname, '..');
const CORES = cpus().length;

// ---- Targets (issue 3, "Performance") ---------------------------------------------------------

/** Calls besides the inventory pages: identity 3, credential report 2, providers 2 + one per OIDC provider, API keys 1, last accessed 2 per job (≤ 50 jobs). */
const IAM_CONSTANT = 120;
const SCAN_PRINCIPALS = 10_000;
const SCAN_MS = 5_000;
const SCAN_RSS_MB = 500;
const SCAN_RUNS = 3;
const EXPORT_MB = 100;
const SMALL_EXPORT_MB = 25;
/** "Bounded": well under the file's size, and not growing with it. */
const STREAM_RSS_GROWTH_MB = 64;
const STREAM_GROWTH_DIFFERENCE_MB = 16;
const STREAM_HEAP_CAP_MB = 64;
const CALL_SIZES = [1_000, 10_000, 20_000];
// Issue 4, Performance.
const ANALYSIS_PRINCIPALS = 10_000;
const ANALYSIS_MS = 3_000;
const ANALYSIS_RSS_MB = 1_024;
const ANALYSIS_RUNS = 3;
const INVENTORY_AGENTS = 10_000;
const INVENTORY_PAGES = 5;
const INVENTORY_RENDER_MS = 500;
const INVENTORY_KEYSTROKE_MS = 50;
/** Benchmarks under bench/<area>/ that this run includes (the others are listed at the end). */
const RUN_HERE = new Set(['bench/inventory-render/run.ts']);
// bench/overview/ has no run.ts: its section (h) is run below.

// ---- Children ---------------------------------------------------------------------------------

function runChild<T>(script: string, args: string[], nodeFlags: string[] = ['--expose-gc'], bundled: string | null = null): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const entry = bundled === null ? ['--import', 'tsx', join(ROOT, 'bench', script)] : [bundled];
    const child = spawn(process.execPath, [...nodeFlags, ...entry, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${script} ${args.join(' ')} exited with code ${String(code)}${line === undefined ? ' without a result' : ''}`));
        return;
      }
      resolvePromise(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
    });
  });
}

function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}

// ---- Formatting -------------------------------------------------------------------------------

const int = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number): string => `${n.toFixed(1)} MB`;

function table(header: string[], rows: string[][], rightAlign = true): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 || !rightAlign ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

interface Target {
  id: string;
  target: string;
  figure: string;
  pass: boolean;
}

// ---- Benchmarks -------------------------------------------------------------------------------

/** `measured`: call figures already taken by another benchmark (the 10,000-principal scan of b). */
async function callsBenchmark(targets: Target[], out: string[], measured: readonly CallsResult[]): Promise<void> {
  const results: CallsResult[] = [];
  for (const principals of CALL_SIZES) {
    const known = measured.find((r) => r.principals === principals);
    if (known !== undefined) {
      results.push(known);
      continue;
    }
    progress(`a. scanning a synthetic account of ${int(principals)} principals (call counts)`);
    results.push(await runChild<CallsResult>('bench-calls.ts', [`--principals=${principals}`]));
  }
  out.push('a. API calls of a scan (real collectors, SDK clients and middleware; fake AWS transport)');
  out.push(
    table(
      ['principals', 'IAM items', 'GAAD calls', 'ceil(items/1000)', 'other IAM', 'IAM total', 'workload calls', 'scan total', 'naive inventory', 'naive ÷ GAAD'],
      results.map((r) => [
        int(r.principals),
        int(r.inventoryItems),
        int(r.authorizationDetailsCalls),
        int(Math.ceil(r.inventoryItems / 1000)),
        int(r.iamCalls - r.authorizationDetailsCalls),
        int(r.iamCalls),
        int(r.workloadCalls),
        int(r.totalCalls),
        int(r.naive.total),
        `${Math.round(r.naive.total / Math.max(1, r.authorizationDetailsCalls))}×`,
      ]),
    ),
  );
  const largest = results[results.length - 1];
  const reference = results.find((r) => r.principals === SCAN_PRINCIPALS) ?? largest;
  if (reference !== undefined) {
    out.push('');
    out.push(
      `   IAM items = users + groups + roles + managed policies (${int(reference.users)} + ${int(reference.groups)} + ${int(reference.roles)} + ${int(reference.policies)} customer + ${int(reference.awsManagedPolicies)} AWS at ${int(reference.principals)} principals).`,
    );
    out.push(`   Workloads at ${int(reference.principals)} principals: ${int(reference.workloads)}; their calls grow with workloads (one describe/tags call each), not principals.`);
    out.push(`   Calls per operation at ${int(reference.principals)} principals: ${Object.entries(reference.byAction).map(([op, n]) => `${op} ${n}`).join(', ')}.`);
    out.push(`   Naive per-entity IAM calls at ${int(reference.principals)} principals: ${Object.entries(reference.naive.byOperation).map(([op, n]) => `${op} ${int(n)}`).join(', ')}.`);
    const denied = Object.entries(reference.denied);
    out.push(
      `   Answered AccessDenied by the fake: ${denied.length === 0 ? 'none (every operation the collectors called is implemented)' : denied.map(([op, n]) => `${op} ×${n}`).join(', ')}.`,
    );
    const notOk = reference.outcomes.filter((o) => o.outcome !== 'ok');
    out.push(`   Collector outcomes: ${notOk.length === 0 ? `all ${reference.outcomes.length} ok` : notOk.map((o) => `${o.collector} ${o.outcome}`).join(', ')}; scanner's own call count agrees with the fake: ${results.every((r) => r.countsAgree) ? 'yes' : 'NO'}.`);
  }
  out.push('');
  const pagesOk = results.every((r) => r.authorizationDetailsCalls <= Math.ceil(r.inventoryItems / 1000));
  targets.push({
    id: 'a1',
    target: 'GetAccountAuthorizationDetails calls ≤ ceil(items/1000)',
    figure: results.map((r) => `${r.authorizationDetailsCalls} ≤ ${Math.ceil(r.inventoryItems / 1000)}`).join(', '),
    pass: pagesOk,
  });
  targets.push({
    id: 'a2',
    target: `IAM calls ≤ ceil(items/1000) + ${IAM_CONSTANT}`,
    figure: results.map((r) => `${r.iamCalls} ≤ ${Math.ceil(r.inventoryItems / 1000) + IAM_CONSTANT}`).join(', '),
    pass: results.every((r) => r.iamCalls <= Math.ceil(r.inventoryItems / 1000) + IAM_CONSTANT),
  });
  const others = results.map((r) => r.iamCalls - r.authorizationDetailsCalls);
  targets.push({
    id: 'a3',
    target: 'IAM calls besides the pages do not grow with N',
    figure: others.join(', '),
    pass: others.every((n) => n === others[0]),
  });
  targets.push({
    id: 'a4',
    target: 'every collector ok; scanner count = requests sent',
    figure: results.every((r) => r.outcomes.every((o) => o.outcome === 'ok')) ? 'all ok, counts agree' : 'not all ok',
    pass: results.every((r) => r.countsAgree && r.outcomes.every((o) => o.outcome === 'ok')),
  });
}

async function scanBenchmark(targets: Target[], out: string[]): Promise<ScanResult[]> {
  const runs: ScanResult[] = [];
  for (let run = 1; run <= SCAN_RUNS; run += 1) {
    progress(`b. processing and persisting a ${int(SCAN_PRINCIPALS)}-principal scan (run ${run} of ${SCAN_RUNS})`);
    runs.push(await runChild<ScanResult>('bench-scan.ts', [`--principals=${SCAN_PRINCIPALS}`]));
  }
  // Time: the best run (the least disturbed by other processes). On a machine busier than its
  // cores, wall time measures the queue for a CPU: the run is judged on its CPU time instead.
  const judged = runs.map((r) => ({ run: r, busy: r.loadAverage > CORES, ms: r.loadAverage > CORES ? r.cpuMs : r.totalMs }));
  const best = judged.reduce((a, b) => (b.ms < a.ms ? b : a));
  const worstRss = Math.max(...runs.map((r) => r.memory.peakRssMb));
  const r = best.run;
  out.push(`b. Process and persist a ${int(SCAN_PRINCIPALS)}-principal scan (collectors → facts → insertScan into a new workspace), ${SCAN_RUNS} runs`);
  out.push(
    table(
      ['run', 'wall', 'CPU', 'collect', 'of which inventory', 'persist', 'peak RSS', 'RSS Δ', 'peak heap', 'heap Δ', 'load avg'],
      runs.map((x, i) => [
        String(i + 1),
        seconds(x.totalMs),
        seconds(x.cpuMs),
        seconds(x.collectMs),
        seconds(x.inventoryCollectorMs),
        seconds(x.persistMs),
        mb(x.memory.peakRssMb),
        mb(x.memory.rssDeltaMb),
        mb(x.memory.peakHeapMb),
        mb(x.memory.heapDeltaMb),
        x.loadAverage.toFixed(1),
      ]),
    ),
  );
  out.push('');
  out.push(
    `   ${int(r.identities)} identities, ${int(r.workloads)} workloads, ${mb(r.inventoryXmlMb)} of inventory XML, ${int(r.factRecords)} fact records, workspace ${mb(r.workspaceMb)}.`,
  );
  out.push(
    `   CPU by stage (best run): collect ${seconds(r.collectCpuMs)}, persist ${seconds(r.persistCpuMs)}; fake AWS answering ${seconds(r.fakeServingMs)} (included). Reading the facts back (loadScanFacts, not in the target): ${seconds(r.readBackMs)} wall, ${seconds(r.readBackCpuMs)} CPU.`,
  );
  out.push(`   Baseline before the measured part (Node, modules, the fake's prepared answers): RSS ${mb(r.memory.baselineRssMb)}, heap ${mb(r.memory.baselineHeapMb)}.`);
  out.push('');
  targets.push({
    id: 'b1',
    target: `process + persist ${int(SCAN_PRINCIPALS)} principals < ${SCAN_MS / 1000} s`,
    figure: best.busy
      ? `${seconds(best.ms)} CPU (machine busy: load ${best.run.loadAverage.toFixed(1)} on ${CORES} CPUs; wall ${seconds(best.run.totalMs)})`
      : `${seconds(best.ms)} wall (best of ${SCAN_RUNS}; CPU ${seconds(best.run.cpuMs)})`,
    pass: best.ms < SCAN_MS,
  });
  targets.push({
    id: 'b2',
    target: `peak memory (RSS) < ${SCAN_RSS_MB} MB`,
    figure: `${mb(worstRss)} peak RSS, worst of ${SCAN_RUNS} (growth ${mb(Math.max(...runs.map((x) => x.memory.rssDeltaMb)))})`,
    pass: worstRss < SCAN_RSS_MB,
  });
  return runs;
}

async function importBenchmark(targets: Target[], out: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-bench-export-'));
  try {
    progress(`c. writing a ~${EXPORT_MB} MB and a ~${SMALL_EXPORT_MB} MB authorization-details export to ${dir}`);
    const big = await runChild<ExportResult>('write-export.ts', [`--mb=${EXPORT_MB}`, `--out=${join(dir, 'authorization-details-large.json')}`], []);
    const small = await runChild<ExportResult>('write-export.ts', [`--mb=${SMALL_EXPORT_MB}`, `--out=${join(dir, 'authorization-details-small.json')}`], []);
    progress('c. streaming both exports');
    const streamSmall = await runChild<ImportResult>('bench-import.ts', ['--mode=stream', `--file=${small.path}`]);
    const streamBig = await runChild<ImportResult>('bench-import.ts', ['--mode=stream', `--file=${big.path}`]);
    progress(`c. streaming the large export with V8's old space capped at ${STREAM_HEAP_CAP_MB} MB`);
    let capped: ImportResult | null = null;
    try {
      capped = await runChild<ImportResult>('bench-import.ts', ['--mode=stream', `--file=${big.path}`], ['--expose-gc', `--max-old-space-size=${STREAM_HEAP_CAP_MB}`]);
    } catch {
      capped = null;
    }
    progress('c. full import of the large export (facts + insertScan)');
    const full = await runChild<ImportResult>('bench-import.ts', ['--mode=full', `--file=${big.path}`]);

    out.push('c. Import of an authorization-details export (AWS CLI JSON, generated, deleted afterwards)');
    const row = (label: string, x: ImportResult): string[] => [
      label,
      mb(x.fileMb),
      int(x.elements),
      seconds(x.totalMs),
      seconds(x.cpuMs),
      `${x.mbPerSecond.toFixed(1)} MB/s`,
      mb(x.memory.peakRssMb),
      mb(x.memory.rssDeltaMb),
      mb(x.memory.peakHeapMb),
      mb(x.memory.heapDeltaMb),
      x.loadAverage.toFixed(1),
    ];
    out.push(
      table(
        ['run', 'file', 'elements', 'wall', 'CPU', 'parse rate', 'peak RSS', 'RSS Δ', 'peak heap', 'heap Δ', 'load avg'],
        [
          row('stream (count only)', streamSmall),
          row('stream (count only)', streamBig),
          ...(capped !== null ? [row(`stream, old space ≤ ${STREAM_HEAP_CAP_MB} MB`, capped)] : []),
          row('full import + persist', full),
        ],
      ),
    );
    out.push('');
    out.push(`   Exports: ${mb(big.bytes / 1024 / 1024)} = ${int(big.principals)} principals + ${int(big.policies)} customer managed policies (${int(big.items)} elements), ${mb(small.bytes / 1024 / 1024)} = ${int(small.principals)} principals; written in ${seconds(big.writeMs + small.writeMs)}.`);
    out.push(`   Full import: reading into facts ${seconds(full.parseMs)}, insertScan ${seconds(full.persistMs)}. It keeps the facts of the whole file in memory (one scan, one transaction).`);
    out.push('');
    const growth = streamBig.memory.rssDeltaMb - streamSmall.memory.rssDeltaMb;
    targets.push({
      id: 'c1',
      target: `stream ${EXPORT_MB} MB: peak RSS growth < ${STREAM_RSS_GROWTH_MB} MB`,
      figure: `${mb(streamBig.memory.rssDeltaMb)} growth for ${mb(streamBig.fileMb)} (heap growth ${mb(streamBig.memory.heapDeltaMb)})`,
      pass: streamBig.memory.rssDeltaMb < STREAM_RSS_GROWTH_MB,
    });
    targets.push({
      id: 'c2',
      target: `memory does not follow the file (${SMALL_EXPORT_MB} → ${EXPORT_MB} MB: < +${STREAM_GROWTH_DIFFERENCE_MB} MB)`,
      figure: `${mb(streamSmall.memory.rssDeltaMb)} → ${mb(streamBig.memory.rssDeltaMb)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`,
      pass: growth < STREAM_GROWTH_DIFFERENCE_MB,
    });
    targets.push({
      id: 'c3',
      target: `stream ${EXPORT_MB} MB with old space capped at ${STREAM_HEAP_CAP_MB} MB`,
      figure: capped === null ? 'ran out of memory' : `completed, peak heap ${mb(capped.memory.peakHeapMb)}`,
      pass: capped !== null,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function analysisBenchmark(targets: Target[], out: string[]): Promise<void> {
  // Bundled as the app ships it (see bench/bundle.ts for why not through tsx).
  const bundle = await bundleChild(ROOT, 'bench-analysis.ts');
  // Three fresh processes, as for b: the time judged is the best run's, the memory the worst run's.
  const runs: AnalysisBenchResult[] = [];
  for (let run = 1; run <= ANALYSIS_RUNS; run += 1) {
    progress(`d. analysing a ${int(ANALYSIS_PRINCIPALS)}-principal account (facts collected first, not timed; run ${run} of ${ANALYSIS_RUNS})`);
    runs.push(await runChild<AnalysisBenchResult>('bench-analysis.ts', [`--principals=${ANALYSIS_PRINCIPALS}`], ['--expose-gc'], bundle));
  }
  // On a busy machine the wall clock measures the other load; the main thread's CPU time is what the
  // analysis costs (V8's GC helper threads run beside it, as they do on an idle machine).
  const judged = (r: AnalysisBenchResult): number => (r.loadAverage > CORES ? r.mainThreadCpuMs : r.totalMs);
  const best = runs.reduce((a, b) => (judged(b) < judged(a) ? b : a));
  const heaviest = runs.reduce((a, b) => (b.memory.peakRssMb > a.memory.peakRssMb ? b : a));
  const busy = best.loadAverage > CORES;
  out.push(`d. Analysis (analyzeScan: inventory, effective permissions, escalation graph, tiers, every rule), ${ANALYSIS_RUNS} runs`);
  out.push(
    table(
      ['run', 'principals', 'policies', 'agents', 'findings', 'wall', 'CPU main thread', 'CPU all threads', 'peak RSS', 'RSS Δ', 'peak heap', 'load avg'],
      runs.map((r, i) => [
        String(i + 1),
        int(r.principals),
        int(r.policies),
        int(r.agents),
        int(r.findings),
        seconds(r.totalMs),
        seconds(r.mainThreadCpuMs),
        seconds(r.cpuMs),
        mb(r.memory.peakRssMb),
        mb(r.memory.rssDeltaMb),
        mb(r.memory.peakHeapMb),
        r.loadAverage.toFixed(1),
      ]),
    ),
  );
  out.push('   Bundled with esbuild as the app ships (not through tsx: see bench/bundle.ts); on a busy machine the main-thread CPU time is judged.');
  out.push(`   The action catalogue is loaded first, untimed, as the app's warm-up does after start-up: it took ${seconds(best.catalogueMs)} here.`);
  out.push('');
  targets.push({
    id: 'd1',
    target: `analysis of ${int(ANALYSIS_PRINCIPALS)} principals and 5,000 policies < ${ANALYSIS_MS / 1000} s`,
    figure: busy
      ? `${seconds(judged(best))} main-thread CPU, best of ${ANALYSIS_RUNS} (machine busy, load ${best.loadAverage.toFixed(1)}; wall ${seconds(best.totalMs)})`
      : `${seconds(judged(best))} wall, best of ${ANALYSIS_RUNS} (main-thread CPU ${seconds(best.mainThreadCpuMs)}; slowest ${seconds(Math.max(...runs.map(judged)))})`,
    pass: judged(best) < ANALYSIS_MS,
  });
  targets.push({
    id: 'd2',
    target: `analysis peak memory (RSS) < ${ANALYSIS_RSS_MB} MB`,
    figure: `${mb(heaviest.memory.peakRssMb)} peak RSS, worst of ${ANALYSIS_RUNS} (growth ${mb(heaviest.memory.rssDeltaMb)})`,
    pass: heaviest.memory.peakRssMb < ANALYSIS_RSS_MB,
  });
}

async function inventoryRenderBenchmark(targets: Target[], out: string[]): Promise<void> {
  progress(`e. the inventory screen in Chromium with ${int(INVENTORY_AGENTS)} agents (a warm-up page, then ${INVENTORY_PAGES} pages of 24 keystrokes)`);
  const r = await runChild<InventoryRenderResult>(
    'inventory-render/run.ts',
    [`--agents=${INVENTORY_AGENTS}`, `--runs=${INVENTORY_PAGES}`, '--report-only'],
    [],
  );
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  const busy = r.loadAverage > CORES;
  out.push(`e. Inventory screen in Chromium ${r.chromium} (vite production build, ${int(r.agents)} agents, ${r.rowsInDom} rows in the DOM: windowed)`);
  out.push(
    table(
      ['measure', 'count', 'median', 'p95', 'worst', 'main-thread median', 'main-thread p95', 'load avg'],
      [
        ['render (data → table painted)', String(r.render.count), ms(r.render.median), ms(r.render.p95), ms(r.render.worst), ms(r.renderTask.median), ms(r.renderTask.p95), r.loadAverage.toFixed(1)],
        ['keystroke (search → table painted)', String(r.keystroke.count), ms(r.keystroke.median), ms(r.keystroke.p95), ms(r.keystroke.worst), ms(r.keystrokeTask.median), ms(r.keystrokeTask.p95), ''],
      ],
    ),
  );
  out.push(`   Renders: ${r.render.all.map((value) => value.toFixed(0)).join(' / ')} ms. Slowest keystroke: ${r.keystroke.worstKey}. Times include waiting for the next frame (the paint).`);
  out.push('   Main-thread = the renderer\'s task time (CDP TaskDuration) over the same span: what a busy machine inflates least.');
  out.push('');
  const note = busy ? ` (machine busy: load ${r.loadAverage.toFixed(1)} on ${CORES} CPUs)` : '';
  targets.push({
    id: 'e1',
    target: `inventory of ${int(INVENTORY_AGENTS)} agents rendered < ${INVENTORY_RENDER_MS} ms`,
    figure: `median ${ms(r.render.median)}, worst ${ms(r.render.worst)} of ${r.render.count} pages${note}`,
    pass: r.render.median < INVENTORY_RENDER_MS,
  });
  targets.push({
    id: 'e2',
    target: `search keystroke → filtered table < ${INVENTORY_KEYSTROKE_MS} ms (p95)`,
    figure: `p95 ${ms(r.keystroke.p95)}, median ${ms(r.keystroke.median)}, worst ${ms(r.keystroke.worst)} of ${r.keystroke.count}${note}`,
    pass: r.keystroke.p95 < INVENTORY_KEYSTROKE_MS,
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const targets: Target[] = [];
  const load = loadavg()[0] ?? 0;
  process.stderr.write(`Agent Warden benchmarks (node ${process.version}, ${CORES} CPUs, load average ${load.toFixed(1)})\n`);
  const failures: string[] = [];
  const sections = { a: [] as string[], b: [] as string[], c: [] as string[], d: [] as string[], e: [] as string[] };
  const attempt = async <T>(name: string, section: string[], benchmark: () => Promise<T>): Promise<T | null> => {
    try {
      return await benchmark();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${message}`);
      section.push(`${name}: could not run (${message})`, '');
      return null;
    }
  };
  // b first: its first run also gives the 10,000-principal call counts of a.
  const scans = await attempt('b. scan processing', sections.b, () => scanBenchmark(targets, sections.b));
  await attempt('a. call counts', sections.a, () => callsBenchmark(targets, sections.a, scans?.[0] !== undefined ? [scans[0].calls] : []));
  await attempt('c. import', sections.c, () => importBenchmark(targets, sections.c));
  await attempt('d. analysis', sections.d, () => analysisBenchmark(targets, sections.d));
  await attempt('e. inventory screen', sections.e, () => inventoryRenderBenchmark(targets, sections.e));
  await attempt('f. CLI output', sections.e, async () => (await import('./cli-output/section')).cliOutputSection(targets, sections.e, runChild));
  await attempt('g. first view', sections.e, async () => (await import('./first-view/section')).firstViewSection(targets, sections.e, runChild));
  await attempt('h. overview', sections.e, async () => (await import('./overview/section')).overviewSection(targets, sections.e, runChild));
  await attempt('i. leadership report PDF', sections.e, async () => (await import('./bench-report-section')).reportSection(targets, sections.e, runChild));
  await attempt('j. plan:get', sections.e, async () => (await import('./bench-plan-section')).planSection(targets, sections.e, runChild));

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`\nAgent Warden benchmarks — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — node ${process.version}, ${CORES} × ${cpu}, load average ${load.toFixed(1)} at start\n`);
  console.log([...sections.a, ...sections.b, ...sections.c, ...sections.d, ...sections.e].join('\n'));
  console.log('Targets (issues 3 and 4, Performance)');
  targets.sort((x, y) => x.id.localeCompare(y.id));
  console.log(
    table(
      ['id', 'target', 'figure', 'result'],
      targets.map((t) => [t.id, t.target, t.figure, t.pass ? 'PASS' : 'FAIL']),
      false,
    ),
  );
  const missed = targets.filter((t) => !t.pass);
  console.log(
    `\n${targets.length - missed.length} of ${targets.length} targets met${failures.length > 0 ? `; ${failures.length} benchmark(s) could not run` : ''}; ${seconds(performance.now() - started)} in all.`,
  );
  const others = otherBenchmarks();
  if (others.length > 0) console.log(`Other benchmarks in bench/, with their own budgets, run on their own: ${others.map((file) => `npx tsx ${file}`).join(', ')}.`);
  process.exitCode = missed.length > 0 || failures.length > 0 ? 1 : 0;
}

/** Entry points of the benchmarks other parts of the app keep under bench/<area>/ and not run here. */
function otherBenchmarks(): string[] {
  try {
    return readdirSync(join(ROOT, 'bench'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .flatMap((dir) =>
        readdirSync(join(ROOT, 'bench', dir.name))
          .filter((file) => file === 'run.ts' || file.endsWith('.bench.ts'))
          .map((file) => `bench/${dir.name}/${file}`)
          .filter((path) => !RUN_HERE.has(path)),
      )
      .sort();
  } catch {
    return [];
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
