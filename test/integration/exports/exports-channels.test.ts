/**
 * The `exports:*` channels through the dispatcher (what the Findings, Inventory and Reports screens
 * save): every format is `warden export`'s text byte for byte (one writer), names the scan it came
 * from (file name, `scanIds`, and inside the file), keeps hostile names as text (CSV formula-neutralised),
 * SARIF is a well-formed 2.1.0 log, and `only` keeps the rows a screen shows, in its order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '@core/backend';
import { EventHub } from '@core/events';
import { parseCsv } from '@core/discovery/import/csv';
import type { ExportFile, FindingsExportFormat } from '@shared/contract';
import { exportCommand, type ExportFormat, type ExportSubject } from '../../../electron/cli/commands/export';
import type { CliBackend } from '../../../electron/cli/backend';
import { runWarden } from '../../../electron/cli/warden';
import { APP_NAME, APP_VERSION } from '../../../electron/cli/version';
import { call } from '../../support/dispatch-call';
import { FORGED } from '../../fixtures/hostile/hostile-strings';
import { HOSTILE_AUTHORIZATION_DETAILS, HOSTILE_CREDENTIAL_REPORT } from '../../fixtures/hostile/make-hostile-fixture';

const NOW = new Date('2026-12-06T09:30:00.000Z');

let dir: string;
let backend: CliBackend;
let scanId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-exports-channels-'));
  const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, USER: 'tester' };
  let err = '';
  const io = { out: () => undefined, err: (text: string) => void (err += text) };
  const imported = await runWarden(['import', '--authorization-details', HOSTILE_AUTHORIZATION_DETAILS, '--credential-report', HOSTILE_CREDENTIAL_REPORT], { env, io, moduleDir: join(process.cwd(), 'electron/cli') });
  expect(imported, err).toBe(0);
  const events = new EventHub();
  const core = createBackend({
    workspacePath: env.WARDEN_WORKSPACE,
    appInfo: { name: APP_NAME, version: APP_VERSION, transport: 'ipc', nativeDialogs: false, platform: 'linux' },
    env,
    clock: () => NOW,
    dialogs: null,
    emit: events.emit,
    acceptUploads: false,
  });
  backend = { ...core, events };
  const { view } = await call<{ view: { scans: { id: string }[] } }>(backend, 'agents:list', {});
  scanId = view.scans[0]?.id ?? '';
  expect(view.scans).toHaveLength(1);
});

afterAll(() => {
  backend.workspaces.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What `warden export SUBJECT --format FORMAT` prints, at the same clock. */
async function cliText(subject: ExportSubject, format: ExportFormat): Promise<string> {
  let out = '';
  const code = await exportCommand(backend, { out: (text) => void (out += text), err: () => undefined }, { subject, format, scan: undefined, account: undefined, now: NOW.getTime() });
  expect(code).toBe(0);
  return out;
}

const FINDINGS_FORMATS: readonly FindingsExportFormat[] = ['csv', 'json', 'sarif', 'ocsf', 'ocsf-jsonl'];

