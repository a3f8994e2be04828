/**
 * Benchmark child: API calls of a scan of a synthetic account of `--principals=N`, through the real
 * collectors and SDK clients against the fake AWS, beside the naive per-entity count.
 *
 *   node --expose-gc --import tsx bench/bench-calls.ts --principals=10000
 */
import { FakeAws } from './fake-aws';
import { argument, emitResult, since } from './measure';
import { naivePerEntityCalls } from './naive-calls';
import { IAM_COLLECTOR_IDS, scanSyntheticAccount, type SyntheticScan } from './scan-harness';
import { SyntheticAccount } from './synthetic-account';

export interface CallsResult {
  principals: number;
  users: number;
  roles: number;
  groups: number;
  policies: number;
  awsManagedPolicies: number;
  workloads: number;
  /** Items GetAccountAuthorizationDetails returns: principals + groups + managed policies. */
  inventoryItems: number;
  authorizationDetailsCalls: number;
  /** Every call of the IAM-family collectors (identity, inventory, credential report, providers, API keys, last accessed). */
  iamCalls: number;
  /** Calls of the regional workload collectors (Lambda, SageMaker, Bedrock, Bedrock Agents, CloudTrail). */
  workloadCalls: number;
  totalCalls: number;
  byAction: Record<string, number>;
  /** Operations the fake refused (AccessDenied), per action. */
  denied: Record<string, number>;
  outcomes: { collector: string; region: string | null; outcome: string; calls: number; durationMs: number; message: string | null }[];
  /** The scanner's own count agrees with the requests the fake received. */
  countsAgree: boolean;
  naive: { total: number; byOperation: Record<string, number> };
  scanMs: number;
  /** Time the fake spent answering during the scan, and building its pages beforehand. */
  servingMs: number;
  prepareMs: number;
}

/** The call figures of a finished scan of `account`, checked against what the account holds. */
export function callFigures(account: SyntheticAccount, fake: FakeAws, scan: SyntheticScan, scanMs: number): CallsResult {
  const served = fake.summary();
  const iamCalls = scan.runs.filter((run) => IAM_COLLECTOR_IDS.has(run.collectorId)).reduce((sum, run) => sum + run.calls, 0);
  const allCalls = scan.runs.reduce((sum, run) => sum + run.calls, 0);
  const scannerTotal = Object.values(scan.scannerCalls).reduce((sum, n) => sum + n, 0);
  const deniedTotal = Object.values(served.denied).reduce((sum, n) => sum + n, 0);
  const facts = scan.record.facts;
  if (facts?.iam === null || facts?.iam === undefined) throw new Error('the scan collected no IAM inventory');
  if (facts.iam.users.length !== account.userCount || facts.iam.roles.length !== account.roleCount) {
    throw new Error(`the scan found ${facts.iam.users.length} users and ${facts.iam.roles.length} roles, expected ${account.userCount} and ${account.roleCount}`);
  }
  return {
    principals: account.principals,
    users: account.userCount,
    roles: account.roleCount,
    groups: account.groupCount,
    policies: account.policyCount,
    awsManagedPolicies: account.awsPolicyCount,
    workloads: account.workloadCount,
    inventoryItems: account.authorizationDetailsItemCount,
    authorizationDetailsCalls: served.byAction['iam:GetAccountAuthorizationDetails'] ?? 0,
    iamCalls,
    workloadCalls: allCalls - iamCalls,
    totalCalls: allCalls,
    byAction: served.byAction,
    denied: served.denied,
    outcomes: scan.runs.map((run) => ({ collector: run.collectorId, region: run.region, outcome: run.outcome, calls: run.calls, durationMs: run.durationMs, message: run.message })),
    countsAgree: scannerTotal === served.total + deniedTotal && scannerTotal === allCalls,
    naive: naivePerEntityCalls(account),
    scanMs,
    servingMs: Math.round(fake.servingMs),
    prepareMs: Math.round(fake.prepareMs),
  };
}

async function main(): Promise<void> {
  const principals = Number(argument('principals', '10000'));
  const account = new SyntheticAccount({ principals });
  const fake = new FakeAws(account);
  fake.prepare();
  const started = performance.now();
  const scan = await scanSyntheticAccount(fake);
  emitResult(callFigures(account, fake, scan, since(started)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
