/** `warden policies list|test`, through runWarden as a shell would call it, on a real imported export. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWarden } from '../../../electron/cli/warden';
import { createCliBackend } from '../../../electron/cli/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
/** A second account's export (iam-vulnerable), for the figures across accounts. */
const SECOND = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');

interface ViewJson {
  kind: string;
  accountId: string | null;
  past: boolean;
  scans: { id: string; accountId: string | null }[];
}
interface ListJson {
  view: ViewJson;
  builtIn: { name: string; failing: number | null }[];
  policies: { name: string; evaluation: { failing: number; evaluated: number } | null }[];
}
interface TestJson {
  view: ViewJson;
  evaluation: { failing: number; evaluated: number; errors: number; notApplicable: number };
  failingAgents: { accountId: string }[];
}

interface Captured {
  code: number;
  out: string;
  err: string;
}

let dir: string;
let env: NodeJS.ProcessEnv;

async function warden(...args: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-policies-'));
  env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir, USER: 'tester' };
  // An empty workspace, no scan yet: `policies` only reads, and never creates one (workspace-refusals.test.ts).
  const backend = createCliBackend({ workspacePath: String(env['WARDEN_WORKSPACE']), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  backend.workspaces.info();
  backend.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('warden policies', () => {
  it('refuses an expression that does not compile (exit 1), showing where, even before any scan', async () => {
    const result = await warden('policies', 'test', '--expr', 'agent.name +');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe('warden: the expression, line 1, column 13: Unexpected token: EOF\n  agent.name +\n              ^\n');
  });

  it('reports a typo in a field name and in the applies-to expression', async () => {
    const result = await warden('policies', 'test', '--expr', 'agent.ownr != null', '--applies-to', 'agent.ai &&');
    expect(result.code).toBe(1);
    expect(result.err).toContain('the expression, line 1, column 7: No such key: ownr');
    expect(result.err).toContain('the applies-to, line 1, column 12: Unexpected token: EOF');
  });

  it('says an expression compiles when there is no scan to try it on (exit 0)', async () => {
    const result = await warden('policies', 'test', '--expr', 'true');
    expect(result).toEqual({ code: 0, out: 'The expression compiles. The workspace has no completed scan to try it on yet.\n', err: '' });
  });

  it('has usage errors (exit 2) for a missing --expr, an unknown format or subcommand', async () => {
    expect((await warden('policies', 'test')).code).toBe(2);
    expect((await warden('policies', 'list', '--format', 'xml')).code).toBe(2);
    expect((await warden('policies', 'remove')).code).toBe(2);
    expect((await warden('--help')).out).toContain('policies test --expr CEL');
  });

  it('tries an expression on the newest scan: counts, failing agents and errors', async () => {
    const imported = await warden('import', '--authorization-details', DETAILS, '--credential-report', REPORT);
    expect(imported.code, imported.err).toBe(0);

    const table = await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'");
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/agents evaluated, [1-9]\d* failing, 0 could not be evaluated, 0 not in scope/);
    expect(table.out).toContain('iam-user');

    const json = await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'", '--format', 'json');
    const parsed = JSON.parse(json.out) as { compiles: boolean; evaluation: { failing: number; evaluated: number }; failingAgents: { kind: string }[] };
    expect(parsed.compiles).toBe(true);
    expect(parsed.failingAgents.length).toBe(Math.min(50, parsed.evaluation.failing));
    expect(parsed.failingAgents.every((agent) => agent.kind === 'iam-user')).toBe(true);

    const errors = await warden('policies', 'test', '--expr', "agent.owner.startsWith('x')");
    expect(errors.code).toBe(0);
    expect(errors.out).toMatch(/could not be evaluated for \d+ agents?; first: .*startsWith/);
  });

  it('answers an unknown scan with exit 1', async () => {
    const result = await warden('policies', 'test', '--expr', 'true', '--scan', 'nope');
    expect(result.code).toBe(1);
    expect(result.err).toContain('not_found');
  });

  it('lists built-in and saved policies with their figures, as a table and as JSON', async () => {
    const backend = createCliBackend({ workspacePath: String(env['WARDEN_WORKSPACE']), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
    try {
      const saved = await backend.dispatch('policies:save', { name: 'Roles only', severity: 'low', condition: "agent.kind == 'iam-role'" });
      expect(saved.ok).toBe(true);
    } finally {
      backend.close();
    }
    const table = await warden('policies', 'list');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^evaluated on the current state of the account \(each account's newest completed scan\), summed\n {2}scan \S+ {2}account /);
    expect(table.out).toMatch(/registered identity\s+built-in\s+high\s+yes/);
    expect(table.out).toMatch(/Roles only\s+user\s+low\s+yes\s+\d+\s+[1-9]\d*\s+0\s+every governed agent/);

    const json = JSON.parse((await warden('policies', 'list', '--format', 'json')).out) as ListJson & { policies: { condition: string }[] };
    expect(json.view).toMatchObject({ kind: 'current', accountId: null, past: false });
    expect(json.view.scans).toHaveLength(1);
    expect(json.builtIn).toHaveLength(3);
    expect(json.policies).toEqual([expect.objectContaining({ name: 'Roles only', condition: "agent.kind == 'iam-role'" })]);
    expect(json.policies[0]?.evaluation?.failing).toBeGreaterThan(0);
  });

  it('with a second account: figures summed over both by default, --account and --scan narrow them, the JSON says which scans', async () => {
    const imported = await warden('import', '--authorization-details', SECOND);
    expect(imported.code, imported.err).toBe(0);

    const all = JSON.parse((await warden('policies', 'list', '--format', 'json')).out) as ListJson;
    expect(all.view.kind).toBe('current');
    const accounts = all.view.scans.map((scan) => scan.accountId ?? '');
    expect(new Set(accounts).size).toBe(2);
    const table = await warden('policies', 'list');
    expect(table.out).toMatch(/^evaluated on the current state of 2 accounts/);
    for (const account of accounts) expect(table.out).toContain(`account ${account}`);

    const perAccount = await Promise.all(accounts.map(async (account) => JSON.parse((await warden('policies', 'list', '--account', account, '--format', 'json')).out) as ListJson));
    perAccount.forEach((one, index) => {
      expect(one.view).toMatchObject({ kind: 'current', accountId: accounts[index] });
      expect(one.view.scans.map((scan) => scan.accountId)).toEqual([accounts[index]]);
    });
    all.builtIn.forEach((policy, index) => expect(perAccount.reduce((sum, one) => sum + (one.builtIn[index]?.failing ?? 0), 0)).toBe(policy.failing));
    expect(perAccount.reduce((sum, one) => sum + (one.policies[0]?.evaluation?.failing ?? 0), 0)).toBe(all.policies[0]?.evaluation?.failing);
    expect(perAccount.every((one) => (one.policies[0]?.evaluation?.evaluated ?? 0) > 0)).toBe(true);

    // Trying: both accounts' agents, or one account's, or one scan's.
    const tried = JSON.parse((await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'", '--format', 'json')).out) as TestJson;
    expect(tried.view.scans).toHaveLength(2);
    const [first = '', second = ''] = accounts;
    const narrowed = JSON.parse((await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'", '--account', second, '--format', 'json')).out) as TestJson;
    expect(narrowed.view.accountId).toBe(second);
    expect(narrowed.failingAgents.every((agent) => agent.accountId === second)).toBe(true);
    const firstScan = all.view.scans.find((scan) => scan.accountId === first)?.id ?? '';
    const scanned = JSON.parse((await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'", '--scan', firstScan, '--format', 'json')).out) as TestJson;
    expect(scanned.view).toMatchObject({ kind: 'scan', accountId: first, scans: [expect.objectContaining({ id: firstScan })] });
    expect(scanned.evaluation.evaluated + narrowed.evaluation.evaluated).toBe(tried.evaluation.evaluated);
    expect(scanned.evaluation.failing + narrowed.evaluation.failing).toBe(tried.evaluation.failing);
    const text = await warden('policies', 'test', '--expr', "agent.kind == 'iam-role'", '--account', second);
    expect(text.out).toMatch(/^evaluated on the current state of the account/);
    expect(text.out).toContain(`account ${second}`);

    // A scan of one account asked with another account, and an account that is not an ID: refused.
    expect((await warden('policies', 'list', '--scan', firstScan, '--account', second)).code).toBe(1);
    const bad = await warden('policies', 'list', '--account', 'prod');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('12 digits');
  });
});
