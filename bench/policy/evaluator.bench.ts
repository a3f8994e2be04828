/**
 * Policy evaluator benchmark: a synthetic account of 10,000 principals and 5,000 managed policies.
 * Computes every principal's effective permissions, service summary, full-admin and service-wildcard
 * answers and prints the time and peak memory (target < 3 s, < 1 GB). Run: `npx tsx bench/policy/evaluator.bench.ts`.
 */
import { createPermissionsAnalyzer, getActionCatalogue } from '../../electron/core/analysis/iam-policy';
import type { IamGroupFacts, IamRoleFacts, IamUserFacts, JsonObject, ManagedPolicyFacts, ScanFacts } from '../../electron/core/discovery/facts';
import { emptyScanFacts } from '../../electron/core/discovery/facts';

const ACCOUNT = '111122223333';
const PRINCIPALS = Number(process.env['BENCH_PRINCIPALS'] ?? 10_000);
const POLICIES = Number(process.env['BENCH_POLICIES'] ?? 5_000);

// Deterministic pseudo-random numbers, so runs compare.
let seed = 42;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('empty');
  return item;
}

function buildFacts(): ScanFacts {
  const catalogue = getActionCatalogue();
  const services = catalogue.services.map((s) => s.service);
  const actions = Array.from({ length: catalogue.size }, (_, i) => catalogue.nameAt(i));
  const statement = (): JsonObject => {
    const r = rand();
    const action =
      r < 0.15 ? `${pick(services)}:*` : r < 0.3 ? `${pick(services)}:Get*` : Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(actions));
    const effect = rand() < 0.08 ? 'Deny' : 'Allow';
    const st: JsonObject = { Effect: effect, Action: action, Resource: rand() < 0.6 ? '*' : `arn:aws:s3:::bucket-${Math.floor(rand() * 100)}/*` };
    if (rand() < 0.1) st['Condition'] = { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } };
    if (rand() < 0.05) st['Condition'] = { StringEquals: { 'aws:PrincipalTag/team': 'ml' } };
    return st;
  };
  const policies: ManagedPolicyFacts[] = Array.from({ length: POLICIES }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:policy/p${i}`,
    name: `p${i}`,
    id: null,
    path: '/',
    awsManaged: false,
    defaultVersionId: 'v1',
    document: {
      Version: '2012-10-17',
      Statement: i === 0 ? [{ Effect: 'Allow', Action: '*', Resource: '*' }] : Array.from({ length: 1 + Math.floor(rand() * 5) }, statement),
    },
    attachmentCount: null,
    permissionsBoundaryUsageCount: null,
    isAttachable: true,
    description: null,
    createdAt: null,
    updatedAt: null,
  }));
  const refs = (n: number): { arn: string; name: string }[] =>
    Array.from({ length: n }, () => {
      const p = rand() < 0.02 ? policies[0] : pick(policies);
      return { arn: p?.arn ?? '', name: p?.name ?? '' };
    });
  const groups: IamGroupFacts[] = Array.from({ length: 50 }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:group/g${i}`,
    name: `g${i}`,
    id: null,
    path: '/',
    createdAt: null,
    inlinePolicies: [{ name: 'gi', document: { Version: '2012-10-17', Statement: [statement()] } }],
    attachedPolicies: refs(3),
  }));
  const boundary = (): { arn: string } | null => (rand() < 0.1 ? { arn: pick(policies).arn } : null);
  const roles: IamRoleFacts[] = [];
  const users: IamUserFacts[] = [];
  for (let i = 0; i < PRINCIPALS; i++) {
    const inline = rand() < 0.4 ? [{ name: 'inline', document: { Version: '2012-10-17', Statement: [statement(), statement()] } }] : [];
    if (i % 10 < 7) {
      roles.push({
        arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`,
        name: `r${i}`,
        id: null,
        path: '/',
        createdAt: null,
        description: null,
        trustPolicy: { Version: '2012-10-17', Statement: [] },
        inlinePolicies: inline,
        attachedPolicies: refs(1 + Math.floor(rand() * 6)),
        tags: rand() < 0.3 ? { team: 'ml' } : {},
        permissionsBoundary: boundary(),
        maxSessionDurationSeconds: null,
        lastUsed: { date: null, region: null },
        instanceProfiles: [],
        serviceLinked: false,
      });
    } else {
      users.push({
        arn: `arn:aws:iam::${ACCOUNT}:user/u${i}`,
        name: `u${i}`,
        id: null,
        path: '/',
        createdAt: null,
        groups: Array.from({ length: Math.floor(rand() * 3) }, () => `g${Math.floor(rand() * 50)}`),
        inlinePolicies: inline,
        attachedPolicies: refs(Math.floor(rand() * 4)),
        tags: {},
        permissionsBoundary: boundary(),
      });
    }
  }
  const facts = emptyScanFacts({ collectedAt: '2026-01-01T00:00:00.000Z', account: { id: ACCOUNT, alias: null, partition: 'aws', source: 'demo' } });
  facts.iam = { users, groups, roles, policies };
  return facts;
}

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;

const t0 = performance.now();
const catalogue = getActionCatalogue();
const tCatalogue = performance.now() - t0;
const facts = buildFacts();
sample();
const timer = setInterval(sample, 20);

const t1 = performance.now();
const analyzer = createPermissionsAnalyzer(facts);
let admins = 0;
let wildcards = 0;
let summaryRows = 0;
let allowedTotal = 0;
for (const arn of analyzer.principals.keys()) {
  const p = analyzer.forPrincipal(arn);
  if (p === null) continue;
  if (p.fullAdmin !== null) admins++;
  wildcards += p.serviceWildcards.length;
  summaryRows += p.serviceSummary().length;
  allowedTotal += p.allowedSet.count();
  p.isAllowed('iam:PassRole');
}
const tAnalysis = performance.now() - t1;
sample();
clearInterval(timer);

console.log(`policy evaluator: ${PRINCIPALS} principals, ${POLICIES} policies, ${catalogue.size} catalogue actions`);
console.log(`  catalogue load (once per process): ${tCatalogue.toFixed(0)} ms`);
console.log(`  effective permissions + summaries: ${tAnalysis.toFixed(0)} ms (target < 3000 ms)`);
console.log(`  peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)} (target < 1 GB)`);
console.log(`  full admins ${admins}, service wildcards ${wildcards}, summary rows ${summaryRows}, mean allowed actions ${(allowedTotal / PRINCIPALS).toFixed(0)}`);
