import { describe, expect, it } from 'vitest';
import { findEscalationPaths, type EscalationFacts } from '@core/analysis/escalation/graph';
import { ESCALATION_ACTIONS, ESCALATION_TECHNIQUES, type EscalationTechnique } from '@core/analysis/escalation/techniques';
import type { PolicyDocument, ScanFacts } from '@core/discovery/facts';
import { ACCOUNT, emptyFacts, group, lambdaFunction, managedPolicy, role, roleArn, trustService, user, userArn } from '../inventory/facts-builder';
import { allowOn, denyOn, fakeEvaluator, type FakeStatement } from './fake-permissions';

const ADMIN: FakeStatement[] = [allowOn('*')];
const GROUP_ARN = (name: string): string => `arn:aws:iam::${ACCOUNT}:group/${name}`;
const NOWHERE = `arn:aws:iam::${ACCOUNT}:user/nobody-by-this-name`;

function trustAws(...principals: string[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals.length === 1 ? (principals[0] ?? '') : principals }, Action: 'sts:AssumeRole' }] };
}

interface Case {
  facts: ScanFacts;
  perms: Record<string, FakeStatement[]>;
  actor: string;
}

/** The smallest account where the technique alone takes `attacker` somewhere. */
function caseFor(t: EscalationTechnique, actorStatements: (t: EscalationTechnique) => FakeStatement[] = (x) => [allowOn(x.actions)]): Case {
  const facts = emptyFacts();
  const iam = facts.iam as NonNullable<ScanFacts['iam']>;
  const perms: Record<string, FakeStatement[]> = {};
  const attackerIsRole = t.id.endsWith('-role-policy');
  const actor = attackerIsRole ? roleArn('attacker') : userArn('attacker');
  if (attackerIsRole) iam.roles.push(role('attacker', { trustPolicy: trustAws(userArn('someone-else')) }));
  else iam.users.push(user('attacker', { groups: t.target === 'group-policy' ? ['team'] : [] }));
  perms[actor] = actorStatements(t);
  switch (t.target) {
    case 'passable-role':
    case 'workload-role':
      iam.roles.push(role('target', { trustPolicy: trustService(t.service ?? ''), instanceProfiles: t.needsInstanceProfile === true ? [{ arn: `arn:aws:iam::${ACCOUNT}:instance-profile/target`, name: 'target', id: null, path: '/', createdAt: null }] : [] }));
      perms[roleArn('target')] = ADMIN;
      break;
    case 'user-credentials':
      iam.users.push(user('boss'));
      perms[userArn('boss')] = ADMIN;
      break;
    case 'role-trust':
      iam.roles.push(role('target', { trustPolicy: trustAws(userArn('someone-else')) }));
      perms[roleArn('target')] = ADMIN;
      break;
    case 'assume-role':
      iam.roles.push(role('target', { trustPolicy: trustAws(`arn:aws:iam::${ACCOUNT}:root`) }));
      perms[roleArn('target')] = ADMIN;
      break;
    case 'group-policy':
      iam.groups.push(group('team'));
      break;
    case 'managed-policy': {
      const mine = managedPolicy('mine', { Version: '2012-10-17', Statement: [] });
      iam.policies.push(mine);
      (iam.users[0] ?? user('x')).attachedPolicies.push({ arn: mine.arn, name: mine.name });
      break;
    }
    case 'group-membership':
      iam.groups.push(group('admins'));
      perms[GROUP_ARN('admins')] = ADMIN;
      break;
    case 'identity-policy':
      break;
  }
  return { facts, perms, actor };
}

function run(c: Case, facts: EscalationFacts = c.facts): ReturnType<typeof findEscalationPaths> {
  return findEscalationPaths(facts, fakeEvaluator(c.perms));
}

/** What the actor's path starts with; another technique may still apply (a notebook's URL without PassRole). */
function firstTechnique(c: Case): string | null {
  return run(c).get(c.actor)?.[0]?.steps[0]?.technique ?? null;
}

