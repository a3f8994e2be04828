/**
 * `warden export` on the demo workspace: every OCSF object validates against the OCSF 1.3.0 Detection
 * Finding schema (test/fixtures/ocsf, see its README), and fails it once a required field is removed;
 * JSON Lines equals the array; every format names its scans; bad combinations exit 2.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@core/discovery/import/csv';
import { runWarden } from '../../../electron/cli/warden';
import { FORGED } from '../../fixtures/hostile/hostile-strings';
import { HOSTILE_AUTHORIZATION_DETAILS, HOSTILE_CREDENTIAL_REPORT } from '../../fixtures/hostile/make-hostile-fixture';

let dir: string;
let env: NodeJS.ProcessEnv;

async function warden(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

/** A CSV's header row (our column names have no quotes or commas). */
function header(csv: string): string[] {
  return (csv.split(/\r?\n/)[0] ?? '').split(',');
}

const schema = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/ocsf/detection_finding-1.3.0.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-export-'));
  env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, USER: 'tester' };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('warden export', () => {
  it('exports the demo’s findings as OCSF 1.3.0 Detection Findings that validate against the schema', async () => {
    const result = await warden('export', 'findings', '--workspace', 'demo', '--format', 'ocsf');
    expect(result.code, result.err).toBe(0);
    const events = JSON.parse(result.out) as Record<string, unknown>[];
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) expect(validate(event) ? null : { uid: (event['finding_info'] as { uid: string }).uid, errors: validate.errors }).toBeNull();
    // The statuses of the demo cover more than one OCSF status, and owners/tiers ride along.
    expect(new Set(events.map((e) => e['status_id'])).size).toBeGreaterThan(1);
    expect(events.some((e) => (e['resources'] as { owner?: unknown }[]).some((r) => r.owner !== undefined))).toBe(true);
    expect(events.every((e) => typeof (e['unmapped'] as { scan_id: unknown }).scan_id === 'string')).toBe(true);

    // The schema is not vacuous: without a required field, or with a misplaced one, an event fails.
    const first = events[0] ?? {};
    for (const field of ['class_uid', 'finding_info', 'metadata', 'severity_id', 'time', 'type_uid', 'activity_id']) {
      const { [field]: _removed, ...rest } = first;
      expect(validate(rest), field).toBe(false);
    }
    const { uid: _uid, ...info } = first['finding_info'] as Record<string, unknown>;
    expect(validate({ ...first, finding_info: info })).toBe(false);
    expect(validate({ ...first, owner: 'misplaced' })).toBe(false);
    expect(validate({ ...first, status_id: 7 })).toBe(false);

    const lines = await warden('export', 'findings', '--workspace', 'demo', '--format', 'ocsf-jsonl');
    expect(lines.code, lines.err).toBe(0);
    const parsed = lines.out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((e) => (e['finding_info'] as { uid: string }).uid)).toEqual(events.map((e) => (e['finding_info'] as { uid: string }).uid));
    for (const event of parsed) expect(validate(event)).toBe(true);
  });

  it('names the scans it came from in CSV, JSON and SARIF, for findings and the inventory', async () => {
    const csv = await warden('export', 'findings', '--workspace', 'demo', '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    expect(header(csv.out)).toContain('scanId');
    const sarif = JSON.parse((await warden('export', 'findings', '--workspace', 'demo', '--format', 'sarif')).out) as { runs: { properties: { scan: { id: string } } }[] };
    expect(sarif.runs.length).toBeGreaterThan(0);
    for (const run of sarif.runs) expect(run.properties.scan.id).toMatch(/\S/);
    const json = JSON.parse((await warden('export', 'findings', '--workspace', 'demo', '--format', 'json')).out) as { scans: unknown[] };
    expect(json.scans.length).toBeGreaterThan(0);
    const inventory = await warden('export', 'inventory', '--workspace', 'demo', '--format', 'csv');
    expect(inventory.code, inventory.err).toBe(0);
    expect(header(inventory.out)).toContain('scanId');
    const inventoryJson = JSON.parse((await warden('export', 'inventory', '--workspace', 'demo', '--format', 'json')).out) as { view: { scans: unknown[] } };
    expect(inventoryJson.view.scans.length).toBeGreaterThan(0);
  });

  it('keeps =HYPERLINK(...) in a name as text: CSV cells neutralised, OCSF valid JSON with the name as it is', async () => {
    const imported = await warden('import', '--authorization-details', HOSTILE_AUTHORIZATION_DETAILS, '--credential-report', HOSTILE_CREDENTIAL_REPORT);
    expect(imported.code, imported.err).toBe(0);
    const inventory = await warden('export', 'inventory', '--format', 'csv');
    expect(inventory.code, inventory.err).toBe(0);
    expect(inventory.out).toContain(`'${FORGED.hyperlinkName.replaceAll('"', '""')}`);
    const findings = await warden('export', 'findings', '--format', 'csv');
    expect(findings.code, findings.err).toBe(0);
    // No cell of either export starts a formula: every cell is a field between commas/line ends (quoted or not).
    for (const text of [inventory.out, findings.out]) {
      const cells = parseCsv(text).flatMap((record) => record.fields);
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
      expect(cells.some((cell) => cell.includes('=HYPERLINK'))).toBe(true);
    }
    const ocsf = await warden('export', 'findings', '--format', 'ocsf');
    expect(ocsf.code, ocsf.err).toBe(0);
    const events = JSON.parse(ocsf.out) as Record<string, unknown>[];
    for (const event of events) expect(validate(event) ? null : validate.errors).toBeNull();
    expect(ocsf.out).toContain(JSON.stringify(FORGED.hyperlinkName).slice(1, -1));
  });

  it('exits 2 on a bad combination', async () => {
    for (const args of [['inventory', '--format', 'sarif'], ['inventory', '--format', 'ocsf'], ['findings'], ['findings', '--format', 'xml'], ['everything', '--format', 'csv'], []]) {
      const result = await warden('export', ...args, '--workspace', 'demo');
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.out).toBe('');
    }
  });
});
