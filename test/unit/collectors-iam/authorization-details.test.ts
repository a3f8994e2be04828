/**
 * The IAM inventory collector: every page merged (calls grow with pages, not principals), SDK shapes
 * (Date objects, URL-encoded documents) turned into the same facts as an import, and each way a
 * scan can go wrong ending in its own outcome with nothing half-written.
 */
import { GetAccountAuthorizationDetailsCommand, IAMClient, IAMServiceException, type GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizationDetailsCollector } from '@core/aws/collectors/iam/authorization-details';
import { iamFactsSchema } from '@core/discovery/facts';
import { runOf, runWithFramework } from './support';

const iam = mockClient(IAMClient);
afterAll(() => iam.restore());
beforeEach(() => iam.reset());

const ACCOUNT = '123456789012';
const encode = (document: object): string => encodeURIComponent(JSON.stringify(document));
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

function user(name: string): NonNullable<GetAccountAuthorizationDetailsCommandOutput['UserDetailList']>[number] {
  return {
    UserName: name,
    UserId: `AIDA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    Path: '/',
    CreateDate: new Date('2024-01-02T03:04:05Z'),
    GroupList: ['devs'],
    UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/a b+c' }] }) }],
    AttachedManagedPolicies: [],
    Tags: [{ Key: 'owner', Value: 'jane@example.com' }],
  };
}

function role(name: string, lastUsed?: Date): NonNullable<GetAccountAuthorizationDetailsCommandOutput['RoleDetailList']>[number] {
  return {
    RoleName: name,
    RoleId: `AROA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/${name}`,
    Path: '/service-role/',
    CreateDate: new Date('2024-02-03T04:05:06Z'),
    AssumeRolePolicyDocument: encode(TRUST),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: [{ PolicyName: 'BedrockInvoke', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/BedrockInvoke` }],
    PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/Boundary` },
    Tags: [{ Key: 'ai', Value: 'agent' }],
    RoleLastUsed: lastUsed !== undefined ? { LastUsedDate: lastUsed, Region: 'eu-west-1' } : {},
  };
}

const PAGE_1: GetAccountAuthorizationDetailsCommandOutput = {
  $metadata: {},
  UserDetailList: [user('alice'), user('bob')],
  GroupDetailList: [{ GroupName: 'devs', GroupId: 'AGPADEVS', Arn: `arn:aws:iam::${ACCOUNT}:group/devs`, Path: '/', CreateDate: new Date('2023-01-01T00:00:00Z'), GroupPolicyList: [], AttachedManagedPolicies: [] }],
  RoleDetailList: [role('agent', new Date('2025-05-30T10:00:00Z'))],
  Policies: [],
  IsTruncated: true,
  Marker: 'marker-1',
};
const PAGE_2: GetAccountAuthorizationDetailsCommandOutput = {
  $metadata: {},
  UserDetailList: [user('carol')],
  RoleDetailList: [role('unused')],
  Policies: [
    {
      PolicyName: 'BedrockInvoke',
      PolicyId: 'ANPABEDROCK',
      Arn: `arn:aws:iam::${ACCOUNT}:policy/BedrockInvoke`,
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: new Date('2024-01-01T00:00:00Z'),
      UpdateDate: new Date('2024-03-01T00:00:00Z'),
      PolicyVersionList: [
        { VersionId: 'v1', IsDefaultVersion: false, Document: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) },
        { VersionId: 'v2', IsDefaultVersion: true, Document: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: '*' }] }) },
      ],
    },
  ],
  IsTruncated: true,
  Marker: 'marker-2',
};
const PAGE_3: GetAccountAuthorizationDetailsCommandOutput = {
  $metadata: {},
  Policies: [
    {
      PolicyName: 'AmazonBedrockFullAccess',
      Arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess',
      DefaultVersionId: 'v1',
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] }) }],
    },
  ],
  IsTruncated: false,
};

function threePages(): void {
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolvesOnce(PAGE_1)
    .resolvesOnce(PAGE_2)
    .resolvesOnce(PAGE_3);
}

describe('iam-authorization-details', () => {
  it('reads every page (3 pages, 3 calls) and merges all principals and policies', async () => {
    threePages();
    const { runs, facts, progress } = await runWithFramework([authorizationDetailsCollector]);
    const run = runOf(runs, 'iam-authorization-details');
    expect(run.outcome).toBe('ok');
    expect(run.message).toBe('3 users, 1 group, 2 roles, 2 managed policies in 3 pages.');

    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(3);
    expect(calls.map((input) => input.Marker)).toEqual([undefined, 'marker-1', 'marker-2']);
    for (const input of calls) {
      expect(input.MaxItems).toBe(1000);
      expect([...(input.Filter ?? [])].sort()).toEqual(['AWSManagedPolicy', 'Group', 'LocalManagedPolicy', 'Role', 'User']);
    }

    const iamFacts = iamFactsSchema.parse(facts.iam);
    expect(iamFacts.users.map((u) => u.name)).toEqual(['alice', 'bob', 'carol']);
    expect(iamFacts.roles.map((r) => r.name)).toEqual(['agent', 'unused']);
    expect(iamFacts.groups.map((g) => g.name)).toEqual(['devs']);
    expect(iamFacts.policies.map((p) => p.name)).toEqual(['BedrockInvoke', 'AmazonBedrockFullAccess']);

    const agent = iamFacts.roles[0]!;
    expect(agent.trustPolicy).toEqual(TRUST);
    expect(agent.lastUsed).toEqual({ date: '2025-05-30T10:00:00.000Z', region: 'eu-west-1' });
    expect(agent.createdAt).toBe('2024-02-03T04:05:06.000Z');
    expect(agent.tags).toEqual({ ai: 'agent' });
    expect(agent.permissionsBoundary).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:policy/Boundary` });
    expect(agent.serviceLinked).toBe(false);
    expect(iamFacts.roles[1]!.lastUsed).toEqual({ date: null, region: null });

    // URL-decoded, `+` kept as a plus and `%20` as a space.
    expect(iamFacts.users[0]!.inlinePolicies[0]!.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/a b+c' }],
    });
    // Only the default version's document is kept.
    const customer = iamFacts.policies[0]!;
    expect(customer.defaultVersionId).toBe('v2');
    expect(customer.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: '*' }] });
    expect(customer.awsManaged).toBe(false);
    expect(iamFacts.policies[1]!.awsManaged).toBe(true);

    // Progress after each page: the total grows by one while AWS says more follow.
    const pages = progress.filter((event) => event.status === 'running' && event.total > 0).map((event) => [event.done, event.total]);
    expect(pages).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
  });

  it('AccessDenied: outcome denied, the section stays null', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(
      new IAMServiceException({ name: 'AccessDenied', message: 'not authorized to perform: iam:GetAccountAuthorizationDetails', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'denied', message: expect.stringMatching(/Access denied to IAM users, groups, roles and policies/) as unknown });
    expect(facts.iam).toBeNull();
  });

  it('a page fetched after page 1 fails: nothing from page 1 is written', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(PAGE_1)
      .rejectsOnce(new IAMServiceException({ name: 'ServiceFailure', message: 'boom', $fault: 'server', $metadata: { httpStatusCode: 500 } }));
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('ServiceFailure, HTTP 500') as unknown });
    expect(facts.iam).toBeNull();
  });

  it('cancelled between pages: cancelled, no further call, nothing written', async () => {
    const controller = new AbortController();
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(PAGE_1)
      .callsFakeOnce(() => {
        controller.abort();
        return Promise.resolve(PAGE_2);
      })
      .resolvesOnce(PAGE_3);
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector], { signal: controller.signal });
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'cancelled' });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(facts.iam).toBeNull();
  });

  it('refuses to loop when AWS repeats a Marker', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...PAGE_1, Marker: 'same' });
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('same page token twice') as unknown });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(facts.iam).toBeNull();
  });

  it('keeps the rest when one entity has an unexpected shape, with a warning', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      $metadata: {},
      UserDetailList: [user('alice'), { UserName: 'broken' }],
      IsTruncated: false,
    });
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    expect(runOf(runs, 'iam-authorization-details').outcome).toBe('ok');
    expect(facts.iam?.users.map((u) => u.name)).toEqual(['alice']);
    expect(facts.warnings).toEqual([expect.stringMatching(/1 IAM entity was left out .*page 1 UserDetailList\[1\]\.Arn/) as unknown]);
  });

  it('fails rather than file another account’s principals under this one', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      $metadata: {},
      UserDetailList: [{ ...user('mallory'), Arn: 'arn:aws:iam::999999999999:user/mallory' }],
      IsTruncated: false,
    });
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('999999999999') as unknown });
    expect(facts.iam).toBeNull();
  });

  it('10,000 principals in 10 pages: 10 calls, every principal kept', async () => {
    const pages: GetAccountAuthorizationDetailsCommandOutput[] = Array.from({ length: 10 }, (_, p) => ({
      $metadata: {},
      UserDetailList: Array.from({ length: 500 }, (_, i) => user(`user-${p}-${i}`)),
      RoleDetailList: Array.from({ length: 500 }, (_, i) => role(`role-${p}-${i}`)),
      IsTruncated: p < 9,
      ...(p < 9 && { Marker: `m-${p + 1}` }),
    }));
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input: { Marker?: string }) => Promise.resolve(pages[input.Marker === undefined ? 0 : Number(input.Marker.slice(2))]));
    const started = performance.now();
    const { runs, facts } = await runWithFramework([authorizationDetailsCollector]);
    const elapsed = performance.now() - started;
    expect(runOf(runs, 'iam-authorization-details')).toMatchObject({ outcome: 'ok', message: '5000 users, 0 groups, 5000 roles, 0 managed policies in 10 pages.' });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(10);
    expect(facts.iam?.users).toHaveLength(5000);
    expect(facts.iam?.roles).toHaveLength(5000);
    expect(new Set(facts.iam?.roles.map((r) => r.arn)).size).toBe(5000);
    // Generous: mapping 10,000 principals takes well under a second on a laptop.
    expect(elapsed).toBeLessThan(10_000);
  });
});
