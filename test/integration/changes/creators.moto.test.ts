/**
 * Who created it, end to end (issue 14): moto for every AWS service but CloudTrail's event history
 * (moto has no LookupEvents: aws-sdk-client-mock answers for the CloudTrail client). A scan takes the
 * baseline; a role trusted by Bedrock (created by alice through her SSO permission set) and a Lambda
 * function with an AI key's name (created by a pipeline role on a role that existed) appear; the next
 * scan's changes:get names who created each, and agents:get suggests alice as the role's owner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand, type Event, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDetail, ScanDetail, ScanDiff } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { EventHub } from '@core/events';
import { runWarden } from '../../../electron/cli/warden';
import { call } from '../../support/dispatch-call';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';
import { zipOneFile } from '../collectors-workloads/zip-one-file';

const REGION = 'us-east-1';
const KEYS = { accessKeyId: 'AKIAEXAMPLECREATORS1', secretAccessKey: 'creators-secret' };
const SSO_ROLE = 'AWSReservedSSO_Admin_0123abcd';
const HOSTILE = '<b>mallory</b>=cmd|calc';

const cloudTrail = mockClient(CloudTrailClient);
let moto: MotoServer;
let aws: AwsConfigFixture;
let dir: string;
let backend: Backend;
const lookups: LookupEventsCommandInput[] = [];
let events: Record<string, Event[]> = {};

function trust(service: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
}

async function createRole(name: string, service: string): Promise<string> {
  const iam = new IAMClient({ region: REGION, endpoint: moto.endpoint, credentials: KEYS });
  try {
    return (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(service) }))).Role?.Arn ?? '';
  } finally {
    iam.destroy();
  }
}

async function scan(): Promise<string> {
  const { jobId } = await call<{ jobId: string }>(backend, 'scans:start', { target: { profile: 'dev' }, regions: [REGION] });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  return job.scanIds[0] ?? '';
}

beforeAll(async () => {
  moto = await startMoto();
  aws = await writeAwsConfig({
    endpoint: moto.endpoint,
    profiles: { dev: { config: { region: REGION }, credentials: { aws_access_key_id: KEYS.accessKeyId, aws_secret_access_key: KEYS.secretAccessKey } } },
  });
  dir = mkdtempSync(join(tmpdir(), 'warden-creators-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: aws.env,
    dialogs: null,
    emit: new EventHub().emit,
    acceptUploads: true,
  });
  cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
  cloudTrail.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
    lookups.push(input);
    return { Events: events[input.LookupAttributes?.[0]?.AttributeValue ?? ''] ?? [] };
  });
  await createRole('orders-api', 'ec2.amazonaws.com');
}, 90_000);

afterAll(async () => {
  cloudTrail.restore();
  backend?.close();
  await moto?.stop();
  await aws?.cleanup();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('who created it, against moto and a mocked CloudTrail', () => {
  it('names the creators in changes:get and suggests the owner in agents:get', async () => {
    const first = await scan();
    // The baseline's roles are all new (a first scan): looked up, nothing found.
    expect(lookups.map((l) => l.LookupAttributes?.[0]?.AttributeValue)).toContain('CreateRole');

    const kbRole = await createRole('kb-ingest-agent', 'bedrock.amazonaws.com');
    const fnRole = await createRole('ticket-summarizer-exec', 'lambda.amazonaws.com');
    const lambda = new LambdaClient({ region: REGION, endpoint: moto.endpoint, credentials: KEYS });
    let functionArn = '';
    try {
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'ticket-summarizer',
          Runtime: 'nodejs20.x',
          Role: fnRole,
          Handler: 'index.handler',
          Code: { ZipFile: zipOneFile('index.js', 'exports.handler = async () => ({ statusCode: 200 });') },
          Environment: { Variables: { OPENAI_API_KEY: 'sk-never-read-0123456789' } },
        }),
      );
      functionArn = created.FunctionArn ?? '';
    } finally {
      lambda.destroy();
    }
    const sso = {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:alice@example.com',
      arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${SSO_ROLE}/alice@example.com`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`, userName: SSO_ROLE } },
    };
    const pipeline = { type: 'IAMUser', arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:user/${HOSTILE}`, userName: HOSTILE };
    const recent = new Date(Date.now() - 60_000);
    const kbCreated = new Date(Date.now() - 30_000);
    events = {
      CreateRole: [
        {
          EventId: 'ev-kb',
          EventName: 'CreateRole',
          EventTime: kbCreated,
          CloudTrailEvent: JSON.stringify({ userIdentity: sso, requestParameters: { roleName: 'kb-ingest-agent' }, responseElements: { role: { arn: kbRole } } }),
        },
        { EventId: 'ev-fn-role', EventName: 'CreateRole', EventTime: recent, CloudTrailEvent: JSON.stringify({ userIdentity: pipeline, requestParameters: { roleName: 'ticket-summarizer-exec' } }) },
      ],
      CreateFunction20150331: [
        { EventId: 'ev-fn', EventName: 'CreateFunction20150331', EventTime: recent, CloudTrailEvent: JSON.stringify({ userIdentity: pipeline, responseElements: { functionArn } }) },
      ],
    };
    lookups.length = 0;
    const second = await scan();
    // Only what is new is looked up: the two roles and the function.
    expect(lookups.map((l) => l.LookupAttributes?.[0]?.AttributeValue).sort()).toEqual(['CreateFunction20150331', 'CreateRole']);

    const diff = await call<ScanDiff>(backend, 'changes:get', { to: second });
    expect(diff.from?.scanId).toBe(first);
    const shadow = new Map(diff.shadowAi.added.map((s) => [s.arn, s]));
    expect(shadow.get(kbRole)).toMatchObject({ createdBy: 'alice@example.com', createdAt: kbCreated.toISOString() });
    // The hostile user name is data: kept exactly, never interpreted.
    expect(shadow.get(fnRole)).toMatchObject({ createdBy: HOSTILE });
    expect(diff.identities.added.find((i) => i.arn === kbRole)).toMatchObject({ createdBy: 'alice@example.com' });
    expect(diff.aiAgents.added.find((i) => i.arn === fnRole)).toMatchObject({ createdBy: HOSTILE });

    const detail = await call<AgentDetail>(backend, 'agents:get', { scanId: null, arn: kbRole });
    expect(detail.suggestedOwner?.name).toBe('alice@example.com');
    expect(detail.suggestedOwner?.source).toBe('cloudtrail');
    expect(detail.suggestedOwner?.evidence).toMatch(new RegExp(`^Created by alice@example\\.com through ${SSO_ROLE} on \\d{1,2} [A-Z][a-z]{2} \\d{4} \\(CloudTrail CreateRole\\)$`));
    // The function's role was created by an IAM user (a person's credentials): suggested too.
    expect((await call<AgentDetail>(backend, 'agents:get', { scanId: null, arn: fnRole })).suggestedOwner?.name).toBe(HOSTILE);
    // A role nobody looked up suggests nobody.
    expect((await call<AgentDetail>(backend, 'agents:get', { scanId: null, arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/orders-api` })).suggestedOwner).toBeNull();

    // warden diff prints who created each added identity (as text: the table neutralises control characters).
    let out = '';
    const code = await runWarden(['diff', '--to', second, '--format', 'table'], {
      env: { ...aws.env, WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') },
      io: { out: (t) => void (out += t), err: () => undefined },
      moduleDir: join(process.cwd(), 'electron/cli'),
    });
    expect(code).toBe(0);
    const added = out.slice(out.indexOf('Identities added:'), out.indexOf('AI agents added:'));
    expect(added).toContain('CREATED BY');
    expect(added).toMatch(/kb-ingest-agent .*alice@example\.com/);
    expect(added).toContain(HOSTILE);

    const detailOfScan = await call<ScanDetail>(backend, 'scans:get', { id: second });
    expect(detailOfScan.collectors.find((c) => c.collector === 'cloudtrail-creators')?.outcome).toBe('ok');
  }, 240_000);
});
