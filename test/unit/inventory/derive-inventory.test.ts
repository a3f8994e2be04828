import { describe, expect, it } from 'vitest';
import { deriveInventory, deriveInventoryReport } from '@core/analysis/inventory/derive-inventory';
import type { InventoryAgent, RegistryEntry } from '@core/analysis/inventory/types';
import type { SageMakerEndpointFacts, SageMakerModelFacts, ScanFacts } from '@core/discovery/facts';
import {
  ACCOUNT,
  clock,
  daysAgo,
  emptyFacts,
  emptySageMaker,
  iam,
  lambdaFunction,
  reportRow,
  role,
  roleArn,
  user,
  userArn,
} from './facts-builder';

function byName(agents: InventoryAgent[], name: string): InventoryAgent {
  const agent = agents.find((a) => a.name === name);
  if (agent === undefined) throw new Error(`no agent ${name}`);
  return agent;
}

function model(name: string, executionRoleArn: string | null): SageMakerModelFacts {
  return {
    arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/${name}`,
    name,
    region: 'eu-west-1',
    executionRoleArn,
    networkIsolation: false,
    vpcConfig: null,
    createdAt: null,
    tags: {},
  };
}

function sageMakerFacts(): ScanFacts {
  const facts = emptyFacts();
  iam(facts).roles.push(role('model-a-role'), role('model-b-role'), role('endpoint-config-role'));
  const sm = emptySageMaker();
  sm.models.push(model('model-a', roleArn('model-a-role')), model('model-b', roleArn('model-b-role')), model('orphan-model', null));
  sm.endpointConfigs.push(
    {
      arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint-config/cfg-ab`,
      name: 'cfg-ab',
      region: 'eu-west-1',
      kmsKeyId: null,
      productionVariants: [
        { variantName: 'a', modelName: 'model-a' },
        { variantName: 'b', modelName: 'model-b' },
      ],
      dataCaptureEnabled: false,
      createdAt: null,
    },
    {
      arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint-config/cfg-a`,
      name: 'cfg-a',
      region: 'eu-west-1',
      kmsKeyId: null,
      productionVariants: [{ variantName: 'only', modelName: 'model-a' }],
      dataCaptureEnabled: false,
      createdAt: null,
    },
  );
  const endpoint = (name: string, config: string): SageMakerEndpointFacts => ({
    arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint/${name}`,
    name,
    region: 'eu-west-1',
    endpointConfigName: config,
    status: 'InService',
    createdAt: null,
    lastModified: null,
    tags: {},
  });
  sm.endpoints.push(endpoint('ep-ab', 'cfg-ab'), endpoint('ep-a', 'cfg-a'), endpoint('ep-lost', 'cfg-missing'));
  facts.sageMaker = sm;
  return facts;
}

describe('every principal, once', () => {
  it('lists every user and role, service-linked roles kept and marked AWS-managed', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('alice'), user('ci-bot'));
    iam(facts).roles.push(role('app'), role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/' }));
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents.map((a) => [a.kind, a.name])).toEqual([
      ['iam-user', 'alice'],
      ['iam-user', 'ci-bot'],
      ['iam-role', 'app'],
      ['iam-role', 'AWSServiceRoleForSupport'],
    ]);
    expect(byName(agents, 'AWSServiceRoleForSupport')).toMatchObject({ awsManaged: true, managedBy: 'aws-service', path: '/aws-service-role/support.amazonaws.com/' });
    expect(byName(agents, 'app')).toMatchObject({ awsManaged: false, managedBy: null, accountId: ACCOUNT, credentials: [], status: 'unregistered' });
  });

  it('marks the roles IAM Identity Center creates for people', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('AWSReservedSSO_Admin_0123', { path: '/aws-reserved/sso.amazonaws.com/eu-west-1/' }));
    expect(deriveInventory(facts, new Map(), clock)[0]).toMatchObject({ awsManaged: false, managedBy: 'identity-center' });
  });

  it('adds users only the credential report knows (IAM denied, or created between the reads); never the root row', () => {
    const facts = emptyFacts();
    facts.iam = null;
    facts.credentialReport = {
      generatedAt: null,
      rows: [reportRow('late-user', { key1: { active: true, lastRotated: daysAgo(3) } }), { ...reportRow('<root_account>'), isRoot: true, arn: `arn:aws:iam::${ACCOUNT}:root` }],
    };
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents.map((a) => a.arn)).toEqual([userArn('late-user')]);
    expect(agents[0]?.credentialsKnown).toBe(true);
  });

  it('is deterministic: by kind, then name, whatever the input order', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('zeta'), role('Alpha'), role('beta'));
    iam(facts).users.push(user('zed'), user('amy'));
    const first = deriveInventory(facts, new Map(), clock);
    iam(facts).roles.reverse();
    iam(facts).users.reverse();
    const second = deriveInventory(facts, new Map(), clock);
    expect(second).toEqual(first);
    expect(first.map((a) => a.name)).toEqual(['amy', 'zed', 'Alpha', 'beta', 'zeta']);
  });
});

