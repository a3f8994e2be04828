import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliBackend, resolveWorkspacePath, type CliBackend } from '../../../electron/cli/backend';
import { AGENTS_CSV_COLUMNS, agentsCommand, parseAgentsFormat, type AgentsFormat } from '../../../electron/cli/commands/agents';
import { runWarden } from '../../../electron/cli/warden';
import type { Writer } from '../../../electron/cli/output';
import { parseAuthorizationDetailsFile } from '@core/discovery/import/authorization-details';
import { parseCsv } from '@core/discovery/import/csv';
import { agentRowSchema, scanSummarySchema, type ChannelOutput } from '@shared/contract';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const CLOUDMAPPER_DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const IAM_VULNERABLE = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');

interface Captured {
  code: number;
  out: string;
  err: string;
}

/** What `agents:list` answers (issue 9: the JSON is that answer as it is). */
type AgentsJson = ChannelOutput<'agents:list'>;

async function run(backend: CliBackend, format: AgentsFormat, scan?: string, account?: string): Promise<Captured> {
  let out = '';
  let err = '';
  const io: Writer = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await agentsCommand(backend, io, { scan, account, format });
  return { code, out, err };
}

/** Imports through the same channel and job the app and `warden import` use. */
async function importFiles(backend: CliBackend, details: string, report: string | null): Promise<string> {
  const envelope = await backend.dispatch('import:files', {
    authorizationDetails: { kind: 'path', path: details },
    credentialReport: report === null ? null : { kind: 'path', path: report },
  });
  if (!envelope.ok) throw new Error(envelope.error.message);
  const job = await backend.jobs.wait((envelope.value as { jobId: string }).jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

/** The CLI's JSON and the app's `agents:list` answer for one scan, held equal. */
async function expectSameAsAgentsList(backend: CliBackend, scanId: string | undefined): Promise<void> {
  const result = await run(backend, 'json', scanId);
  expect(result.code, result.err).toBe(0);
  const envelope = await backend.dispatch('agents:list', { scanId: scanId ?? null, accountId: null });
  if (!envelope.ok) throw new Error(envelope.error.message);
  const answer = envelope.value as ChannelOutput<'agents:list'>;
  expect(answer.agents.length).toBeGreaterThan(0);
  expect(JSON.parse(result.out)).toEqual(answer);
  // Byte for byte too: the stream writes what one JSON.stringify of the answer would.
  expect(result.out).toBe(`${JSON.stringify(answer, null, 2)}\n`);
}

async function principalArns(path: string, reportOnly: string[] = []): Promise<string[]> {
  const parsed = await parseAuthorizationDetailsFile(path);
  return [...parsed.iam.users.map((u) => u.arn), ...reportOnly, ...parsed.iam.roles.map((r) => r.arn)].sort();
}

describe('warden agents', () => {
  let dir: string;
  let backend: CliBackend;
  let cloudMapperScan: string;
  let vulnerableScan: string;
  let craftedScan: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-agents-'));
    const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir };
    backend = createCliBackend({ workspacePath: resolveWorkspacePath(undefined, env), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  });

  afterAll(() => {
    backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains that there is nothing to list before any scan (exit 1)', async () => {
    const result = await run(backend, 'json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('has no scans yet');
  });

  it('imports the real exports through the app path', async () => {
    cloudMapperScan = await importFiles(backend, CLOUDMAPPER_DETAILS, CLOUDMAPPER_REPORT);
    await new Promise((r) => setTimeout(r, 5)); // distinct start times: "latest" is by start
    vulnerableScan = await importFiles(backend, IAM_VULNERABLE, null);
    expect(cloudMapperScan).not.toBe(vulnerableScan);
  });

  it('prints JSON of the current state: every account\'s newest scan, each row with its account and scan', async () => {
    const result = await run(backend, 'json', 'latest');
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as AgentsJson;
    expect(Object.keys(parsed)).toEqual(['view', 'agents']);
    expect(parsed.view.kind).toBe('current');
    expect(parsed.view.past).toBe(false);
    expect(Object.keys(parsed.view.scans[0] ?? {})).toEqual(Object.keys(scanSummarySchema.shape));
    expect(parsed.view.scans.map((scan) => scan.id).sort()).toEqual([cloudMapperScan, vulnerableScan].sort());
    expect(Object.keys(parsed.agents[0] ?? {})).toEqual(Object.keys(agentRowSchema.shape));
    const reportOnly = ['arn:aws:iam::123456789012:user/auditor_tmp', 'arn:aws:iam::123456789012:user/user'];
    const expected = [...(await principalArns(IAM_VULNERABLE)), ...(await principalArns(CLOUDMAPPER_DETAILS, reportOnly))].sort();
    expect(parsed.agents.map((a) => a.arn).sort()).toEqual(expected);
    // Every row says where it comes from: its account, that account's scan.
    const scanOf = new Map(parsed.view.scans.map((scan) => [scan.accountId, scan.id]));
    for (const agent of parsed.agents) expect(agent.scanId).toBe(scanOf.get(agent.accountId));
    expect(new Set(parsed.agents.map((a) => a.accountId))).toEqual(new Set(['123456789012', '200611803367']));
    expect(result.out.startsWith('{\n  "view": {\n    "kind"')).toBe(true);
    // The same with no --scan at all.
    expect((await run(backend, 'json')).out).toBe(result.out);
  });

  it('narrows to one account with --account', async () => {
    const result = await run(backend, 'json', undefined, '200611803367');
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as AgentsJson;
    expect(parsed.view).toMatchObject({ kind: 'current', accountId: '200611803367' });
    expect(parsed.view.scans.map((scan) => scan.id)).toEqual([vulnerableScan]);
    expect(parsed.agents.map((a) => a.arn).sort()).toEqual(await principalArns(IAM_VULNERABLE));
    expect(parsed.agents.every((a) => a.accountId === '200611803367' && a.scanId === vulnerableScan)).toBe(true);
    const csv = await run(backend, 'csv', undefined, '200611803367');
    const records = parseCsv(csv.out).slice(1).map((r) => r.fields);
    expect(records).toHaveLength(parsed.agents.length);
    expect(new Set(records.map((fields) => fields[AGENTS_CSV_COLUMNS.indexOf('scanId')]))).toEqual(new Set([vulnerableScan]));

    const none = await run(backend, 'table', undefined, '999999999999');
    expect(none.code).toBe(1);
    expect(none.err).toContain('no scans of account 999999999999');
  });

  it('takes --account and --scan from the command line', async () => {
    let out = '';
    let err = '';
    const code = await runWarden(['agents', '--account', '200611803367', '--format', 'json', '--workspace', join(dir, 'workspace.sqlite')], {
      env: { HOME: dir },
      io: { out: (t) => void (out += t), err: (t) => void (err += t) },
      moduleDir: join(process.cwd(), 'electron/cli'),
    });
    expect(code, err).toBe(0);
    const parsed = JSON.parse(out) as AgentsJson;
    expect(parsed.view.accountId).toBe('200611803367');
    expect(new Set(parsed.agents.map((a) => a.scanId))).toEqual(new Set([vulnerableScan]));
  });

  it('prints a table of every account with an account column', async () => {
    const result = await run(backend, 'table');
    expect(result.code, result.err).toBe(0);
    expect(result.out.split('\n')[0]).toBe('current state of 2 accounts, each from its newest completed scan');
    expect(result.out).toContain(`scan ${cloudMapperScan}`);
    expect(result.out).toContain(`scan ${vulnerableScan}`);
    expect(result.out).toMatch(/NAME\s+ACCOUNT\s+KIND/);
    expect(result.out).toMatch(/\nuser\s+123456789012\s+iam-user/);
  });

  it('prints an older scan by ID, with credentials from its credential report', async () => {
    const result = await run(backend, 'json', cloudMapperScan);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as AgentsJson;
    expect(parsed.view).toMatchObject({ kind: 'scan', past: false, accountId: '123456789012' });
    expect(parsed.view.scans.map((scan) => scan.id)).toEqual([cloudMapperScan]);
    const reportOnly = ['arn:aws:iam::123456789012:user/auditor_tmp', 'arn:aws:iam::123456789012:user/user'];
    expect(parsed.agents.map((a) => a.arn).sort()).toEqual(await principalArns(CLOUDMAPPER_DETAILS, reportOnly));
    const user = parsed.agents.find((a) => a.arn === 'arn:aws:iam::123456789012:user/user');
    // Issue 9: a row counts the active keys (the credentials themselves are on the agent's page).
    expect(user?.activeKeyCount).toBe(2);
  });

  it('prints, as JSON, exactly what agents:list answers the app (the iam-vulnerable export)', async () => {
    await expectSameAsAgentsList(backend, vulnerableScan);
    await expectSameAsAgentsList(backend, cloudMapperScan);
  });

  it('refuses an unknown scan ID (exit 1)', async () => {
    const result = await run(backend, 'table', 'no-such-scan');
    expect(result.code).toBe(1);
    expect(result.err).toContain('There is no scan no-such-scan');
    expect(result.out).toBe('');
  });

  it('prints CSV: a header, one row per agent, lists joined by ";"', async () => {
    const result = await run(backend, 'csv', cloudMapperScan);
    expect(result.code).toBe(0);
    const records = parseCsv(result.out).map((r) => r.fields);
    expect(records[0]).toEqual([...AGENTS_CSV_COLUMNS]);
    const json = JSON.parse((await run(backend, 'json', cloudMapperScan)).out) as AgentsJson;
    expect(records).toHaveLength(json.agents.length + 1);
    const rows = records.slice(1).map((fields) => Object.fromEntries(AGENTS_CSV_COLUMNS.map((c, i) => [c, fields[i] ?? ''])));
    expect(rows.map((r) => r['arn'])).toEqual(json.agents.map((a) => a.arn));
    const user = rows.find((r) => r['arn'] === 'arn:aws:iam::123456789012:user/user');
    expect(user).toMatchObject({ kind: 'iam-user', activeAccessKeys: '2', consolePassword: 'true', status: 'unregistered', ai: 'false' });
    expect(result.out.endsWith('\r\n')).toBe(true);
  });

  it('prints a table with the summary columns', async () => {
    const result = await run(backend, 'table', cloudMapperScan);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe("one scan (its account's newest)");
    expect(lines[1]).toContain(`scan ${cloudMapperScan}`);
    expect(result.out).toMatch(/NAME\s+ACCOUNT\s+KIND\s+AI\s+OWNER\s+WORKLOADS\s+LAST USED/);
    const json = JSON.parse((await run(backend, 'json', cloudMapperScan)).out) as AgentsJson;
    for (const agent of json.agents) expect(result.out).toContain(agent.name);
    expect(result.out).toMatch(/user\s+123456789012\s+iam-user\s+-\s+-\s+-\s+2018-05-07/);
  });

  it('reads owner and status from the registry', async () => {
    const arn = 'arn:aws:iam::123456789012:user/auditor_tmp';
    // Through the app's channel: the stored analysis follows the registry's revision, not a raw row.
    const saved = await backend.dispatch('registry:update', { arns: [arn], patch: { owner: 'Dana (security)', status: 'registered' } });
    expect(saved.ok).toBe(true);
    const parsed = JSON.parse((await run(backend, 'json', cloudMapperScan)).out) as AgentsJson;
    expect(parsed.agents.find((a) => a.arn === arn)).toMatchObject({ owner: 'Dana (security)', status: 'registered' });
  });

  it('keeps formulas out of the CSV and control characters out of the table', async () => {
    const account = '444455556666';
    const export_ = {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: [
        ['formula', "=cmd|' /C calc'!A0"],
        ['plus', '+1'],
        ['at', '@SUM(1)'],
        ['escape', '\u001b[31mred\u001b[0m'],
      ].map(([name, owner]) => ({
        Path: '/',
        RoleName: name,
        RoleId: `AROA${(name ?? '').toUpperCase()}`,
        Arn: `arn:aws:iam::${account}:role/${name}`,
        CreateDate: '2025-01-01T00:00:00Z',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [{ Key: 'owner', Value: owner }],
        RoleLastUsed: {},
      })),
    };
    const path = join(dir, 'crafted.json');
    writeFileSync(path, JSON.stringify(export_));
    craftedScan = await importFiles(backend, path, null);

    const csv = await run(backend, 'csv', craftedScan);
    const owners = parseCsv(csv.out).slice(1).map((r) => r.fields[AGENTS_CSV_COLUMNS.indexOf('owner')]);
    expect(owners).toEqual(["'@SUM(1)", '\u001b[31mred\u001b[0m', "'=cmd|' /C calc'!A0", "'+1"]);

    const table = await run(backend, 'table', craftedScan);
    expect(table.out).not.toContain('\u001b');
    expect(table.out).toContain('\\u{1B}[31mred\\u{1B}[0m');
  });

  it('says a scan with a newer one of its account is a past view', async () => {
    const newer = await importFiles(backend, IAM_VULNERABLE, null);
    const past = JSON.parse((await run(backend, 'json', vulnerableScan)).out) as AgentsJson;
    expect(past.view).toMatchObject({ kind: 'scan', past: true });
    expect(past.agents.every((a) => a.scanId === vulnerableScan)).toBe(true);
    expect((await run(backend, 'table', vulnerableScan)).out.split('\n')[0]).toBe('a past view: a newer scan of this account exists');
    const current = JSON.parse((await run(backend, 'json')).out) as AgentsJson;
    expect(current.view.scans.map((scan) => scan.id)).toContain(newer);
    expect(current.view.scans.map((scan) => scan.id)).not.toContain(vulnerableScan);
    expect(current.view.scans).toHaveLength(3);
  });

  it('parses --format, refusing anything else', () => {
    expect(parseAgentsFormat('json')).toEqual({ ok: true, format: 'json' });
    expect(parseAgentsFormat('CSV')).toEqual({ ok: true, format: 'csv' });
    expect(parseAgentsFormat(undefined)).toEqual({ ok: true, format: 'table' });
    const bad = parseAgentsFormat('xml');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.message).toContain('json, csv, table');
  });
});

describe('warden agents on the demo company', () => {
  let dir: string;
  let backend: CliBackend;
  let demoFolder: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-agents-demo-'));
    const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir };
    backend = createCliBackend({ workspacePath: resolveWorkspacePath(undefined, env), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
    const opened = await backend.dispatch('demo:open', {});
    if (!opened.ok) throw new Error(opened.error.message);
    demoFolder = dirname((opened.value as { path: string }).path);
  }, 120_000);

  afterAll(() => {
    backend?.close();
    rmSync(dir, { recursive: true, force: true });
    if (demoFolder !== undefined) rmSync(demoFolder, { recursive: true, force: true });
  });

  it('prints, as JSON, exactly what agents:list answers the app', async () => {
    await expectSameAsAgentsList(backend, undefined);
  });
});
