/**
 * The Bedrock Agents collector with mocked answers: requireConfirmation as AWS states it, action
 * groups of DRAFT and of every version an alias serves, executors and schemas, aliases, knowledge
 * bases, pagination, and what a refused read means. Agent and knowledge base tags are read against
 * moto too (test/integration/collectors-workloads/bedrock-agents.test.ts); GetDataSource is mocked
 * only, since moto 5.2 does not implement it (HTTP 500), and refusals are mocked since moto does not
 * enforce IAM. GetAgentVersion (a served version's guardrail) is mocked only: moto 5.2 implements
 * neither it nor ListAgentAliases, so no alias routes to a version there.
 */
import {
  BedrockAgentClient,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  GetAgentVersionCommand,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  ListAgentActionGroupsCommand,
  ListAgentAliasesCommand,
  ListAgentKnowledgeBasesCommand,
  ListAgentsCommand,
  ListDataSourcesCommand,
  ListKnowledgeBasesCommand,
  ListTagsForResourceCommand,
  type AgentActionGroup,
} from '@aws-sdk/client-bedrock-agent';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { agentFunctions, bedrockAgentsCollector } from '@core/aws/collectors/workloads/bedrock-agents';
import { ACCOUNT_ID, awsError, runMocked } from './run-mocked';

const agents = mockClient(BedrockAgentClient);
const AT = new Date('2025-05-05T05:05:05.000Z');
const AGENT_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/AGENT1`;
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/service-role/AmazonBedrockExecutionRoleForAgents_refunds`;
const REFUNDS_LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:issue-refund`;
const KB_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:knowledge-base/KB1`;

/** One knowledge base with an S3 data source and a web crawler source. */
function oneKnowledgeBase(): void {
  agents.on(ListKnowledgeBasesCommand).resolves({ knowledgeBaseSummaries: [{ knowledgeBaseId: 'KB1', name: 'patient-faq', status: 'ACTIVE', updatedAt: AT }] });
  agents.on(GetKnowledgeBaseCommand).resolves({
    knowledgeBase: {
      knowledgeBaseId: 'KB1',
      name: 'patient-faq',
      knowledgeBaseArn: KB_ARN,
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/kb`,
      knowledgeBaseConfiguration: { type: 'VECTOR' },
      storageConfiguration: { type: 'RDS' },
      status: 'ACTIVE',
      createdAt: AT,
      updatedAt: AT,
    },
  });
  agents.on(ListDataSourcesCommand).resolves({
    dataSourceSummaries: [
      { knowledgeBaseId: 'KB1', dataSourceId: 'DS1', name: 'transcripts', status: 'AVAILABLE', updatedAt: AT },
      { knowledgeBaseId: 'KB1', dataSourceId: 'DS2', name: 'public-site', status: 'AVAILABLE', updatedAt: AT },
    ],
  });
}

function group(version: string, id: string, extra: Partial<AgentActionGroup>): { agentActionGroup: AgentActionGroup } {
  return {
    agentActionGroup: {
      agentId: 'AGENT1',
      agentVersion: version,
      actionGroupId: id,
      actionGroupName: `${id}-name`,
      actionGroupState: 'ENABLED',
      createdAt: AT,
      updatedAt: AT,
      ...extra,
    },
  };
}

function oneAgent(): void {
  agents.on(ListAgentsCommand).resolves({ agentSummaries: [{ agentId: 'AGENT1', agentName: 'refunds-agent', agentStatus: 'PREPARED', updatedAt: AT }] });
  agents.on(GetAgentCommand).resolves({
    agent: {
      agentId: 'AGENT1',
      agentName: 'refunds-agent',
      agentArn: AGENT_ARN,
      agentVersion: 'DRAFT',
      agentStatus: 'PREPARED',
      foundationModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      idleSessionTTLInSeconds: 600,
      agentResourceRoleArn: ROLE,
      customerEncryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/k`,
      guardrailConfiguration: { guardrailIdentifier: 'gr-support', guardrailVersion: '2' },
      instruction: 'Refund customers when policy allows. SECRET-INSTRUCTION-TEXT',
      createdAt: AT,
      updatedAt: AT,
    },
  });
}

