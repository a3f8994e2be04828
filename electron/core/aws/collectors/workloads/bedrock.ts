/**
 * Bedrock in one region: whether model invocation logging is on and where it goes, guardrails with
 * their content filters (every version, since an agent may pin an old one), and custom models with
 * the provenance of their training data, the role their training job ran as and their tags.
 *
 * A custom model's job role and tags are supplementary reads: a scanner policy written before they
 * were added (or a refusal) leaves them unknown and noted, never fails the collector.
 */
import {
  BedrockClient,
  GetCustomModelCommand,
  GetGuardrailCommand,
  GetModelCustomizationJobCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListTagsForResourceCommand,
  paginateListCustomModels,
  paginateListGuardrails,
  type GetGuardrailResponse,
  type LoggingConfig,
} from '@aws-sdk/client-bedrock';
import type { BedrockCustomModelFacts, BedrockGuardrailFacts, BedrockInvocationLoggingFacts } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { isoOrNull, settleAll, tagsFromKeyValueList, textOrNull } from './fact-values';
import { mergeByKey, withRegion } from './merge-section';
import { DetailReads, type DetailRead } from './read-detail';
import { taskProgress } from './task-progress';

const CUSTOM_MODEL_TAGS: DetailRead = { operation: 'bedrock:ListTagsForResource', what: 'tags', of: 'custom model' };
const TRAINING_JOB_ROLE: DetailRead = { operation: 'bedrock:GetModelCustomizationJob', what: 'training job roles', of: 'custom model' };

/** Logging with no destination delivers nothing: AWS leaves `loggingConfig` out when it is off. */
export function invocationLoggingConfig(config: LoggingConfig | undefined): BedrockInvocationLoggingFacts['config'] {
  const cloudWatchLogGroupName = textOrNull(config?.cloudWatchConfig?.logGroupName);
  const s3BucketName = textOrNull(config?.s3Config?.bucketName);
  if (config === undefined || (cloudWatchLogGroupName === null && s3BucketName === null)) return null;
  return {
    cloudWatchLogGroupName,
    s3BucketName,
    textDataDeliveryEnabled: config.textDataDeliveryEnabled === true,
    imageDataDeliveryEnabled: config.imageDataDeliveryEnabled === true,
    embeddingDataDeliveryEnabled: config.embeddingDataDeliveryEnabled === true,
    videoDataDeliveryEnabled: config.videoDataDeliveryEnabled === true,
  };
}

function guardrailFacts(guardrail: GetGuardrailResponse, region: string, fallback: { id: string; arn: string; version: string }): BedrockGuardrailFacts {
  return {
    arn: guardrail.guardrailArn ?? fallback.arn,
    id: guardrail.guardrailId ?? fallback.id,
    name: guardrail.name ?? '',
    region,
    version: guardrail.version ?? fallback.version,
    status: textOrNull(guardrail.status),
    contentFilters: (guardrail.contentPolicy?.filters ?? []).map((filter) => ({
      type: filter.type ?? '',
      // A filter switched off for inputs (or outputs) filters nothing there, whatever strength it keeps.
      inputStrength: filter.inputEnabled === false ? 'NONE' : textOrNull(filter.inputStrength),
      outputStrength: filter.outputEnabled === false ? 'NONE' : textOrNull(filter.outputStrength),
    })),
    hasTopicPolicy: (guardrail.topicPolicy?.topics ?? []).length > 0,
    hasWordPolicy: (guardrail.wordPolicy?.words ?? []).length > 0 || (guardrail.wordPolicy?.managedWordLists ?? []).length > 0,
    hasSensitiveInformationPolicy:
      (guardrail.sensitiveInformationPolicy?.piiEntities ?? []).length > 0 || (guardrail.sensitiveInformationPolicy?.regexes ?? []).length > 0,
    hasContextualGroundingPolicy: (guardrail.contextualGroundingPolicy?.filters ?? []).length > 0,
    kmsKeyArn: textOrNull(guardrail.kmsKeyArn),
    createdAt: isoOrNull(guardrail.createdAt),
    updatedAt: isoOrNull(guardrail.updatedAt),
  };
}

