import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWarden } from '../../../electron/cli/warden';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function warden(args: string[], env: NodeJS.ProcessEnv): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await runWarden(args, {
    env,
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    moduleDir: join(process.cwd(), 'electron/cli'),
  });
  return { code, out, err };
}

describe('warden CLI', () => {
  let moto: MotoServer;
  let aws: AwsConfigFixture;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    moto = await startMoto();
    aws = await writeAwsConfig({
      endpoint: moto.endpoint,
      profiles: {
        dev: {
          config: { region: 'eu-west-1' },
          credentials: { aws_access_key_id: 'AKIAEXAMPLEDEVKEY001', aws_secret_access_key: 'dev-secret-never-printed' },
        },
        orphan: { config: { role_arn: 'arn:aws:iam::123456789012:role/x', source_profile: 'missing' } },
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
    env = { ...aws.env, WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') };
  }, 60_000);

  afterAll(async () => {
    await moto?.stop();
    await aws?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help (exit 0) and the version', async () => {
    const help = await warden(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.out).toContain('connections test NAME');
    const version = await warden(['--version'], env);
    expect(version.code).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await warden([], env)).code).toBe(2);
    expect((await warden(['frobnicate'], env)).code).toBe(2);
    expect((await warden(['connections', 'list', '--bogus'], env)).code).toBe(2);
    expect((await warden(['connections', 'test'], env)).code).toBe(2);
    expect((await warden(['serve', '--port', 'abc'], env)).code).toBe(2);
    // --period: a number of days, said before any browser or workspace is needed; not for minutes.
    const period = await warden(['report', 'leadership', '--period', '1m', '--out', join(dir, 'x.pdf')], env);
    expect(period.code).toBe(2);
    expect(period.err).toContain('--period is a number of days from 1d to 365d, such as 7d, 30d or 90d, not "1m"');
    expect((await warden(['report', 'minutes', '--meeting', 'm1', '--period', '30d', '--out', join(dir, 'x.pdf')], env)).err).toContain('--period is for the leadership report');
    const allAgents = await warden(['report', 'minutes', '--meeting', 'm1', '--all-agents', '--out', join(dir, 'x.pdf')], env);
    expect(allAgents.code).toBe(2);
    expect(allAgents.err).toContain('--all-agents is for the leadership report');
    expect((await warden(['--help'], env)).out).toContain('--all-agents');
  });

  it('lists profiles and connections as JSON without secrets', async () => {
    const result = await warden(['connections', 'list', '--json'], env);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as { connections: unknown[]; profiles: { name: string; kind: string; region: string | null }[] };
    expect(parsed.connections).toEqual([]);
    expect(parsed.profiles.map((p) => p.name).sort()).toEqual(['dev', 'orphan']);
    expect(parsed.profiles.find((p) => p.name === 'dev')).toMatchObject({ kind: 'static', region: 'eu-west-1' });
    expect(result.out).not.toContain('dev-secret-never-printed');
    expect(result.out).not.toContain('AKIAEXAMPLEDEVKEY001');
  });

  it('lists as a table for people', async () => {
    const result = await warden(['connections', 'list'], env);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/PROFILE\s+KIND\s+REGION/);
    expect(result.out).toMatch(/dev\s+static\s+eu-west-1/);
  });

  it('tests a profile against the AWS API (moto) and exits 0', async () => {
    const result = await warden(['connections', 'test', 'dev', '--json'], env);
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as { result: { ok: boolean; accountId: string } };
    expect(parsed.result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID });

    const text = await warden(['connections', 'test', 'dev'], env);
    expect(text.code).toBe(0);
    expect(text.out).toContain(MOTO_ACCOUNT_ID);
  });

  it('reports a broken profile with what to do, and exits 1', async () => {
    const result = await warden(['connections', 'test', 'orphan'], env);
    expect(result.code).toBe(1);
    expect(result.err).toContain('what to do:');
    const missing = await warden(['connections', 'test', 'no-such-profile', '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toMatchObject({ result: { ok: false } });
  });

  it('refuses a workspace that is not one, with exit 1 and a clear message', async () => {
    const result = await warden(['connections', 'list', '--workspace', join(process.cwd(), 'package.json')], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not an Agent Warden workspace/i);
  });

  it('scans a profile against moto (exit 0, the scan reported) and fails without credentials (exit 1)', async () => {
    const result = await warden(['scan', '--profile', 'dev', '--region', 'eu-west-1', '--json'], env);
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as { job: { status: string }; scans: { status: string; accountId: string; collectors: unknown[] }[] };
    expect(parsed.job.status).toBe('completed');
    expect(parsed.scans[0]).toMatchObject({ status: 'completed', accountId: MOTO_ACCOUNT_ID });
    expect(parsed.scans[0]?.collectors.length).toBeGreaterThan(5);

    const failed = await warden(['scan', '--profile', 'orphan'], env);
    expect(failed.code).toBe(1);
    expect(failed.err.length).toBeGreaterThan(0);
    expect((await warden(['scan', '--connection', 'x', '--profile', 'y'], env)).code).toBe(2);
  }, 120_000);

  it('imports offline exports (exit 0) and refuses a file of the wrong shape (exit 1)', async () => {
    const fixtures = join(process.cwd(), '../shared/fixtures/real-iam/cloudmapper-demo/us-east-1');
    const ok = await warden(
      ['import', '--authorization-details', join(fixtures, 'iam-get-account-authorization-details.json'), '--credential-report', join(fixtures, 'credential-report.csv')],
      env,
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/completed\s+account 123456789012/);
    const wrong = await warden(['import', '--authorization-details', join(process.cwd(), 'package.json')], env);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/package\.json/);
    expect((await warden(['import'], env)).code).toBe(2);
  });

  it('prints the scanner policy', async () => {
    const result = await warden(['policy'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ Version: '2012-10-17' });
  });

  it('lists the agents of the latest scan, and refuses a bad --format with exit 2', async () => {
    const result = await warden(['agents', '--format', 'json'], env);
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as { view: { scans: { id: string }[] }; agents: { arn: string; kind: string; scanId: string; accountId: string }[] };
    expect(parsed.view.scans.map((scan) => scan.id)).toEqual([expect.stringMatching(/[0-9a-f-]{36}/)]);
    expect(parsed.agents.every((agent) => agent.scanId === parsed.view.scans[0]?.id && /^\d{12}$/.test(agent.accountId))).toBe(true);
    expect(parsed.agents.length).toBeGreaterThan(0);
    expect((await warden(['agents', '--format', 'xml'], env)).code).toBe(2);
    expect((await warden(['agents', '--scan', 'no-such-scan'], env)).code).toBe(1);
  });
});
