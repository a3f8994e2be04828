/**
 * Runs workload collectors against moto the way a scan does: clients from createScanClientFactory
 * (read-only guard, call counts, cancellation), tasks from runCollectors, one task per region. The
 * facts that come back are checked against the facts' own zod schema.
 */
import type { AwsClientConfig } from '@core/aws/client-config';
import { DEFAULT_SCAN_LIMITS, type Collector, type CollectorRun } from '@core/aws/scanner/collector';
import { runCollectors } from '@core/aws/scanner/run-collectors';
import { createScanClientFactory } from '@core/aws/scanner/scan-clients';
import { emptyScanFacts, scanFactsSchema, type ScanFacts } from '@core/discovery/facts';
import { MOTO_ACCOUNT_ID } from '../../support/moto';
import { motoBedrockRequestHandler, type MotoBedrockHandlerOptions } from '../../support/moto-bedrock-agent';

export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIAMOTOWORKLOADS001', secretAccessKey: 'mOtOwOrKlOaDsEcReT00000000000000000001' };

export interface MotoScanOptions {
  regions: readonly string[];
  /** Work around moto's Bedrock gaps (see test/support/moto-bedrock-agent.ts); off = moto as it is. */
  bedrock?: MotoBedrockHandlerOptions | 'as-is';
}

export interface MotoScanResult {
  facts: ScanFacts;
  runs: CollectorRun[];
  calls: Record<string, number>;
  /** The run of one collector in one region. */
  run(collectorId: string, region: string): CollectorRun;
}

export async function scanMoto(endpoint: string, collectors: readonly Collector[], options: MotoScanOptions): Promise<MotoScanResult> {
  const controller = new AbortController();
  const bedrockHandler = options.bedrock === undefined ? {} : options.bedrock;
  const clients = createScanClientFactory({
    signal: controller.signal,
    concurrencyPerService: DEFAULT_SCAN_LIMITS.concurrencyPerService,
    configFor: (serviceId, region) => {
      const config: AwsClientConfig = {
        region,
        endpoint,
        credentials: () => Promise.resolve(DUMMY_CREDENTIALS),
        maxAttempts: 2,
        retryMode: 'adaptive',
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000, throwOnRequestTimeout: true },
      };
      if (serviceId.startsWith('Bedrock') && bedrockHandler !== 'as-is') {
        return { ...config, requestHandler: motoBedrockRequestHandler(bedrockHandler) } as unknown as AwsClientConfig;
      }
      return config;
    },
  });
  const draft = emptyScanFacts({
    collectedAt: new Date().toISOString(),
    account: { id: MOTO_ACCOUNT_ID, alias: null, partition: 'aws', source: 'live' },
    regions: [...options.regions],
  });
  try {
    const runs = await runCollectors({
      collectors,
      clients,
      draft,
      accountId: MOTO_ACCOUNT_ID,
      partition: 'aws',
      homeRegion: options.regions[0] ?? 'us-east-1',
      regions: options.regions,
      signal: controller.signal,
      clock: () => new Date(),
      limits: { ...DEFAULT_SCAN_LIMITS, pollIntervalMs: 10 },
    });
    const facts = scanFactsSchema.parse(draft);
    return {
      facts,
      runs,
      calls: clients.calls(),
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

/** Options for the setup clients (plain SDK clients, outside the scanner). */
export function setupClientConfig(endpoint: string, region: string): { region: string; endpoint: string; credentials: typeof DUMMY_CREDENTIALS } {
  return { region, endpoint, credentials: DUMMY_CREDENTIALS };
}
