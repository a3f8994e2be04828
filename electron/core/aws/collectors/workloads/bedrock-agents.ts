/**
 * Bedrock Agents in one region: each agent (role, foundation model, guardrail, tags), its action
 * groups with their function schemas (`requireConfirmation`: does the agent ask a human before
 * acting?), its aliases and knowledge bases; and the region's knowledge bases with their role,
 * storage, tags and data sources (type, and the bucket of an S3 source).
 *
 * Action groups are read for DRAFT and for every version an alias routes to: an alias serves a
 * numbered version, whose action groups may differ from the draft being edited. So may its guardrail:
 * GetAgent describes the draft, and each served numbered version's guardrail is read with
 * GetAgentVersion (ListAgentAliases' summaries carry the routing, so GetAgentAlias is not needed).
 *
 * Tags, data source details and served versions' guardrails are supplementary reads: a scanner policy written before they were
 * added (or a refusal) leaves them unknown and noted, never fails the collector.
 */
import {
  BedrockAgentClient,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  GetAgentVersionCommand,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  ListTagsForResourceCommand,
  paginateListAgentActionGroups,
  paginateListAgentAliases,
  paginateListAgentKnowledgeBases,
  paginateListAgents,
  paginateListDataSources,
  paginateListKnowledgeBases,
  type AgentActionGroup,
  type AgentAliasSummary,
} from '@aws-sdk/client-bedrock-agent';
import type {
  AgentActionGroupFacts,
  AgentAliasFacts,
  AgentFunctionFacts,
  AgentServedVersionFacts,
  BedrockAgentFacts,
  KnowledgeBaseDataSourceFacts,
  KnowledgeBaseFacts,
  Tags,
} from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { isoOrNull, settleAll, tagsFromMap, textOrNull } from './fact-values';
import { mergeByKey, withRegion } from './merge-section';
import { DetailReads, type DetailRead } from './read-detail';
import { taskProgress } from './task-progress';

const ALIASES: DetailRead = { operation: 'bedrock:ListAgentAliases', what: 'aliases', of: 'agent' };
const AGENT_KNOWLEDGE_BASES: DetailRead = { operation: 'bedrock:ListAgentKnowledgeBases', what: 'associated knowledge bases', of: 'agent' };
const DATA_SOURCES: DetailRead = { operation: 'bedrock:ListDataSources', what: 'data sources', of: 'knowledge base' };
const DATA_SOURCE_DETAILS: DetailRead = { operation: 'bedrock:GetDataSource', what: 'type and bucket', of: 'data source' };
const VERSION_GUARDRAIL: DetailRead = { operation: 'bedrock:GetAgentVersion', what: 'guardrails', of: 'served agent version' };
const tagsOf = (of: string): DetailRead => ({ operation: 'bedrock:ListTagsForResource', what: 'tags', of });

const DRAFT = 'DRAFT';

/** The functions of an action group's function schema, `requireConfirmation` as AWS states it (null when left out). */
export function agentFunctions(group: Pick<AgentActionGroup, 'functionSchema'>): AgentFunctionFacts[] {
  return (group.functionSchema?.functions ?? []).map((fn) => ({
    name: fn.name ?? '',
    description: textOrNull(fn.description),
    requireConfirmation: textOrNull(fn.requireConfirmation),
    parameterNames: Object.keys(fn.parameters ?? {}).sort(),
  }));
}

