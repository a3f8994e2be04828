import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanDetail } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { EventHub } from '@core/events';
import { call } from '../../support/dispatch-call';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';

describe('organisation-wide scan', () => {
  let moto: MotoServer;
  let aws: AwsConfigFixture;
  let dir: string;
  let backend: Backend;
  let memberId: string;

  beforeAll(async () => {
    moto = await startMoto();
    aws = await writeAwsConfig({
      endpoint: moto.endpoint,
      profiles: {
        management: {
          config: { region: 'us-east-1' },
          credentials: { aws_access_key_id: 'AKIAEXAMPLEMGMT00001', aws_secret_access_key: 'mgmt-secret' },
        },
      },
    });
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created = await org.send(new CreateAccountCommand({ AccountName: 'data-science', Email: 'ds@example.com' }));
    const status = await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id ?? '' }));
    memberId = status.CreateAccountStatus?.AccountId ?? '';
    org.destroy();
    dir = mkdtempSync(join(tmpdir(), 'warden-org-'));
    backend = createBackend({
      workspacePath: join(dir, 'workspace.sqlite'),
      appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
      env: aws.env,
      dialogs: null,
      emit: new EventHub().emit,
      acceptUploads: false,
    });
  }, 90_000);

  afterAll(async () => {
    backend?.close();
    await moto?.stop();
    await aws?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scans the management account, then each member account through the named read-only role', async () => {
    expect(memberId).toMatch(/^\d{12}$/);
    const { jobId } = await call<{ jobId: string }>(backend, 'scans:start', {
      target: { profile: 'management' },
      regions: ['us-east-1'],
      organization: { memberRoleName: 'WardenReadOnly' },
    });
    const job = await backend.jobs.wait(jobId);
    expect(job.status, job.message ?? '').toBe('completed');
    const scans = await Promise.all(job.scanIds.map((id) => call<ScanDetail>(backend, 'scans:get', { id })));
    expect(scans.map((s) => s.accountId).sort()).toEqual([MOTO_ACCOUNT_ID, memberId].sort());
    const member = scans.find((s) => s.accountId === memberId);
    // The member's collectors ran as the assumed role (moto answers as that account).
    expect(member?.collectors.find((c) => c.collector === 'iam-authorization-details')?.outcome).toBe('ok');
    expect(job.steps.some((s) => s.accountId === memberId)).toBe(true);
  }, 120_000);
});