describe('each technique', () => {
  for (const t of ESCALATION_TECHNIQUES) {
    describe(t.id, () => {
      it('fires on a minimal case, with its path', () => {
        const c = caseFor(t);
        const paths = run(c).get(c.actor);
        expect(paths, t.id).toHaveLength(1);
        const path = paths?.[0];
        expect(path?.outcome).toBe(t.gain === 'unknown-policy-version' ? 'iam-write' : 'full-admin');
        expect(path?.steps[0]?.technique).toBe(t.label);
        expect(path?.steps[0]?.actions).toEqual(t.actions);
        expect(path?.steps[0]?.from).toBe(c.actor);
        expect(path?.steps[0]?.explanation).toMatch(/^attacker /);
      });

      it('does not fire when a Deny removes it', () => {
        const c = caseFor(t, (x) => [allowOn(x.actions), denyOn(x.targetAction ?? x.actions[0] ?? '')]);
        expect(firstTechnique(c)).not.toBe(t.label);
      });

      if (t.actions.length > 1) {
        it('does not fire without a companion action', () => {
          for (const missing of t.actions) {
            const c = caseFor(t, (x) => [allowOn(x.actions.filter((a) => a !== missing))]);
            expect(firstTechnique(c), `without ${missing}`).not.toBe(t.label);
          }
        });
      }

      if (t.targetAction !== null) {
        it('does not fire when the resource is constrained elsewhere', () => {
          const target = t.targetAction ?? '';
          const c = caseFor(t, (x) => [allowOn(x.actions.filter((a) => a !== target)), allowOn(target, NOWHERE)]);
          expect(firstTechnique(c)).not.toBe(t.label);
        });
      }
    });
  }
});

describe('resource scoping', () => {
  it('PassRole on one specific role passes only that role', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('weak-fn'), role('admin-fn'));
    const perms = { [userArn('dev')]: [allowOn(['lambda:CreateFunction', 'lambda:InvokeFunction']), allowOn('iam:PassRole', roleArn('weak-fn'))], [roleArn('admin-fn')]: ADMIN };
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('dev'))).toBeUndefined();
    perms[userArn('dev')] = [allowOn(['lambda:CreateFunction', 'lambda:InvokeFunction']), allowOn('iam:PassRole', roleArn('admin-*'))];
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('dev'))?.[0]?.steps[0]?.to).toBe(roleArn('admin-fn'));
  });

  it('CreateAccessKey on ${aws:username} is self-service, not escalation', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'), user('boss'));
    const perms = { [userArn('dev')]: [allowOn('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)], [userArn('boss')]: ADMIN };
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).size).toBe(0);
  });

  it('PutUserPolicy on ${aws:username} is a rewrite of oneself: full admin', () => {
    const facts = emptyFacts();
    (facts.iam as NonNullable<ScanFacts['iam']>).users.push(user('dev'));
    const perms = { [userArn('dev')]: [allowOn('iam:PutUserPolicy', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)] };
    const path = findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('dev'))?.[0];
    expect(path?.outcome).toBe('full-admin');
    expect(path?.steps[0]?.to).toBe(userArn('dev'));
  });

  it('a policy rewrite aimed only at others is an iam-write foothold, naming the target', () => {
    const facts = emptyFacts();
    (facts.iam as NonNullable<ScanFacts['iam']>).roles.push(role('ops'), role('app'));
    const perms = { [roleArn('ops')]: [allowOn('iam:AttachRolePolicy', roleArn('app'))] };
    const path = findEscalationPaths(facts, fakeEvaluator(perms)).get(roleArn('ops'))?.[0];
    expect(path?.outcome).toBe('iam-write');
    expect(path?.steps[0]?.to).toBe(roleArn('app'));
  });

  it('CreatePolicyVersion on an AWS-managed pattern touches no customer policy', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    const mine = managedPolicy('fp4-thing', { Version: '2012-10-17', Statement: [] });
    iam.policies.push(mine);
    iam.users.push(user('dev', { attachedPolicies: [{ arn: mine.arn, name: mine.name }] }));
    const perms = { [userArn('dev')]: [allowOn('iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/fp4-*')] };
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).size).toBe(0);
    perms[userArn('dev')] = [allowOn('iam:CreatePolicyVersion', 'arn:aws:iam::*:policy/fp4-*')];
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('dev'))?.[0]?.outcome).toBe('full-admin');
  });
});