beforeEach(() => {
  agents.reset();
  agents.onAnyCommand().resolves({});
});

afterAll(() => {
  agents.restore();
});

describe('agentFunctions', () => {
  it('keeps requireConfirmation as AWS states it: ENABLED, DISABLED, or null when left out', () => {
    const functions = agentFunctions({
      functionSchema: {
        functions: [
          { name: 'issue_refund', requireConfirmation: 'ENABLED', parameters: { order_id: { type: 'string', required: true }, amount: { type: 'number' } } },
          { name: 'lookup_order', requireConfirmation: 'DISABLED', description: 'Reads an order' },
          { name: 'send_email' },
        ],
      },
    });
    expect(functions).toEqual([
      { name: 'issue_refund', description: null, requireConfirmation: 'ENABLED', parameterNames: ['amount', 'order_id'] },
      { name: 'lookup_order', description: 'Reads an order', requireConfirmation: 'DISABLED', parameterNames: [] },
      { name: 'send_email', description: null, requireConfirmation: null, parameterNames: [] },
    ]);
    expect(agentFunctions({})).toEqual([]);
  });
});

describe('bedrock-agents (mocked)', () => {
  it('records an agent with its guardrail, aliases, knowledge bases, and the action groups of DRAFT and of each served version', async () => {
    oneAgent();
    agents.on(ListAgentAliasesCommand).resolves({
      agentAliasSummaries: [
        { agentAliasId: 'ALIASPROD', agentAliasName: 'prod', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '3' }], createdAt: AT, updatedAt: AT },
        { agentAliasId: 'TSTALIASID', agentAliasName: 'AgentTestAlias', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: 'DRAFT' }], createdAt: AT, updatedAt: AT },
      ],
    });
    agents.on(ListAgentActionGroupsCommand, { agentVersion: 'DRAFT' }).resolves({
      actionGroupSummaries: [
        { actionGroupId: 'AG1', actionGroupName: 'refunds', actionGroupState: 'ENABLED', updatedAt: AT },
        { actionGroupId: 'AG2', actionGroupName: 'openapi', actionGroupState: 'ENABLED', updatedAt: AT },
        { actionGroupId: 'AG3', actionGroupName: 'ask-user', actionGroupState: 'DISABLED', updatedAt: AT },
      ],
    });
    agents.on(ListAgentActionGroupsCommand, { agentVersion: '3' }).resolves({ actionGroupSummaries: [{ actionGroupId: 'AG1', actionGroupName: 'refunds', actionGroupState: 'ENABLED', updatedAt: AT }] });
    agents.on(GetAgentActionGroupCommand, { agentVersion: 'DRAFT', actionGroupId: 'AG1' }).resolves(
      group('DRAFT', 'AG1', {
        actionGroupExecutor: { lambda: REFUNDS_LAMBDA },
        functionSchema: { functions: [{ name: 'issue_refund', requireConfirmation: 'ENABLED', parameters: { amount: { type: 'number' } } }] },
      }),
    );
    agents.on(GetAgentActionGroupCommand, { agentVersion: '3', actionGroupId: 'AG1' }).resolves(
      group('3', 'AG1', {
        actionGroupExecutor: { lambda: REFUNDS_LAMBDA },
        // The served version still runs without confirmation: the one that matters for step 7.
        functionSchema: { functions: [{ name: 'issue_refund', requireConfirmation: 'DISABLED', parameters: { amount: { type: 'number' } } }] },
      }),
    );
    agents.on(GetAgentActionGroupCommand, { actionGroupId: 'AG2' }).resolves(
      group('DRAFT', 'AG2', { actionGroupExecutor: { customControl: 'RETURN_CONTROL' }, apiSchema: { s3: { s3BucketName: 'schemas', s3ObjectKey: 'orders.yaml' } } }),
    );
    agents.on(GetAgentActionGroupCommand, { actionGroupId: 'AG3' }).resolves(group('DRAFT', 'AG3', { parentActionSignature: 'AMAZON.UserInput', actionGroupState: 'DISABLED' }));
    agents.on(ListAgentKnowledgeBasesCommand, { agentVersion: 'DRAFT' }).resolves({ agentKnowledgeBaseSummaries: [{ knowledgeBaseId: 'KBNEW', knowledgeBaseState: 'ENABLED', updatedAt: AT }] });
    agents.on(ListAgentKnowledgeBasesCommand, { agentVersion: '3' }).resolves({ agentKnowledgeBaseSummaries: [{ knowledgeBaseId: 'KBOLD', knowledgeBaseState: 'ENABLED', updatedAt: AT }] });

    const scan = await runMocked([bedrockAgentsCollector]);
    expect(scan.run('bedrock-agents', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    const agent = scan.facts.bedrockAgents?.agents[0];
    expect(agent).toMatchObject({
      arn: AGENT_ARN,
      id: 'AGENT1',
      name: 'refunds-agent',
      region: 'us-east-1',
      roleArn: ROLE,
      foundationModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      guardrail: { identifier: 'gr-support', version: '2' },
      status: 'PREPARED',
      idleSessionTtlSeconds: 600,
      customerEncryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/k`,
      createdAt: AT.toISOString(),
      knowledgeBaseIds: ['KBNEW', 'KBOLD'],
      tags: {},
    });
    expect(agent?.aliases).toEqual([
      {
        id: 'ALIASPROD',
        name: 'prod',
        arn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent-alias/AGENT1/ALIASPROD`,
        status: 'PREPARED',
        agentVersions: ['3'],
        createdAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
      },
      {
        id: 'TSTALIASID',
        name: 'AgentTestAlias',
        arn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent-alias/AGENT1/TSTALIASID`,
        status: 'PREPARED',
        agentVersions: ['DRAFT'],
        createdAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
      },
    ]);
    const groups = agent?.actionGroups.map((g) => ({ ...g, key: `${g.agentVersion}/${g.id}` })) ?? [];
    expect(groups.map((g) => g.key).sort()).toEqual(['3/AG1', 'DRAFT/AG1', 'DRAFT/AG2', 'DRAFT/AG3']);
    expect(groups.find((g) => g.key === '3/AG1')).toMatchObject({
      executorLambdaArn: REFUNDS_LAMBDA,
      customControl: null,
      functions: [{ name: 'issue_refund', requireConfirmation: 'DISABLED', parameterNames: ['amount'] }],
      apiSchema: null,
    });
    expect(groups.find((g) => g.key === 'DRAFT/AG1')?.functions[0]?.requireConfirmation).toBe('ENABLED');
    expect(groups.find((g) => g.key === 'DRAFT/AG2')).toMatchObject({
      executorLambdaArn: null,
      customControl: 'RETURN_CONTROL',
      functions: [],
      apiSchema: { s3Uri: 's3://schemas/orders.yaml', payload: null },
    });
    expect(groups.find((g) => g.key === 'DRAFT/AG3')).toMatchObject({ state: 'DISABLED', parentActionGroupSignature: 'AMAZON.UserInput' });
    // Each version's action groups are listed once, even when two aliases share a version.
    expect(agents.commandCalls(ListAgentActionGroupsCommand)).toHaveLength(2);
    // The agent's instruction (its prompt) is not a fact.
    expect(JSON.stringify(scan.facts)).not.toContain('SECRET-INSTRUCTION-TEXT');
  });

  it('reads the guardrail of each numbered version an alias serves (GetAgentVersion), once per version; not of DRAFT', async () => {
    oneAgent();
    agents.on(ListAgentAliasesCommand).resolves({
      agentAliasSummaries: [
        { agentAliasId: 'ALIASPROD', agentAliasName: 'prod', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '3' }], createdAt: AT, updatedAt: AT },
        { agentAliasId: 'ALIASBETA', agentAliasName: 'beta', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '3' }], createdAt: AT, updatedAt: AT },
        { agentAliasId: 'ALIASOLD', agentAliasName: 'legacy', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '1' }], createdAt: AT, updatedAt: AT },
        { agentAliasId: 'TSTALIASID', agentAliasName: 'AgentTestAlias', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: 'DRAFT' }], createdAt: AT, updatedAt: AT },
      ],
    });
    const version = (v: string, guardrail?: { guardrailIdentifier: string; guardrailVersion: string }) => ({
      agentVersion: {
        agentId: 'AGENT1',
        agentName: 'refunds-agent',
        agentArn: AGENT_ARN,
        version: v,
        agentStatus: 'PREPARED' as const,
        idleSessionTTLInSeconds: 600,
        agentResourceRoleArn: ROLE,
        createdAt: AT,
        updatedAt: AT,
        ...(guardrail !== undefined && { guardrailConfiguration: guardrail }),
      },
    });
    // Version 1 was published before the draft got its guardrail.
    agents.on(GetAgentVersionCommand, { agentVersion: '1' }).resolves(version('1'));
    agents.on(GetAgentVersionCommand, { agentVersion: '3' }).resolves(version('3', { guardrailIdentifier: 'gr-support', guardrailVersion: '1' }));
    const scan = await runMocked([bedrockAgentsCollector]);
    expect(scan.run('bedrock-agents', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts.bedrockAgents?.agents[0]?.servedVersions).toEqual([
      { version: '3', aliases: ['beta', 'prod'], guardrail: { identifier: 'gr-support', version: '1' }, known: true },
      { version: '1', aliases: ['legacy'], guardrail: null, known: true },
    ]);
    expect(agents.commandCalls(GetAgentVersionCommand).map((call) => call.args[0].input).sort((a, b) => (a.agentVersion ?? '').localeCompare(b.agentVersion ?? ''))).toEqual([
      { agentId: 'AGENT1', agentVersion: '1' },
      { agentId: 'AGENT1', agentVersion: '3' },
    ]);
  });

  it('leaves a served version’s guardrail unknown when GetAgentVersion is refused or the version is gone, noting the action; the agent is kept', async () => {
    oneAgent();
    agents.on(ListAgentAliasesCommand).resolves({
      agentAliasSummaries: [
        { agentAliasId: 'ALIASPROD', agentAliasName: 'prod', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '3' }], createdAt: AT, updatedAt: AT },
        { agentAliasId: 'ALIASOLD', agentAliasName: 'legacy', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '1' }], createdAt: AT, updatedAt: AT },
      ],
    });
    agents.on(GetAgentVersionCommand, { agentVersion: '3' }).rejects(awsError('AccessDeniedException', 403));
    agents.on(GetAgentVersionCommand, { agentVersion: '1' }).rejects(awsError('ResourceNotFoundException', 404));
    const scan = await runMocked([bedrockAgentsCollector]);
    const gaps = [
      'Guardrails not read for 1 served agent version (access denied to bedrock:GetAgentVersion; e.g. refunds-agent:3).',
      'Guardrails not read for 1 served agent version (not found by bedrock:GetAgentVersion; e.g. refunds-agent:1).',
    ];
    expect(scan.run('bedrock-agents', 'us-east-1')).toMatchObject({ outcome: 'ok', message: gaps.join(' ') });
    expect(scan.facts.bedrockAgents?.agents[0]).toMatchObject({
      guardrail: { identifier: 'gr-support', version: '2' },
      servedVersions: [
        { version: '3', aliases: ['prod'], guardrail: null, known: false },
        { version: '1', aliases: ['legacy'], guardrail: null, known: false },
      ],
    });
    expect(scan.facts.warnings).toEqual(gaps.map((gap) => `Bedrock agents and knowledge bases (us-east-1): ${gap}`));

    agents.on(GetAgentVersionCommand).rejects(awsError('ThrottlingException', 400));
    const throttled = await runMocked([bedrockAgentsCollector]);
    expect(throttled.run('bedrock-agents', 'us-east-1').outcome).toBe('throttled');
    expect(throttled.facts.bedrockAgents).toBeNull();
  });

  it('follows ListAgents and ListKnowledgeBases past one page; records knowledge bases with storage and data sources', async () => {
    const agentTokens: (string | undefined)[] = [];
    agents.on(ListAgentsCommand).callsFake((input: { nextToken?: string }) => {
      agentTokens.push(input.nextToken);
      return Promise.resolve(
        agentTokens.length === 1
          ? { agentSummaries: [{ agentId: 'A1', agentName: 'one', agentStatus: 'PREPARED', updatedAt: AT }], nextToken: 'agents-2' }
          : { agentSummaries: [{ agentId: 'A2', agentName: 'two', agentStatus: 'PREPARED', updatedAt: AT }] },
      );
    });
    agents.on(GetAgentCommand).callsFake((input: { agentId: string }) =>
      Promise.resolve({ agent: { agentId: input.agentId, agentName: input.agentId, agentArn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/${input.agentId}`, agentVersion: 'DRAFT', agentStatus: 'NOT_PREPARED', agentResourceRoleArn: ROLE, idleSessionTTLInSeconds: 600, createdAt: AT, updatedAt: AT } }),
    );
    agents
      .on(ListKnowledgeBasesCommand)
      .resolvesOnce({ knowledgeBaseSummaries: [{ knowledgeBaseId: 'KB1', name: 'policies', status: 'ACTIVE', updatedAt: AT }], nextToken: 'kb-2' })
      .resolvesOnce({ knowledgeBaseSummaries: [{ knowledgeBaseId: 'KB2', name: 'tickets', status: 'ACTIVE', updatedAt: AT }] });
    agents.on(GetKnowledgeBaseCommand).callsFake((input: { knowledgeBaseId: string }) =>
      Promise.resolve({
        knowledgeBase: {
          knowledgeBaseId: input.knowledgeBaseId,
          name: input.knowledgeBaseId === 'KB1' ? 'policies' : 'tickets',
          knowledgeBaseArn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:knowledge-base/${input.knowledgeBaseId}`,
          roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/kb`,
          knowledgeBaseConfiguration: { type: 'VECTOR', vectorKnowledgeBaseConfiguration: { embeddingModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0' } },
          storageConfiguration: { type: 'RDS' },
          status: 'ACTIVE',
          createdAt: AT,
          updatedAt: AT,
        },
      }),
    );
    agents
      .on(ListDataSourcesCommand, { knowledgeBaseId: 'KB2' })
      .resolvesOnce({ dataSourceSummaries: [{ knowledgeBaseId: 'KB2', dataSourceId: 'DS1', name: 'zendesk-export', status: 'AVAILABLE', updatedAt: AT }], nextToken: 'ds-2' })
      .resolvesOnce({ dataSourceSummaries: [{ knowledgeBaseId: 'KB2', dataSourceId: 'DS2', name: 'crm', status: 'AVAILABLE', updatedAt: AT }] });
    const scan = await runMocked([bedrockAgentsCollector]);
    expect(agentTokens).toEqual([undefined, 'agents-2']);
    expect(scan.facts.bedrockAgents?.agents.map((a) => [a.id, a.guardrail, a.actionGroups, a.aliases])).toEqual([
      ['A1', null, [], []],
      ['A2', null, [], []],
    ]);
    expect(scan.facts.bedrockAgents?.knowledgeBases.map((kb) => kb.name)).toEqual(['policies', 'tickets']);
    expect(scan.facts.bedrockAgents?.knowledgeBases[1]).toEqual({
      arn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:knowledge-base/KB2`,
      id: 'KB2',
      name: 'tickets',
      region: 'us-east-1',
      roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/kb`,
      status: 'ACTIVE',
      storageType: 'RDS',
      embeddingModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0',
      dataSources: [
        { id: 'DS1', name: 'zendesk-export', type: null, s3BucketArn: null },
        { id: 'DS2', name: 'crm', type: null, s3BucketArn: null },
      ],
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
      tags: {},
    });
  });

  it('keeps an agent whose aliases are refused (and says so), but is denied when its action groups are', async () => {
    oneAgent();
    agents.on(ListAgentAliasesCommand).rejects(awsError('AccessDeniedException', 403));
    const partial = await runMocked([bedrockAgentsCollector]);
    expect(partial.run('bedrock-agents', 'us-east-1')).toMatchObject({
      outcome: 'ok',
      message: 'Aliases not read for 1 agent (access denied to bedrock:ListAgentAliases; e.g. refunds-agent).',
    });
    expect(partial.facts.bedrockAgents?.agents[0]?.aliases).toEqual([]);
    expect(partial.facts.warnings).toEqual(['Bedrock agents and knowledge bases (us-east-1): Aliases not read for 1 agent (access denied to bedrock:ListAgentAliases; e.g. refunds-agent).']);

    // Without its action groups an agent would look like one that cannot act: that is not a gap to note.
    agents.on(ListAgentActionGroupsCommand).rejects(awsError('AccessDeniedException', 403));
    const denied = await runMocked([bedrockAgentsCollector]);
    expect(denied.run('bedrock-agents', 'us-east-1').outcome).toBe('denied');
    expect(denied.facts.bedrockAgents).toBeNull();
    expect(denied.facts.warnings).toEqual([]);
  });

  it('is cancelled mid-fan-out over agents: nothing written', async () => {
    const controller = new AbortController();
    agents.on(ListAgentsCommand).resolves({ agentSummaries: Array.from({ length: 30 }, (_, i) => ({ agentId: `A${i}`, agentName: `a${i}`, agentStatus: 'PREPARED' as const, updatedAt: AT })) });
    let gets = 0;
    agents.on(GetAgentCommand).callsFake((input: { agentId: string }) => {
      gets += 1;
      if (gets === 3) controller.abort();
      return Promise.resolve({ agent: { agentId: input.agentId, agentName: input.agentId, agentArn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/${input.agentId}`, agentVersion: 'DRAFT', agentStatus: 'PREPARED', agentResourceRoleArn: ROLE, idleSessionTTLInSeconds: 60, createdAt: AT, updatedAt: AT } });
    });
    const scan = await runMocked([bedrockAgentsCollector], { controller });
    expect(scan.run('bedrock-agents', 'us-east-1').outcome).toBe('cancelled');
    expect(scan.facts.bedrockAgents).toBeNull();
    expect(gets).toBeLessThan(10);
  });
  it('reads each data source’s type and S3 bucket (GetDataSource: mocked, moto 5.2 lacks it) and the tags of agents and knowledge bases', async () => {
    oneAgent();
    oneKnowledgeBase();
    agents.on(GetDataSourceCommand, { knowledgeBaseId: 'KB1', dataSourceId: 'DS1' }).resolves({
      dataSource: {
        knowledgeBaseId: 'KB1',
        dataSourceId: 'DS1',
        name: 'transcripts',
        status: 'AVAILABLE',
        dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: 'arn:aws:s3:::acme-patient-transcripts', inclusionPrefixes: ['2025/'] } },
        createdAt: AT,
        updatedAt: AT,
      },
    });
    agents.on(GetDataSourceCommand, { knowledgeBaseId: 'KB1', dataSourceId: 'DS2' }).resolves({
      dataSource: {
        knowledgeBaseId: 'KB1',
        dataSourceId: 'DS2',
        name: 'public-site',
        status: 'AVAILABLE',
        dataSourceConfiguration: { type: 'WEB', webConfiguration: { sourceConfiguration: { urlConfiguration: { seedUrls: [{ url: 'https://acme.example' }] } } } },
        createdAt: AT,
        updatedAt: AT,
      },
    });
    agents.on(ListTagsForResourceCommand, { resourceArn: AGENT_ARN }).resolves({ tags: { Owner: 'refunds-team', 'ai-system': 'bedrock-agent' } });
    agents.on(ListTagsForResourceCommand, { resourceArn: KB_ARN }).resolves({ tags: { 'data-class': 'phi' } });
    const scan = await runMocked([bedrockAgentsCollector]);
    expect(scan.run('bedrock-agents', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts.bedrockAgents?.agents[0]?.tags).toEqual({ Owner: 'refunds-team', 'ai-system': 'bedrock-agent' });
    expect(scan.facts.bedrockAgents?.knowledgeBases[0]).toMatchObject({
      tags: { 'data-class': 'phi' },
      dataSources: [
        { id: 'DS1', name: 'transcripts', type: 'S3', s3BucketArn: 'arn:aws:s3:::acme-patient-transcripts' },
        { id: 'DS2', name: 'public-site', type: 'WEB', s3BucketArn: null },
      ],
    });
    // Tags are asked for by the ARN GetAgent / GetKnowledgeBase named, once each.
    expect(agents.commandCalls(ListTagsForResourceCommand).map((call) => call.args[0].input.resourceArn).sort()).toEqual([AGENT_ARN, KB_ARN]);
    expect(scan.facts.warnings).toEqual([]);
  });

  it('keeps agents, knowledge bases and data sources whose tags and details are refused: left unknown, each gap noted once per kind', async () => {
    oneAgent();
    oneKnowledgeBase();
    agents.on(ListTagsForResourceCommand).rejects(awsError('AccessDeniedException', 403));
    agents.on(GetDataSourceCommand).rejects(awsError('AccessDeniedException', 403));
    const scan = await runMocked([bedrockAgentsCollector]);
    const gaps = [
      'Tags not read for 1 agent (access denied to bedrock:ListTagsForResource; e.g. refunds-agent).',
      'Tags not read for 1 knowledge base (access denied to bedrock:ListTagsForResource; e.g. patient-faq).',
      'Type and bucket not read for 2 data sources (access denied to bedrock:GetDataSource; e.g. patient-faq/public-site).',
    ];
    expect(scan.run('bedrock-agents', 'us-east-1')).toMatchObject({ outcome: 'ok', message: gaps.join(' ') });
    expect(scan.facts.bedrockAgents?.agents[0]).toMatchObject({ arn: AGENT_ARN, roleArn: ROLE, tags: {} });
    expect(scan.facts.bedrockAgents?.knowledgeBases[0]).toMatchObject({
      arn: KB_ARN,
      tags: {},
      dataSources: [
        { id: 'DS1', name: 'transcripts', type: null, s3BucketArn: null },
        { id: 'DS2', name: 'public-site', type: null, s3BucketArn: null },
      ],
    });
    expect(scan.facts.warnings).toEqual(gaps.map((gap) => `Bedrock agents and knowledge bases (us-east-1): ${gap}`));
  });

  it('fails the task when a tag read is throttled past the retries: an unfinished read is not a permissions gap', async () => {
    oneAgent();
    agents.on(ListTagsForResourceCommand).rejects(awsError('ThrottlingException', 400));
    const scan = await runMocked([bedrockAgentsCollector]);
    expect(scan.run('bedrock-agents', 'us-east-1').outcome).toBe('throttled');
    expect(scan.facts.bedrockAgents).toBeNull();
  });
});
