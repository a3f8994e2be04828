/** Role and permission rules: identity_unused, shared_identity, trust_*, oidc_trust_without_sub, policy_full_admin, policy_service_wildcard, privilege_escalation. */
import { describe, expect, it } from 'vitest';
import type { JsonObject, PolicyDocument } from '@core/discovery/facts';
import { allow, analyse, daysAgo, emptyFacts, findingsOf, iam, lambdaFunction, managedPolicy, role, roleArn } from './support';

const OIDC = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

function trust(statement: JsonObject): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] };
}

function oidcTrust(condition: JsonObject | null): PolicyDocument {
  return trust({ Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition === null ? {} : { Condition: condition }) });
}

describe('identity_unused', () => {
  it('fires for a role idle 200 days and a never-used role 150 days old', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('idle', { createdAt: daysAgo(400), lastUsed: { date: daysAgo(200), region: 'eu-west-1' } }), role('never', { createdAt: daysAgo(150) }));
    expect(findingsOf(analyse(facts), 'identity_unused').map((f) => f.resourceId).sort()).toEqual(['idle', 'never']);
  });

  it('ignores service-linked roles, recently used roles and young never-used roles', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', createdAt: daysAgo(1400) }),
      role('recent', { createdAt: daysAgo(400), lastUsed: { date: daysAgo(80), region: null } }),
      role('young', { createdAt: daysAgo(30) }),
    );
    expect(findingsOf(analyse(facts), 'identity_unused')).toEqual([]);
  });
});

describe('shared_identity', () => {
  it('fires when two functions run as one role, not for one function', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('shared'), role('single'));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [lambdaFunction('a', roleArn('shared')), lambdaFunction('b', roleArn('shared')), lambdaFunction('c', roleArn('single'))],
    };
    const found = findingsOf(analyse(facts), 'shared_identity');
    expect(found.map((f) => f.resourceArn)).toEqual([roleArn('shared')]);
    expect(found[0]?.evidence['workloads']).toHaveLength(2);
  });
});