describe('assume-role chains', () => {
  function chain(): { facts: ScanFacts; perms: Record<string, FakeStatement[]> } {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('start'));
    iam.roles.push(
      role('r1', { trustPolicy: trustAws(userArn('start')) }),
      role('r2', { trustPolicy: trustAws(roleArn('r1')) }),
      role('r3', { trustPolicy: trustAws(roleArn('r2')) }),
    );
    return { facts, perms: { [roleArn('r3')]: ADMIN } };
  }

  it('finds a chain of three roles, with every step, and needs no sts:AssumeRole where the trust names the principal', () => {
    const { facts, perms } = chain();
    const paths = findEscalationPaths(facts, fakeEvaluator(perms));
    const path = paths.get(userArn('start'))?.[0];
    expect(path?.outcome).toBe('full-admin');
    expect(path?.steps.map((s) => [s.from, s.to])).toEqual([
      [userArn('start'), roleArn('r1')],
      [roleArn('r1'), roleArn('r2')],
      [roleArn('r2'), roleArn('r3')],
    ]);
    expect(path?.steps.every((s) => s.technique === 'sts:AssumeRole')).toBe(true);
    expect(paths.get(roleArn('r1'))?.[0]?.steps).toHaveLength(2);
    expect(paths.get(roleArn('r2'))?.[0]?.steps).toHaveLength(1);
    expect(paths.has(roleArn('r3'))).toBe(false); // already admin
  });

  it('stops at the depth bound', () => {
    const { facts, perms } = chain();
    const paths = findEscalationPaths(facts, fakeEvaluator(perms), { maxDepth: 2 });
    expect(paths.has(userArn('start'))).toBe(false);
    expect(paths.get(roleArn('r1'))?.[0]?.steps).toHaveLength(2);
  });

  it('keeps the shortest path', () => {
    const { facts, perms } = chain();
    perms[userArn('start')] = [allowOn('sts:AssumeRole', roleArn('r3'))];
    (facts.iam as NonNullable<ScanFacts['iam']>).roles[2] = role('r3', { trustPolicy: trustAws(roleArn('r2'), `arn:aws:iam::${ACCOUNT}:root`) });
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('start'))?.[0]?.steps).toHaveLength(1);
  });

  it('a trust naming the account needs sts:AssumeRole on the assumer side', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('admin', { trustPolicy: trustAws(ACCOUNT) }));
    const perms: Record<string, FakeStatement[]> = { [roleArn('admin')]: ADMIN };
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).size).toBe(0);
    perms[userArn('dev')] = [allowOn('sts:AssumeRole')];
    expect(findEscalationPaths(facts, fakeEvaluator(perms)).get(userArn('dev'))?.[0]?.steps[0]?.to).toBe(roleArn('admin'));
  });

  it('cycles terminate, and a cycle with an exit still finds it', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.roles.push(role('a', { trustPolicy: trustAws(roleArn('b')) }), role('b', { trustPolicy: trustAws(roleArn('a')) }));
    expect(findEscalationPaths(facts, fakeEvaluator({})).size).toBe(0);
    iam.roles.push(role('c', { trustPolicy: trustAws(roleArn('b')) }));
    const paths = findEscalationPaths(facts, fakeEvaluator({ [roleArn('c')]: ADMIN }));
    expect(paths.get(roleArn('a'))?.[0]?.steps.map((s) => s.to)).toEqual([roleArn('b'), roleArn('c')]);
  });
});

