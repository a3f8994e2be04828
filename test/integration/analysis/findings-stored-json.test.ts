/**
 * `findings:list` for the loopback server (dispatch's `json`): each finding's evidence travels as its
 * stored text, unparsed (shared/stored-json.ts), and the reply it writes is the reply of the parsed
 * path, on the demo company, from the stored analysis and from an analysis's first view; a stored
 * text that is not an object's is read as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRow } from '@shared/contract';
import { StoredJsonObject, stringifyWithStoredJson } from '@shared/stored-json';
import { createBackend, type Backend } from '@core/backend';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { bumpAnalysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import { firstViewFindings, type FirstView } from '@core/analysis-store/first-view';
import { analyzeScan } from '@core/analysis/analyze-scan';
import { sql } from '@core/db/sql';

const clock = (): Date => new Date('2026-03-01T00:00:00.000Z');
let dir: string;
let backend: Backend;

const ALL = { scanId: null, accountId: null, severity: null, ruleId: null, status: null } as const;

async function list(input: Record<string, unknown>, json: boolean): Promise<unknown> {
  const envelope = await backend.dispatch('findings:list', input, { json });
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope;
}

/** What the client reads: the reply as the loopback server writes it, parsed. */
const onTheWire = (reply: unknown): unknown => JSON.parse(stringifyWithStoredJson(reply));

beforeAll(async () => {
  dir = mkdtempSync(join(resolve(process.cwd(), '.tmp'), 'warden-stored-json-'));
  backend = createBackend({
    workspacePath: join(dir, 'w.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    analysisWorker: null,
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  const opened = await backend.dispatch('demo:open', {});
  if (!opened.ok) throw new Error(opened.error.message);
}, 60_000);

afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('findings:list written as JSON', () => {
  it('carries each evidence unparsed, and writes the reply of the parsed path', async () => {
    for (const input of [ALL, { ...ALL, severity: 'high' }, { ...ALL, ruleId: 'shadow_ai_unregistered' }, { ...ALL, status: 'resolved' }]) {
      const json = (await list(input, true)) as { value: { findings: FindingRow[]; resolvedSinceLastScan: FindingRow[] } };
      const parsed = await list(input, false);
      const rows = [...json.value.findings, ...json.value.resolvedSinceLastScan];
      expect(rows.length, JSON.stringify(input)).toBeGreaterThan(0);
      for (const row of rows) expect(row.evidence).toBeInstanceOf(StoredJsonObject);
      expect(onTheWire(json)).toStrictEqual(JSON.parse(JSON.stringify(parsed)));
    }
  });

  it('from an analysis’s first view too', () => {
    const workspace = backend.workspaces.current();
    const scanId = String(workspace.read.value(sql`SELECT id FROM scans WHERE status = 'completed' ORDER BY started_at DESC, id DESC LIMIT 1`));
    bumpAnalysisInputsRevision(workspace.write, clock().toISOString());
    let view: FirstView | null = null;
    ensureAnalysed(workspace.write, scanId, { analyze: analyzeScan, clock, onFirstView: (made) => (view = structuredClone(made)) });
    if (view === null) throw new Error('no first view');
    const filter = { severity: null, ruleId: null, status: null };
    const unparsed = firstViewFindings(view, filter, { storedEvidence: true });
    expect(unparsed.length).toBeGreaterThan(0);
    for (const row of unparsed) expect(row.evidence).toBeInstanceOf(StoredJsonObject);
    expect(onTheWire(unparsed)).toStrictEqual(JSON.parse(JSON.stringify(firstViewFindings(view, filter))));
  });

  it('reads a stored text that is not an object’s as before (an empty object)', async () => {
    const write = backend.workspaces.current().write;
    const [shown] = ((await list(ALL, false)) as { value: { findings: FindingRow[] } }).value.findings;
    if (shown === undefined) throw new Error('no findings');
    write.run(sql`
      UPDATE analysis_texts SET body = '[1]'
      WHERE hash = (SELECT evidence_ref FROM findings WHERE scan_id = ${shown.scanId} AND fingerprint = ${shown.fingerprint})`);
    const json = (await list(ALL, true)) as { value: { findings: FindingRow[] } };
    const odd = json.value.findings.filter((row) => !(row.evidence instanceof StoredJsonObject));
    expect(odd.length).toBeGreaterThan(0);
    for (const row of odd) expect(row.evidence).toStrictEqual({});
    expect(onTheWire(json)).toStrictEqual(JSON.parse(JSON.stringify(await list(ALL, false))));
  });
});
