import { CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, ScanDetail, ScanSummary } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { loadScanFacts } from '@core/db/repositories/scans';
import { EventHub } from '@core/events';
import { call } from '../../support/dispatch-call';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';

const FIXTURES = resolve(process.cwd(), '../shared/fixtures/real-iam');

describe('discovery jobs', () => {
  let moto: MotoServer;
  let aws: AwsConfigFixture;
  let dir: string;
  let backend: Backend;
  const hub = new EventHub();
  const progress: { jobId: string; status: string }[] = [];

  beforeAll(async () => {
    moto = await startMoto();
    aws = await writeAwsConfig({
      endpoint: moto.endpoint,
      profiles: {
        scanner: {
          config: { region: 'eu-west-1' },
          credentials: { aws_access_key_id: 'AKIAEXAMPLESCANNER01', aws_secret_access_key: 'scanner-secret' },
        },
      },
    });
    const setup = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await setup.send(new CreateUserCommand({ UserName: 'ci-deployer', Tags: [{ Key: 'owner', Value: 'platform' }] }));
    await setup.send(
      new CreateRoleCommand({
        RoleName: 'support-agent',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    setup.destroy();
    dir = mkdtempSync(join(tmpdir(), 'warden-jobs-'));
    hub.subscribe((event, payload) => {
      if (event === 'job:progress') progress.push(payload as { jobId: string; status: string });
    });
    backend = createBackend({
      workspacePath: join(dir, 'workspace.sqlite'),
      appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
      env: aws.env,
      dialogs: null,
      emit: hub.emit,
      acceptUploads: true,
    });
  }, 90_000);

  afterAll(async () => {
    backend?.close();
    await moto?.stop();
    await aws?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scans a profile live: a completed scan with per-collector outcomes, API calls and facts', async () => {
    const { jobId } = await call<{ jobId: string }>(backend, 'scans:start', { target: { profile: 'scanner' }, regions: ['eu-west-1'] });
    const job = await backend.jobs.wait(jobId);
    expect(job.status, job.message ?? '').toBe('completed');
    expect(job.scanIds).toHaveLength(1);
    expect(progress.some((p) => p.jobId === jobId && p.status === 'running')).toBe(true);

    const scan = await call<ScanDetail>(backend, 'scans:get', { id: job.scanIds[0] });
    expect(scan).toMatchObject({ status: 'completed', source: 'live', accountId: MOTO_ACCOUNT_ID, regions: ['eu-west-1'] });
    const byCollector = new Map(scan.collectors.map((c) => [`${c.collector}@${c.region ?? 'global'}`, c.outcome]));
    expect(byCollector.get('iam-authorization-details@global')).toBe('ok');
    expect(byCollector.get('account-identity@global')).toBe('ok');
    // Every collector has an outcome; one that moto lacks is recorded, never fatal.
    for (const c of scan.collectors) expect(['ok', 'denied', 'throttled', 'unsupported', 'failed']).toContain(c.outcome);
    expect(scan.apiCalls.find((c) => c.operation === 'iam:GetAccountAuthorizationDetails')?.count).toBe(1);
    expect(scan.apiCallCount).toBe(scan.apiCalls.reduce((n, c) => n + c.count, 0));

    const facts = loadScanFacts(backend.workspaces.current().read, scan.id);
    expect(facts.iam?.users.map((u) => u.name)).toContain('ci-deployer');
    const role = facts.iam?.roles.find((r) => r.name === 'support-agent');
    expect(role?.trustPolicy).toMatchObject({ Statement: [{ Principal: { Service: 'bedrock.amazonaws.com' } }] });
    // Nothing a scan stores carries the profile's secret.
    const stored = JSON.stringify(facts) + JSON.stringify(scan);
    expect(stored).not.toContain('scanner-secret');
  });

  it('cancels a running scan: recorded as cancelled, without facts, earlier scans untouched', async () => {
    const before = await call<ScanSummary[]>(backend, 'scans:list', {});
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ap-south-1'];
    const { jobId } = await call<{ jobId: string }>(backend, 'scans:start', { target: { profile: 'scanner' }, regions });
    // Cancel as soon as the first collector starts.
    await new Promise<void>((resolveWait) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.jobId === jobId && p.status === 'running')) {
          clearInterval(timer);
          resolveWait();
        }
      }, 5);
    });
    expect(await call<{ cancelled: boolean }>(backend, 'scans:cancel', { jobId })).toEqual({ cancelled: true });
    const job: Job = await backend.jobs.wait(jobId);
    expect(job.status).toBe('cancelled');
    expect(job.scanIds).toEqual([]);
    const after = await call<ScanSummary[]>(backend, 'scans:list', {});
    const added = after.filter((s) => !before.some((b) => b.id === s.id));
    for (const scan of added) {
      expect(scan.status).not.toBe('completed');
      expect(() => loadScanFacts(backend.workspaces.current().read, scan.id)).toThrow(/did not complete/);
    }
    for (const old of before) expect(after.find((s) => s.id === old.id)).toEqual(old);
  });

  it('fails a scan that cannot start with the advice of the connection test, writing nothing', async () => {
    const before = await call<ScanSummary[]>(backend, 'scans:list', {});
    const { jobId } = await call<{ jobId: string }>(backend, 'scans:start', { target: { profile: 'missing-profile' } });
    const job = await backend.jobs.wait(jobId);
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/missing-profile/);
    expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toEqual(before);
  });

  it('imports offline files as a scan, and refuses a broken one without writing anything', async () => {
    const { jobId } = await call<{ jobId: string }>(backend, 'import:files', {
      authorizationDetails: { kind: 'path', path: join(FIXTURES, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json') },
      credentialReport: { kind: 'path', path: join(FIXTURES, 'cloudmapper-demo/us-east-1/credential-report.csv') },
    });
    const job = await backend.jobs.wait(jobId);
    expect(job.status, job.message ?? '').toBe('completed');
    const scan = await call<ScanDetail>(backend, 'scans:get', { id: job.scanIds[0] });
    expect(scan).toMatchObject({ source: 'import', status: 'completed', accountId: '123456789012', apiCallCount: 0 });
    const facts = loadScanFacts(backend.workspaces.current().read, scan.id);
    expect(facts.credentialReport?.rows.some((r) => r.isRoot)).toBe(true);

    const before = await call<ScanSummary[]>(backend, 'scans:list', {});
    const broken = join(dir, 'truncated.json');
    const text = readFileSync(join(FIXTURES, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json'), 'utf8');
    writeFileSync(broken, text.slice(0, Math.floor(text.length / 2)));
    const failed = await backend.jobs.wait(
      (await call<{ jobId: string }>(backend, 'import:files', { authorizationDetails: { kind: 'path', path: broken } })).jobId,
    );
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/truncated\.json/);
    expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toEqual(before);

    const relative = await backend.dispatch('import:files', { authorizationDetails: { kind: 'path', path: 'relative.json' } });
    expect(relative.ok).toBe(true); // the job starts, and fails with a clear message
  });

  it('opens the demo company as its own workspace, leaving the user’s untouched', async () => {
    const own = backend.workspaces.info().path;
    const ownScans = await call<ScanSummary[]>(backend, 'scans:list', {});
    const info = await call<{ path: string; demo: boolean }>(backend, 'demo:open', {});
    expect(info.demo).toBe(true);
    expect(info.path).not.toBe(own);
    const demoScans = await call<ScanSummary[]>(backend, 'scans:list', {});
    expect(demoScans.length).toBeGreaterThanOrEqual(2);
    expect(demoScans.every((s) => s.source === 'demo' && s.status === 'completed')).toBe(true);
    await call(backend, 'workspace:open', { path: own });
    expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toEqual(ownScans);
  });

  it('prints the scanner policy from the allowlist', async () => {
    const reply = await call<{ policy: string; actions: string[] }>(backend, 'connections:scannerPolicy', {});
    const policy = JSON.parse(reply.policy) as { Statement: { Action: string[] }[] };
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual([...reply.actions].sort());
    expect(reply.actions).toContain('iam:GetAccountAuthorizationDetails');
    expect(reply.actions.some((a) => /:(Create|Put|Delete|Update|Attach)/.test(a))).toBe(false);
  });
});
