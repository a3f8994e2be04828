/** analyzeScan: injected evaluator and graph, determinism, counts, and the 10,000-principal budget. */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { EffectivePermissions, EscalationPath } from '@core/analysis/types';
import { RULE_IDS } from '@core/analysis/rules/index';
import type { ScanFacts } from '@core/discovery/facts';
import { allow, analyse, daysAgo, emptyFacts, iam, lambdaFunction, managedPolicy, reportRow, role, roleArn, user } from './support';

function fakePermissions(arn: string, admin: boolean): EffectivePermissions {
  return {
    principalArn: arn,
    isAllowed: () => admin,
    isAllowedAnywhere: () => admin,
    allowedActions: () => [],
    resourcesFor: () => (admin ? ['*'] : []),
    fullAdmin: admin ? { policy: 'arn:aws:iam::aws:policy/AdministratorAccess', policyName: 'AdministratorAccess', via: 'attached', group: null, index: 0, sid: null, statement: { Effect: 'Allow', Action: '*', Resource: '*' } } : null,
    serviceWildcards: [],
    serviceSummary: () => [],
    grantsFor: () => [],
  };
}

describe('analyzeScan', () => {
  it('takes an injected evaluator and escalation graph', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('boss'), role('climber'));
    const path: EscalationPath = { principalArn: roleArn('climber'), outcome: 'full-admin', steps: [{ from: roleArn('climber'), technique: 'iam:AttachRolePolicy', actions: ['iam:AttachRolePolicy'], to: roleArn('climber'), explanation: 'attaches AdministratorAccess to itself.' }] };
    const result = analyse(facts, {
      deps: {
        permissions: () => (arn) => fakePermissions(arn, arn === roleArn('boss')),
        escalation: () => (arn) => (arn === roleArn('climber') ? [path] : []),
      },
    });
    expect(result.findings.filter((f) => f.ruleId === 'policy_full_admin').map((f) => f.resourceId)).toEqual(['boss']);
    expect(result.findings.filter((f) => f.ruleId === 'privilege_escalation').map((f) => f.resourceId)).toEqual(['climber']);
    const climber = result.agents.find((a) => a.name === 'climber');
    expect(climber?.tier.tier).toBe(1);
    expect(climber?.escalationPaths).toEqual([path]);
    expect(climber?.findingCounts.high).toBeGreaterThan(0);
  });

  it('counts every rule, sorts by severity then rule then resource, and is deterministic', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('open', { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] } }), role('idle', { createdAt: daysAgo(300) }));
    const a = analyse(facts);
    const b = analyse(facts);
    expect(a).toEqual(b);
    expect(Object.keys(a.ruleCounts)).toEqual([...RULE_IDS]);
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = a.findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });
});

/** 5,000 users and 5,000 roles, 5,000 policies, keys, trusts and functions: the scale. */
function largeFacts(): ScanFacts {
  const facts = emptyFacts();
  const data = iam(facts);
  const services = ['s3', 'dynamodb', 'lambda', 'logs', 'sqs', 'bedrock', 'sagemaker', 'kms', 'ec2', 'sns'];
  for (let p = 0; p < 5000; p++) {
    const first = services[p % services.length] ?? 's3';
    const second = services[(p + 3) % services.length] ?? 's3';
    data.policies.push(managedPolicy(`policy-${p}`, allow([`${first}:Get*`, `${second}:Put*`, p % 97 === 0 ? 'iam:PassRole' : 'cloudwatch:PutMetricData'], p % 2 === 0 ? '*' : `arn:aws:s3:::bucket-${p}/*`)));
  }
  const attach = (i: number): { arn: string; name: string }[] =>
    [i % 5000, (i * 7) % 5000].map((index) => ({ arn: data.policies[index]?.arn ?? '', name: data.policies[index]?.name ?? '' }));
  const rows = [];
  for (let i = 0; i < 5000; i++) {
    data.users.push(user(`user-${i}`, { attachedPolicies: attach(i), tags: i % 3 === 0 ? { owner: 'x' } : {} }));
    rows.push(reportRow(`user-${i}`, { passwordEnabled: i % 4 === 0, key1: { active: i % 2 === 0, lastRotated: daysAgo(i % 400), lastUsedDate: i % 5 === 0 ? null : daysAgo(i % 90) } }));
    data.roles.push(role(`role-${i}`, { attachedPolicies: attach(i + 1), lastUsed: { date: i % 3 === 0 ? null : daysAgo(i % 200), region: null } }));
  }
  facts.credentialReport = { generatedAt: daysAgo(0), rows };
  facts.lambda = { regions: ['eu-west-1'], functions: Array.from({ length: 500 }, (_, i) => lambdaFunction(`fn-${i}`, roleArn(`role-${i % 400}`), { environmentVariableNames: i % 10 === 0 ? ['OPENAI_API_KEY'] : [] })) };
  return facts;
}

describe('performance', () => {
  // A guard against quadratic loops, not the benchmark: the 3 s budget is measured by `npm run bench`
  // on a quiet machine. Most of the time here is the evaluator (effective permissions and their
  // per-service summaries) and the inventory; rules and tiers ask each principal once.
  it('analyses 10,000 principals and 5,000 policies without blowing up', () => {
    const facts = largeFacts();
    const started = performance.now();
    const result = analyse(facts);
    const elapsed = performance.now() - started;
    console.log(`analyzeScan: ${result.agents.length} agents, ${result.findings.length} findings in ${elapsed.toFixed(0)} ms`);
    expect(result.agents.length).toBe(10_000);
    expect(elapsed).toBeLessThan(30_000);
  }, 60_000);
});
