/**
 * Who created it: the CloudTrail creator collector against mocked LookupEvents answers (moto has no
 * LookupEvents). Each creation event kind, the principals (IAM user, SSO session, role chain, an AWS
 * service), pagination, throttling, refusal, the call bound and hostile names.
 */
import { CloudTrailClient, LookupEventsCommand, type Event, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCreatorsCollector } from '@core/aws/collectors/creators/cloudtrail-creators';
import { eventPrincipal } from '@core/aws/collectors/creators/event-principal';
import type { ScanFacts } from '@core/discovery/facts';
import { fromFactRecords, toFactRecords } from '@core/db/fact-records';
import { ACCOUNT_ID, awsError, emptyDraft, regionOf, runMocked } from '../collectors-workloads/run-mocked';

const cloudTrail = mockClient(CloudTrailClient);
const FAST = { minCallIntervalMs: 0, throttleBackoffMs: 1 };
const collector = createCreatorsCollector(FAST);

const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/support-bot`;
const USER_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/ci-deployer`;
const KEY_USER_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/BedrockAPIKey-x1`;
const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT_ID}:function:summarise`;
const AGENT_ARN = `arn:aws:bedrock:eu-west-1:${ACCOUNT_ID}:agent/AGENT123`;
const KB_ARN = `arn:aws:bedrock:eu-west-1:${ACCOUNT_ID}:knowledge-base/KB123`;
const ENDPOINT_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT_ID}:endpoint/chat-endpoint`;
const NOTEBOOK_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT_ID}:notebook-instance/lab`;
const SSO_ROLE = 'AWSReservedSSO_Admin_0123abcd';

function draft(): ScanFacts {
  const facts = emptyDraft(['eu-west-1']);
  const base = { id: null, path: '/', createdAt: null, inlinePolicies: [], attachedPolicies: [], tags: {}, permissionsBoundary: null };
  facts.iam = {
    users: [
      { ...base, arn: USER_ARN, name: 'ci-deployer', groups: [] },
      { ...base, arn: KEY_USER_ARN, name: 'BedrockAPIKey-x1', groups: [] },
    ],
    groups: [],
    roles: [
      { ...base, arn: ROLE_ARN, name: 'support-bot', description: null, trustPolicy: {}, maxSessionDurationSeconds: null, lastUsed: { date: null, region: null }, instanceProfiles: [], serviceLinked: false },
    ],
    policies: [],
  };
  facts.serviceSpecificCredentials = [
    { id: 'ACCA0001', userName: 'BedrockAPIKey-x1', serviceName: 'bedrock.amazonaws.com', serviceUserName: null, status: 'Active', createdAt: null, expiresAt: null },
  ];
  facts.lambda = {
    regions: ['eu-west-1'],
    functions: [{ arn: FN_ARN, name: 'summarise', region: 'eu-west-1', runtime: 'python3.12', roleArn: ROLE_ARN, environmentVariableNames: [], tags: {}, functionUrls: [], lastModified: null, description: null }],
  };
  facts.bedrockAgents = {
    regions: ['eu-west-1'],
    agents: [
      {
        arn: AGENT_ARN, id: 'AGENT123', name: 'helpdesk', region: 'eu-west-1', roleArn: ROLE_ARN, foundationModel: null, guardrail: null, status: null, description: null,
        idleSessionTtlSeconds: null, customerEncryptionKeyArn: null, createdAt: null, updatedAt: null, actionGroups: [], aliases: [], servedVersions: [], knowledgeBaseIds: [], tags: {},
      },
    ],
    knowledgeBases: [
      { arn: KB_ARN, id: 'KB123', name: 'docs', region: 'eu-west-1', roleArn: null, status: null, storageType: null, embeddingModelArn: null, dataSources: [], createdAt: null, updatedAt: null, tags: {} },
    ],
  };
  facts.sageMaker = {
    regions: ['eu-west-1'],
    endpoints: [{ arn: ENDPOINT_ARN, name: 'chat-endpoint', region: 'eu-west-1', endpointConfigName: 'cfg', status: null, createdAt: null, lastModified: null, tags: {} }],
    endpointConfigs: [],
    models: [],
    notebookInstances: [
      { arn: NOTEBOOK_ARN, name: 'lab', region: 'eu-west-1', roleArn: ROLE_ARN, directInternetAccess: false, rootAccess: false, kmsKeyId: null, subnetId: null, status: null, createdAt: null, tags: {} },
    ],
  };
  return facts;
}

