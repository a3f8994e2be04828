/**
 * `warden scan --fail-on` end to end against moto (issue 14): a seeded account scanned; then a role
 * trusted by bedrock.amazonaws.com and a Lambda function with an AI key's name in its environment
 * appear, and the next scan with `--fail-on new-shadow-ai` exits 3 with JSON naming both; a scan
 * with nothing new exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scanDiffSchema } from '@shared/contract';
import { runWarden } from '../../../electron/cli/warden';
import { MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, type AwsConfigFixture, type MotoServer } from '../../support/moto';
import { zipOneFile } from '../collectors-workloads/zip-one-file';

const REGION = 'us-east-1';
const KEYS = { accessKeyId: 'AKIAEXAMPLEFAILON001', secretAccessKey: 'fail-on-secret-never-printed' };
const outputSchema = z.object({ failOn: z.array(z.string()), matched: z.array(z.string()), changes: z.array(scanDiffSchema) });

let moto: MotoServer;
let aws: AwsConfigFixture;
let dir: string;
let env: NodeJS.ProcessEnv;

async function warden(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

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

beforeAll(async () => {
  moto = await startMoto();
  aws = await writeAwsConfig({
    endpoint: moto.endpoint,
    profiles: { dev: { config: { region: REGION }, credentials: { aws_access_key_id: KEYS.accessKeyId, aws_secret_access_key: KEYS.secretAccessKey } } },
  });
  dir = mkdtempSync(join(tmpdir(), 'warden-fail-on-'));
  env = { ...aws.env, WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') };
  await createRole('orders-api', 'ec2.amazonaws.com');
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  await aws?.cleanup();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const scan = (...failOn: string[]): Promise<{ code: number; out: string; err: string }> =>
  warden('scan', '--profile', 'dev', '--region', REGION, ...(failOn.length > 0 ? ['--fail-on', failOn.join(',')] : []));

describe('warden scan --fail-on against moto', () => {
  it('exits 3 with the change as JSON when new shadow AI appears, 0 when nothing new does', async () => {
    // The first scan is the baseline: its change is everything in it, and it holds no AI.
    const first = await scan('new-shadow-ai');
    expect(first.code, first.err).toBe(0);
    const baseline = outputSchema.parse(JSON.parse(first.out));
    expect(baseline.changes).toHaveLength(1);
    expect(baseline.changes[0]?.from).toBeNull();
    expect(baseline.changes[0]?.identities.added.map((i) => i.name)).toContain('orders-api');
    expect(baseline.matched).toEqual([]);
    // The scan itself is reported on stderr, so stdout is one JSON document.
    expect(first.err).toContain(`account ${MOTO_ACCOUNT_ID}`);

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

    const second = await scan('new-shadow-ai', 'new-critical', 'regressed');
    expect(second.code, second.err).toBe(3);
    expect(second.err).toContain('new-shadow-ai');
    const changed = outputSchema.parse(JSON.parse(second.out));
    expect(changed.failOn).toEqual(['new-shadow-ai', 'new-critical', 'regressed']);
    expect(changed.matched).toContain('new-shadow-ai');
    const diff = changed.changes[0];
    expect(diff?.from?.scanId).toBe(baseline.changes[0]?.to.scanId);
    const shadow = new Map(diff?.shadowAi.added.map((s) => [s.arn, s]));
    expect([...shadow.keys()].sort()).toEqual([kbRole, fnRole].sort());
    expect(shadow.get(kbRole)?.signals.map((s) => s.signal)).toContain('trusted-by-ai-service');
    // The function is named by its role's signal: the AI key's NAME in its environment, never the value.
    const envSignal = shadow.get(fnRole)?.signals.find((s) => s.signal === 'ai-env-var');
    expect(`${envSignal?.source ?? ''} ${envSignal?.detail ?? ''}`).toContain('ticket-summarizer');
    expect(functionArn).not.toBe('');
    expect(second.out).not.toContain('sk-never-read');
    expect(shadow.get(kbRole)).toMatchObject({ name: 'kb-ingest-agent', createdBy: null, createdAt: null });
    expect(diff?.identities.added.map((i) => i.name).sort()).toEqual(['kb-ingest-agent', 'ticket-summarizer-exec']);
    expect(diff?.aiAgents.added.map((i) => i.arn).sort()).toEqual([kbRole, fnRole].sort());

    // Nothing new since: exit 0, the (empty) change still printed.
    const third = await warden('scan', '--profile', 'dev', '--region', REGION, '--fail-on', 'new-shadow-ai,regressed', '--json');
    expect(third.code, third.err).toBe(0);
    // With --json the one document also holds the job and the scans, as `scan --json` prints them.
    const reported = z.object({ job: z.object({ status: z.string() }), scans: z.array(z.object({ id: z.string(), status: z.string() })) }).parse(JSON.parse(third.out));
    expect(reported.job.status).toBe('completed');
    const quiet = outputSchema.parse(JSON.parse(third.out));
    expect(quiet.changes[0]?.to.scanId).toBe(reported.scans[0]?.id);
    expect(quiet.matched).toEqual([]);
    expect(quiet.changes[0]?.counts.shadowAiAdded).toBe(0);
    expect(quiet.changes[0]?.counts.identitiesAdded).toBe(0);

    // Without --fail-on the scan reports as before (exit 0, no change printed).
    const plain = await scan();
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).not.toContain('"changes"');
  }, 240_000);
});
