import { describe, expect, it } from 'vitest';
import { ActionSet } from '@core/analysis/iam-policy/action-set';
import { getActionCatalogue, normaliseAccessLevel, wildcardRegex } from '@core/analysis/iam-policy/action-catalogue';
import { createPermissionsAnalyzer } from '@core/analysis/iam-policy';
import { emptyScanFacts } from '@core/discovery/facts';
import { allowSt, context, denySt, doc, evaluate, group, managed, role, user, withInline } from './helpers';

describe('action catalogue', () => {
  it('numbers every action and expands patterns case-insensitively', () => {
    const c = getActionCatalogue();
    expect(c.size).toBeGreaterThan(15_000);
    expect(c.expand('*').count()).toBe(c.size);
    const get = c.expand('S3:get*');
    expect(get.has(c.indexOf('s3:GetObject'))).toBe(true);
    expect(get.has(c.indexOf('s3:PutObject'))).toBe(false);
    expect(c.expand('iam:?assRole').toArray()).toEqual([c.indexOf('iam:PassRole')]);
    expect(c.expand('nosuchservice:*').isEmpty()).toBe(true);
    expect(c.expand('GetObject').isEmpty()).toBe(true);
    expect(c.expand('s3:Get*')).toBe(c.expand('s3:get*')); // memoised
  });

  it('expands `service:Prefix*` (found by binary search) exactly as the wildcard matches every name', () => {
    const c = getActionCatalogue();
    const names = Array.from({ length: c.size }, (_, i) => c.nameAt(i));
    const byRegex = (pattern: string): number[] => {
      const regex = wildcardRegex(pattern.trim().toLowerCase(), true);
      return names.flatMap((name, i) => (regex.test(name) ? [i] : []));
    };
    // Prefixes cut from real names at every length, plus ones that fall between or past names.
    const prefixes = new Set(['s3:*', 'S3:Get*', 'iam:*', 'ec2:Describe*', 'ec2:describeinstances*', 'ec2:DescribeInstances*', 'iam:PassRole*', 'kms:z*', 'kms:*', 'a4b:*', 'zzz:*', 's3:getobjectz*', ' s3:Put* ', 's3:Get*Acl', 'ec?:Describe*', 's3:*Object*', 'iam:Get**', 'iam:Get?*', 's3:\u017f*', 'nosuch:Get*']);
    for (let i = 0; i < names.length; i += 97) {
      const name = names[i] ?? '';
      const colon = name.indexOf(':');
      for (const cut of [colon + 1, colon + 2, Math.max(colon + 1, Math.floor(name.length / 2)), name.length]) prefixes.add(`${name.slice(0, cut)}*`);
    }
    for (const pattern of prefixes) expect(c.expand(pattern).toArray(), pattern).toEqual(byRegex(pattern));
  });

  it('normalises combined access levels to the most powerful', () => {
    expect(normaliseAccessLevel('Permissions management, Write')).toBe('Permissions management');
    expect(normaliseAccessLevel('Tagging, Write')).toBe('Write');
    expect(normaliseAccessLevel('Read')).toBe('Read');
    expect(normaliseAccessLevel('List, Read')).toBe('Read');
    expect(normaliseAccessLevel('Something new')).toBe('Write');
    const c = getActionCatalogue();
    expect(c.action(c.indexOf('iam:CreatePolicyVersion'))?.accessLevel).toBe('Permissions management');
    expect(c.action(c.indexOf('iam:PutRolePolicy'))?.accessLevel).toBe('Permissions management');
  });

  it('bitset operations', () => {
    const a = ActionSet.of(100, [1, 31, 32, 99]);
    const b = ActionSet.of(100, [31, 50]);
    expect(a.or(b).toArray()).toEqual([1, 31, 32, 50, 99]);
    expect(a.and(b).toArray()).toEqual([31]);
    expect(a.andNot(b).toArray()).toEqual([1, 32, 99]);
    expect(ActionSet.full(100).count()).toBe(100);
    expect(a.not().count()).toBe(96);
    expect(a.countRange(0, 32)).toBe(2);
    expect(a.countRange(32, 100)).toBe(2);
  });
});

