/**
 * Benchmark child (issue 13): the leadership report's PDF of a 10,000-principal workspace, as
 * `warden serve` prints it — the back end of the built CLI (out/cli: its analysis and report workers),
 * the built UI's print page (out/renderer) served by the loopback server, and this machine's Chromium
 * (WARDEN_CHROME, else /usr/bin/chromium, else PATH) through the real Chromium printer.
 *
 * The workspace is the synthetic account of the other benchmarks (bench/synthetic-account.ts, written
 * as an export by bench/write-export.ts and imported), analysed once before anything is timed. Each
 * print is `reports:print` through the dispatch, timed from the call to the PDF's bytes, with its
 * stages from the job's own `job:progress` events (reading the workspace, drawing the pages,
 * printing). The PDF is read back with poppler: the page count, and every Tier 1 agent's name found
 * exactly once in the appendix's pages (no row cut or repeated across a page break).
 *
 *   npm run build && node --import tsx bench/write-export.ts --principals=10000 --out=/tmp/ad.json
 *   node .tmp/bench/bench-report.mjs --export=/tmp/ad.json --principals=10000 --runs=3   (bundled by run.ts)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput, EventPayload } from '../shared/contract';
import { createCliBackend } from '../electron/cli/backend';
import { startLoopbackServer } from '../electron/cli/loopback-server';
import { createChromiumPrinter, findBrowser } from '../electron/core/reports/chromium-printer';
import { argument, emitResult } from './measure';

export interface ReportPrintRun {
  allAgents: boolean;
  totalMs: number;
  /** From the job's progress: reading the workspace (model built in the worker), drawing, printing. */
  readMs: number;
  drawMs: number;
  printMs: number;
  pages: number;
  pdfMb: number;
  appendixRows: number;
}

export interface ReportBenchResult {
  principals: number;
  /** Tier 1 agents in the workspace, and the rows of them the appendix lists (at most TIER1_APPENDIX_ROWS). */
  tier1Agents: number;
  appendixRows: number;
  allAgents: number;
  chromium: string;
  usesWorker: boolean;
  setupMs: number;
  runs: ReportPrintRun[];
  allAgentsRun: ReportPrintRun;
  /** Tier 1 names found once each in the appendix's pages, of how many. */
  rowsOnce: number;
  rowsChecked: number;
  rowProblems: string[];
  loadAverage: number;
}

const ROOT = process.cwd();
/** The synthetic account's export (bench/write-export.ts --principals=N writes it). */
const EXPORT = argument('export', '');
const PRINCIPALS = Number(argument('principals', '10000'));
const RUNS = Number(argument('runs', '3'));

/** `raw`: in the order the page drew it (a wrapped cell's lines together), not laid out as columns. */
function pdfText(file: string, first: number, last: number, mode: '-layout' | '-raw' = '-layout'): string {
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), mode, file, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

/** The first page (1-based) whose text contains `needle`, from `from` on; 0 when none. */
function pageWith(file: string, pages: number, needle: string, from = 1): number {
  const text = pdfText(file, from, pages).split('\f');
  const index = text.findIndex((page) => page.includes(needle));
  return index === -1 ? 0 : from + index;
}