const SSO_IDENTITY = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:alice@example.com',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${SSO_ROLE}/alice@example.com`,
  accountId: ACCOUNT_ID,
  sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}`, accountId: ACCOUNT_ID, userName: SSO_ROLE } },
};
const CHAIN_IDENTITY = {
  type: 'AssumedRole',
  principalId: 'AROADEPLOY:botocore-session-1733',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/botocore-session-1733`,
  sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT_ID}:role/deploy`, userName: 'deploy' } },
};
const CHAIN_WITH_SOURCE = { ...CHAIN_IDENTITY, sessionContext: { ...CHAIN_IDENTITY.sessionContext, sourceIdentity: 'bob' } };
const USER_IDENTITY = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT_ID}:user/carol`, accountId: ACCOUNT_ID, userName: 'carol' };
const SERVICE_IDENTITY = { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };

let nextId = 0;
function event(eventName: string, time: string, identity: object, fields: { requestParameters?: object; responseElements?: object }, resources: string[] = []): Event {
  nextId += 1;
  return {
    EventId: `ev-${nextId}`,
    EventName: eventName,
    EventTime: new Date(time),
    Resources: resources.map((name) => ({ ResourceName: name })),
    CloudTrailEvent: JSON.stringify({ eventName, eventTime: time, userIdentity: identity, ...fields }),
  };
}

/** Events by (region, event name), each a list of pages. */
let pages: Map<string, Event[][]>;
let calls: { region: string; input: LookupEventsCommandInput }[];

function answer(region: string, eventName: string, ...list: Event[][]): void {
  pages.set(`${region}|${eventName}`, list);
}

beforeEach(() => {
  pages = new Map();
  calls = [];
  cloudTrail.reset();
  cloudTrail.on(LookupEventsCommand).callsFake(async (input: LookupEventsCommandInput, getClient) => {
    const region = await regionOf(getClient);
    calls.push({ region, input });
    const name = input.LookupAttributes?.[0]?.AttributeValue ?? '';
    const list = pages.get(`${region}|${name}`) ?? [[]];
    const index = input.NextToken === undefined ? 0 : Number(input.NextToken);
    return { Events: list[index] ?? [], ...(index + 1 < list.length && { NextToken: String(index + 1) }) };
  });
});

afterAll(() => {
  cloudTrail.restore();
});