describe('computeEffectivePermissions', () => {
  it('explicit Deny overrides Allow', () => {
    const p = evaluate(withInline(doc(allowSt('iam:*'), denySt('iam:PassRole'))));
    expect(p.isAllowed('iam:CreateRole')).toBe(true);
    expect(p.isAllowed('iam:PassRole')).toBe(false);
    expect(p.isAllowedAnywhere('iam:PassRole')).toBe(false);
    expect(p.allowedActions('iam:Pass*')).toEqual([]);
    expect(p.grantsFor('iam:PassRole')).toEqual([]);
  });

  it('a Deny in another policy still wins', () => {
    const p = evaluate(withInline(doc(allowSt('*')), doc(denySt('s3:*'))));
    expect(p.isAllowed('s3:GetObject')).toBe(false);
    expect(p.isAllowed('ec2:RunInstances')).toBe(true);
  });

  it('NotAction: Allow everything except', () => {
    const p = evaluate(withInline(doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })));
    expect(p.isAllowed('s3:GetObject')).toBe(true);
    expect(p.isAllowed('iam:PassRole')).toBe(false);
    expect(p.isAllowed('organizations:LeaveOrganization')).toBe(false);
    expect(p.fullAdmin).toBeNull();
    expect(p.serviceWildcards.map((w) => w.service)).toEqual(['*']);
  });

  it('Deny with NotAction denies everything else', () => {
    const p = evaluate(withInline(doc(allowSt('*'), { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' })));
    expect(p.isAllowed('s3:GetObject')).toBe(true);
    expect(p.isAllowed('s3:PutObject')).toBe(false);
    expect(p.allowedActions('*')).toEqual(['s3:GetObject']);
  });

  it('NotResource', () => {
    const secret = 'arn:aws:s3:::secret-bucket/*';
    const p = evaluate(withInline(doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: secret })));
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::public/x')).toBe(true);
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::secret-bucket/x')).toBe(false);
    const q = evaluate(withInline(doc(allowSt('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::mine', 'arn:aws:s3:::mine/*'] })));
    expect(q.isAllowed('s3:GetObject', 'arn:aws:s3:::mine/k')).toBe(true);
    expect(q.isAllowed('s3:GetObject', 'arn:aws:s3:::other/k')).toBe(false);
    expect(q.isAllowedAnywhere('s3:GetObject')).toBe(true);
  });

  it('resource constraints', () => {
    const p = evaluate(withInline(doc(allowSt('s3:GetObject', 'arn:aws:s3:::bucket/*'))));
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::bucket/a/b.txt')).toBe(true);
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::other/a')).toBe(false);
    expect(p.isAllowed('s3:GetObject')).toBe(false); // not on every resource
    expect(p.isAllowedAnywhere('s3:GetObject')).toBe(true);
    expect(p.resourcesFor('s3:GetObject')).toEqual(['arn:aws:s3:::bucket/*']);
    expect(p.serviceSummary().find((s) => s.service === 's3')?.anyResource).toBe(false);
  });

  it('a resource-scoped Deny covering every granted resource removes the action', () => {
    const p = evaluate(withInline(doc(allowSt('s3:GetObject', 'arn:aws:s3:::bucket/public/*'), denySt('s3:GetObject', 'arn:aws:s3:::bucket/*'))));
    expect(p.isAllowedAnywhere('s3:GetObject')).toBe(false);
    const q = evaluate(withInline(doc(allowSt('s3:GetObject', '*'), denySt('s3:GetObject', 'arn:aws:s3:::bucket/*'))));
    expect(q.isAllowedAnywhere('s3:GetObject')).toBe(true);
    expect(q.isAllowed('s3:GetObject', 'arn:aws:s3:::bucket/x')).toBe(false);
    expect(q.isAllowed('s3:GetObject', 'arn:aws:s3:::other/x')).toBe(true);
  });

  it('conditions: decidable on the principal vs undecidable', () => {
    const undecidable = evaluate(withInline(doc(allowSt('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }))));
    expect(undecidable.isAllowed('iam:PassRole')).toBe(false);
    expect(undecidable.isAllowedAnywhere('iam:PassRole')).toBe(true);
    expect(undecidable.isConditional('iam:PassRole')).toBe(true);
    expect(undecidable.grantsFor('iam:PassRole')).toHaveLength(1);

    const mine = evaluate(withInline(doc(allowSt('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }))));
    expect(mine.isAllowed('s3:GetObject')).toBe(true);
    expect(mine.isConditional('s3:GetObject')).toBe(false);

    const notMe = evaluate(withInline(doc(allowSt('s3:*', '*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/other-*' } } }))));
    expect(notMe.isAllowedAnywhere('s3:GetObject')).toBe(false);

    const tagged = evaluate(
      role('t', { tags: { team: 'ml' }, inlinePolicies: [{ name: 'p', document: doc(allowSt('sagemaker:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'ml' } } })) }] }),
    );
    expect(tagged.isAllowed('sagemaker:CreateNotebookInstance')).toBe(true);

    // A conditional Deny that cannot be decided does not remove the permission; a decidable one does.
    const mfaDeny = evaluate(withInline(doc(allowSt('*'), denySt('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }))));
    expect(mfaDeny.isAllowed('s3:GetObject')).toBe(true);
    const typeDeny = evaluate(withInline(doc(allowSt('*'), denySt('iam:*', '*', { Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } } }))));
    expect(typeDeny.isAllowed('iam:CreateUser')).toBe(false);
    expect(typeDeny.isAllowed('s3:GetObject')).toBe(true);
  });

  it('the permissions boundary caps the identity policies', () => {
    const boundary = managed('Boundary', doc(allowSt(['s3:*', 'logs:*'])));
    const p = evaluate(
      role('bounded', { inlinePolicies: [{ name: 'admin', document: doc(allowSt('*')) }], permissionsBoundary: { arn: boundary.arn } }),
      context([boundary]),
    );
    expect(p.isAllowed('s3:GetObject')).toBe(true);
    expect(p.isAllowed('iam:CreateUser')).toBe(false);
    expect(p.isAllowed('ec2:RunInstances')).toBe(false);
    expect(p.fullAdmin).toBeNull();
    expect(p.adminGrants).toHaveLength(1);
    expect(p.serviceSummary().map((s) => s.service)).toEqual(['logs', 's3']);
    // The boundary alone grants nothing.
    const q = evaluate(role('empty', { permissionsBoundary: { arn: boundary.arn } }), context([boundary]));
    expect(q.isAllowedAnywhere('s3:GetObject')).toBe(false);
  });

  it('group policies reach their users', () => {
    const readOnly = managed('S3Read', doc(allowSt('s3:Get*')));
    const g = group('devs', {
      attachedPolicies: [{ arn: readOnly.arn, name: readOnly.name }],
      inlinePolicies: [{ name: 'lambda', document: doc(allowSt('lambda:CreateFunction')) }],
    });
    const u = user('alice', { groups: ['devs', 'ghost'] });
    const p = evaluate(u, context([readOnly], [g]));
    expect(p.isAllowed('s3:GetObject')).toBe(true);
    expect(p.isAllowed('lambda:CreateFunction')).toBe(true);
    const refs = p.grantsFor('lambda:CreateFunction');
    expect(refs[0]).toMatchObject({ via: 'group', group: 'devs', policy: `group-inline:${g.arn}:lambda`, index: 0 });
    expect(p.grantsFor('s3:GetObject')[0]).toMatchObject({ via: 'group', group: 'devs', policy: readOnly.arn });
    expect(p.warnings.some((w) => w.includes('ghost'))).toBe(true);
  });

  it('AdministratorAccess is full admin, even without its document in the facts', () => {
    const arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const p = evaluate(role('admin', { attachedPolicies: [{ arn, name: 'AdministratorAccess' }] }));
    expect(p.fullAdmin).toMatchObject({ policy: arn, via: 'attached', index: 0 });
    expect(p.isAllowed('iam:CreateUser')).toBe(true);
    expect(p.serviceWildcards).toEqual([expect.objectContaining({ service: '*' })]);
    // A small Deny that leaves IAM alone: still admin (it can remove the Deny itself).
    const q = evaluate(role('admin2', { attachedPolicies: [{ arn, name: 'AdministratorAccess' }], inlinePolicies: [{ name: 'd', document: doc(denySt('organizations:LeaveOrganization')) }] }));
    expect(q.fullAdmin).not.toBeNull();
    // A Deny on IAM cuts it.
    const r = evaluate(role('admin3', { attachedPolicies: [{ arn, name: 'AdministratorAccess' }], inlinePolicies: [{ name: 'd', document: doc(denySt('iam:*')) }] }));
    expect(r.fullAdmin).toBeNull();
    // `*` on `*` under a condition is not full admin.
    const s = evaluate(withInline(doc(allowSt('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))));
    expect(s.fullAdmin).toBeNull();
    expect(s.isAllowedAnywhere('iam:CreateUser')).toBe(true);
  });

  it('service wildcards only for services that can write', () => {
    const c = getActionCatalogue();
    // A service with only read/list actions, if the catalogue has one.
    const readOnly = c.services.find((r) => {
      for (let i = r.start; i < r.end; i++) if (['Write', 'Permissions management', 'Tagging'].includes(c.levelAt(i))) return false;
      return r.end > r.start;
    });
    expect(readOnly).toBeDefined();
    const p = evaluate(withInline(doc(allowSt([`${readOnly?.service ?? ''}:*`, 'iam:*', 's3:Get*']))));
    expect(p.serviceWildcards.map((w) => w.service)).toEqual(['iam']);
    expect(p.serviceWildcards[0]?.ref).toMatchObject({ policyName: 'p0', via: 'inline', index: 0 });
  });

  it('summarises by service and access level', () => {
    const p = evaluate(withInline(doc(allowSt('iam:*', 'arn:aws:iam::111122223333:role/x'), allowSt('s3:GetObject'))));
    const summary = p.serviceSummary();
    const iam = summary.find((s) => s.service === 'iam');
    const c = getActionCatalogue();
    const r = c.serviceRange('iam');
    expect(iam?.levels['Permissions management'].allowed).toBe(iam?.levels['Permissions management'].total);
    expect(iam?.anyResource).toBe(false);
    const totals = Object.values(iam?.levels ?? {}).reduce((n, l) => n + l.total, 0);
    expect(totals).toBe((r?.end ?? 0) - (r?.start ?? 0));
    expect(summary.find((s) => s.service === 's3')).toMatchObject({ anyResource: true, levels: { Read: { allowed: 1 } } });
  });

  it('unknown actions are kept by name, and malformed statements are skipped with a warning', () => {
    const p = evaluate(
      withInline(
        doc(allowSt(['bedrock:InvokeBrandNewThing', 's3:GetObject']), { Effect: 'Allow', Action: 42, Resource: '*' }, 'junk', { Effect: 'allow', Action: '*', Resource: '*' }),
      ),
    );
    expect(p.isAllowed('bedrock:InvokeBrandNewThing')).toBe(true);
    expect(p.isAllowed('bedrock:invokebrandnewthing')).toBe(true);
    expect(p.allowedActions('bedrock:*')).toEqual(['bedrock:InvokeBrandNewThing']);
    expect(p.isAllowed('iam:CreateUser')).toBe(false);
    expect(p.warnings.filter((w) => w.includes('skipped'))).toHaveLength(3);
    expect(p.warnings.some((w) => w.includes('InvokeBrandNewThing'))).toBe(true);
    // A wildcard Allow covers unknown actions of its service too.
    expect(evaluate(withInline(doc(allowSt('bedrock:*')))).isAllowed('bedrock:SomethingNew')).toBe(true);
  });

  it('policy variables resolve for the principal', () => {
    const u = user('bob', { inlinePolicies: [{ name: 'home', document: doc(allowSt('s3:*', 'arn:aws:s3:::home/${aws:username}/*')) }] });
    const p = evaluate(u);
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::home/bob/file')).toBe(true);
    expect(p.isAllowed('s3:GetObject', 'arn:aws:s3:::home/eve/file')).toBe(false);
    expect(p.resourcesFor('s3:GetObject')).toEqual(['arn:aws:s3:::home/bob/*']);
  });

  it('the analyzer indexes facts once and memoises per principal', () => {
    const facts = emptyScanFacts({ collectedAt: '2026-01-01T00:00:00.000Z', account: { id: '111122223333', alias: null, partition: 'aws', source: 'demo' } });
    const pol = managed('Read', doc(allowSt('s3:Get*')));
    const r = role('worker', { attachedPolicies: [{ arn: pol.arn, name: pol.name }] });
    facts.iam = { users: [], groups: [], roles: [r], policies: [pol] };
    const analyzer = createPermissionsAnalyzer(facts);
    const p = analyzer.forPrincipal(r.arn);
    expect(p?.isAllowed('s3:GetObject')).toBe(true);
    expect(analyzer.forPrincipal(r.arn)).toBe(p);
    expect(analyzer.forPrincipal('arn:aws:iam::111122223333:role/none')).toBeNull();
    const noIam = createPermissionsAnalyzer({ ...facts, iam: null });
    expect(noIam.forPrincipal(r.arn)).toBeNull();
  });
});

describe('AWS-owned resources', () => {
  it('an Allow limited to AWS-managed policies grants no write (iam-vulnerable fp4)', () => {
    const p = evaluate(withInline(doc(allowSt(['iam:CreatePolicyVersion', 'iam:GetPolicyVersion'], 'arn:aws:iam::aws:policy/fp4-*'))));
    expect(p.isAllowedAnywhere('iam:CreatePolicyVersion')).toBe(false);
    expect(p.isAllowedAnywhere('iam:GetPolicyVersion')).toBe(true);
  });
});