describe('trust rules', () => {
  it('trust_any_principal fires for {"AWS":"*"} without a condition, not when aws:PrincipalOrgID restricts it', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('open', { trustPolicy: trust({ Principal: { AWS: '*' } }) }),
      role('org-only', { trustPolicy: trust({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }) }),
      role('like-star', { trustPolicy: trust({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }) }),
    );
    const result = analyse(facts);
    expect(findingsOf(result, 'trust_any_principal').map((f) => f.resourceId).sort()).toEqual(['like-star', 'open']);
    expect(result.agents.find((a) => a.name === 'open')?.tier.tier).toBe(1);
  });

  it('trust_cross_account_no_external_id fires for a foreign account only, not with sts:ExternalId or a known account', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('vendor', { trustPolicy: trust({ Principal: { AWS: 'arn:aws:iam::999900001234:root' } }) }),
      role('vendor-ok', { trustPolicy: trust({ Principal: { AWS: '999900005678' }, Condition: { StringEquals: { 'sts:ExternalId': 'abc123' } } }) }),
      role('sibling', { trustPolicy: trust({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } }) }),
      role('self', { trustPolicy: trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }) }),
    );
    const found = findingsOf(analyse(facts, { knownAccounts: ['444455556666'] }), 'trust_cross_account_no_external_id');
    expect(found.map((f) => [f.resourceId, f.evidence['trustedAccount']])).toEqual([['vendor', '999900001234']]);
  });

  it('oidc_trust_without_sub fires with only aud, or with sub = "*"; not with a pinned sub or a wildcard inside one repository', () => {
    const facts = emptyFacts();
    const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
    iam(facts).roles.push(
      role('no-sub', { trustPolicy: oidcTrust({ StringEquals: aud }) }),
      role('star-sub', { trustPolicy: oidcTrust({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }) }),
      role('no-condition', { trustPolicy: oidcTrust(null) }),
      role('pinned', { trustPolicy: oidcTrust({ StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:acme/app:environment:production' } }) }),
      role('repo-wildcard', { trustPolicy: oidcTrust({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } }) }),
    );
    const result = analyse(facts);
    expect(findingsOf(result, 'oidc_trust_without_sub').map((f) => f.resourceId).sort()).toEqual(['no-condition', 'no-sub', 'star-sub']);
    expect(result.agents.find((a) => a.name === 'no-sub')?.tier.tier).toBe(1);
    expect(findingsOf(result, 'oidc_trust_without_sub')[0]?.severity).toBe('critical');
  });
});

describe('permission rules (real evaluator)', () => {
  it('policy_full_admin: * on *, AdministratorAccess; not PowerUserAccess (NotAction), not when a Deny removes it', () => {
    const facts = emptyFacts();
    const admin = managedPolicy('AdministratorAccess', allow('*'), true);
    const power = managedPolicy('PowerUserAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }] }, true);
    iam(facts).policies.push(admin, power);
    iam(facts).roles.push(
      role('inline-star', { inlinePolicies: [{ name: 'dostuff', document: allow('*') }] }),
      role('attached-admin', { attachedPolicies: [{ arn: admin.arn, name: admin.name }] }),
      role('power-user', { attachedPolicies: [{ arn: power.arn, name: power.name }] }),
      role('denied', {
        inlinePolicies: [
          { name: 'all', document: allow('*') },
          { name: 'no-iam', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] } },
        ],
      }),
    );
    const found = findingsOf(analyse(facts), 'policy_full_admin');
    expect(found.map((f) => f.resourceId).sort()).toEqual(['attached-admin', 'inline-star']);
    expect(found.every((f) => f.severity === 'critical')).toBe(true);
  });

  it('policy_full_admin is high when a human override puts the agent below Tier 1', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('admin', { inlinePolicies: [{ name: 'dostuff', document: allow('*') }] }));
    const result = analyse(facts, {
      registry: [
        {
          arn: roleArn('admin'),
          owner: 'x',
          purpose: null,
          dataScope: null,
          status: 'registered',
          tierOverride: 2,
          overrideReason: 'sandbox account with no data',
          overrideBy: 'alice',
          overrideAt: daysAgo(1),
          lastReviewAt: daysAgo(1),
          nextReviewAt: null,
        },
      ],
    });
    expect(findingsOf(result, 'policy_full_admin')[0]?.severity).toBe('high');
  });

  it('policy_service_wildcard: s3:* and dynamodb:*, one finding per service; not pricing:* (read-only service)', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('etl', { inlinePolicies: [{ name: 'etl', document: allow(['s3:*', 'glue:*'], ['arn:aws:s3:::analytics', 'arn:aws:s3:::analytics/*']) }] }),
      role('pricing', { inlinePolicies: [{ name: 'p', document: allow('pricing:*') }] }),
    );
    const found = findingsOf(analyse(facts), 'policy_service_wildcard');
    expect(found.map((f) => f.evidence['service']).sort()).toEqual(['glue', 's3']);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('privilege_escalation: iam:CreatePolicyVersion on its own policy, PassRole on every role + sagemaker notebooks; not when a Deny removes PassRole', () => {
    const facts = emptyFacts();
    const own = managedPolicy('app-policy', allow('s3:GetObject', 'arn:aws:s3:::x/*'));
    iam(facts).policies.push(own);
    iam(facts).roles.push(
      role('rewriter', { attachedPolicies: [{ arn: own.arn, name: own.name }], inlinePolicies: [{ name: 'sync', document: allow('iam:CreatePolicyVersion', 'arn:aws:iam::111122223333:policy/*') }] }),
      role('workbench', {
        inlinePolicies: [{ name: 'nb', document: { Version: '2012-10-17', Statement: [
          { Effect: 'Allow', Action: ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' },
        ] } }],
      }),
      role('tooling', {
        inlinePolicies: [
          { name: 'deploy', document: allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole']) },
          { name: 'deny', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }] } },
        ],
      }),
    );
    const result = analyse(facts);
    const found = findingsOf(result, 'privilege_escalation');
    expect(found.map((f) => f.resourceId).sort()).toEqual(['rewriter', 'workbench']);
    expect(JSON.stringify(found.find((f) => f.resourceId === 'workbench')?.evidence)).toContain('sagemaker:CreateNotebookInstance');
    expect(found[0]?.fix.kind).toBe('policy-json');
    expect(result.agents.find((a) => a.name === 'workbench')?.tier.tier).toBe(1);
  });
});
