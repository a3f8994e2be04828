/**
 * Runs workload collectors through the real runner and client factory, with the SDK clients' `send`
 * replaced by aws-sdk-client-mock (so no request leaves the process, and the allowlist middleware is
 * not reached: see allowlist.test.ts for that).
 */
import type { AwsClientConfig } from '@core/aws/client-config';
import { DEFAULT_SCAN_LIMITS, type Collector, type CollectorRun, type PreviousScanKeys } from '@core/aws/scanner/collector';
import { runCollectors } from '@core/aws/scanner/run-collectors';
import { createScanClientFactory } from '@core/aws/scanner/scan-clients';
import { emptyScanFacts, scanFactsSchema, type ScanFacts } from '@core/discovery/facts';

export const ACCOUNT_ID = '111122223333';

export interface MockedScanOptions {
  regions?: readonly string[];
  /** Regions recorded in the facts as the scan's (default: `regions`). */
  factsRegions?: readonly string[];
  /** Start from these facts instead of an empty draft (to test merging into an existing section). */
  draft?: ScanFacts;
  controller?: AbortController;
  /** The account's previous scan, for collectors that read only what is new (default: none, a first scan). */
  previousScan?: PreviousScanKeys | null;
}

export interface MockedScan {
  facts: ScanFacts;
  runs: CollectorRun[];
  run(collectorId: string, region: string): CollectorRun;
}

export function emptyDraft(regions: readonly string[] = ['us-east-1']): ScanFacts {
  return emptyScanFacts({
    collectedAt: '2026-01-15T09:00:00.000Z',
    account: { id: ACCOUNT_ID, alias: null, partition: 'aws', source: 'live' },
    regions: [...regions],
  });
}

export async function runMocked(collectors: readonly Collector[], options: MockedScanOptions = {}): Promise<MockedScan> {
  const regions = options.regions ?? ['us-east-1'];
  const controller = options.controller ?? new AbortController();
  const clients = createScanClientFactory({
    signal: controller.signal,
    concurrencyPerService: 4,
    configFor: (_serviceId, region): AwsClientConfig => ({
      region,
      credentials: () => Promise.resolve({ accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock-secret' }),
      maxAttempts: 1,
      retryMode: 'adaptive',
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_000, throwOnRequestTimeout: true },
    }),
  });
  const draft = options.draft ?? emptyDraft(options.factsRegions ?? regions);
  try {
    const runs = await runCollectors({
      collectors,
      clients,
      draft,
      accountId: ACCOUNT_ID,
      partition: 'aws',
      homeRegion: regions[0] ?? 'us-east-1',
      regions,
      signal: controller.signal,
      clock: () => new Date(),
      limits: DEFAULT_SCAN_LIMITS,
      previousScan: options.previousScan ?? null,
    });
    return {
      // Whatever the collectors wrote must fit the facts' schema.
      facts: scanFactsSchema.parse(draft),
      runs,
      run(collectorId, region) {
        const found = runs.find((r) => r.collectorId === collectorId && r.region === region);
        if (found === undefined) throw new Error(`no run of ${collectorId} in ${region}`);
        return found;
      },
    };
  } finally {
    clients.destroyAll();
  }
}

/** An error shaped like the SDK's service exceptions. */
export function awsError(name: string, httpStatusCode: number, message = `${name} (mocked)`): Error {
  return Object.assign(new Error(message), { name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts: 1 } });
}

/** The error Node gives when a service has no endpoint (DNS name) in a region. */
export function dnsError(host: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
}

/** The region of the client a mocked call was sent through. */
export async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === 'function' ? String(await (region as () => Promise<unknown>)()) : String(region);
}