function answerEverything(): void {
  answer('us-east-1', 'CreateRole', [event('CreateRole', '2026-01-10T10:00:00Z', SSO_IDENTITY, { requestParameters: { roleName: 'support-bot' }, responseElements: { role: { arn: ROLE_ARN } } })]);
  answer('us-east-1', 'CreateUser', [event('CreateUser', '2026-01-11T10:00:00Z', USER_IDENTITY, { requestParameters: { userName: 'ci-deployer' } })]);
  answer('us-east-1', 'CreateServiceSpecificCredential', [
    event('CreateServiceSpecificCredential', '2026-01-12T10:00:00Z', USER_IDENTITY, { responseElements: { serviceSpecificCredential: { serviceSpecificCredentialId: 'ACCA0001' } } }),
  ]);
  // BedrockAPIKey-x1 has no CreateUser in the window: its CreateAccessKey says who made it usable.
  answer('us-east-1', 'CreateAccessKey', [event('CreateAccessKey', '2026-01-12T09:00:00Z', CHAIN_WITH_SOURCE, { requestParameters: { userName: 'BedrockAPIKey-x1' } })]);
  answer('eu-west-1', 'CreateFunction20150331', [event('CreateFunction20150331', '2026-01-13T10:00:00Z', CHAIN_IDENTITY, { requestParameters: { functionName: 'summarise' }, responseElements: { functionArn: FN_ARN } })]);
  answer('eu-west-1', 'CreateAgent', [event('CreateAgent', '2026-01-14T10:00:00Z', SSO_IDENTITY, { responseElements: { agent: { agentArn: AGENT_ARN, agentId: 'AGENT123' } } })]);
  answer('eu-west-1', 'CreateKnowledgeBase', [event('CreateKnowledgeBase', '2026-01-14T11:00:00Z', SERVICE_IDENTITY, { requestParameters: { name: 'docs' } })]);
  answer('eu-west-1', 'CreateEndpoint', [event('CreateEndpoint', '2026-01-14T12:00:00Z', USER_IDENTITY, {}, ['chat-endpoint'])]);
  answer('eu-west-1', 'CreateNotebookInstance', [event('CreateNotebookInstance', '2026-01-14T13:00:00Z', SSO_IDENTITY, { responseElements: { notebookInstanceArn: NOTEBOOK_ARN } })]);
}

