/**
 * `warden findings`, `warden audit verify` and the analysis columns of `warden agents`, on real
 * exports imported through the app's import job.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRow, ScanSummary } from '@shared/contract';
import { createCliBackend, resolveWorkspacePath, type CliBackend } from '../../../electron/cli/backend';
import { AGENTS_CSV_COLUMNS, agentsCommand } from '../../../electron/cli/commands/agents';
import { auditVerifyCommand } from '../../../electron/cli/commands/audit';
import { FINDINGS_CSV_COLUMNS, findingsCsv } from '@shared/findings-export';
import {
  findingsCommand,
  findingsSarif,
  parseFindingsFormat,
  parseSeverity,
  type FindingsFormat,
} from '../../../electron/cli/commands/findings';
import type { Writer } from '../../../electron/cli/output';
import { RULES } from '@core/analysis/rules';
import { sql } from '@core/db/sql';
import { parseCsv } from '@core/discovery/import/csv';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const CLOUDMAPPER_DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const FINDING_KEYS = [
  'id', 'ruleId', 'severity', 'step', 'title', 'principalArn', 'resourceArn', 'resourceId', 'accountId', 'scanId', 'region',
  'evidence', 'remediation', 'fix', 'frameworks', 'status', 'firstSeenAt', 'lastSeenAt',
];

interface Captured {
  code: number;
  out: string;
  err: string;
}

function capture(): { io: Writer; result: () => Omit<Captured, 'code'> } {
  let out = '';
  let err = '';
  return { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, result: () => ({ out, err }) };
}

let dir: string;
let backend: CliBackend;
let scanId: string;

async function findings(format: FindingsFormat, extra: { scan?: string; account?: string; severity?: 'critical' | null; ruleId?: string | null } = {}): Promise<Captured> {
  const { io, result } = capture();
  const code = await findingsCommand(backend, io, { scan: extra.scan, account: extra.account, severity: extra.severity ?? null, ruleId: extra.ruleId ?? null, format });
  return { code, ...result() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-findings-'));
  const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir, USER: 'tester' };
  backend = createCliBackend({ workspacePath: resolveWorkspacePath(undefined, env), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('warden findings', () => {
  it('explains that there is nothing to list before any scan (exit 1)', async () => {
    const result = await findings('json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('has no completed scan yet');
  });

  it('prints JSON with exactly the documented keys, in order', async () => {
    const envelope = await backend.dispatch('import:files', {
      authorizationDetails: { kind: 'path', path: CLOUDMAPPER_DETAILS },
      credentialReport: { kind: 'path', path: CLOUDMAPPER_REPORT },
    });
    if (!envelope.ok) throw new Error(envelope.error.message);
    const job = await backend.jobs.wait((envelope.value as { jobId: string }).jobId);
    scanId = job.scanIds[0] ?? '';
    const result = await findings('json', { scan: 'latest' });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as { scans: Record<string, unknown>[]; findings: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['scans', 'findings']);
    expect(parsed.scans).toHaveLength(1);
    expect(parsed.scans[0]).toMatchObject({ id: scanId, source: 'import', accountId: '123456789012', status: 'completed' });
    expect(parsed.findings.length).toBeGreaterThan(0);
    for (const finding of parsed.findings) expect(Object.keys(finding)).toEqual(FINDING_KEYS);
    const admin = parsed.findings.find((f) => f['ruleId'] === 'policy_full_admin' && f['resourceArn'] === 'arn:aws:iam::123456789012:role/bad_role');
    expect(admin).toMatchObject({ accountId: '123456789012', scanId, severity: 'critical', status: 'new', principalArn: 'arn:aws:iam::123456789012:role/bad_role' });
    expect(typeof admin?.['id']).toBe('string');
  });

  it('filters by severity and rule, and refuses an unknown scan (exit 1)', async () => {
    const critical = JSON.parse((await findings('json', { severity: 'critical' })).out) as { findings: { severity: string }[] };
    expect(critical.findings.length).toBeGreaterThan(0);
    expect(critical.findings.every((f) => f.severity === 'critical')).toBe(true);
    const rule = JSON.parse((await findings('json', { ruleId: 'policy_full_admin' })).out) as { findings: { ruleId: string }[] };
    expect(rule.findings.every((f) => f.ruleId === 'policy_full_admin')).toBe(true);
    const unknown = await findings('json', { scan: 'no-such-scan' });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('There is no scan no-such-scan');
  });

  it('prints CSV: the header, one row per finding', async () => {
    const result = await findings('csv');
    const records = parseCsv(result.out).map((r) => r.fields);
    expect(records[0]).toEqual([...FINDINGS_CSV_COLUMNS]);
    const json = JSON.parse((await findings('json')).out) as { findings: { id: string }[] };
    expect(records.slice(1).map((r) => r[0])).toEqual(json.findings.map((f) => f.id));
    expect(result.out.endsWith('\r\n')).toBe(true);
  });

  it('prints SARIF 2.1.0: the catalogue as rules with help, results at ARNs with fingerprints', async () => {
    const result = await findings('sarif');
    expect(result.code).toBe(0);
    const sarif = JSON.parse(result.out) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string }; properties: { 'security-severity': string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { logicalLocations: { fullyQualifiedName: string; kind: string }[] }[]; partialFingerprints: Record<string, string> }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    if (run === undefined) throw new Error('no run');
    expect(run.tool.driver.name).toBe('Agent Warden');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    for (const rule of RULES) expect(ruleIds).toContain(rule.id);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text).toContain('Fires when');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0);
    }
    const json = JSON.parse((await findings('json')).out) as { findings: { id: string; ruleId: string; severity: string; resourceArn: string }[] };
    expect(run.results).toHaveLength(json.findings.length);
    run.results.forEach((r, i) => {
      const f = json.findings[i];
      expect(r.ruleId).toBe(f?.ruleId);
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
      expect(r.level).toBe(f?.severity === 'critical' || f?.severity === 'high' ? 'error' : f?.severity === 'medium' ? 'warning' : 'note');
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations[0]?.logicalLocations[0]).toMatchObject({ fullyQualifiedName: f?.resourceArn, kind: 'resource' });
      expect(Object.values(r.partialFingerprints)).toEqual([f?.id]);
    });
  });

  it('prints a readable table', async () => {
    const result = await findings('table');
    expect(result.out).toContain(`scan ${scanId}`);
    expect(result.out).toMatch(/SEVERITY\s+RULE\s+STATUS\s+ACCOUNT\s+RESOURCE\s+TITLE/);
    expect(result.out).toMatch(/CRITICAL\s+policy_full_admin\s+new\s+123456789012\s+arn:aws:iam::123456789012:role\/bad_role/);
  });

  it('prints the current state of every account; --account and --scan narrow it', async () => {
    const other = '210987654321';
    const details = join(dir, 'other-details.json');
    const report = join(dir, 'other-report.csv');
    writeFileSync(details, readFileSync(CLOUDMAPPER_DETAILS, 'utf8').replaceAll('123456789012', other));
    writeFileSync(report, readFileSync(CLOUDMAPPER_REPORT, 'utf8').replaceAll('123456789012', other));
    const envelope = await backend.dispatch('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: { kind: 'path', path: report } });
    if (!envelope.ok) throw new Error(envelope.error.message);
    const otherScan = (await backend.jobs.wait((envelope.value as { jobId: string }).jobId)).scanIds[0] ?? '';

    type Json = { scans: { id: string; accountId: string }[]; findings: { accountId: string; scanId: string; resourceArn: string }[] };
    const all = JSON.parse((await findings('json')).out) as Json;
    expect(all.scans.map((s) => s.accountId).sort()).toEqual(['123456789012', other]);
    expect(new Set(all.findings.map((f) => `${f.accountId} ${f.scanId}`))).toEqual(new Set([`123456789012 ${scanId}`, `${other} ${otherScan}`]));
    expect(all.findings.filter((f) => f.resourceArn.endsWith(':role/bad_role')).map((f) => f.accountId)).toContain(other);

    const one = JSON.parse((await findings('json', { account: other })).out) as Json;
    expect(one.scans.map((s) => s.id)).toEqual([otherScan]);
    expect(one.findings.length).toBeGreaterThan(0);
    expect(one.findings.every((f) => f.accountId === other)).toBe(true);
    const scan = JSON.parse((await findings('json', { scan: scanId })).out) as Json;
    expect(scan.findings.every((f) => f.scanId === scanId)).toBe(true);
    expect(one.findings.length + scan.findings.length).toBe(all.findings.length);
    const none = await findings('json', { account: '999999999999' });
    expect(none.code).toBe(1);

    const sarif = JSON.parse((await findings('sarif')).out) as { runs: { automationDetails: { id: string }; results: { properties: { accountId: string } }[] }[] };
    expect(sarif.runs).toHaveLength(2);
    for (const run of sarif.runs) {
      const account = run.automationDetails.id.split('/')[1];
      expect(run.results.length).toBeGreaterThan(0);
      expect(run.results.every((r) => r.properties.accountId === account)).toBe(true);
    }
    expect(sarif.runs.reduce((n, run) => n + run.results.length, 0)).toBe(all.findings.length);

    const table = (await findings('table')).out;
    expect(table).toContain('current state of 2 accounts');
    expect(table).toContain(`scan ${otherScan}`);
    expect(table).toMatch(new RegExp(`CRITICAL\\s+policy_full_admin\\s+new\\s+${other}\\s+arn:aws:iam::${other}:role/bad_role`));
  });

  it('parses --format and --severity, refusing anything else', () => {
    expect(parseFindingsFormat('SARIF')).toEqual({ ok: true, value: 'sarif' });
    expect(parseFindingsFormat(undefined)).toEqual({ ok: true, value: 'table' });
    expect(parseFindingsFormat('xml')).toMatchObject({ ok: false, message: expect.stringContaining('json, csv, sarif, table') as unknown });
    expect(parseSeverity('High')).toEqual({ ok: true, value: 'high' });
    expect(parseSeverity('urgent').ok).toBe(false);
  });
});

describe('finding exports from crafted text', () => {
  const scan: ScanSummary = {
    id: 's', source: 'import', label: null, connectionId: null, connectionName: null, accountId: '123456789012', accountAlias: null, regions: [],
    status: 'completed', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, durationMs: null, error: null, apiCallCount: 0, identityCount: 0, workloadCount: 0, outcomes: {},
  };
  const row: FindingRow = {
    fingerprint: 'fp', scanId: 's', ruleId: 'agent_missing_owner', severity: 'medium', step: 1, title: "=HYPERLINK(\"http://evil\")", principalArn: 'arn:aws:iam::123456789012:role/@x',
    resourceArn: 'arn:aws:iam::123456789012:role/@x', resourceId: '+SUM(1)', accountId: '123456789012', region: null, evidence: { tag: '-2+3' },
    remediation: '@cmd', fix: { kind: 'aws-cli', text: '\tcalc' }, frameworks: ['NHI1'], explanation: '\rboom', status: 'accepted', isNew: false,
    firstSeenAt: 'x', lastSeenAt: 'y', acceptance: { reason: '=risky', until: '2027-01-01', by: 'a', at: 'z' },
  };

  it('neutralises formula injection in every CSV cell', () => {
    const [header, fields] = parseCsv(findingsCsv([row])).map((r) => r.fields);
    const cell = (name: string): string => fields?.[header?.indexOf(name) ?? -1] ?? '';
    expect(cell('title')).toBe("'=HYPERLINK(\"http://evil\")");
    expect(cell('resourceId')).toBe("'+SUM(1)");
    expect(cell('remediation')).toBe("'@cmd");
    expect(cell('fix')).toBe("'\tcalc");
    expect(cell('acceptedReason')).toBe("'=risky");
    for (const value of fields ?? []) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('marks an accepted finding as suppressed in SARIF, with the reason', () => {
    const sarif = findingsSarif([scan], [row], []) as { runs: { results: { suppressions?: { justification: string }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(sarif.runs[0]?.results[0]?.suppressions?.[0]?.justification).toBe('=risky (until 2027-01-01)');
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['agent_missing_owner']);
  });
});

describe('warden agents with the analysis', () => {
  it('adds tier, tierReasons and findingCounts to JSON, CSV and the table', async () => {
    const { io, result } = capture();
    expect(await agentsCommand(backend, io, { scan: scanId, format: 'json' })).toBe(0);
    // Issue 9: the JSON is agents:list's rows, which carry no tier reasons; the CSV does (below).
    const parsed = JSON.parse(result().out) as { agents: { arn: string; tier: number | null; findingCounts: Record<string, number> | null }[] };
    const bad = parsed.agents.find((a) => a.arn === 'arn:aws:iam::123456789012:role/bad_role');
    expect(bad?.tier).toBe(1);
    expect(bad?.findingCounts?.['critical']).toBeGreaterThan(0);
    expect(parsed.agents.every((a) => a.tier !== null && a.findingCounts !== null)).toBe(true);

    const csv = capture();
    await agentsCommand(backend, csv.io, { scan: scanId, format: 'csv' });
    const [header, ...rows] = parseCsv(csv.result().out).map((r) => r.fields);
    expect(header).toEqual([...AGENTS_CSV_COLUMNS]);
    const badRow = rows.find((r) => r[0] === 'arn:aws:iam::123456789012:role/bad_role');
    expect(badRow?.[AGENTS_CSV_COLUMNS.indexOf('tier')]).toBe('1');
    expect(badRow?.[AGENTS_CSV_COLUMNS.indexOf('tierReasons')]?.length).toBeGreaterThan(0);

    const table = capture();
    await agentsCommand(backend, table.io, { scan: scanId, format: 'table' });
    expect(table.result().out).toMatch(/LAST USED\s+TIER\s+FINDINGS/);
  });
});

describe('warden audit verify', () => {
  it('exits 0 on an intact chain and 1 with the first broken entry after tampering', async () => {
    const registry = await backend.dispatch('registry:update', { arns: ['arn:aws:iam::123456789012:role/bad_role', 'arn:aws:iam::123456789012:role/level1'], patch: { status: 'registered' } });
    expect(registry.ok).toBe(true);
    const ok = capture();
    expect(await auditVerifyCommand(backend, ok.io, { json: false })).toBe(0);
    expect(ok.result().out).toMatch(/^ok: .*2 entries/);

    const write = backend.workspaces.current().write;
    write.exec(sql`DROP TRIGGER audit_log_no_update`);
    write.run(sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`);
    const broken = capture();
    expect(await auditVerifyCommand(backend, broken.io, { json: true })).toBe(1);
    expect(JSON.parse(broken.result().out)).toMatchObject({ ok: false, entries: 1, firstBrokenSeq: 1 });
  });
});
