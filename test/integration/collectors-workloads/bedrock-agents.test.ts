/**
 * The Bedrock Agents collector against moto. moto implements ListAgents, GetAgent, ListKnowledgeBases,
 * GetKnowledgeBase (with epoch-number timestamps the harness handler rewrites) and ListTagsForResource
 * of agents and knowledge bases, but not action groups, aliases, an agent's knowledge bases or data
 * sources (ListDataSources and GetDataSource answer HTTP 500). Without the list shim the
 * collector fails wherever there is an agent or a knowledge base; with it, what moto implements is
 * checked through the whole collector, including ListKnowledgeBases past moto's 100-item page.
 * Action groups, aliases, requireConfirmation, GetDataSource (a data source's type and S3 bucket),
 * GetAgentVersion (a served version's guardrail; moto 5.2 does not implement it) and refused tag reads
 * (moto does not enforce IAM) are covered with aws-sdk-client-mock.
 */
import { BedrockAgentClient, CreateAgentCommand, CreateKnowledgeBaseCommand } from '@aws-sdk/client-bedrock-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockAgentsCollector } from '@core/aws/collectors/workloads/bedrock-agents';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';
import { motoBedrockRequestHandler } from '../../support/moto-bedrock-agent';
import { scanMoto, setupClientConfig } from './moto-scan';

const AGENT_ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/service-role/AmazonBedrockExecutionRoleForAgents_support`;
const KB_ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_docs`;
const EMBEDDING = 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0';
const REGIONS = ['us-east-1', 'eu-west-1'];
const KNOWLEDGE_BASES = 101;

let moto: MotoServer;

function knowledgeBase(name: string, tags?: Record<string, string>): ConstructorParameters<typeof CreateKnowledgeBaseCommand>[0] {
  return {
    name,
    ...(tags !== undefined && { tags }),
    roleArn: KB_ROLE,
    knowledgeBaseConfiguration: { type: 'VECTOR', vectorKnowledgeBaseConfiguration: { embeddingModelArn: EMBEDDING } },
    storageConfiguration: {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: {
        collectionArn: `arn:aws:aoss:eu-west-1:${MOTO_ACCOUNT_ID}:collection/docs`,
        vectorIndexName: 'docs',
        fieldMapping: { vectorField: 'vector', textField: 'text', metadataField: 'metadata' },
      },
    },
  };
}

beforeAll(async () => {
  moto = await startMoto();
  const east = new BedrockAgentClient({ ...setupClientConfig(moto.endpoint, 'us-east-1'), requestHandler: motoBedrockRequestHandler() });
  const west = new BedrockAgentClient({ ...setupClientConfig(moto.endpoint, 'eu-west-1'), requestHandler: motoBedrockRequestHandler() });
  try {
    await east.send(
      new CreateAgentCommand({
        agentName: 'support-agent',
        agentResourceRoleArn: AGENT_ROLE,
        foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        description: 'Answers customer tickets',
        idleSessionTTLInSeconds: 900,
        instruction: 'You answer support tickets for Acme customers politely.',
        tags: { Owner: 'support-team', 'cost-center': 'cx' },
      }),
    );
    for (let i = 0; i < KNOWLEDGE_BASES; i += 1) {
      const name = `docs-${String(i).padStart(3, '0')}`;
      await west.send(new CreateKnowledgeBaseCommand(knowledgeBase(name, name === 'docs-100' ? { 'data-class': 'customer' } : undefined)));
    }
  } finally {
    east.destroy();
    west.destroy();
  }
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

describe('bedrock-agents against moto', () => {
  it('fails where moto answers the agent and knowledge base detail lists with HTTP 500, and writes nothing', async () => {
    const scan = await scanMoto(moto.endpoint, [bedrockAgentsCollector], { regions: REGIONS });
    for (const region of REGIONS) {
      expect(scan.run('bedrock-agents', region)).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/HTTP 500/) as string });
    }
    expect(scan.facts.bedrockAgents).toBeNull();
  });

  it('records agents and every knowledge base (past one page) with their tags once moto’s gaps are papered over', async () => {
    const shimmed = new Set<string>();
    const scan = await scanMoto(moto.endpoint, [bedrockAgentsCollector], { regions: REGIONS, bedrock: { emptyUnimplementedLists: true, onShim: (op) => shimmed.add(op) } });
    expect(shimmed).toEqual(new Set(['ListAgentActionGroups', 'ListAgentAliases', 'ListAgentKnowledgeBases', 'ListDataSources']));
    for (const region of REGIONS) expect(scan.run('bedrock-agents', region)).toMatchObject({ outcome: 'ok', message: null });
    const section = scan.facts.bedrockAgents;
    expect(section?.regions.sort()).toEqual(REGIONS.slice().sort());

    expect(section?.agents).toHaveLength(1);
    const agent = section?.agents[0];
    expect(agent).toMatchObject({
      arn: expect.stringMatching(new RegExp(`^arn:aws:bedrock:us-east-1:${MOTO_ACCOUNT_ID}:agent/`)) as string,
      name: 'support-agent',
      region: 'us-east-1',
      roleArn: AGENT_ROLE,
      foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      // moto 5.2 keeps no guardrail configuration; the unit tests cover one.
      guardrail: null,
      description: 'Answers customer tickets',
      idleSessionTtlSeconds: 900,
      actionGroups: [],
      aliases: [],
      // No aliases (moto has none), so no served version to read with GetAgentVersion (moto lacks it too).
      servedVersions: [],
      knowledgeBaseIds: [],
      tags: { Owner: 'support-team', 'cost-center': 'cx' },
    });
    expect(agent?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The instruction (a prompt, possibly confidential) is not a fact.
    expect(JSON.stringify(section)).not.toContain('politely');

    const kbs = section?.knowledgeBases ?? [];
    expect(kbs).toHaveLength(KNOWLEDGE_BASES);
    expect(new Set(kbs.map((kb) => kb.name)).size).toBe(KNOWLEDGE_BASES);
    expect(kbs.find((kb) => kb.name === 'docs-100')).toMatchObject({
      arn: expect.stringMatching(new RegExp(`^arn:aws:bedrock:eu-west-1:${MOTO_ACCOUNT_ID}:knowledge-base/`)) as string,
      region: 'eu-west-1',
      roleArn: KB_ROLE,
      storageType: 'OPENSEARCH_SERVERLESS',
      embeddingModelArn: EMBEDDING,
      dataSources: [],
      tags: { 'data-class': 'customer' },
    });
    expect(kbs.find((kb) => kb.name === 'docs-000')?.tags).toEqual({});
    expect(scan.facts.warnings).toEqual([]);
    expect(scan.calls['bedrock:ListKnowledgeBases']).toBe(3); // us-east-1: one empty page; eu-west-1: 100 + 1
    expect(scan.calls['bedrock:GetKnowledgeBase']).toBe(KNOWLEDGE_BASES);
    expect(scan.calls['bedrock:GetAgent']).toBe(1);
    // Both clients' ListTagsForResource count as the one IAM action: one per agent and knowledge base.
    expect(scan.calls['bedrock:ListTagsForResource']).toBe(1 + KNOWLEDGE_BASES);
    // moto lists no data source (its gap is shimmed empty), so there is none to describe.
    expect(scan.calls['bedrock:GetDataSource']).toBeUndefined();
  });
});
