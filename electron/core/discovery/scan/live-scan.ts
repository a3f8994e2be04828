/**
 * A live scan as a job: check who we are (with the connection test's failure advice), pick the regions,
 * run the collectors through the read-only client factory, and write one scan per account in one
 * transaction. Optionally every member account of the organisation, through a read-only role.
 */
import { randomUUID } from 'node:crypto';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { openAwsSession, type AwsSession } from '../../aws/client-config';
import { testConnection } from '../../aws/connection-test';
import { assumeRoleCredentials } from '../../aws/credential-provider';
import type { Collector, ScanLimits } from '../../aws/scanner/collector';
import { DEFAULT_SCAN_LIMITS } from '../../aws/scanner/collector';
import { runCollectors } from '../../aws/scanner/run-collectors';
import { createScanClientFactory } from '../../aws/scanner/scan-clients';
import { previousScanKeys } from '../../db/repositories/creators';
import { insertScan, type ScanRecordInput } from '../../db/repositories/scans';
import type { Workspace } from '../../db/open-workspace';
import { parseArn } from '../arn';
import { emptyScanFacts } from '../facts';
import type { JobHandle, JobOutput, JobResult } from '../../jobs/job-manager';

export interface LiveScanTarget {
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  connectionId: string | null;
  connectionName: string | null;
  /** Regions asked for; empty means the profile's (or environment's) region. */
  regions: string[];
  allRegions: boolean;
  /** Scan the organisation's member accounts through this role name. */
  memberRoleName: string | null;
}

export interface LiveScanDeps {
  workspace: Workspace;
  env: NodeJS.ProcessEnv;
  homedir: string;
  clock: () => Date;
  appVersion: string;
  collectors: readonly Collector[];
  limits?: ScanLimits;
}

interface AccountScan {
  accountId: string;
  alias: string | null;
  scannerArn: string | null;
  configFor: (serviceId: string, region: string) => ReturnType<AwsSession['clientConfig']>;
}

async function enabledRegions(session: AwsSession, signal: AbortSignal, limits: ScanLimits): Promise<string[]> {
  const clients = createScanClientFactory({
    signal,
    concurrencyPerService: limits.concurrencyPerService,
    configFor: (serviceId, region) => ({ ...session.clientConfig(serviceId), region }),
  });
  try {
    const reply = await clients.get(EC2Client, 'EC2', session.region).send(new DescribeRegionsCommand({ AllRegions: false }));
    return (reply.Regions ?? [])
      .filter((r) => r.OptInStatus === undefined || r.OptInStatus !== 'not-opted-in')
      .map((r) => r.RegionName)
      .filter((r): r is string => typeof r === 'string')
      .sort();
  } finally {
    clients.destroyAll();
  }
}

