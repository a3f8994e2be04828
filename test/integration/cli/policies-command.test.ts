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
    expect(table.out).toMatch(/^evaluated on scan /);
    expect(table.out).toMatch(/registered identity\s+built-in\s+high\s+yes/);
    expect(table.out).toMatch(/Roles only\s+user\s+low\s+yes\s+\d+\s+[1-9]\d*\s+0\s+every governed agent/);

    const json = JSON.parse((await warden('policies', 'list', '--format', 'json')).out) as {
      builtIn: { name: string }[];
      policies: { name: string; condition: string; evaluation: { failing: number } | null }[];
    };
    expect(json.builtIn).toHaveLength(3);
    expect(json.policies).toEqual([expect.objectContaining({ name: 'Roles only', condition: "agent.kind == 'iam-role'" })]);
    expect(json.policies[0]?.evaluation?.failing).toBeGreaterThan(0);
  });
});