describe('eventPrincipal', () => {
  it('names the person behind an SSO session, through the permission set role', () => {
    expect(eventPrincipal({ userIdentity: SSO_IDENTITY })).toMatchObject({ createdBy: 'alice@example.com', person: true, via: SSO_ROLE, sessionName: 'alice@example.com', identityType: 'AssumedRole' });
  });
  it('names the role of a session named by a tool, and the source identity along a chain of roles', () => {
    expect(eventPrincipal({ userIdentity: CHAIN_IDENTITY })).toMatchObject({ createdBy: 'deploy', person: false, via: null, createdByArn: `arn:aws:iam::${ACCOUNT_ID}:role/deploy`, sessionName: 'botocore-session-1733' });
    expect(eventPrincipal({ userIdentity: CHAIN_WITH_SOURCE })).toMatchObject({ createdBy: 'bob', person: true, via: 'deploy' });
  });
  it('an SSO session named by a user name, not an e-mail, still names the person', () => {
    const identity = { ...SSO_IDENTITY, principalId: 'AROAEXAMPLE:dave', arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${SSO_ROLE}/dave` };
    expect(eventPrincipal({ userIdentity: identity })).toMatchObject({ createdBy: 'dave', person: true, via: SSO_ROLE });
  });
  it('names IAM users, AWS services, the root user, federated users', () => {
    expect(eventPrincipal({ userIdentity: USER_IDENTITY })).toMatchObject({ createdBy: 'carol', person: true, via: null, createdByArn: `arn:aws:iam::${ACCOUNT_ID}:user/carol` });
    expect(eventPrincipal({ userIdentity: SERVICE_IDENTITY })).toMatchObject({ createdBy: 'cloudformation.amazonaws.com', person: false, invokedBy: 'cloudformation.amazonaws.com' });
    expect(eventPrincipal({ userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT_ID}:root` } })).toMatchObject({ createdBy: 'root', person: true });
    expect(eventPrincipal({ userIdentity: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/erin`, sessionContext: { sessionIssuer: { userName: 'broker' } } } })).toMatchObject({
      createdBy: 'erin',
      via: 'broker',
    });
    expect(eventPrincipal({ nothing: true })).toBeNull();
  });
});

describe('the creator collector', () => {
  it('records who created each new resource, from each kind of creation event, in the region it lives in', async () => {
    answerEverything();
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: draft() });
    expect(scan.runs[0]?.outcome).toBe('ok');
    const by = new Map((scan.facts.creators ?? []).map((c) => [c.resourceArn, c]));
    expect(by.get(ROLE_ARN)).toMatchObject({ resourceType: 'iam-role', identityArn: ROLE_ARN, eventName: 'CreateRole', createdBy: 'alice@example.com', via: SSO_ROLE, person: true, region: 'us-east-1', createdAt: '2026-01-10T10:00:00.000Z' });
    expect(by.get(USER_ARN)).toMatchObject({ eventName: 'CreateUser', createdBy: 'carol', via: null });
    expect(by.get('ACCA0001')).toMatchObject({ resourceType: 'service-specific-credential', identityArn: KEY_USER_ARN, createdBy: 'carol' });
    expect(by.get(KEY_USER_ARN)).toMatchObject({ eventName: 'CreateAccessKey', createdBy: 'bob', via: 'deploy' });
    expect(by.get(FN_ARN)).toMatchObject({ resourceType: 'lambda-function', identityArn: ROLE_ARN, region: 'eu-west-1', createdBy: 'deploy', person: false });
    expect(by.get(AGENT_ARN)).toMatchObject({ resourceType: 'bedrock-agent', createdBy: 'alice@example.com' });
    expect(by.get(KB_ARN)).toMatchObject({ resourceType: 'bedrock-knowledge-base', createdBy: 'cloudformation.amazonaws.com', identityType: 'AWSService' });
    expect(by.get(ENDPOINT_ARN)).toMatchObject({ resourceType: 'sagemaker-endpoint', createdBy: 'carol' });
    expect(by.get(NOTEBOOK_ARN)).toMatchObject({ resourceType: 'sagemaker-notebook', createdBy: 'alice@example.com' });
    // IAM's events are read in us-east-1 (not a scanned region), the workloads' where they live.
    expect(new Set(calls.map((c) => `${c.region}|${c.input.LookupAttributes?.[0]?.AttributeValue ?? ''}`))).toEqual(
      new Set([
        'us-east-1|CreateRole', 'us-east-1|CreateUser', 'us-east-1|CreateServiceSpecificCredential', 'us-east-1|CreateAccessKey',
        'eu-west-1|CreateFunction20150331', 'eu-west-1|CreateAgent', 'eu-west-1|CreateKnowledgeBase', 'eu-west-1|CreateEndpoint', 'eu-west-1|CreateNotebookInstance',
      ]),
    );
    // Management events of the last 90 days, 50 a page.
    const first = calls[0]?.input;
    expect(first?.MaxResults).toBe(50);
    expect(first?.LookupAttributes).toHaveLength(1);
    const days = ((first?.EndTime?.getTime() ?? 0) - (first?.StartTime?.getTime() ?? 0)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    // The records survive the workspace's round trip.
    expect(fromFactRecords(toFactRecords(scan.facts)).creators).toEqual(scan.facts.creators);
  });

  it('looks up only what the previous scan did not have, from its start', async () => {
    answerEverything();
    const facts = draft();
    const keys = new Set([USER_ARN, KEY_USER_ARN, 'ACCA0001', FN_ARN, AGENT_ARN, KB_ARN, ENDPOINT_ARN, NOTEBOOK_ARN]);
    const previousStart = new Date(Date.now() - 3 * 86_400_000);
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: facts, previousScan: { startedAt: previousStart.toISOString(), keys } });
    expect(calls.map((c) => c.input.LookupAttributes?.[0]?.AttributeValue)).toEqual(['CreateRole']);
    // From an hour before the previous scan started (a resource made while it ran is not in it).
    expect(calls[0]?.input.StartTime?.getTime()).toBe(previousStart.getTime() - 3_600_000);
    expect((scan.facts.creators ?? []).map((c) => c.resourceArn)).toEqual([ROLE_ARN]);
  });

  it('makes no call when nothing is new, and records that it looked', async () => {
    const facts = draft();
    const keys = new Set([ROLE_ARN, USER_ARN, KEY_USER_ARN, 'ACCA0001', FN_ARN, AGENT_ARN, KB_ARN, ENDPOINT_ARN, NOTEBOOK_ARN]);
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: facts, previousScan: { startedAt: '2026-01-09T00:00:00.000Z', keys } });
    expect(calls).toHaveLength(0);
    expect(scan.facts.creators).toEqual([]);
  });

  it('pages with NextToken until the resource is found, and stops there', async () => {
    const other = (n: number): Event => event('CreateRole', '2026-01-20T10:00:00Z', USER_IDENTITY, { requestParameters: { roleName: `other-${n}` } });
    answer('us-east-1', 'CreateRole', [other(1), other(2)], [other(3)], [event('CreateRole', '2026-01-10T10:00:00Z', SSO_IDENTITY, { requestParameters: { roleName: 'support-bot' } })], [other(4)]);
    const facts = draft();
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: facts, previousScan: { startedAt: '2026-01-01T00:00:00.000Z', keys: new Set([USER_ARN, KEY_USER_ARN, 'ACCA0001', FN_ARN, AGENT_ARN, KB_ARN, ENDPOINT_ARN, NOTEBOOK_ARN]) } });
    expect(calls.map((c) => c.input.NextToken)).toEqual([undefined, '1', '2']);
    expect(scan.facts.creators?.[0]).toMatchObject({ resourceArn: ROLE_ARN, createdBy: 'alice@example.com' });
  });

  it('retries a throttled call after a backoff, then carries on', async () => {
    answerEverything();
    let throttled = 0;
    let attempts = 0;
    cloudTrail.on(LookupEventsCommand).callsFake(async (input: LookupEventsCommandInput, getClient) => {
      attempts += 1;
      if (throttled === 0) {
        throttled += 1;
        throw awsError('ThrottlingException', 400, 'Rate exceeded');
      }
      const region = await regionOf(getClient);
      calls.push({ region, input });
      return { Events: pages.get(`${region}|${input.LookupAttributes?.[0]?.AttributeValue ?? ''}`)?.[0] ?? [] };
    });
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: draft() });
    expect(throttled).toBe(1);
    expect(scan.runs[0]?.outcome).toBe('ok');
    expect(scan.facts.creators).toHaveLength(9);
    expect(attempts).toBe(calls.length + 1);
  });

  it('stops, keeps what it found and warns, when throttling outlasts the retries', async () => {
    answerEverything();
    const stubborn = createCreatorsCollector({ ...FAST, throttleRetries: 2 });
    let attempts = 0;
    cloudTrail.on(LookupEventsCommand).callsFake(() => {
      attempts += 1;
      throw awsError('ThrottlingException', 400, 'Rate exceeded');
    });
    const scan = await runMocked([stubborn], { regions: ['eu-west-1'], draft: draft() });
    expect(scan.runs[0]?.outcome).toBe('ok');
    // The first try and two retries, then no other look-up: AWS asked us to slow down.
    expect(attempts).toBe(3);
    expect(scan.facts.creators).toEqual([]);
    expect(scan.facts.warnings.join('\n')).toMatch(/kept throttling LookupEvents: 9 of 9 new resources/);
  });

  it('refused: ends denied with a warning on the scan, which goes on', async () => {
    let attempts = 0;
    cloudTrail.on(LookupEventsCommand).callsFake(() => {
      attempts += 1;
      throw awsError('AccessDeniedException', 400, 'not authorized to perform: cloudtrail:LookupEvents');
    });
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: draft() });
    expect(scan.runs[0]?.outcome).toBe('denied');
    expect(scan.facts.creators ?? null).toBeNull();
    expect(scan.facts.warnings.join('\n')).toMatch(/access denied to cloudtrail:LookupEvents/);
    // One call per region: a refusal is not asked again.
    expect(attempts).toBe(2);
  });

  it('refused in one region only: keeps the other region’s creators and warns about that region', async () => {
    answerEverything();
    cloudTrail.on(LookupEventsCommand).callsFake(async (input: LookupEventsCommandInput, getClient) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw awsError('AccessDeniedException', 400, 'explicit deny in a service control policy');
      return { Events: pages.get(`${region}|${input.LookupAttributes?.[0]?.AttributeValue ?? ''}`)?.[0] ?? [] };
    });
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: draft() });
    expect(scan.runs[0]?.outcome).toBe('ok');
    expect((scan.facts.creators ?? []).map((c) => c.region)).toEqual(expect.arrayContaining(['us-east-1']));
    expect((scan.facts.creators ?? []).some((c) => c.region === 'eu-west-1')).toBe(false);
    expect(scan.facts.warnings.join('\n')).toMatch(/Access denied to cloudtrail:LookupEvents in eu-west-1/);
  });

  it('respects the call bound, AI workloads first, and notes what was left', async () => {
    // Every group pages forever without finding its resource.
    cloudTrail.on(LookupEventsCommand).callsFake(async (input: LookupEventsCommandInput, getClient) => {
      calls.push({ region: await regionOf(getClient), input });
      return { Events: [], NextToken: `t${calls.length}` };
    });
    const bounded = createCreatorsCollector({ ...FAST, maxCalls: 5 });
    const scan = await runMocked([bounded], { regions: ['eu-west-1'], draft: draft() });
    expect(calls).toHaveLength(5);
    expect(calls.every((c) => c.input.LookupAttributes?.[0]?.AttributeValue === 'CreateAgent')).toBe(true);
    expect(scan.facts.warnings.join('\n')).toMatch(/Stopped after 5 CloudTrail look-ups \(the bound per scan\): 9 of 9 new resources/);
    // The default bound is 50.
    calls = [];
    await runMocked([createCreatorsCollector({ minCallIntervalMs: 0 })], { regions: ['eu-west-1'], draft: draft() });
    expect(calls).toHaveLength(50);
  });

  it('spaces calls to one region (2 requests a second)', async () => {
    answerEverything();
    const paced = createCreatorsCollector({ minCallIntervalMs: 120 });
    const facts = draft();
    const keys = new Set([ROLE_ARN, KEY_USER_ARN, 'ACCA0001', FN_ARN, AGENT_ARN, KB_ARN, ENDPOINT_ARN, NOTEBOOK_ARN]);
    const started = Date.now();
    // CreateUser finds nothing on its first page: a second page, 120 ms after the first.
    answer('us-east-1', 'CreateUser', [], [event('CreateUser', '2026-01-11T10:00:00Z', USER_IDENTITY, { requestParameters: { userName: 'ci-deployer' } })]);
    await runMocked([paced], { regions: ['eu-west-1'], draft: facts, previousScan: { startedAt: '2026-01-01T00:00:00.000Z', keys } });
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('keeps hostile names as data', async () => {
    const hostile = '<img src=x onerror=alert(1)>=HYPERLINK("http://evil")\u001b[31m@example.com';
    const identity = { ...SSO_IDENTITY, principalId: `AROAEXAMPLE:${hostile}`, sessionContext: { sessionIssuer: { ...SSO_IDENTITY.sessionContext.sessionIssuer, userName: `${SSO_ROLE}<script>` } } };
    answer('us-east-1', 'CreateRole', [event('CreateRole', '2026-01-10T10:00:00Z', identity, { requestParameters: { roleName: 'support-bot' } })]);
    const scan = await runMocked([collector], { regions: ['eu-west-1'], draft: draft() });
    const role = scan.facts.creators?.find((c) => c.resourceArn === ROLE_ARN);
    expect(role).toMatchObject({ createdBy: hostile, via: `${SSO_ROLE}<script>` });
    expect(fromFactRecords(toFactRecords(scan.facts)).creators?.find((c) => c.resourceArn === ROLE_ARN)?.createdBy).toBe(hostile);
  });
});