export async function runLiveScan(handle: JobHandle, target: LiveScanTarget, deps: LiveScanDeps): Promise<JobResult> {
  const limits = deps.limits ?? DEFAULT_SCAN_LIMITS;
  const { clock } = deps;
  const preflight = 'preflight';
  const preflightLabel = 'Check credentials and account';
  handle.step({ step: preflight, label: preflightLabel, status: 'running' });

  const test = await testConnection(
    { profile: target.profile, roleArn: target.roleArn, externalId: target.externalId, region: target.regions[0] ?? null },
    { env: deps.env, homedir: deps.homedir, clock },
  );
  if (!test.ok) {
    const message = `${test.message} ${test.action}`.trim();
    handle.step({ step: preflight, label: preflightLabel, status: 'failed', message });
    return { status: 'failed', outputs: [], message };
  }
  handle.step({ step: preflight, label: preflightLabel, status: 'ok', message: `${test.accountId}${test.accountAlias !== null ? ` (${test.accountAlias})` : ''} as ${test.arn}` });

  const session = await openAwsSession({
    profile: target.profile,
    roleArn: target.roleArn,
    externalId: target.externalId,
    region: target.regions[0] ?? null,
    env: deps.env,
    homedir: deps.homedir,
    clock,
    purpose: 'scan',
  });

  let regions = target.regions.length > 0 ? [...new Set(target.regions)] : [session.region];
  if (target.allRegions) {
    handle.step({ step: 'regions', label: 'List enabled regions', status: 'running' });
    try {
      regions = await enabledRegions(session, handle.signal, limits);
      handle.step({ step: 'regions', label: 'List enabled regions', status: 'ok', message: `${regions.length} regions.` });
    } catch (error) {
      const message = `Could not list the enabled regions (${error instanceof Error ? error.message : String(error)}); scanning ${regions.join(', ')} only.`;
      handle.step({ step: 'regions', label: 'List enabled regions', status: 'failed', message });
    }
  }

  const scanIds: string[] = [];
  const main: AccountScan = {
    accountId: test.accountId,
    alias: test.accountAlias,
    scannerArn: test.arn,
    configFor: (serviceId, region) => ({ ...session.clientConfig(serviceId), region }),
  };
  const first = await scanAccount(main);
  if (first !== null) scanIds.push(first.id);

  if (target.memberRoleName !== null && first?.facts !== null && first?.facts !== undefined && !handle.signal.aborted) {
    const members = (first.facts.organizations?.accounts ?? []).filter((a) => a.id !== test.accountId && a.status !== 'SUSPENDED');
    const partition = parseArn(test.arn)?.partition ?? 'aws';
    for (const member of members) {
      if (handle.signal.aborted) break;
      const roleArn = `arn:${partition}:iam::${member.id}:role/${target.memberRoleName}`;
      const credentials = assumeRoleCredentials(
        session.credentials,
        { RoleArn: roleArn, RoleSessionName: session.roleSessionName, DurationSeconds: 3600 },
        session.clientConfig('STS'),
      );
      const record = await scanAccount({
        accountId: member.id,
        alias: member.name,
        scannerArn: null,
        configFor: (serviceId, region) => ({ ...session.clientConfig(serviceId, { credentials }), region }),
      });
      if (record !== null) scanIds.push(record.id);
    }
  }

  if (handle.signal.aborted) return { status: 'cancelled', outputs: scanOutputs(scanIds), message: 'The scan was cancelled; completed accounts were kept, the rest were not written.' };
  return { status: 'completed', outputs: scanOutputs(scanIds), message: `Scanned ${scanIds.length} account${scanIds.length === 1 ? '' : 's'} in ${regions.length} region${regions.length === 1 ? '' : 's'}.` };

  async function scanAccount(account: AccountScan): Promise<ScanRecordInput | null> {
    const started = clock();
    const partition = account.scannerArn !== null ? (parseArn(account.scannerArn)?.partition ?? 'aws') : 'aws';
    const clients = createScanClientFactory({ signal: handle.signal, concurrencyPerService: limits.concurrencyPerService, configFor: account.configFor });
    const draft = emptyScanFacts({
      collectedAt: started.toISOString(),
      account: { id: account.accountId, alias: account.alias, partition, source: 'live' },
      scannerArn: account.scannerArn,
      regions,
    });
    const collectors = deps.collectors.filter((c) => c.optional !== true || target.memberRoleName !== null);
    let runs;
    try {
      runs = await runCollectors({
        collectors,
        clients,
        draft,
        accountId: account.accountId,
        partition,
        homeRegion: session.region,
        regions,
        signal: handle.signal,
        clock,
        limits,
        // What the account's previous scan recorded: the CloudTrail creator look-up reads only what is new.
        previousScan: previousScanKeys(deps.workspace.read, account.accountId),
        onProgress: (p) =>
          handle.step({
            step: `${account.accountId}:${p.collectorId}:${p.region ?? 'global'}`,
            label: p.label,
            region: p.region,
            accountId: account.accountId,
            status: p.status,
            done: p.done,
            total: p.total,
            calls: p.calls,
            message: p.message,
          }),
      });
    } finally {
      clients.destroyAll();
    }
    const cancelled = handle.signal.aborted;
    const record: ScanRecordInput = {
      id: randomUUID(),
      source: 'live',
      label: target.connectionName ?? target.profile ?? 'default credentials',
      connectionId: target.connectionId,
      connectionName: target.connectionName,
      accountId: account.accountId,
      accountAlias: draft.account.alias ?? account.alias,
      scannerArn: draft.scannerArn ?? account.scannerArn,
      regions,
      status: cancelled ? 'cancelled' : 'completed',
      startedAt: started.toISOString(),
      finishedAt: clock().toISOString(),
      error: cancelled ? 'Cancelled by the user.' : null,
      appVersion: deps.appVersion,
      collectors: runs.map((r) => ({ ...r, collectorId: r.collectorId })),
      apiCalls: clients.calls(),
      // A cancelled scan keeps its record (what ran, what it cost) but never its partial facts.
      facts: cancelled ? null : draft,
    };
    insertScan(deps.workspace.write, record);
    return cancelled ? null : record;
  }
}

function scanOutputs(scanIds: readonly string[]): JobOutput[] {
  return scanIds.map((id) => ({ kind: 'scan', id }));
}
