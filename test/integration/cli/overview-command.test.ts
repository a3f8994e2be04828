/** `warden overview`, through runWarden as a shell would call it: no scan yet, then two imported accounts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewSchema } from '@shared/contract';
import { runWarden } from '../../../electron/cli/warden';
import { createCliBackend } from '../../../electron/cli/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const SECOND = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');

let dir: string;
let env: NodeJS.ProcessEnv;

async function warden(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-overview-'));
  env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir, USER: 'tester' };
  const backend = createCliBackend({ workspacePath: String(env['WARDEN_WORKSPACE']), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  backend.workspaces.info();
  backend.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('warden overview', () => {
  it('says nothing has been scanned yet, and has usage errors (exit 2)', async () => {
    const json = await warden('overview', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const parsed = overviewSchema.parse(JSON.parse(json.out));
    expect(parsed.verdict).toEqual({ ok: false, text: 'Not yet: nothing has been scanned or imported', reasons: [] });
    expect(parsed.score.value).toBe(100);
    expect((await warden('overview', '--format', 'csv')).code).toBe(2);
    expect((await warden('overview', 'extra')).code).toBe(2);
    expect((await warden('--help')).out).toContain('overview [--account ID] [--format json|table]');
  });

  it('prints the overview of every account and of one, as JSON and as a table', async () => {
    expect((await warden('import', '--authorization-details', DETAILS, '--credential-report', REPORT)).code).toBe(0);
    expect((await warden('import', '--authorization-details', SECOND)).code).toBe(0);
    const all = overviewSchema.parse(JSON.parse((await warden('overview', '--format', 'json')).out));
    expect(all.scope.accounts.length).toBe(2);
    const identities = all.kpis.find((k) => k.id === 'identities');
    expect(identities?.value).toBeGreaterThan(0);
    // One import per account: nothing to compare with yet.
    expect(identities?.previous).toBeNull();
    const first = all.scope.accounts[0]?.accountId ?? '';
    const one = overviewSchema.parse(JSON.parse((await warden('overview', '--account', first, '--format', 'json')).out));
    expect(one.scope.accountId).toBe(first);
    expect(one.kpis.find((k) => k.id === 'identities')?.value).toBeLessThan(identities?.value ?? 0);

    const table = await warden('overview');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain(`Under control? ${all.verdict.text}`);
    expect(table.out).toContain(`Posture score: ${all.score.value}/100`);
    expect(table.out).toMatch(/AI agents without an owner\s+\d+/);
    expect(table.out).toContain('How the score is computed: Each identity weighs 3');
  }, 120_000);
});
