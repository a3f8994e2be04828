/** Tiers: each Tier 1 reason, Tier 2 and Tier 3, tags only raise, overrides need a reason. */
import { describe, expect, it } from 'vitest';
import { classifyTier, coversEverything } from '@core/analysis/tiers/classify-tier';
import type { EffectivePermissions } from '@core/analysis/types';
import type { PolicyDocument } from '@core/discovery/facts';
import { allow, analyse, daysAgo, emptyFacts, iam, registered, role, roleArn } from '../rules/support';

function tierWith(document: PolicyDocument, tags: Record<string, string> = {}): { tier: number; reasons: string[] } {
  const facts = emptyFacts();
  iam(facts).roles.push(role('subject', { inlinePolicies: [{ name: 'p', document }], tags }));
  const agent = analyse(facts).agents.find((a) => a.arn === roleArn('subject'));
  return { tier: agent?.tier.tier ?? 0, reasons: agent?.tier.reasons.map((r) => r.reason) ?? [] };
}

describe('Tier 1 reasons', () => {
  it.each([
    ['full admin', allow('*'), /full administrator/],
    ['IAM write', allow('iam:AttachRolePolicy', 'arn:aws:iam::111122223333:role/app-*'), /IAM/],
    ['sts:AssumeRole on *', allow('sts:AssumeRole'), /assume any role/],
    ['Organizations write', allow('organizations:CreateAccount'), /Organizations/],
    ['KMS key management', allow('kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:111122223333:key/k'), /KMS/],
    ['Secrets Manager read', allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db'), /secrets/],
    ['SSM parameter read', allow('ssm:GetParameter', 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/*'), /secrets/],
    ['kms:Decrypt on *', allow('kms:Decrypt'), /decrypt/],
    ['S3 objects everywhere', allow('s3:GetObject', 'arn:aws:s3:::*/*'), /every resource/],
    ['DynamoDB items of a customer table', allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/customer-support-tickets'), /customer/],
    ['S3 objects of a PHI bucket', allow('s3:GetObject', 'arn:aws:s3:::prod-phi-feature-store/*'), /phi/],
  ])('%s', (_label, document, reason) => {
    const result = tierWith(document);
    expect(result.tier).toBe(1);
    expect(result.reasons.join(' | ')).toMatch(reason);
  });

  it('trusted by any principal, or by an unpinned OIDC subject', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('open', { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } }),
      role('oidc', {
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
      }),
    );
    const result = analyse(facts);
    expect(result.agents.find((a) => a.name === 'open')?.tier.reasons[0]?.reason).toMatch(/any principal/);
    expect(result.agents.find((a) => a.name === 'oidc')?.tier.reasons[0]?.reason).toMatch(/OIDC/);
  });

  it('a Deny removing the only risky grant, or a condition on a resource, does not make Tier 1', () => {
    const denied = tierWith({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        { Effect: 'Deny', Action: 'secretsmanager:*', Resource: '*' },
      ],
    });
    expect(denied.tier).toBe(3);
    expect(tierWith(allow('s3:GetObject', 'arn:aws:s3:::reports-bucket/*')).tier).toBe(2);
  });
});

describe('Tier 2 and Tier 3', () => {
  it('write access to a service, or reads of a data store, is Tier 2', () => {
    expect(tierWith(allow('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:handoff')).tier).toBe(2);
    expect(tierWith(allow('dynamodb:Query', 'arn:aws:dynamodb:eu-west-1:111122223333:table/calendar')).tier).toBe(2);
  });

  it('logs, metrics, metadata and model invocation only is Tier 3, with a reason', () => {
    const result = tierWith({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'cloudwatch:PutMetricData'], Resource: '*' },
        { Effect: 'Allow', Action: ['bedrock:InvokeModel', 'ec2:Describe*'], Resource: '*' },
      ],
    });
    expect(result).toEqual({ tier: 3, reasons: ['only reads metadata, logs and metrics (no writes, no data-store reads)'] });
  });
});

describe('tags and overrides', () => {
  it('a data-class tag raises to Tier 1; a tier tag cannot lower', () => {
    expect(tierWith(allow('logs:PutLogEvents'), { 'data-class': 'pii' })).toMatchObject({ tier: 1, reasons: ['tagged data-class=pii: handles sensitive data'] });
    expect(tierWith(allow('secretsmanager:GetSecretValue'), { tier: '3' }).tier).toBe(1);
    expect(tierWith(allow('logs:PutLogEvents'), { 'risk-tier': 'T2' }).tier).toBe(2);
  });

  it('a registry override with a reason sets the tier in force and keeps the computed one', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('admin', { inlinePolicies: [{ name: 'p', document: allow('*') }] }), role('silent', { inlinePolicies: [{ name: 'p', document: allow('*') }] }));
    const result = analyse(facts, {
      registry: [
        registered(roleArn('admin'), { tierOverride: 3, overrideReason: 'isolated sandbox, no data', overrideBy: 'alice', overrideAt: daysAgo(1) }),
        registered(roleArn('silent'), { tierOverride: 3, overrideReason: '  ' }),
      ],
    });
    expect(result.agents.find((a) => a.name === 'admin')?.tier).toMatchObject({ tier: 3, computed: 1, override: { tier: 3, reason: 'isolated sandbox, no data', by: 'alice' } });
    // Without a justification the override is not applied.
    expect(result.agents.find((a) => a.name === 'silent')?.tier).toMatchObject({ tier: 1, computed: 1, override: null });
  });
});

describe('helpers and fakes', () => {
  it('coversEverything: wildcards of a type, not one bucket', () => {
    expect(['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:aws:dynamodb:*:*:table/*', 'arn:aws:kms:eu-west-1:1:key/*'].every(coversEverything)).toBe(true);
    expect(['arn:aws:s3:::reports/*', 'arn:aws:dynamodb:eu-west-1:1:table/cache'].some(coversEverything)).toBe(false);
  });

  it('classifyTier works on an injected EffectivePermissions (no evaluator needed)', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('x'));
    const agent = analyse(facts).agents[0];
    if (agent === undefined) throw new Error('no agent');
    const fake: EffectivePermissions = {
      principalArn: agent.arn,
      isAllowed: () => false,
      isAllowedAnywhere: (action) => action === 'secretsmanager:GetSecretValue',
      allowedActions: (pattern) => (pattern === 'secretsmanager:*' ? ['secretsmanager:GetSecretValue'] : []),
      resourcesFor: () => [],
      fullAdmin: null,
      serviceWildcards: [],
      serviceSummary: () => [
        {
          service: 'secretsmanager',
          levels: { List: { allowed: 0, total: 5 }, Read: { allowed: 1, total: 8 }, Write: { allowed: 0, total: 10 }, 'Permissions management': { allowed: 0, total: 2 }, Tagging: { allowed: 0, total: 2 } },
          anyResource: false,
        },
      ],
      grantsFor: () => [],
    };
    expect(classifyTier({ agent, role: null, permissions: fake, escalation: [], registry: null })).toMatchObject({ tier: 1, reasons: [{ reason: 'reads secrets (secretsmanager:GetSecretValue)' }] });
  });
});
