/**
 * Benchmark child (issue 8, item 4): the first view as the app has it. The real back end
 * (`createBackend`) with the analysis worker built as the shells build it imports the export through
 * `import:files` (untimed); when the job finishes the back end hands the scan to the worker, as the app
 * does, and the clock starts as the back end emits `job:finished` (the event the screens act on; no
 * forced collection there: until 2026-12-06 the clock started after the bench's own wait for the job and
 * a forced collection, ~0.1–0.15 s late, which flattered the figure): Inventory (`agents:list`), Findings (`findings:summaries`, no filter) and
 * Shadow AI (`agents:list` and the `shadow_ai_unregistered` summaries) are asked for at once, as three
 * screens opening, and the clock stops when all have answered through `dispatch` (contract validation
 * of input and output included; the transport's serialisation is not, it is timed after the clock
 * stops: `writeMs`). `--transport=http` (the default) asks as the loopback server of `warden serve`
 * and the browser does (dispatch's `json`, written with `stringifyWithStoredJson`); `--transport=ipc`
 * as the desktop app's IPC (written as a structured clone, `v8.serialize`). The screens list summaries
 * (no evidence or texts: a finding's are read when it is opened, `findings:details`). CPU is the whole process's
 * (back end thread, worker, GC helpers) and, apart, the back end's own thread's. Then, untimed for the
 * target, until the analysis is committed (the worker stores it after handing the screens its first view).
 *
 *   node --expose-gc --import tsx bench/bench-app-first-view.ts --file=/tmp/…/export.json
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { serialize } from 'node:v8';
import { stringifyWithStoredJson } from '../shared/stored-json';
import { createBackend } from '../electron/core/backend';
import { buildWorker, ROOT } from './analysis-worker-build';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';

export interface AppFirstViewResult {
  agents: number;
  findings: number;
  /** Import finished → each screen answered. */
  inventoryMs: number;
  findingsMs: number;
  shadowMs: number;
  totalMs: number;
  cpuMs: number;
  /** The back end's own thread (what a screen's next request waits behind), same window. */
  mainThreadCpuMs: number;
  /** Import finished → the analysis committed (after the answers: the worker stores it while the screens read its first view). */
  storedMs: number;
  transport: 'http' | 'ipc';
  /** Import finished → the worker's first view received by the back end (null: none arrived). */
  firstViewMs: number | null;
  /**
   * CPU until the first view was received, less the back end thread's: the worker's path (its facts,
   * analysis, first view and posting it) and the GC helpers'. Null: no first view.
   */
  workerPathCpuMs: number | null;
  /** The back end thread's CPU from the first view's arrival until all answered. */
  answerCpuMs: number | null;
  /** Writing the four replies as the transport does (after the clock stops: not in totalMs). */
  writeMs: number;
  memory: MemoryFigures;
  loadAverage: number;
}