describe('workloads hang under the identity they run as', () => {
  it('a Lambda function under its execution role, matched even when the role ARN lacks its path', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('fn-role', { path: '/service-role/' }));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [lambdaFunction('a', roleArn('fn-role', '/service-role/')), lambdaFunction('b', roleArn('fn-role'))],
    };
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents).toHaveLength(1);
    expect(agents[0]?.workloads.map((w) => [w.type, w.name, w.region])).toEqual([
      ['lambda-function', 'a', 'eu-west-1'],
      ['lambda-function', 'b', 'eu-west-1'],
    ]);
  });

  it("a SageMaker endpoint under its models' execution roles, not under anything of the config", () => {
    const { agents, unattachedWorkloads } = deriveInventoryReport(sageMakerFacts(), new Map(), clock);
    const names = (name: string): string[] => byName(agents, name).workloads.map((w) => `${w.type}:${w.name}`);
    expect(names('model-a-role')).toEqual(['sagemaker-endpoint:ep-a', 'sagemaker-endpoint:ep-ab', 'sagemaker-model:model-a']);
    expect(names('model-b-role')).toEqual(['sagemaker-endpoint:ep-ab', 'sagemaker-model:model-b']);
    expect(names('endpoint-config-role')).toEqual([]);
    expect(byName(agents, 'model-a-role').aiSignals.map((s) => s.detail)).toContain('runs SageMaker endpoint ep-ab (eu-west-1), serving model model-a');
    expect(unattachedWorkloads.map((u) => [u.workload.name, u.reason])).toEqual([
      ['orphan-model', 'names no execution role'],
      ['ep-lost', 'its endpoint config cfg-missing is not in the scan'],
    ]);
  });

  it('a role the scan does not contain becomes an unscanned-role row, so its workloads are not lost', () => {
    const facts = emptyFacts();
    const foreign = 'arn:aws:iam::999988887777:role/shared-exec';
    facts.lambda = { regions: ['eu-west-1'], functions: [lambdaFunction('x', foreign, { environmentVariableNames: ['ANTHROPIC_API_KEY'] })] };
    const [agent] = deriveInventory(facts, new Map(), clock);
    expect(agent).toMatchObject({ kind: 'unscanned-role', arn: foreign, name: 'shared-exec', accountId: '999988887777', ai: true, credentialsKnown: false });
    expect(agent?.workloads.map((w) => w.name)).toEqual(['x']);
  });
});

