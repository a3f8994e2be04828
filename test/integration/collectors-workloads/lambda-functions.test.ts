/**
 * The Lambda collector against moto, in two regions: functions with their role, runtime, environment
 * variable NAMES (never values), tags; moto has no ListFunctionUrlConfigs (HTTP 404), which the
 * collector reports as a gap instead of failing.
 */
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaFunctionsCollector } from '@core/aws/collectors/workloads/lambda-functions';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';
import { scanMoto, setupClientConfig, type MotoScanResult } from './moto-scan';
import { zipOneFile } from './zip-one-file';

const SECRET_VALUES = ['sk-proj-TOPSECRET-0123456789abcdef', 'postgres://admin:hunter2-very-secret@db.internal/app', 'ghp_SECRETTOKENVALUE000000000000000000'];

let moto: MotoServer;
let scan: MotoScanResult;
let roleArn = '';

async function createFunction(region: string, name: string, extra: Partial<ConstructorParameters<typeof CreateFunctionCommand>[0]> = {}): Promise<string> {
  const lambda = new LambdaClient(setupClientConfig(moto.endpoint, region));
  try {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: roleArn,
        Handler: 'index.handler',
        Code: { ZipFile: zipOneFile('index.js', 'exports.handler = async () => ({ statusCode: 200 });') },
        ...extra,
      }),
    );
    return created.FunctionArn ?? '';
  } finally {
    lambda.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto();
  const iam = new IAMClient(setupClientConfig(moto.endpoint, 'us-east-1'));
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'support-bot-exec',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  iam.destroy();
  roleArn = role.Role?.Arn ?? '';

  await createFunction('us-east-1', 'support-bot', {
    Description: 'Answers support tickets with an LLM',
    Environment: { Variables: { OPENAI_API_KEY: SECRET_VALUES[0]!, DATABASE_URL: SECRET_VALUES[1]!, LOG_LEVEL: 'debug' } },
    Tags: { owner: 'support-team', 'ai-agent': 'true' },
  });
  await createFunction('us-east-1', 'nightly-report', { Runtime: 'python3.12' });
  await createFunction('eu-west-1', 'eu-ingest', { Environment: { Variables: { GITHUB_TOKEN: SECRET_VALUES[2]! } } });

  scan = await scanMoto(moto.endpoint, [lambdaFunctionsCollector], { regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe('lambda-functions against moto', () => {
  it('collects every function of every region, each once, with the regions it covered', () => {
    const lambda = scan.facts.lambda;
    expect(lambda).not.toBeNull();
    expect(lambda?.regions.sort()).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    expect(lambda?.functions.map((fn) => `${fn.region}/${fn.name}`).sort()).toEqual(['eu-west-1/eu-ingest', 'us-east-1/nightly-report', 'us-east-1/support-bot']);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) expect(scan.run('lambda-functions', region).outcome).toBe('ok');
  });

  it('records the execution role, runtime, description, tags and a normalised timestamp', () => {
    const bot = scan.facts.lambda?.functions.find((fn) => fn.name === 'support-bot');
    expect(bot).toMatchObject({
      arn: `arn:aws:lambda:us-east-1:${MOTO_ACCOUNT_ID}:function:support-bot`,
      region: 'us-east-1',
      runtime: 'nodejs20.x',
      roleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/support-bot-exec`,
      description: 'Answers support tickets with an LLM',
      tags: { owner: 'support-team', 'ai-agent': 'true' },
    });
    expect(bot?.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(scan.facts.lambda?.functions.find((fn) => fn.name === 'nightly-report')).toMatchObject({ runtime: 'python3.12', tags: {}, environmentVariableNames: [], description: null });
  });

  it('keeps environment variable names and no value anywhere in the facts or the outcomes', () => {
    const byName = new Map(scan.facts.lambda?.functions.map((fn) => [fn.name, fn.environmentVariableNames]));
    expect(byName.get('support-bot')).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'OPENAI_API_KEY']);
    expect(byName.get('eu-ingest')).toEqual(['GITHUB_TOKEN']);
    const serialised = JSON.stringify({ facts: scan.facts, runs: scan.runs });
    for (const secret of SECRET_VALUES) expect(serialised).not.toContain(secret);
    expect(serialised).not.toContain('hunter2');
    expect(serialised).not.toContain('TOPSECRET');
    // Even the harmless value is not kept: values are dropped wholesale, not filtered by name.
    expect(JSON.stringify(scan.facts.lambda)).not.toContain('debug');
  });

  it('reports moto’s missing ListFunctionUrlConfigs as a gap (function URLs not read), not as a failure', () => {
    const run = scan.run('lambda-functions', 'us-east-1');
    expect(run.message).toMatch(/Function URLs not read for 2 functions \(not offered by the endpoint: lambda:ListFunctionUrlConfigs/);
    expect(scan.facts.warnings.some((w) => w.startsWith('Lambda functions (us-east-1): Function URLs not read'))).toBe(true);
    expect(scan.facts.lambda?.functions.every((fn) => fn.functionUrls.length === 0)).toBe(true);
  });

  it('counts its calls: one ListFunctions per region and one ListTags and ListFunctionUrlConfigs per function', () => {
    expect(scan.calls).toEqual({ 'lambda:ListFunctionUrlConfigs': 3, 'lambda:ListFunctions': 3, 'lambda:ListTags': 3 });
    expect(scan.run('lambda-functions', 'us-east-1').calls).toBe(5);
    expect(scan.run('lambda-functions', 'ap-southeast-2').calls).toBe(1);
  });
});
