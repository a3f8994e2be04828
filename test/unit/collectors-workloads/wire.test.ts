/**
 * The SDK's real error handling end to end, without aws-sdk-client-mock: a fake request handler
 * answers HTTP as AWS would (status, `x-amzn-errortype`, JSON body), so the client's deserialiser,
 * its retries, the scanner's read-only guard and call counting, and the runner's classification all
 * run as in a scan.
 */
import { describe, expect, it } from 'vitest';
import type { AwsClientConfig } from '@core/aws/client-config';
import { lambdaFunctionsCollector } from '@core/aws/collectors/workloads/lambda-functions';
import { DEFAULT_SCAN_LIMITS } from '@core/aws/scanner/collector';
import { runCollectors } from '@core/aws/scanner/run-collectors';
import { createScanClientFactory } from '@core/aws/scanner/scan-clients';
import { ACCOUNT_ID, emptyDraft } from './run-mocked';

interface Reply {
  status: number;
  errorType?: string;
  body: unknown;
}

/** A request handler that answers every request with `reply(path)` and records the paths. */
function fakeAws(reply: (path: string) => Reply, paths: string[]): object {
  return {
    handle: (request: { path: string }) => {
      paths.push(request.path);
      const { status, errorType, body } = reply(request.path);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
      return Promise.resolve({ response: { statusCode: status, headers, body: new TextEncoder().encode(JSON.stringify(body)) } });
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

async function scanLambda(reply: (path: string) => Reply): Promise<{ outcome: string; message: string | null; calls: number; paths: string[]; lambda: unknown }> {
  const paths: string[] = [];
  const controller = new AbortController();
  const clients = createScanClientFactory({
    signal: controller.signal,
    concurrencyPerService: 2,
    configFor: (_service, region) =>
      ({
        region,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIDWIRE', secretAccessKey: 'wire-secret' }),
        maxAttempts: 2,
        retryMode: 'standard',
        requestHandler: fakeAws(reply, paths),
      }) as unknown as AwsClientConfig,
  });
  const draft = emptyDraft();
  const [run] = await runCollectors({
    collectors: [lambdaFunctionsCollector],
    clients,
    draft,
    accountId: ACCOUNT_ID,
    partition: 'aws',
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    signal: controller.signal,
    clock: () => new Date(),
    limits: DEFAULT_SCAN_LIMITS,
  });
  clients.destroyAll();
  if (run === undefined) throw new Error('no run');
  return { outcome: run.outcome, message: run.message, calls: run.calls, paths, lambda: draft.lambda };
}

const LIST = /^\/2015-03-31\/functions\/?$/;

describe('lambda-functions over the SDK’s real HTTP handling', () => {
  it('AccessDeniedException (HTTP 403) → denied, nothing written', async () => {
    const result = await scanLambda(() => ({ status: 403, errorType: 'AccessDeniedException', body: { Message: 'User is not authorized to perform: lambda:ListFunctions' } }));
    expect(result).toMatchObject({ outcome: 'denied', lambda: null, calls: 1 });
  });

  it('TooManyRequestsException (HTTP 429) after the SDK’s retries → throttled', async () => {
    const result = await scanLambda(() => ({ status: 429, errorType: 'TooManyRequestsException', body: { message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' } }));
    expect(result.outcome).toBe('throttled');
    expect(result.paths).toHaveLength(2);
    expect(result.lambda).toBeNull();
  });

  it('ServiceException (HTTP 500) → failed, with the status in the message', async () => {
    const result = await scanLambda(() => ({ status: 500, errorType: 'ServiceException', body: { Message: 'Internal error' } }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/ServiceException, HTTP 500/);
  });

  it('a refused ListFunctionUrlConfigs (HTTP 403) is a gap; the functions are kept and counted calls add up', async () => {
    const result = await scanLambda((path) => {
      if (LIST.test(path)) return { status: 200, body: { Functions: [{ FunctionName: 'f', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:f`, Role: 'r', Runtime: 'nodejs20.x' }] } };
      if (path.endsWith('/urls')) return { status: 403, errorType: 'AccessDeniedException', body: { Message: 'not authorized' } };
      return { status: 200, body: { Tags: { team: 'ai' } } };
    });
    expect(result.outcome).toBe('ok');
    expect(result.message).toBe('Function URLs not read for 1 function (access denied to lambda:ListFunctionUrlConfigs; e.g. f).');
    expect(result.calls).toBe(3);
    expect(result.lambda).toMatchObject({ functions: [{ name: 'f', tags: { team: 'ai' }, functionUrls: [] }] });
  });
});
