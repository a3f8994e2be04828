/**
 * Harness for the IAM collector tests without a network: the real runner and client factory (so
 * outcomes are classified exactly as in a scan), and a hand-made CollectorContext for driving one
 * collector with a fake sleep. With aws-sdk-client-mock the clients' `send` is replaced, so the
 * allowlist middleware is bypassed there; `fakeHandler` keeps the whole SDK stack (middleware,
 * retries) and answers with canned HTTP responses instead.
 */
import type { AwsClientConfig } from '@core/aws/client-config';
import {
  DEFAULT_SCAN_LIMITS,
  type Collector,
  type CollectorContext,
  type CollectorRun,
  type ScanLimits,
  type SdkClient,
  type SdkClientConstructor,
} from '@core/aws/scanner/collector';
import { runCollectors, type CollectorProgress } from '@core/aws/scanner/run-collectors';
import { createScanClientFactory, type ScanClientFactory } from '@core/aws/scanner/scan-clients';
import { mapWithLimit } from '@core/aws/scanner/semaphore';
import { emptyScanFacts, type ScanFacts } from '@core/discovery/facts';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';
export const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

export function freshFacts(): ScanFacts {
  return emptyScanFacts({
    collectedAt: FIXED_NOW.toISOString(),
    account: { id: ACCOUNT_ID, alias: null, partition: 'aws', source: 'live' },
    regions: [REGION],
  });
}

/** Fast limits for tests: no real waiting between polls. */
export const TEST_LIMITS: ScanLimits = { ...DEFAULT_SCAN_LIMITS, pollIntervalMs: 1, maxPolls: 5 };

export interface FakeResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A request handler that answers every request from `reply` and records the query actions it saw. */
export function fakeHandler(reply: (action: string, body: string) => FakeResponse, seen: string[] = []) {
  return {
    seen,
    handle: (request: { body?: unknown }) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const action = /Action=([A-Za-z]+)/.exec(body)?.[1] ?? 'unknown';
      seen.push(action);
      const response = reply(action, body);
      return Promise.resolve({
        response: {
          statusCode: response.status,
          headers: { 'content-type': 'text/xml', ...response.headers },
          body: new TextEncoder().encode(response.body),
        },
      });
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

/** An IAM (query protocol) error body. */
export function queryError(code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`;
}

export interface RunOptions {
  draft?: ScanFacts;
  limits?: ScanLimits;
  signal?: AbortSignal;
  /** A request handler for every client (default: none, for aws-sdk-client-mock tests). */
  requestHandler?: unknown;
  maxAttempts?: number;
}

export interface RunResult {
  runs: CollectorRun[];
  facts: ScanFacts;
  clients: ScanClientFactory;
  progress: CollectorProgress[];
}

/** Runs collectors the way a scan does: real factory, real runner, one region. */
export async function runWithFramework(collectors: readonly Collector[], options: RunOptions = {}): Promise<RunResult> {
  const signal = options.signal ?? new AbortController().signal;
  const limits = options.limits ?? TEST_LIMITS;
  const clients = createScanClientFactory({
    signal,
    concurrencyPerService: limits.concurrencyPerService,
    configFor: (_serviceId, region) =>
      ({
        region,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIDUNITTEST000000001', secretAccessKey: 'unit-test-secret' }),
        maxAttempts: options.maxAttempts ?? 1,
        retryMode: 'adaptive',
        ...(options.requestHandler !== undefined && { requestHandler: options.requestHandler }),
      }) as unknown as AwsClientConfig,
  });
  const facts = options.draft ?? freshFacts();
  const progress: CollectorProgress[] = [];
  const runs = await runCollectors({
    collectors,
    clients,
    draft: facts,
    accountId: ACCOUNT_ID,
    partition: 'aws',
    homeRegion: REGION,
    regions: [REGION],
    signal,
    clock: () => new Date(),
    limits,
    onProgress: (event) => progress.push(event),
  });
  clients.destroyAll();
  return { runs, facts, clients, progress };
}

export interface FakeContext extends CollectorContext {
  readonly sleeps: number[];
  readonly notes: string[];
  readonly warnings: string[];
  readonly progressEvents: [number, number][];
}

/** A context for calling `collect` directly: plain clients (for aws-sdk-client-mock), sleep recorded, not waited. */
export function fakeContext(options: { facts?: ScanFacts; limits?: ScanLimits; signal?: AbortSignal; onSleep?: (ms: number) => void } = {}): FakeContext {
  const signal = options.signal ?? new AbortController().signal;
  const limits = options.limits ?? TEST_LIMITS;
  const sleeps: number[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const progressEvents: [number, number][] = [];
  const clients = new Map<unknown, SdkClient>();
  return {
    accountId: ACCOUNT_ID,
    partition: 'aws',
    region: REGION,
    signal,
    clock: () => FIXED_NOW,
    limits,
    facts: options.facts ?? freshFacts(),
    client<C extends SdkClient>(Client: SdkClientConstructor<C>): C {
      let client = clients.get(Client);
      if (client === undefined) {
        client = new Client({ region: REGION, credentials: { accessKeyId: 'AKIDUNITTEST000000001', secretAccessKey: 'x' } } as never);
        clients.set(Client, client);
      }
      return client as C;
    },
    mapLimit: (items, fn, limit) => mapWithLimit(items, limit ?? limits.concurrencyPerService, fn, signal),
    sleep: (ms) => {
      sleeps.push(ms);
      options.onSleep?.(ms);
      signal.throwIfAborted();
      return Promise.resolve();
    },
    note: (message) => notes.push(message),
    warn: (message) => warnings.push(message),
    progress: (done, total) => progressEvents.push([done, total]),
    sleeps,
    notes,
    warnings,
    progressEvents,
  };
}

/** The run of one collector, failing the test loudly when it is missing. */
export function runOf(runs: readonly CollectorRun[], collectorId: string): CollectorRun {
  const run = runs.find((candidate) => candidate.collectorId === collectorId);
  if (run === undefined) throw new Error(`no run for ${collectorId}: ${JSON.stringify(runs)}`);
  return run;
}