describe('exports:inventory and exports:findings', () => {
  it('answer warden export’s text, byte for byte, for every format, and name the scan', async () => {
    const short = scanId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
    for (const format of ['csv', 'json'] as const) {
      const file = await call<ExportFile>(backend, 'exports:inventory', { format });
      expect(file.text).toBe(await cliText('inventory', format));
      expect(file.fileName).toBe(`agent-warden-inventory-scan-${short}-2026-12-06.${format}`);
      expect(file.scanIds).toEqual([scanId]);
    }
    for (const format of FINDINGS_FORMATS) {
      const file = await call<ExportFile>(backend, 'exports:findings', { format });
      expect(file.text, format).toBe(await cliText('findings', format));
      expect(file.fileName).toMatch(new RegExp(`^agent-warden-findings-scan-${short}-2026-12-06\\.(csv|json|sarif|ocsf\\.json|ocsf\\.jsonl)$`));
      expect(file.scanIds).toEqual([scanId]);
      expect(file.count).toBeGreaterThan(0);
    }
    // Inside each file: the scanId column, the JSON's scans, SARIF's run, OCSF's correlation.
    const inventoryCsv = parseCsv((await call<ExportFile>(backend, 'exports:inventory', { format: 'csv' })).text).map((r) => r.fields);
    const column = inventoryCsv[0]?.indexOf('scanId') ?? -1;
    expect(new Set(inventoryCsv.slice(1).map((row) => row[column]))).toEqual(new Set([scanId]));
    const inventoryJson = JSON.parse((await call<ExportFile>(backend, 'exports:inventory', { format: 'json' })).text) as { view: { scans: { id: string }[] } };
    expect(inventoryJson.view.scans.map((scan) => scan.id)).toEqual([scanId]);
    const findingsJson = JSON.parse((await call<ExportFile>(backend, 'exports:findings', { format: 'json' })).text) as { scans: { id: string }[] };
    expect(findingsJson.scans.map((scan) => scan.id)).toEqual([scanId]);
    const ocsf = JSON.parse((await call<ExportFile>(backend, 'exports:findings', { format: 'ocsf' })).text) as { metadata: { correlation_uid: string } }[];
    expect(new Set(ocsf.map((event) => event.metadata.correlation_uid))).toEqual(new Set([scanId]));
  });

  it('keeps hostile names as text: no CSV cell starts a formula, markup stays plain text', async () => {
    for (const file of [await call<ExportFile>(backend, 'exports:inventory', { format: 'csv' }), await call<ExportFile>(backend, 'exports:findings', { format: 'csv' })]) {
      const cells = parseCsv(file.text).flatMap((record) => record.fields);
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
      expect(cells).toContain(`'${FORGED.hyperlinkName}`);
    }
    const inventory = parseCsv((await call<ExportFile>(backend, 'exports:inventory', { format: 'csv' })).text).map((r) => r.fields);
    const nameColumn = inventory[0]?.indexOf('name') ?? -1;
    expect(inventory.map((row) => row[nameColumn])).toContain(FORGED.imgName);
    expect(inventory.map((row) => row[nameColumn])).toContain(`'${FORGED.hyperlinkName}`);
  });

  it('writes SARIF 2.1.0: every run names its scan, results point at their rules, one result per finding', async () => {
    const file = await call<ExportFile>(backend, 'exports:findings', { format: 'sarif' });
    expect(file.mediaType).toBe('application/sarif+json');
    const log = JSON.parse(file.text) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[] } };
        automationDetails: { id: string };
        properties: { scan: { id: string } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { logicalLocations: { fullyQualifiedName: string; kind: string }[] }[]; partialFingerprints: Record<string, string> }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    if (run === undefined) throw new Error('no run');
    expect(run.tool.driver.name).toBe(APP_NAME);
    expect(run.automationDetails.id).toMatch(new RegExp(`/${scanId}$`));
    expect(run.properties.scan.id).toBe(scanId);
    const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text).toContain('Fires when');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const { findings } = await call<{ findings: { fingerprint: string; resourceArn: string }[] }>(backend, 'findings:list', {});
    expect(run.results).toHaveLength(findings.length);
    expect(file.count).toBe(findings.length);
    run.results.forEach((result, i) => {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0]?.logicalLocations[0]).toMatchObject({ fullyQualifiedName: findings[i]?.resourceArn, kind: 'resource' });
      expect(Object.values(result.partialFingerprints)).toEqual([findings[i]?.fingerprint]);
    });
  });

  it('keeps only the rows a screen names, in its order; names nothing else', async () => {
    const { agents } = await call<{ agents: { arn: string }[] }>(backend, 'agents:list', {});
    const picked = [agents[2]?.arn ?? '', agents[0]?.arn ?? '', 'arn:aws:iam::000000000000:role/not-there'];
    const csv = await call<ExportFile>(backend, 'exports:inventory', { format: 'csv', only: picked });
    expect(csv.count).toBe(2);
    expect(parseCsv(csv.text).slice(1).map((record) => record.fields[0])).toEqual(picked.slice(0, 2));
    const json = JSON.parse((await call<ExportFile>(backend, 'exports:inventory', { format: 'json', only: picked })).text) as { agents: { arn: string }[] };
    expect(json.agents.map((agent) => agent.arn)).toEqual(picked.slice(0, 2));

    const { findings } = await call<{ findings: { fingerprint: string }[] }>(backend, 'findings:list', {});
    const some = [findings[1]?.fingerprint ?? '', findings[0]?.fingerprint ?? ''];
    const sarif = await call<ExportFile>(backend, 'exports:findings', { format: 'sarif', only: some });
    expect(sarif.count).toBe(2);
    const log = JSON.parse(sarif.text) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(log.runs[0]?.results.map((result) => Object.values(result.partialFingerprints)[0])).toEqual(some);
    const none = await call<ExportFile>(backend, 'exports:findings', { format: 'csv', only: [] });
    expect(none.count).toBe(0);
    expect(none.text.split('\r\n')).toHaveLength(2);
  });

  it('refuses a format the subject has not, and a view with no completed scan', async () => {
    expect(await backend.dispatch('exports:inventory', { format: 'sarif' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await backend.dispatch('exports:findings', { format: 'xml' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await backend.dispatch('exports:findings', { format: 'csv', accountId: '000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