export const bedrockCollector: Collector = {
  id: 'bedrock',
  label: 'Bedrock logging, guardrails and custom models',
  scope: 'regional',
  phase: 2,
  async collect(ctx) {
    const bedrock = ctx.client(BedrockClient, 'Bedrock');
    const reads = new DetailReads(ctx);
    const region = ctx.region;
    const page = { client: bedrock, stopOnSameToken: true };
    const progress = taskProgress(ctx);

    async function invocationLogging(): Promise<BedrockInvocationLoggingFacts> {
      const answer = await bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}));
      return { region, config: invocationLoggingConfig(answer.loggingConfig) };
    }

    async function guardrails(): Promise<BedrockGuardrailFacts[]> {
      // Without an identifier, ListGuardrails gives each guardrail's DRAFT; with its ARN, every version.
      const drafts: { id: string; arn: string; name: string }[] = [];
      for await (const p of paginateListGuardrails(page, {})) {
        for (const g of p.guardrails ?? []) if (g.id !== undefined && g.arn !== undefined) drafts.push({ id: g.id, arn: g.arn, name: g.name ?? g.id });
      }
      const versions = (
        await ctx.mapLimit(drafts, async (draft) => {
          const found = new Set<string>(['DRAFT']);
          for await (const p of paginateListGuardrails(page, { guardrailIdentifier: draft.arn })) {
            for (const g of p.guardrails ?? []) if (g.version !== undefined) found.add(g.version);
          }
          return [...found].map((version) => ({ ...draft, version }));
        })
      ).flat();
      progress.listed(versions.length);
      const described = await ctx.mapLimit(versions, async (v) => {
        const guardrail = await reads.essential('guardrail version', `${v.name}:${v.version}`, () =>
          bedrock.send(new GetGuardrailCommand({ guardrailIdentifier: v.id, guardrailVersion: v.version })),
        );
        progress.read();
        return guardrail === null ? null : guardrailFacts(guardrail, region, v);
      });
      return described.filter((g) => g !== null);
    }

    async function customModels(): Promise<BedrockCustomModelFacts[]> {
      const listed: { arn: string; name: string }[] = [];
      for await (const p of paginateListCustomModels(page, {})) {
        for (const m of p.modelSummaries ?? []) if (m.modelArn !== undefined) listed.push({ arn: m.modelArn, name: m.modelName ?? m.modelArn });
      }
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ arn, name }): Promise<BedrockCustomModelFacts | null> => {
        const [model, tags] = await settleAll([
          reads.essential('custom model', name, () => bedrock.send(new GetCustomModelCommand({ modelIdentifier: arn }))),
          reads.optional(CUSTOM_MODEL_TAGS, name, async () => tagsFromKeyValueList((await bedrock.send(new ListTagsForResourceCommand({ resourceARN: arn }))).tags)),
        ]);
        if (model === null) {
          progress.read();
          return null;
        }
        // A model imported rather than trained names no job: it has no training role, which is not a gap.
        const job = textOrNull(model.jobArn) ?? textOrNull(model.jobName);
        const jobAnswer =
          job === null
            ? null
            : await reads.optional(TRAINING_JOB_ROLE, name, () => bedrock.send(new GetModelCustomizationJobCommand({ jobIdentifier: job })));
        progress.read();
        return {
          arn: model.modelArn ?? arn,
          name: model.modelName ?? name,
          region,
          baseModelArn: textOrNull(model.baseModelArn),
          customizationType: textOrNull(model.customizationType),
          trainingDataS3Uri: textOrNull(model.trainingDataConfig?.s3Uri),
          outputDataS3Uri: textOrNull(model.outputDataConfig?.s3Uri),
          jobRoleArn: textOrNull(jobAnswer?.roleArn),
          kmsKeyArn: textOrNull(model.modelKmsKeyArn),
          createdAt: isoOrNull(model.creationTime),
          tags: tags ?? {},
        };
      });
      return described.filter((m) => m !== null);
    }

    const [logging, foundGuardrails, foundModels] = await settleAll([invocationLogging(), guardrails(), customModels()]);
    const warnGaps = reads.report();

    return (draft) => {
      warnGaps();
      const section = draft.bedrock ?? { regions: [], invocationLogging: [], guardrails: [], customModels: [] };
      draft.bedrock = {
        regions: withRegion(section.regions, region),
        invocationLogging: mergeByKey(section.invocationLogging, [logging], (l) => l.region),
        guardrails: mergeByKey(section.guardrails, foundGuardrails, (g) => `${g.arn}|${g.version}`),
        customModels: mergeByKey(section.customModels, foundModels, (m) => m.arn),
      };
    };
  },
};
