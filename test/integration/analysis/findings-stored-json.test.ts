/**
 * `findings:list` for the loopback server (dispatch's `json`): each finding's evidence travels as its
 * stored text, unparsed (shared/stored-json.ts), and the reply it writes is the reply of the parsed
 * path, on the demo company; `findings:summaries` carries neither the evidence nor the texts; a
 * stored text that is not an object's is read as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput, FindingRow } from '@shared/contract';
import { StoredJsonObject, stringifyWithStoredJson } from '@shared/stored-json';
import { createBackend, type Backend } from '@core/backend';
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

  it('findings:summaries carries none of it: the same findings, without evidence, explanation, remediation or fix', async () => {
    const summaries = await backend.dispatch('findings:summaries', ALL, { json: true });
    if (!summaries.ok) throw new Error(summaries.error.message);
    const whole = (await list(ALL, true)) as { value: { findings: FindingRow[] } };
    const rows = (summaries.value as { findings: Record<string, unknown>[] }).findings;
    expect(rows.map((row) => row['fingerprint'])).toEqual(whole.value.findings.map((row) => row.fingerprint));
    for (const row of rows) for (const key of ['evidence', 'explanation', 'remediation', 'fix']) expect(row).not.toHaveProperty(key);
    // What the Findings screen reads on opening: a fraction of the whole rows' JSON.
    expect(stringifyWithStoredJson(summaries).length * 2).toBeLessThan(stringifyWithStoredJson(whole).length);
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

describe('findings:summaries and findings:details (the demo company)', () => {
  it('a summary is the row without its evidence and texts, with the governance policy its evidence names', async () => {
    // A team policy some AI agents of the demo fail: governance findings, whose evidence names it.
    const saved = await backend.dispatch('policies:save', { name: 'AI agents are tier 1 or 2', severity: 'medium', condition: 'agent.ai && agent.tier == 3' });
    if (!saved.ok) throw new Error(saved.error.message);
    const whole = (await list(ALL, false)) as { value: { findings: FindingRow[]; resolvedSinceLastScan: FindingRow[] } };
    const summaries = await backend.dispatch('findings:summaries', ALL);
    if (!summaries.ok) throw new Error(summaries.error.message);
    const listed = summaries.value as ChannelOutput<'findings:summaries'>;
    const rows = [...whole.value.findings, ...whole.value.resolvedSinceLastScan];
    const shown = [...listed.findings, ...listed.resolvedSinceLastScan];
    expect(shown).toHaveLength(rows.length);
    const governance = rows.filter((row) => row.ruleId === 'governance_policy_violation');
    expect(governance.length).toBeGreaterThan(0);
    shown.forEach((summary, i) => {
      const row = rows[i] as FindingRow;
      const { evidence, explanation: _e, remediation: _r, fix: _f, ...rest } = row;
      const policy = typeof evidence['policy'] === 'string' ? { id: evidence['policy'], name: typeof evidence['policyName'] === 'string' ? evidence['policyName'] : null } : null;
      expect(summary).toStrictEqual({ ...rest, policy });
      if (row.ruleId === 'governance_policy_violation') expect(summary.policy?.id).toBeTruthy();
    });
  });

  it('details are the opened finding’s evidence and texts, in the scan its row names (resolved rows too)', async () => {
    const whole = (await list(ALL, false)) as { value: { findings: FindingRow[]; resolvedSinceLastScan: FindingRow[] } };
    expect(whole.value.resolvedSinceLastScan.length).toBeGreaterThan(0);
    for (const row of [...whole.value.findings.slice(0, 25), ...whole.value.resolvedSinceLastScan]) {
      const details = await backend.dispatch('findings:details', { scanId: row.scanId, fingerprint: row.fingerprint });
      if (!details.ok) throw new Error(details.error.message);
      expect(details.value).toStrictEqual({ evidence: row.evidence, explanation: row.explanation, remediation: row.remediation, fix: row.fix });
    }
  });

  it('says in words when the scan or the finding is not there', async () => {
    const [row] = ((await list(ALL, false)) as { value: { findings: FindingRow[] } }).value.findings;
    if (row === undefined) throw new Error('no findings');
    const noScan = await backend.dispatch('findings:details', { scanId: 'no-such-scan', fingerprint: row.fingerprint });
    expect(noScan).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no scan no-such-scan in this workspace.' } });
    const noFinding = await backend.dispatch('findings:details', { scanId: row.scanId, fingerprint: 'no-such-finding' });
    expect(noFinding).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(noFinding.ok ? '' : noFinding.error.message).toContain('has no finding no-such-finding');
  });
});
