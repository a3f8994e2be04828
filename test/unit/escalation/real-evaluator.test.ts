/** The traps again, through the real policy evaluator rather than the fake: variables, Deny, conditions, NotAction. */
import { describe, expect, it } from 'vitest';
import { findEscalationPaths } from '@core/analysis/escalation/graph';
import { escalationPermissionsOf } from '@core/analysis/escalation/group-permissions';
import { createPermissionsAnalyzer } from '@core/analysis/iam-policy';
import type { PolicyDocument, ScanFacts } from '@core/discovery/facts';
import { ACCOUNT, emptyFacts, group, managedPolicy, role, roleArn, trustService, user, userArn } from '../inventory/facts-builder';

function doc(...statements: PolicyDocument[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function analyse(facts: ScanFacts): ReturnType<typeof findEscalationPaths> {
  return findEscalationPaths(facts, escalationPermissionsOf(facts, createPermissionsAnalyzer(facts)));
}

function account(statements: PolicyDocument[]): ScanFacts {
  const facts = emptyFacts();
  const iam = facts.iam as NonNullable<ScanFacts['iam']>;
  iam.users.push(user('dev', { inlinePolicies: [{ name: 'p', document: doc(...statements) }] }));
  iam.users.push(user('boss', { inlinePolicies: [{ name: 'admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] }));
  iam.roles.push(role('admin-fn', { trustPolicy: trustService('lambda.amazonaws.com'), inlinePolicies: [{ name: 'admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] }));
  return facts;
}

describe('with the real evaluator', () => {
  it('CreateAccessKey on ${aws:username} is self-service; on user/* it takes over the admin', () => {
    expect(analyse(account([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` }])).has(userArn('dev'))).toBe(false);
    const path = analyse(account([{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${ACCOUNT}:user/*` }])).get(userArn('dev'))?.[0];
    expect(path?.steps[0]?.to).toBe(userArn('boss'));
  });

  it('a Deny on the passed role removes the PassRole combination', () => {
    const allow = { Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' };
    expect(analyse(account([allow])).get(userArn('dev'))?.[0]?.steps[0]?.to).toBe(roleArn('admin-fn'));
    expect(analyse(account([allow, { Effect: 'Deny', Action: 'iam:PassRole', Resource: roleArn('admin-*') }])).has(userArn('dev'))).toBe(false);
  });

  it('an Allow under a condition the evaluator cannot decide is not taken as definite', () => {
    const conditional = { Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } };
    expect(analyse(account([conditional])).has(userArn('dev'))).toBe(false);
  });

  it('NotAction that leaves PutUserPolicy open escalates', () => {
    const paths = analyse(account([{ Effect: 'Allow', NotAction: ['iam:Create*', 'iam:Attach*'], Resource: '*' }]));
    expect(paths.get(userArn('dev'))?.[0]?.outcome).toBe('full-admin');
  });

  it('joining an admin group is evaluated through the group', () => {
    const facts = account([{ Effect: 'Allow', Action: 'iam:AddUserToGroup', Resource: `arn:aws:iam::${ACCOUNT}:group/admins` }]);
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    const admin = managedPolicy('AdministratorAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), true);
    iam.policies.push(admin);
    iam.groups.push(group('admins', { attachedPolicies: [{ arn: admin.arn, name: admin.name }] }), group('readers'));
    const path = analyse(facts).get(userArn('dev'))?.[0];
    expect(path?.outcome).toBe('full-admin');
    expect(path?.steps[0]?.to).toBe(`arn:aws:iam::${ACCOUNT}:group/admins`);
  });
});
