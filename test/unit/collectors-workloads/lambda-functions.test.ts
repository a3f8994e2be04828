/**
 * The Lambda collector with mocked answers: pagination, function URLs, partial reads, values that
 * must never reach the facts, merging into a section another region wrote, and cancellation.
 */
import {
  LambdaClient,
  ListFunctionUrlConfigsCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { environmentVariableNames, lambdaFunctionsCollector } from '@core/aws/collectors/workloads/lambda-functions';
import { ACCOUNT_ID, awsError, emptyDraft, regionOf, runMocked } from './run-mocked';

const lambda = mockClient(LambdaClient);
const SECRET = 'sk-ant-api03-VERY-SECRET-VALUE-0000000000';

function fn(name: string, region = 'us-east-1', extra: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${name}`,
    Runtime: 'python3.12',
    Role: `arn:aws:iam::${ACCOUNT_ID}:role/${name}-role`,
    LastModified: '2025-04-30T16:26:38.618+0000',
    ...extra,
  };
}

beforeEach(() => {
  lambda.reset();
  lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
  lambda.on(ListTagsCommand).resolves({ Tags: {} });
});

afterAll(() => {
  lambda.restore();
});

describe('environmentVariableNames', () => {
  it('returns the sorted names and nothing of the values', () => {
    const names = environmentVariableNames({ Variables: { ZED: SECRET, ANTHROPIC_API_KEY: SECRET, a: '' } });
    expect(names).toEqual(['ANTHROPIC_API_KEY', 'ZED', 'a']);
    expect(JSON.stringify(names)).not.toContain(SECRET);
    expect(environmentVariableNames(undefined)).toEqual([]);
    expect(environmentVariableNames({ Error: { ErrorCode: 'KMSAccessDeniedException', Message: 'no' } })).toEqual([]);
  });
});

describe('lambda-functions (mocked)', () => {
  it('follows ListFunctions and ListFunctionUrlConfigs past one page', async () => {
    // The SDK's paginator reuses its input object, so the marker is recorded as each call is made.
    const markers: (string | undefined)[] = [];
    const pages = [
      { Functions: [fn('a'), fn('b')], NextMarker: 'page-2' },
      { Functions: [fn('c')], NextMarker: 'page-3' },
      { Functions: [fn('d')] },
    ];
    lambda.on(ListFunctionsCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return Promise.resolve(pages[markers.length - 1]);
    });
    lambda
      .on(ListFunctionUrlConfigsCommand, { FunctionName: fn('b').FunctionArn })
      .resolvesOnce({
        FunctionUrlConfigs: [
          {
            FunctionUrl: 'https://b1.lambda-url.us-east-1.on.aws/',
            FunctionArn: fn('b').FunctionArn,
            AuthType: 'NONE',
            CreationTime: '2025-01-01T00:00:00Z',
            LastModifiedTime: '2025-01-01T00:00:00Z',
          },
        ],
        NextMarker: 'urls-2',
      })
      .resolvesOnce({
        FunctionUrlConfigs: [
          {
            FunctionUrl: 'https://b2.lambda-url.us-east-1.on.aws/',
            FunctionArn: `${fn('b').FunctionArn}:live`,
            AuthType: 'AWS_IAM',
            CreationTime: '2025-01-01T00:00:00Z',
            LastModifiedTime: '2025-01-01T00:00:00Z',
          },
        ],
      });
    const scan = await runMocked([lambdaFunctionsCollector]);
    expect(scan.run('lambda-functions', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts.lambda?.functions.map((f) => f.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(markers).toEqual([undefined, 'page-2', 'page-3']);
    expect(scan.facts.lambda?.functions.find((f) => f.name === 'b')?.functionUrls).toEqual([
      { url: 'https://b1.lambda-url.us-east-1.on.aws/', authType: 'NONE', qualifier: null },
      { url: 'https://b2.lambda-url.us-east-1.on.aws/', authType: 'AWS_IAM', qualifier: 'live' },
    ]);
    expect(scan.facts.lambda?.functions.find((f) => f.name === 'a')).toEqual({
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:a`,
      name: 'a',
      region: 'us-east-1',
      runtime: 'python3.12',
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/a-role`,
      environmentVariableNames: [],
      tags: {},
      functionUrls: [],
      lastModified: '2025-04-30T16:26:38.618Z',
      description: null,
    });
  });

  it('drops environment variable values at the boundary: no value in the facts, the outcome or the warnings', async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        fn('agent', 'us-east-1', { Environment: { Variables: { OPENAI_API_KEY: SECRET, MODEL: 'gpt-secret-model-name' } }, Description: 'runs the agent' }),
        fn('encrypted', 'us-east-1', { Environment: { Error: { ErrorCode: 'KMSAccessDeniedException', Message: `could not decrypt ${SECRET}` } } }),
        fn('image', 'us-east-1', { Runtime: undefined, PackageType: 'Image' }),
      ],
    });
    lambda.on(ListTagsCommand).rejects(awsError('AccessDeniedException', 403, `denied while tagging, context ${SECRET}`));
    const scan = await runMocked([lambdaFunctionsCollector]);
    const functions = new Map(scan.facts.lambda?.functions.map((f) => [f.name, f]));
    expect(functions.get('agent')?.environmentVariableNames).toEqual(['MODEL', 'OPENAI_API_KEY']);
    expect(functions.get('image')?.runtime).toBeNull();
    const run = scan.run('lambda-functions', 'us-east-1');
    expect(run.outcome).toBe('ok');
    expect(run.message).toContain('Environment variable names not readable for 1 function(s): encrypted (KMSAccessDeniedException).');
    const everything = JSON.stringify(scan);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('gpt-secret-model-name');
  });

  it('keeps functions whose URLs or tags could not be read, and says which and why', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('one'), fn('two'), fn('three')] });
    lambda.on(ListFunctionUrlConfigsCommand).rejects(awsError('AccessDeniedException', 403));
    lambda.on(ListTagsCommand, { Resource: fn('two').FunctionArn }).rejects(awsError('ResourceNotFoundException', 404, 'Function not found'));
    lambda.on(ListTagsCommand, { Resource: fn('one').FunctionArn }).resolves({ Tags: { owner: 'platform' } });
    const scan = await runMocked([lambdaFunctionsCollector]);
    const run = scan.run('lambda-functions', 'us-east-1');
    expect(run.outcome).toBe('ok');
    expect(run.message).toContain('Function URLs not read for 3 functions (access denied to lambda:ListFunctionUrlConfigs; e.g. one).');
    expect(run.message).toContain('Tags not read for 1 function (not found by lambda:ListTags; e.g. two).');
    expect(scan.facts.warnings).toEqual([
      'Lambda functions (us-east-1): Function URLs not read for 3 functions (access denied to lambda:ListFunctionUrlConfigs; e.g. one).',
      'Lambda functions (us-east-1): Tags not read for 1 function (not found by lambda:ListTags; e.g. two).',
    ]);
    expect(scan.facts.lambda?.functions.map((f) => [f.name, f.tags])).toEqual([
      ['one', { owner: 'platform' }],
      ['two', {}],
      ['three', {}],
    ]);
  });

  it('fails the task when a per-function read keeps failing on the server side (not a permission gap)', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [fn('one')] });
    lambda.on(ListTagsCommand).rejects(awsError('ServiceException', 500));
    const scan = await runMocked([lambdaFunctionsCollector]);
    expect(scan.run('lambda-functions', 'us-east-1')).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/ServiceException, HTTP 500/) as string });
    expect(scan.facts.lambda).toBeNull();
  });

  it('merges regions into one section, including one another task already created', async () => {
    const draft = emptyDraft(['us-east-1', 'eu-west-1', 'ap-south-1']);
    draft.lambda = { regions: ['ap-south-1'], functions: [{ ...(await onlyFunction('ap-south-1', 'earlier')) }] };
    lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      return { Functions: [fn(`${region}-fn`, region)] };
    });
    const scan = await runMocked([lambdaFunctionsCollector], { regions: ['us-east-1', 'eu-west-1'], draft });
    expect(scan.facts.lambda?.regions.slice().sort()).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
    expect(scan.facts.lambda?.functions.map((f) => `${f.region}:${f.name}`).sort()).toEqual(['ap-south-1:earlier', 'eu-west-1:eu-west-1-fn', 'us-east-1:us-east-1-fn']);
  });

  it('is cancelled mid-fan-out: outcome cancelled, later functions not read, nothing written', async () => {
    const controller = new AbortController();
    lambda.on(ListFunctionsCommand).resolves({ Functions: Array.from({ length: 40 }, (_, i) => fn(`fn-${i}`)) });
    let tagReads = 0;
    lambda.on(ListTagsCommand).callsFake(() => {
      tagReads += 1;
      if (tagReads === 6) controller.abort();
      return Promise.resolve({ Tags: {} });
    });
    lambda.on(ListFunctionUrlConfigsCommand).rejects(awsError('AccessDeniedException', 403));
    const scan = await runMocked([lambdaFunctionsCollector], { controller });
    expect(scan.run('lambda-functions', 'us-east-1')).toMatchObject({ outcome: 'cancelled', message: 'Cancelled.' });
    expect(scan.facts.lambda).toBeNull();
    expect(scan.facts.warnings).toEqual([]);
    expect(tagReads).toBeLessThan(15);
  });
});

/** A function record as an earlier task would have written it. */
async function onlyFunction(region: string, name: string): Promise<NonNullable<ReturnType<typeof emptyDraft>['lambda']>['functions'][number]> {
  lambda.on(ListFunctionsCommand).resolvesOnce({ Functions: [fn(name, region)] });
  const scan = await runMocked([lambdaFunctionsCollector], { regions: [region] });
  const found = scan.facts.lambda?.functions[0];
  if (found === undefined) throw new Error('no function');
  lambda.reset();
  lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
  lambda.on(ListTagsCommand).resolves({ Tags: {} });
  return found;
}
