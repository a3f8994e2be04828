/**
 * A live scan of the synthetic account, as `runLiveScan` does one account (live-scan.ts, scanAccount):
 * the scanner's client factory (read-only allowlist, call counting, per-service concurrency), every
 * non-optional collector of ALL_COLLECTORS through `runCollectors`, and the scan record `insertScan`
 * writes. Only the transport is fake (fake-aws.ts); the credential preflight and region discovery of
 * a live scan are left out (they are a handful of calls and need a real credential chain).
 *
 * Limits are the product's defaults except the poll interval: the fake finishes the credential
 * report and last-accessed jobs at once, so waiting 2 s between polls would only measure sleep.
 */
import { randomUUID } from 'node:crypto';
import type { AwsClientConfig } from '../electron/core/aws/client-config';
import { ALL_COLLECTORS } from '../electron/core/aws/collectors/all';
import { DEFAULT_SCAN_LIMITS, type CollectorRun, type ScanLimits } from '../electron/core/aws/scanner/collector';
import { runCollectors } from '../electron/core/aws/scanner/run-collectors';
import { createScanClientFactory } from '../electron/core/aws/scanner/scan-clients';
import type { ScanRecordInput } from '../electron/core/db/repositories/scans';
import { emptyScanFacts } from '../electron/core/discovery/facts';
import type { FakeAws } from './fake-aws';

export const BENCH_LIMITS: ScanLimits = { ...DEFAULT_SCAN_LIMITS, pollIntervalMs: 0 };

/** The collectors a live scan of one account runs (the optional organisations collector only for organisation scans). */
export const SCAN_COLLECTORS = ALL_COLLECTORS.filter((collector) => collector.optional !== true);

export interface SyntheticScan {
  record: ScanRecordInput;
  runs: CollectorRun[];
  /** Calls per IAM action as the scanner's middleware counted them. */
  scannerCalls: Record<string, number>;
  collectMs: number;
}

export async function scanSyntheticAccount(fake: FakeAws, options: { limits?: ScanLimits; onProgress?: () => void } = {}): Promise<SyntheticScan> {
  const limits = options.limits ?? BENCH_LIMITS;
  const { accountId, region } = fake.account;
  const clock = (): Date => new Date();
  const controller = new AbortController();
  const clients = createScanClientFactory({
    signal: controller.signal,
    concurrencyPerService: limits.concurrencyPerService,
    configFor: (serviceId, clientRegion) =>
      ({
        region: clientRegion,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'benchmark-secret' }),
        // As the scan preset (client-config.ts): adaptive retries, 8 attempts.
        maxAttempts: 8,
        retryMode: 'adaptive',
        requestHandler: fake.handlerFor(serviceId),
      }) as unknown as AwsClientConfig,
  });
  const started = clock();
  const t0 = performance.now();
  const scannerArn = `arn:aws:iam::${accountId}:user/scanner`;
  const draft = emptyScanFacts({
    collectedAt: started.toISOString(),
    account: { id: accountId, alias: null, partition: 'aws', source: 'live' },
    scannerArn,
    regions: [region],
  });
  let runs: CollectorRun[];
  try {
    runs = await runCollectors({
      collectors: SCAN_COLLECTORS,
      clients,
      draft,
      accountId,
      partition: 'aws',
      homeRegion: region,
      regions: [region],
      signal: controller.signal,
      clock,
      limits,
      onProgress: options.onProgress,
    });
  } finally {
    clients.destroyAll();
  }
  const collectMs = performance.now() - t0;
  const record: ScanRecordInput = {
    id: randomUUID(),
    source: 'live',
    label: 'benchmark (synthetic account)',
    connectionId: null,
    connectionName: null,
    accountId,
    accountAlias: draft.account.alias,
    scannerArn: draft.scannerArn ?? scannerArn,
    regions: [region],
    status: 'completed',
    startedAt: started.toISOString(),
    finishedAt: clock().toISOString(),
    error: null,
    appVersion: 'bench',
    collectors: runs,
    apiCalls: clients.calls(),
    facts: draft,
  };
  return { record, runs, scannerCalls: clients.calls(), collectMs };
}

/** The IAM-family collectors (the "IAM inventory" of the call-count benchmark). */
export const IAM_COLLECTOR_IDS = new Set([
  'account-identity',
  'iam-authorization-details',
  'iam-credential-report',
  'iam-identity-providers',
  'iam-service-specific-credentials',
  'iam-service-last-accessed',
]);