async function main(): Promise<void> {
  const moduleDir = join(ROOT, 'out', 'cli');
  if (!existsSync(join(moduleDir, 'report-worker.js')) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('the built app is missing (out/cli/report-worker.js, out/renderer): run `npm run build` first');
  }
  const chromium = process.env['WARDEN_CHROME'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findBrowser(process.env));
  if (chromium === null || chromium === undefined) throw new Error('no Chromium to print with: set WARDEN_CHROME');
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-report-'));
  const setupStarted = performance.now();
  if (EXPORT === '' || !existsSync(EXPORT)) throw new Error('--export=FILE: the synthetic account written by bench/write-export.ts');
  const exportPath = EXPORT;
  const backend = createCliBackend({ workspacePath: join(dir, 'workspace.sqlite'), env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir }, transport: 'http', moduleDir, analysisWorker: true });
  const server = await startLoopbackServer({ dispatch: backend.dispatch, events: backend.events, staticDir: join(ROOT, 'out', 'renderer'), port: 0 });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const reply = await backend.dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as ChannelOutput<C>;
  };
  try {
    const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: exportPath }, credentialReport: null });
    const job = await backend.jobs.wait(jobId);
    if (job.status !== 'completed') throw new Error(`the import failed: ${job.message ?? ''}`);
    // Analysed once, untimed (the app does it as the import completes).
    await backend.analysis.idle();
    await call('overview:get', { accountId: null });
    const agents = await call('agents:list', { scanId: null, accountId: null });
    const setupMs = performance.now() - setupStarted;
    backend.reportPrinter.current = createChromiumPrinter({ executablePath: chromium, appUrl: server.url });

    // Each stage's start and end, from the job's own progress events.
    const marks: { step: string; status: string; at: number }[] = [];
    backend.events.subscribe((event, payload) => {
      if (event !== 'job:progress') return;
      const step = payload as EventPayload<'job:progress'>;
      marks.push({ step: step.step, status: step.status, at: performance.now() });
    });
    const print = async (allAgents: boolean, file: string): Promise<ReportPrintRun> => {
      marks.length = 0;
      const started = performance.now();
      const printed = await call('reports:print', { report: 'leadership', accountId: null, paper: 'a4', allAgents });
      const totalMs = performance.now() - started;
      const bytes = Buffer.from(printed.base64, 'base64');
      writeFileSync(file, bytes);
      const first = (step: string, status: string): number => marks.find((m) => m.step === step && m.status === status)?.at ?? started;
      const readEnd = first('read', 'ok');
      const drawEnd = first('draw', 'ok');
      return {
        allAgents,
        totalMs,
        readMs: readEnd - started,
        drawMs: drawEnd - readEnd,
        printMs: first('print', 'ok') - drawEnd,
        pages: printed.pages,
        pdfMb: statSync(file).size / (1024 * 1024),
        appendixRows: 0,
      };
    };
    const runs: ReportPrintRun[] = [];
    const pdf = join(dir, 'leadership.pdf');
    for (let run = 0; run < RUNS; run += 1) runs.push(await print(false, pdf));
    // The appendix: each row once, in the pages from its heading to "About this report". A long name
    // wraps inside its cell, so the text is read without white space: each row's name, then its AI
    // mark and account, must be there exactly once (a row split or repeated across pages would not be).
    const model = await call('reports:leadership', { accountId: null });
    const last = runs.at(-1) as ReportPrintRun;
    const appendixFirst = pageWith(pdf, last.pages, 'Appendix: Tier 1 agents');
    const appendixLast = pageWith(pdf, last.pages, 'About this report', Math.max(1, appendixFirst)) - 1;
    const text = pdfText(pdf, appendixFirst, Math.max(appendixFirst, appendixLast), '-raw').replace(/\s+/g, '');
    const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const problems = model.tier1Agents.flatMap((agent) => {
      const found = text.match(new RegExp(`${escape(agent.name.replace(/\s+/g, ''))}${agent.ai ? 'yes' : ''}${agent.accountId}`, 'g'))?.length ?? 0;
      return found === 1 ? [] : [`${agent.name}: ${found}×`];
    });
    for (const run of runs) run.appendixRows = model.tier1Agents.length;
    const allAgentsRun = await print(true, join(dir, 'leadership-all.pdf'));
    allAgentsRun.appendixRows = agents.agents.length;
    const result: ReportBenchResult = {
      principals: PRINCIPALS,
      tier1Agents: model.tier1AgentsTotal,
      appendixRows: model.tier1Agents.length,
      allAgents: agents.agents.length,
      chromium: execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim(),
      usesWorker: existsSync(join(moduleDir, 'report-worker.js')),
      setupMs,
      runs,
      allAgentsRun,
      rowsOnce: model.tier1Agents.length - problems.length,
      rowsChecked: model.tier1Agents.length,
      rowProblems: problems.slice(0, 10),
      loadAverage: loadavg()[0] ?? 0,
    };
    emitResult(result);
  } finally {
    backend.reportPrinter.current = null;
    await server.close();
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