describe('owner and status', () => {
  it('takes the registry owner first, then an owner-like tag, else none', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('registered', { tags: { owner: 'tag-owner' } }), role('tagged', { tags: { Team: 'payments' } }), role('nobody'));
    const registry = new Map<string, RegistryEntry>([
      [roleArn('registered'), { owner: 'Dana (platform)', status: 'registered' }],
      [roleArn('tagged'), { owner: null, status: 'decommissioned' }],
    ]);
    const agents = deriveInventory(facts, registry, clock);
    expect(byName(agents, 'registered')).toMatchObject({ owner: 'Dana (platform)', ownerSource: 'registry', ownerTag: null, status: 'registered' });
    expect(byName(agents, 'tagged')).toMatchObject({ owner: 'payments', ownerSource: 'tag', ownerTag: 'Team', status: 'decommissioned' });
    expect(byName(agents, 'nobody')).toMatchObject({ owner: null, ownerSource: null, status: 'unregistered' });
  });

  it('falls back to an owner tag on the workloads that run as the identity, when they agree', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('own-tag', { tags: { owner: 'role-owner' } }), role('one-team'), role('two-teams'), role('untagged-work'));
    const fn = (name: string, roleName: string, tags: Record<string, string>): ReturnType<typeof lambdaFunction> =>
      lambdaFunction(name, roleArn(roleName), { tags });
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [
        fn('a', 'own-tag', { owner: 'workload-owner' }),
        fn('b', 'one-team', { Owner: 'ml-platform' }),
        fn('c', 'one-team', { team: 'ML-Platform' }),
        fn('d', 'one-team', {}),
        fn('e', 'two-teams', { owner: 'payments' }),
        fn('f', 'two-teams', { owner: 'fraud' }),
        fn('g', 'untagged-work', { env: 'prod' }),
      ],
    };
    const agents = deriveInventory(facts, new Map(), clock);
    // The identity's own tag wins over its workloads'.
    expect(byName(agents, 'own-tag')).toMatchObject({ owner: 'role-owner', ownerSource: 'tag', ownerTag: 'owner' });
    // Workloads that agree (case aside) name the owner, and the tag says where it was read.
    expect(byName(agents, 'one-team')).toMatchObject({ owner: 'ml-platform', ownerSource: 'tag', ownerTag: 'Owner on Lambda function b (eu-west-1)' });
    // Workloads of different teams on one role: a human decides.
    expect(byName(agents, 'two-teams')).toMatchObject({ owner: null, ownerSource: null, ownerTag: null });
    expect(byName(agents, 'untagged-work')).toMatchObject({ owner: null, ownerSource: null });
    // A registry owner still beats every tag.
    const registered = deriveInventory(facts, new Map([[roleArn('one-team'), { owner: 'Dana', status: 'registered' }]]), clock);
    expect(byName(registered, 'one-team')).toMatchObject({ owner: 'Dana', ownerSource: 'registry' });
  });
});