describe('trust conditions', () => {
  function conditioned(condition: PolicyDocument, actorIsRole = true): { facts: ScanFacts; actor: string } {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    const actor = actorIsRole ? roleArn('dev') : userArn('dev');
    if (actorIsRole) iam.roles.push(role('dev'));
    else iam.users.push(user('dev'));
    iam.roles.push(role('admin', { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: actor }, Action: 'sts:AssumeRole', Condition: condition }] } }));
    return { facts, actor };
  }
  const perms = fakeEvaluator({ [roleArn('admin')]: ADMIN });

  it('decides aws:PrincipalArn', () => {
    const no = conditioned({ ArnNotLike: { 'aws:PrincipalArn': roleArn('d*') } });
    expect(findEscalationPaths(no.facts, perms).size).toBe(0);
    const yes = conditioned({ StringLike: { 'aws:PrincipalArn': roleArn('d*') } });
    expect(findEscalationPaths(yes.facts, perms).has(yes.actor)).toBe(true);
  });

  it('a role never satisfies an MFA condition; a user might', () => {
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    expect(findEscalationPaths(conditioned(mfa).facts, perms).size).toBe(0);
    const asUser = conditioned(mfa, false);
    expect(findEscalationPaths(asUser.facts, perms).has(asUser.actor)).toBe(true);
  });

  it('takes undecidable conditions as satisfiable by default, and says so; or not, on request', () => {
    const c = conditioned({ StringEquals: { 'sts:ExternalId': 'abc' } });
    expect(findEscalationPaths(c.facts, perms).get(c.actor)?.[0]?.steps[0]?.explanation).toContain('sts:ExternalId');
    expect(findEscalationPaths(c.facts, perms, { undecidableTrustConditions: 'unsatisfiable' }).size).toBe(0);
  });

  it('an unconditional Deny in the trust wins', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('admin', { trustPolicy: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: userArn('dev') }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:*' },
    ] } }));
    expect(findEscalationPaths(facts, perms).size).toBe(0);
  });
});