export function actionGroupFacts(group: AgentActionGroup, agentVersion: string): AgentActionGroupFacts {
  const schema = group.apiSchema;
  let apiSchema: AgentActionGroupFacts['apiSchema'] = null;
  if (schema?.s3 !== undefined) {
    const { s3BucketName, s3ObjectKey } = schema.s3;
    apiSchema = { s3Uri: s3BucketName !== undefined ? `s3://${s3BucketName}/${s3ObjectKey ?? ''}` : null, payload: null };
  } else if (schema?.payload !== undefined) {
    apiSchema = { s3Uri: null, payload: schema.payload };
  }
  return {
    id: group.actionGroupId ?? '',
    name: group.actionGroupName ?? '',
    agentVersion: group.agentVersion ?? agentVersion,
    state: textOrNull(group.actionGroupState),
    executorLambdaArn: textOrNull(group.actionGroupExecutor?.lambda),
    customControl: textOrNull(group.actionGroupExecutor?.customControl),
    parentActionGroupSignature: textOrNull(group.parentActionSignature),
    functions: agentFunctions(group),
    apiSchema,
  };
}

/** An alias ARN from its agent's: `arn:…:agent/ID` → `arn:…:agent-alias/ID/ALIAS_ID` (ListAgentAliases gives no ARN). */
function aliasArn(agentArn: string, agentId: string, aliasId: string): string {
  const at = agentArn.lastIndexOf(':agent/');
  return at === -1 ? '' : `${agentArn.slice(0, at)}:agent-alias/${agentId}/${aliasId}`;
}

function aliasFacts(alias: AgentAliasSummary, agentArn: string, agentId: string): AgentAliasFacts {
  const id = alias.agentAliasId ?? '';
  return {
    id,
    name: alias.agentAliasName ?? id,
    arn: aliasArn(agentArn, agentId, id),
    status: textOrNull(alias.agentAliasStatus),
    agentVersions: (alias.routingConfiguration ?? []).flatMap((route) => (route.agentVersion !== undefined ? [route.agentVersion] : [])),
    createdAt: isoOrNull(alias.createdAt),
    updatedAt: isoOrNull(alias.updatedAt),
  };
}