describe('credentials and last use', () => {
  it('reads both access-key slots, the password and MFA from the credential report', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('svc'), user('human'), user('unreported'));
    facts.credentialReport = {
      generatedAt: null,
      rows: [
        reportRow('svc', {
          key1: { active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(2), lastUsedService: 'bedrock', lastUsedRegion: 'us-east-1' },
          key2: { active: false, lastRotated: daysAgo(30) },
        }),
        reportRow('human', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true, key1: { active: true, lastRotated: daysAgo(10), lastUsedDate: daysAgo(5) } }),
      ],
    };
    const agents = deriveInventory(facts, new Map(), clock);
    const svc = byName(agents, 'svc');
    expect(svc.credentials).toEqual([
      { type: 'console-password', enabled: false, lastUsedAt: null, lastChangedAt: null, mfaActive: false },
      { type: 'access-key', slot: 1, active: true, lastRotated: daysAgo(400), ageDays: 400, lastUsedAt: daysAgo(2), lastUsedService: 'bedrock', lastUsedRegion: 'us-east-1' },
      { type: 'access-key', slot: 2, active: false, lastRotated: daysAgo(30), ageDays: 30, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null },
    ]);
    expect(svc.lastUsedAt).toBe(daysAgo(2));
    const human = byName(agents, 'human');
    expect(human.lastUsedAt).toBe(daysAgo(1));
    expect(human.credentials.filter((c) => c.type === 'access-key')).toHaveLength(1);
    expect(human.credentials[0]).toMatchObject({ type: 'console-password', enabled: true, mfaActive: true });
    expect(byName(agents, 'unreported')).toMatchObject({ credentials: [], credentialsKnown: false, lastUsedAt: null });
  });

  it('takes a later use from service-last-accessed data (a Bedrock API key acts as its user)', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('BedrockAPIKey-x'));
    iam(facts).roles.push(role('r', { lastUsed: { date: daysAgo(30), region: 'eu-west-1' } }));
    facts.credentialReport = { generatedAt: null, rows: [reportRow('BedrockAPIKey-x')] };
    const access = (principalArn: string, days: number): NonNullable<ScanFacts['serviceLastAccessed']>[number] => ({
      principalArn,
      serviceNamespace: 'bedrock',
      serviceName: 'Amazon Bedrock',
      lastAuthenticated: daysAgo(days),
      lastAuthenticatedEntity: null,
      lastAuthenticatedRegion: null,
      totalAuthenticatedEntities: null,
    });
    facts.serviceLastAccessed = [access(userArn('BedrockAPIKey-x'), 1), access(roleArn('r'), 60)];
    const agents = deriveInventory(facts, new Map(), clock);
    expect(byName(agents, 'BedrockAPIKey-x').lastUsedAt).toBe(daysAgo(1));
    expect(byName(agents, 'r').lastUsedAt).toBe(daysAgo(30));
  });

  it("takes a role's last use from RoleLastUsed", () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('used', { lastUsed: { date: daysAgo(3), region: 'eu-west-1' } }), role('idle'));
    const agents = deriveInventory(facts, new Map(), clock);
    expect(byName(agents, 'used').lastUsedAt).toBe(daysAgo(3));
    expect(byName(agents, 'idle').lastUsedAt).toBeNull();
  });

  it("lists Bedrock API keys among their user's credentials, with expiry; no row of their own", () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('BedrockAPIKey-x', { tags: { owner: 'ml-team' } }));
    facts.serviceSpecificCredentials = [
      { id: 'K1', userName: 'BedrockAPIKey-x', serviceName: 'bedrock.amazonaws.com', serviceUserName: 'BedrockAPIKey-x-at-1', status: 'Active', createdAt: daysAgo(40), expiresAt: null },
      { id: 'K2', userName: 'BedrockAPIKey-x', serviceName: 'bedrock.amazonaws.com', serviceUserName: 'BedrockAPIKey-x-at-1', status: 'Active', createdAt: daysAgo(40), expiresAt: daysAgo(1) },
    ];
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents.map((a) => [a.kind, a.name])).toEqual([['iam-user', 'BedrockAPIKey-x']]);
    const [holder] = agents;
    expect(holder).toMatchObject({ owner: 'ml-team', ownerSource: 'tag', ownerTag: 'owner', ai: true, credentialsKnown: false });
    expect(holder?.credentials).toEqual([
      {
        type: 'bedrock-api-key',
        id: 'K1',
        serviceName: 'bedrock.amazonaws.com',
        serviceUserName: 'BedrockAPIKey-x-at-1',
        status: 'Active',
        active: true,
        createdAt: daysAgo(40),
        expiresAt: null,
        ageDays: 40,
      },
      {
        type: 'bedrock-api-key',
        id: 'K2',
        serviceName: 'bedrock.amazonaws.com',
        serviceUserName: 'BedrockAPIKey-x-at-1',
        status: 'Active',
        active: false,
        createdAt: daysAgo(40),
        expiresAt: daysAgo(1),
        ageDays: 40,
      },
    ]);
  });

  it('adds the user of a Bedrock API key when IAM did not list it', () => {
    const facts = emptyFacts();
    facts.serviceSpecificCredentials = [
      { id: 'K9', userName: 'BedrockAPIKey-new', serviceName: 'bedrock.amazonaws.com', serviceUserName: null, status: 'Active', createdAt: daysAgo(1), expiresAt: null },
    ];
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents.map((a) => [a.kind, a.arn, a.ai])).toEqual([['iam-user', userArn('BedrockAPIKey-new'), true]]);
    expect(agents[0]?.credentials.map((c) => c.type)).toEqual(['bedrock-api-key']);
  });
});
