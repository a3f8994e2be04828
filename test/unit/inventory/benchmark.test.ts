import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { deriveInventory } from '@core/analysis/inventory/derive-inventory';
import type { RegistryEntry } from '@core/analysis/inventory/types';
import type { ScanFacts } from '@core/discovery/facts';
import { allow, clock, daysAgo, emptyFacts, group, iam, lambdaFunction, managedPolicy, reportRow, role, roleArn, trustService, user, userArn } from './facts-builder';

/** A large account: 5,000 users and 5,000 roles, 5,000 policies, 100 groups, 500 functions. */
function syntheticFacts(): ScanFacts {
  const facts = emptyFacts();
  const data = iam(facts);
  const services = ['s3', 'dynamodb', 'lambda', 'logs', 'sqs', 'bedrock', 'sagemaker', 'kms', 'ec2', 'sns'];
  for (let p = 0; p < 5000; p++) {
    const actions = [`${services[p % services.length] ?? 's3'}:Get*`, `${services[(p + 3) % services.length] ?? 's3'}:Put*`, 'cloudwatch:PutMetricData'];
    const statements = [
      { Effect: 'Allow', Action: actions, Resource: '*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::bucket-${p}` },
    ];
    data.policies.push(managedPolicy(`policy-${p}`, { Version: '2012-10-17', Statement: statements }));
  }
  for (let g = 0; g < 100; g++) {
    const policy = data.policies[g * 7];
    data.groups.push(group(`group-${g}`, { attachedPolicies: policy === undefined ? [] : [{ arn: policy.arn, name: policy.name }] }));
  }
  const attach = (i: number): { arn: string; name: string }[] =>
    [i % 5000, (i * 7) % 5000, (i * 13) % 5000].map((index) => {
      const policy = data.policies[index];
      return { arn: policy?.arn ?? '', name: policy?.name ?? '' };
    });
  const rows = [];
  for (let i = 0; i < 5000; i++) {
    data.users.push(
      user(`user-${i}`, {
        groups: [`group-${i % 100}`, `group-${(i + 1) % 100}`],
        attachedPolicies: attach(i),
        inlinePolicies: [{ name: 'inline', document: allow(['sqs:SendMessage', i % 50 === 0 ? 'bedrock:InvokeModel' : 'sns:Publish']) }],
        tags: { owner: `team-${i % 20}`, project: i % 30 === 0 ? 'genai-pilot' : 'billing' },
      }),
    );
    rows.push(reportRow(`user-${i}`, { key1: { active: true, lastRotated: daysAgo(i % 700), lastUsedDate: daysAgo(i % 60) } }));
  }
  facts.credentialReport = { generatedAt: null, rows };
  for (let i = 0; i < 5000; i++) {
    data.roles.push(
      role(`role-${i}`, {
        trustPolicy: trustService(i % 40 === 0 ? 'bedrock.amazonaws.com' : 'lambda.amazonaws.com'),
        attachedPolicies: attach(i + 11),
        inlinePolicies: [{ name: 'inline', document: allow('dynamodb:Query') }],
        tags: { team: `team-${i % 20}`, component: 'api' },
        lastUsed: { date: daysAgo(i % 200), region: 'eu-west-1' },
      }),
    );
  }
  facts.lambda = {
    regions: ['eu-west-1'],
    functions: Array.from({ length: 500 }, (_, i) =>
      lambdaFunction(`fn-${i}`, roleArn(`role-${i * 10}`), { environmentVariableNames: ['TABLE_NAME', i % 10 === 0 ? 'OPENAI_API_KEY' : 'LOG_LEVEL'] }),
    ),
  };
  facts.serviceLastAccessed = Array.from({ length: 2000 }, (_, i) => ({
    principalArn: i % 2 === 0 ? userArn(`user-${i}`) : roleArn(`role-${i}`),
    serviceNamespace: i % 3 === 0 ? 'bedrock' : 's3',
    serviceName: null,
    lastAuthenticated: daysAgo(i % 120),
    lastAuthenticatedEntity: null,
    lastAuthenticatedRegion: 'eu-west-1',
    totalAuthenticatedEntities: null,
  }));
  return facts;
}

it('derives 10,000 principals quickly (prints the time; no timing assertion)', () => {
  const facts = syntheticFacts();
  const registry = new Map<string, RegistryEntry>(Array.from({ length: 1000 }, (_, i) => [userArn(`user-${i}`), { owner: 'registered-owner', status: 'registered' }]));
  deriveInventory(facts, registry, clock); // warm-up: JIT and lazy module state
  const runs: number[] = [];
  let count = 0;
  let ai = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const agents = deriveInventory(facts, registry, clock);
    runs.push(performance.now() - started);
    count = agents.length;
    ai = agents.filter((a) => a.ai).length;
  }
  const best = Math.min(...runs);
  console.log(`inventory benchmark: ${count} agents (${ai} AI) from 10,000 principals, 5,000 policies, 500 functions in ${best.toFixed(1)} ms (best of 3: ${runs.map((r) => r.toFixed(1)).join(', ')} ms)`);
  expect(count).toBe(10_000);
});