async function main(): Promise<void> {
  const file = argument('file', '');
  if (file === '') throw new Error('--file=PATH is required');
  const dir = mkdtempSync(join(resolve(ROOT, '.tmp'), 'bench-app-'));
  const workerScript = await buildWorker(dir);
  let clockStart: { wall: number; cpu: NodeJS.CpuUsage; threadCpu: NodeJS.CpuUsage; watch: MemoryWatch } | null = null;
  const backend = createBackend({
    workspacePath: join(dir, 'w.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-bench', transport: 'ipc', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'bench', HOME: dir },
    dialogs: null,
    // The clock starts when the job's end is announced (the event the screens act on), taken here as
    // the back end emits it: not when the bench's own wait for the job resolves, which comes later.
    emit: (event) => {
      if (event === 'job:finished' && clockStart === null) clockStart = { wall: performance.now(), cpu: process.cpuUsage(), threadCpu: process.threadCpuUsage(), watch: MemoryWatch.start(2, { collect: false }) };
    },
    acceptUploads: false,
    collectors: [],
    analysisWorker: workerScript,
    demoDir: null,
  });
  try {
    // The app warms the worker up a moment after start-up (the warm-up account's rounds, ~1-1.5 s in
    // all). A person then picks the file to import, which takes longer than that: the import starts
    // `--settle` ms later (default 3 s), so the worker is as a user finds it, not still in a warm-up
    // round that delays the hand-over and competes with the import's parse for the two cores.
    backend.analysis.warmUp();
    await new Promise((resolve) => setTimeout(resolve, Number(argument('settle', '3000'))));
    const transport = argument('transport', 'http') === 'ipc' ? 'ipc' : 'http';
    const replies: unknown[] = [];
    const ask = async (channel: Parameters<typeof backend.dispatch>[0], input: unknown): Promise<unknown> => {
      const envelope = await backend.dispatch(channel, input, { json: transport === 'http' });
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
      replies.push(envelope);
      return envelope.value;
    };
    const { jobId } = (await ask('import:files', { authorizationDetails: { kind: 'path', path: file }, credentialReport: null })) as { jobId: string };
    const job = await backend.jobs.wait(jobId);
    if (job.status !== 'completed') throw new Error(`the import ${job.status}: ${job.message ?? ''}`);
    // The clock started when the job's end was emitted (the worker was handed the scan then).
    const loadAverage = loadavg()[0] ?? 0;
    if (clockStart === null) throw new Error('the import finished without a job:finished event');
    const { wall: started, cpu, threadCpu, watch } = clockStart as { wall: number; cpu: NodeJS.CpuUsage; threadCpu: NodeJS.CpuUsage; watch: MemoryWatch };
    // When the worker's first view reaches the back end (the listings' `view` resolves with it).
    let arrival: { wallMs: number; processCpuMs: number; threadCpuMs: number } | null = null;
    const view = backend.analysis.view.bind(backend.analysis);
    backend.analysis.view = async (workspace, scanId) => {
      const got = await view(workspace, scanId);
      if (arrival === null && got.firstView !== null) {
        const processUsed = process.cpuUsage(cpu);
        const threadUsed = process.threadCpuUsage(threadCpu);
        arrival = { wallMs: since(started), processCpuMs: (processUsed.user + processUsed.system) / 1000, threadCpuMs: (threadUsed.user + threadUsed.system) / 1000 };
      }
      return got;
    };
    const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, since(started)];
    const none = { scanId: null, severity: null, ruleId: null, status: null };
    const [[inventory, inventoryMs], [findings, findingsMs], [, shadowMs]] = await Promise.all([
      timed(ask('agents:list', { scanId: null }) as Promise<{ agents: unknown[] }>),
      timed(ask('findings:summaries', none) as Promise<{ findings: unknown[] }>),
      timed(Promise.all([ask('agents:list', { scanId: null }), ask('findings:summaries', { ...none, ruleId: 'shadow_ai_unregistered' })])),
    ]);
    const totalMs = since(started);
    const used = process.cpuUsage(cpu);
    const usedThread = process.threadCpuUsage(threadCpu);
    const memory = watch.stop();
    const arrived = arrival as { wallMs: number; processCpuMs: number; threadCpuMs: number } | null;
    const threadMs = (usedThread.user + usedThread.system) / 1000;
    // The transport's half on the back end: what the loopback server writes, or what IPC clones.
    const writeStarted = performance.now();
    for (const reply of replies.slice(1)) {
      if (transport === 'http') stringifyWithStoredJson(reply);
      else serialize(reply);
    }
    const writeMs = since(writeStarted);
    await backend.analysis.idle();
    const storedMs = since(started);
    emitResult({
      agents: inventory.agents.length,
      findings: findings.findings.length,
      inventoryMs,
      findingsMs,
      shadowMs,
      totalMs,
      cpuMs: Math.round((used.user + used.system) / 1000),
      mainThreadCpuMs: Math.round((usedThread.user + usedThread.system) / 1000),
      storedMs,
      firstViewMs: arrived === null ? null : arrived.wallMs,
      workerPathCpuMs: arrived === null ? null : Math.round(arrived.processCpuMs - arrived.threadCpuMs),
      answerCpuMs: arrived === null ? null : Math.round(threadMs - arrived.threadCpuMs),
      transport,
      writeMs,
      memory,
      loadAverage: Math.round(loadAverage * 100) / 100,
    } satisfies AppFirstViewResult);
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-app-first-view: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