export const bedrockAgentsCollector: Collector = {
  id: 'bedrock-agents',
  label: 'Bedrock agents and knowledge bases',
  scope: 'regional',
  phase: 2,
  async collect(ctx) {
    const agentsClient = ctx.client(BedrockAgentClient, 'Bedrock Agent');
    const reads = new DetailReads(ctx);
    const region = ctx.region;
    const page = { client: agentsClient, stopOnSameToken: true };
    const progress = taskProgress(ctx);

    /** The tags of an agent or knowledge base; null when not read (no ARN to ask about, or refused). */
    async function tagsFor(of: string, name: string, arn: string): Promise<Tags | null> {
      if (arn === '') return null;
      return reads.optional(tagsOf(of), name, async () => tagsFromMap((await agentsClient.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags));
    }

    async function actionGroups(agentId: string, agentName: string, version: string): Promise<AgentActionGroupFacts[] | null> {
      const listed = await reads.essential('agent version', `${agentName}:${version}`, async () => {
        const ids: string[] = [];
        for await (const p of paginateListAgentActionGroups(page, { agentId, agentVersion: version })) {
          for (const g of p.actionGroupSummaries ?? []) if (g.actionGroupId !== undefined) ids.push(g.actionGroupId);
        }
        return ids;
      });
      if (listed === null) return null;
      const groups = await ctx.mapLimit(listed, async (actionGroupId) => {
        const answer = await reads.essential('action group', `${agentName}:${version}/${actionGroupId}`, () =>
          agentsClient.send(new GetAgentActionGroupCommand({ agentId, agentVersion: version, actionGroupId })),
        );
        return answer?.agentActionGroup === undefined ? null : actionGroupFacts(answer.agentActionGroup, version);
      });
      return groups.filter((g) => g !== null);
    }

    async function knowledgeBaseIds(agentId: string, agentName: string, version: string): Promise<string[] | null> {
      return reads.optional(AGENT_KNOWLEDGE_BASES, `${agentName}:${version}`, async () => {
        const ids: string[] = [];
        for await (const p of paginateListAgentKnowledgeBases(page, { agentId, agentVersion: version })) {
          for (const kb of p.agentKnowledgeBaseSummaries ?? []) if (kb.knowledgeBaseId !== undefined) ids.push(kb.knowledgeBaseId);
        }
        return ids;
      });
    }

    /** A served numbered version's guardrail: `known` false when GetAgentVersion was refused or the version is gone. */
    async function versionGuardrail(agentId: string, agentName: string, version: string): Promise<Pick<AgentServedVersionFacts, 'guardrail' | 'known'>> {
      const answer = await reads.optional(VERSION_GUARDRAIL, `${agentName}:${version}`, () =>
        agentsClient.send(new GetAgentVersionCommand({ agentId, agentVersion: version })),
      );
      if (answer?.agentVersion === undefined) return { guardrail: null, known: false };
      const config = answer.agentVersion.guardrailConfiguration;
      const identifier = textOrNull(config?.guardrailIdentifier);
      return { guardrail: identifier === null ? null : { identifier, version: textOrNull(config?.guardrailVersion) }, known: true };
    }

    async function agents(): Promise<BedrockAgentFacts[]> {
      const listed: { id: string; name: string }[] = [];
      for await (const p of paginateListAgents(page, {})) {
        for (const a of p.agentSummaries ?? []) if (a.agentId !== undefined) listed.push({ id: a.agentId, name: a.agentName ?? a.agentId });
      }
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ id, name }): Promise<BedrockAgentFacts | null> => {
        const [answer, aliasSummaries] = await settleAll([
          reads.essential('agent', name, () => agentsClient.send(new GetAgentCommand({ agentId: id }))),
          reads.optional(ALIASES, name, async () => {
            const found: AgentAliasSummary[] = [];
            for await (const p of paginateListAgentAliases(page, { agentId: id })) found.push(...(p.agentAliasSummaries ?? []));
            return found;
          }),
        ]);
        const agent = answer?.agent;
        if (agent === undefined) {
          progress.read();
          return null;
        }
        const arn = agent.agentArn ?? '';
        const aliases = (aliasSummaries ?? []).map((alias) => aliasFacts(alias, arn, id));
        const versions = [...new Set([DRAFT, ...aliases.flatMap((alias) => alias.agentVersions)])];
        const [perVersion, tags] = await settleAll([
          ctx.mapLimit(versions, (version) =>
            settleAll([
              actionGroups(id, name, version),
              knowledgeBaseIds(id, name, version),
              version === DRAFT ? Promise.resolve(null) : versionGuardrail(id, name, version),
            ]),
          ),
          tagsFor('agent', name, arn),
        ]);
        progress.read();
        const servedVersions: AgentServedVersionFacts[] = versions.flatMap((version, i) => {
          const read = perVersion[i]?.[2];
          if (read === undefined || read === null) return [];
          const aliasNames = aliases.filter((alias) => alias.agentVersions.includes(version)).map((alias) => alias.name).sort();
          return [{ version, aliases: aliasNames, ...read }];
        });
        // GetAgent describes the DRAFT; each served version's guardrail is in servedVersions.
        const guardrailId = textOrNull(agent.guardrailConfiguration?.guardrailIdentifier);
        return {
          arn,
          id,
          name: agent.agentName ?? name,
          region,
          roleArn: textOrNull(agent.agentResourceRoleArn),
          foundationModel: textOrNull(agent.foundationModel),
          guardrail: guardrailId === null ? null : { identifier: guardrailId, version: textOrNull(agent.guardrailConfiguration?.guardrailVersion) },
          status: textOrNull(agent.agentStatus),
          description: textOrNull(agent.description),
          idleSessionTtlSeconds: agent.idleSessionTTLInSeconds ?? null,
          customerEncryptionKeyArn: textOrNull(agent.customerEncryptionKeyArn),
          createdAt: isoOrNull(agent.createdAt),
          updatedAt: isoOrNull(agent.updatedAt),
          actionGroups: perVersion.flatMap(([groups]) => groups ?? []),
          aliases,
          servedVersions,
          knowledgeBaseIds: [...new Set(perVersion.flatMap(([, ids]) => ids ?? []))].sort(),
          tags: tags ?? {},
        };
      });
      return described.filter((a) => a !== null);
    }

    /** A knowledge base's data sources, each with its type and S3 bucket when GetDataSource answers; null when not listed. */
    async function dataSourcesOf(knowledgeBaseId: string, kbName: string): Promise<KnowledgeBaseDataSourceFacts[] | null> {
      const listed = await reads.optional(DATA_SOURCES, kbName, async () => {
        const found: { id: string; name: string }[] = [];
        for await (const p of paginateListDataSources(page, { knowledgeBaseId })) {
          for (const ds of p.dataSourceSummaries ?? []) if (ds.dataSourceId !== undefined) found.push({ id: ds.dataSourceId, name: ds.name ?? ds.dataSourceId });
        }
        return found;
      });
      if (listed === null) return null;
      return ctx.mapLimit(listed, async ({ id, name }): Promise<KnowledgeBaseDataSourceFacts> => {
        const answer = await reads.optional(DATA_SOURCE_DETAILS, `${kbName}/${name}`, () =>
          agentsClient.send(new GetDataSourceCommand({ knowledgeBaseId, dataSourceId: id })),
        );
        const config = answer?.dataSource?.dataSourceConfiguration;
        return { id, name, type: textOrNull(config?.type), s3BucketArn: textOrNull(config?.s3Configuration?.bucketArn) };
      });
    }

    async function knowledgeBases(): Promise<KnowledgeBaseFacts[]> {
      const listed: { id: string; name: string }[] = [];
      for await (const p of paginateListKnowledgeBases(page, {})) {
        for (const kb of p.knowledgeBaseSummaries ?? []) if (kb.knowledgeBaseId !== undefined) listed.push({ id: kb.knowledgeBaseId, name: kb.name ?? kb.knowledgeBaseId });
      }
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ id, name }): Promise<KnowledgeBaseFacts | null> => {
        const [answer, dataSources] = await settleAll([
          reads.essential('knowledge base', name, () => agentsClient.send(new GetKnowledgeBaseCommand({ knowledgeBaseId: id }))),
          dataSourcesOf(id, name),
        ]);
        const kb = answer?.knowledgeBase;
        // ListKnowledgeBases gives no ARN: the tags are asked for once GetKnowledgeBase has named it.
        const tags = kb === undefined ? null : await tagsFor('knowledge base', name, kb.knowledgeBaseArn ?? '');
        progress.read();
        if (kb === undefined) return null;
        return {
          arn: kb.knowledgeBaseArn ?? '',
          id,
          name: kb.name ?? name,
          region,
          roleArn: textOrNull(kb.roleArn),
          status: textOrNull(kb.status),
          storageType: textOrNull(kb.storageConfiguration?.type),
          embeddingModelArn: textOrNull(kb.knowledgeBaseConfiguration?.vectorKnowledgeBaseConfiguration?.embeddingModelArn),
          dataSources: dataSources ?? [],
          createdAt: isoOrNull(kb.createdAt),
          updatedAt: isoOrNull(kb.updatedAt),
          tags: tags ?? {},
        };
      });
      return described.filter((kb) => kb !== null);
    }

    const [foundAgents, foundKnowledgeBases] = await settleAll([agents(), knowledgeBases()]);
    const warnGaps = reads.report();

    return (draft) => {
      warnGaps();
      const section = draft.bedrockAgents ?? { regions: [], agents: [], knowledgeBases: [] };
      draft.bedrockAgents = {
        regions: withRegion(section.regions, region),
        agents: mergeByKey(section.agents, foundAgents, (a) => a.arn),
        knowledgeBases: mergeByKey(section.knowledgeBases, foundKnowledgeBases, (kb) => kb.arn),
      };
    };
  },
};