describe('who is reported', () => {
  it('a full admin is not escalating; one who can take it over is', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('root-like'), user('helpdesk'));
    const paths = findEscalationPaths(facts, fakeEvaluator({ [userArn('root-like')]: ADMIN, [userArn('helpdesk')]: [allowOn('iam:CreateAccessKey')] }));
    expect(paths.has(userArn('root-like'))).toBe(false);
    expect(paths.get(userArn('helpdesk'))?.[0]?.steps[0]?.to).toBe(userArn('root-like'));
  });

  it('a principal with nothing escalation-relevant, or unknown permissions, is not reported', () => {
    const facts = emptyFacts();
    (facts.iam as NonNullable<ScanFacts['iam']>).users.push(user('reader'), user('unknown'));
    const paths = findEscalationPaths(facts, (arn) => (arn === userArn('unknown') ? null : fakeEvaluator({ [userArn('reader')]: [allowOn('s3:GetObject')] })(arn)));
    expect(paths.size).toBe(0);
  });

  it('service-linked roles are neither reported nor passed', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('AWSServiceRoleForLambdaThing', { path: '/aws-service-role/lambda.amazonaws.com/' }));
    const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambdaThing`;
    const paths = findEscalationPaths(facts, fakeEvaluator({ [userArn('dev')]: [allowOn(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])], [slr]: [allowOn('iam:*')] }));
    expect(paths.size).toBe(0);
  });

  it('a role the user can join through a group, and a role that can only add others, differ', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('ops'));
    iam.groups.push(group('admins'));
    const paths = findEscalationPaths(facts, fakeEvaluator({ [GROUP_ARN('admins')]: ADMIN, [userArn('dev')]: [allowOn('iam:AddUserToGroup')], [roleArn('ops')]: [allowOn('iam:AddUserToGroup')] }));
    expect(paths.get(userArn('dev'))?.[0]?.outcome).toBe('full-admin');
    expect(paths.get(roleArn('ops'))?.[0]?.outcome).toBe('iam-write');
  });
});

describe('workloads', () => {
  it('with Lambda collected, UpdateFunctionCode reaches only roles real functions run as', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    iam.users.push(user('dev'));
    iam.roles.push(role('admin-fn'));
    const perms = fakeEvaluator({ [userArn('dev')]: [allowOn('lambda:UpdateFunctionCode')], [roleArn('admin-fn')]: ADMIN });
    facts.lambda = { regions: ['us-east-1'], functions: [] };
    expect(findEscalationPaths(facts, perms).size).toBe(0);
    facts.lambda.functions.push(lambdaFunction('job', roleArn('admin-fn')));
    const step = findEscalationPaths(facts, perms).get(userArn('dev'))?.[0]?.steps[0];
    expect(step?.to).toBe(roleArn('admin-fn'));
    expect(step?.explanation).toContain('function:job');
  });

  it('SSM reaches an instance role only if its agent can register', () => {
    const t = ESCALATION_TECHNIQUES.find((x) => x.id === 'ssm-send-command') as EscalationTechnique;
    const c = caseFor(t);
    c.perms[roleArn('target')] = [allowOn('s3:*'), allowOn('iam:*')];
    expect(run(c).has(c.actor)).toBe(false);
    c.perms[roleArn('target')] = [allowOn('ssm:UpdateInstanceInformation'), allowOn('iam:*')];
    expect(run(c).has(c.actor)).toBe(true);
  });

  it('uncollected workloads can be left out', () => {
    const t = ESCALATION_TECHNIQUES.find((x) => x.id === 'glue-update-dev-endpoint') as EscalationTechnique;
    const c = caseFor(t);
    expect(findEscalationPaths(c.facts, fakeEvaluator(c.perms), { assumeUncollectedWorkloads: false }).size).toBe(0);
  });
});

describe('performance', () => {
  it('10,000 principals finish well under two seconds', () => {
    const facts = emptyFacts();
    const iam = facts.iam as NonNullable<ScanFacts['iam']>;
    const perms: Record<string, FakeStatement[]> = {};
    for (let i = 0; i < 5000; i++) {
      iam.users.push(user(`u${i}`));
      // Even roles serve Lambda; odd ones trust the account, or one user who may assume them unasked.
      iam.roles.push(role(`r${i}`, { trustPolicy: i % 2 === 0 ? trustService('lambda.amazonaws.com') : trustAws(i % 3 === 0 ? ACCOUNT : userArn(`u${i}`)) }));
      if (i % 50 === 0) perms[userArn(`u${i}`)] = [allowOn(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])];
      else if (i % 7 === 0) perms[userArn(`u${i}`)] = [allowOn(['sts:AssumeRole', 's3:*'])];
      else perms[userArn(`u${i}`)] = [allowOn(['s3:GetObject', 'ec2:Describe*'])];
      if (i % 1000 === 0 || i % 500 === 3) perms[roleArn(`r${i}`)] = ADMIN;
      else if (i % 2 === 1 && i % 3 !== 0) perms[roleArn(`r${i}`)] = [allowOn(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], '*'), allowOn('logs:*')];
      else perms[roleArn(`r${i}`)] = [allowOn('iam:PassRole', roleArn(`r${i + 1}`)), allowOn('logs:*')];
    }
    const evaluator = fakeEvaluator(perms);
    // The fakes answer from memo after a first pass, as the real evaluator's bitsets do: the timing is the graph's.
    for (const node of [...iam.users, ...iam.roles]) for (const action of ESCALATION_ACTIONS) evaluator(node.arn)?.isAllowedAnywhere(action);
    let elapsed = Number.POSITIVE_INFINITY;
    let paths = new Map<string, unknown>();
    // Best of three: the machine is shared, and one slow run measures the neighbours.
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      paths = findEscalationPaths(facts, evaluator);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    console.info(`escalation graph: ${iam.users.length + iam.roles.length} principals, ${paths.size} escalating, ${elapsed.toFixed(0)} ms`);
    expect(paths.size).toBeGreaterThan(1000);
    expect(elapsed).toBeLessThan(2000);
  });
});
