/**
 * The Bedrock collector with mocked answers: guardrail versions and filters, logging on and off, custom
 * models. A custom model's tags and training job role are read against moto too
 * (test/integration/collectors-workloads/bedrock.test.ts); refusals of those reads are tested here,
 * since moto does not enforce IAM.
 */
import {
  BedrockClient,
  GetCustomModelCommand,
  GetGuardrailCommand,
  GetModelCustomizationJobCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListCustomModelsCommand,
  ListGuardrailsCommand,
  ListTagsForResourceCommand,
  type GetGuardrailResponse,
} from '@aws-sdk/client-bedrock';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bedrockCollector, invocationLoggingConfig } from '@core/aws/collectors/workloads/bedrock';
import { ACCOUNT_ID, awsError, runMocked } from './run-mocked';

const bedrock = mockClient(BedrockClient);
const GUARDRAIL_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:guardrail/gr-support`;
const AT = new Date('2025-06-01T12:00:00.000Z');
const MODEL_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:custom-model/support-tuned`;
const JOB_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:model-customization-job/support-tune-1`;
const JOB_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/service-role/bedrock-finetune`;

/** One custom model trained by one job. */
function oneCustomModel(): void {
  bedrock.on(ListCustomModelsCommand).resolves({ modelSummaries: [{ modelArn: MODEL_ARN, modelName: 'support-tuned', creationTime: AT, baseModelArn: 'b', baseModelName: 'b' }] });
  bedrock.on(GetCustomModelCommand).resolves({ modelArn: MODEL_ARN, modelName: 'support-tuned', jobArn: JOB_ARN, jobName: 'support-tune-1', creationTime: AT });
}

function guardrail(version: string, extra: Partial<GetGuardrailResponse> = {}): GetGuardrailResponse {
  return {
    name: 'support-guardrail',
    guardrailId: 'gr-support',
    guardrailArn: GUARDRAIL_ARN,
    version,
    status: 'READY',
    createdAt: AT,
    updatedAt: AT,
    blockedInputMessaging: 'Sorry.',
    blockedOutputsMessaging: 'Sorry.',
    ...extra,
  };
}

beforeEach(() => {
  bedrock.reset();
  bedrock.onAnyCommand().resolves({});
});

afterAll(() => {
  bedrock.restore();
});

describe('invocationLoggingConfig', () => {
  it('is null (off) without a config or without any destination', () => {
    expect(invocationLoggingConfig(undefined)).toBeNull();
    expect(invocationLoggingConfig({})).toBeNull();
    expect(invocationLoggingConfig({ textDataDeliveryEnabled: true })).toBeNull();
  });

  it('names the destinations and what is delivered', () => {
    expect(invocationLoggingConfig({ s3Config: { bucketName: 'logs' }, embeddingDataDeliveryEnabled: true })).toEqual({
      cloudWatchLogGroupName: null,
      s3BucketName: 'logs',
      textDataDeliveryEnabled: false,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: true,
      videoDataDeliveryEnabled: false,
    });
  });
});

describe('bedrock (mocked)', () => {
  it('reads every version of every guardrail, with content filters including the prompt-attack strength', async () => {
    bedrock.on(ListGuardrailsCommand, { guardrailIdentifier: undefined }).resolves({
      guardrails: [{ id: 'gr-support', arn: GUARDRAIL_ARN, name: 'support-guardrail', version: 'DRAFT', status: 'READY', createdAt: AT, updatedAt: AT }],
    });
    bedrock
      .on(ListGuardrailsCommand, { guardrailIdentifier: GUARDRAIL_ARN })
      .resolvesOnce({
        guardrails: [{ id: 'gr-support', arn: GUARDRAIL_ARN, name: 'support-guardrail', version: 'DRAFT', status: 'READY', createdAt: AT, updatedAt: AT }],
        nextToken: 'more',
      })
      .resolvesOnce({
        guardrails: [
          { id: 'gr-support', arn: GUARDRAIL_ARN, name: 'support-guardrail', version: '1', status: 'READY', createdAt: AT, updatedAt: AT },
          { id: 'gr-support', arn: GUARDRAIL_ARN, name: 'support-guardrail', version: '2', status: 'READY', createdAt: AT, updatedAt: AT },
        ],
      });
    bedrock.on(GetGuardrailCommand, { guardrailVersion: 'DRAFT' }).resolves(
      guardrail('DRAFT', {
        contentPolicy: {
          filters: [
            { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
            { type: 'HATE', inputStrength: 'MEDIUM', outputStrength: 'MEDIUM' },
          ],
        },
        topicPolicy: { topics: [{ name: 'investment advice', definition: 'advice', type: 'DENY' }] },
        sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }] },
        kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/k1`,
      }),
    );
    // Version 1 predates the prompt-attack filter; version 2 has it switched off for inputs.
    bedrock.on(GetGuardrailCommand, { guardrailVersion: '1' }).resolves(guardrail('1', { contentPolicy: { filters: [{ type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' }] } }));
    bedrock
      .on(GetGuardrailCommand, { guardrailVersion: '2' })
      .resolves(guardrail('2', { contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE', inputEnabled: false }] }, wordPolicy: { words: [{ text: 'x' }] } }));
    const scan = await runMocked([bedrockCollector]);
    expect(scan.run('bedrock', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    const byVersion = new Map(scan.facts.bedrock?.guardrails.map((g) => [g.version, g]));
    expect([...byVersion.keys()].sort()).toEqual(['1', '2', 'DRAFT']);
    expect(byVersion.get('DRAFT')).toEqual({
      arn: GUARDRAIL_ARN,
      id: 'gr-support',
      name: 'support-guardrail',
      region: 'us-east-1',
      version: 'DRAFT',
      status: 'READY',
      contentFilters: [
        { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        { type: 'HATE', inputStrength: 'MEDIUM', outputStrength: 'MEDIUM' },
      ],
      hasTopicPolicy: true,
      hasWordPolicy: false,
      hasSensitiveInformationPolicy: true,
      hasContextualGroundingPolicy: false,
      kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/k1`,
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });
    expect(byVersion.get('1')?.contentFilters).toEqual([{ type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' }]);
    expect(byVersion.get('2')).toMatchObject({ contentFilters: [{ type: 'PROMPT_ATTACK', inputStrength: 'NONE', outputStrength: 'NONE' }], hasWordPolicy: true });
  });

  it('leaves out a guardrail version deleted mid-scan; fails as denied when GetGuardrail is refused', async () => {
    bedrock.on(ListGuardrailsCommand).resolves({ guardrails: [{ id: 'gr-support', arn: GUARDRAIL_ARN, name: 'g', version: 'DRAFT', status: 'READY', createdAt: AT, updatedAt: AT }] });
    bedrock.on(GetGuardrailCommand).rejects(awsError('ResourceNotFoundException', 404));
    const gone = await runMocked([bedrockCollector]);
    expect(gone.run('bedrock', 'us-east-1')).toMatchObject({ outcome: 'ok', message: '1 guardrail version deleted during the scan is left out (e.g. g:DRAFT).' });
    expect(gone.facts.bedrock?.guardrails).toEqual([]);

    bedrock.on(GetGuardrailCommand).rejects(awsError('AccessDeniedException', 403));
    const denied = await runMocked([bedrockCollector]);
    expect(denied.run('bedrock', 'us-east-1').outcome).toBe('denied');
    expect(denied.facts.bedrock).toBeNull();
  });

  it('records logging per region and custom models past one page', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: { cloudWatchConfig: { logGroupName: '/bedrock', roleArn: 'r' }, textDataDeliveryEnabled: true } });
    bedrock
      .on(ListCustomModelsCommand)
      .resolvesOnce({ modelSummaries: [{ modelArn: 'arn:aws:bedrock:us-east-1:111122223333:custom-model/a', modelName: 'a', creationTime: AT, baseModelArn: 'b', baseModelName: 'b' }], nextToken: 'n' })
      .resolvesOnce({ modelSummaries: [{ modelArn: 'arn:aws:bedrock:us-east-1:111122223333:custom-model/b', modelName: 'b', creationTime: AT, baseModelArn: 'b', baseModelName: 'b' }] });
    bedrock.on(GetCustomModelCommand).callsFake((input: { modelIdentifier: string }) =>
      Promise.resolve({
        modelArn: input.modelIdentifier,
        modelName: input.modelIdentifier.split('/').pop(),
        baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1',
        customizationType: 'FINE_TUNING',
        trainingDataConfig: { s3Uri: 's3://train/data.jsonl' },
        outputDataConfig: { s3Uri: 's3://train/out/' },
        creationTime: AT,
      }),
    );
    const scan = await runMocked([bedrockCollector]);
    expect(scan.facts.bedrock?.invocationLogging).toEqual([
      {
        region: 'us-east-1',
        config: {
          cloudWatchLogGroupName: '/bedrock',
          s3BucketName: null,
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: false,
          embeddingDataDeliveryEnabled: false,
          videoDataDeliveryEnabled: false,
        },
      },
    ]);
    expect(scan.facts.bedrock?.customModels.map((m) => [m.name, m.customizationType, m.trainingDataS3Uri, m.kmsKeyArn, m.jobRoleArn])).toEqual([
      ['a', 'FINE_TUNING', 's3://train/data.jsonl', null, null],
      ['b', 'FINE_TUNING', 's3://train/data.jsonl', null, null],
    ]);
  });
  it('reads a custom model’s tags (a key/value list) and the role its training job ran as', async () => {
    oneCustomModel();
    bedrock.on(ListTagsForResourceCommand, { resourceARN: MODEL_ARN }).resolves({
      tags: [
        { key: 'owner', value: 'ml-platform' },
        { key: 'data-class', value: 'pii' },
        { key: '', value: 'no key, skipped' },
        { key: 'empty', value: undefined },
      ],
    });
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN }).resolves({
      jobArn: JOB_ARN,
      jobName: 'support-tune-1',
      outputModelName: 'support-tuned',
      roleArn: JOB_ROLE,
      creationTime: AT,
      baseModelArn: 'b',
      trainingDataConfig: { s3Uri: 's3://train/data.jsonl' },
      validationDataConfig: { validators: [] },
      outputDataConfig: { s3Uri: 's3://train/out/' },
    });
    const scan = await runMocked([bedrockCollector]);
    expect(scan.run('bedrock', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts.bedrock?.customModels[0]).toMatchObject({ arn: MODEL_ARN, jobRoleArn: JOB_ROLE, tags: { owner: 'ml-platform', 'data-class': 'pii', empty: '' } });
    expect(scan.facts.warnings).toEqual([]);
  });

  it('keeps a custom model whose tags and training job are refused: both left unknown, the gaps noted and warned', async () => {
    oneCustomModel();
    bedrock.on(ListTagsForResourceCommand).rejects(awsError('AccessDeniedException', 403));
    bedrock.on(GetModelCustomizationJobCommand).rejects(awsError('AccessDeniedException', 403));
    const scan = await runMocked([bedrockCollector]);
    const gaps = [
      'Tags not read for 1 custom model (access denied to bedrock:ListTagsForResource; e.g. support-tuned).',
      'Training job roles not read for 1 custom model (access denied to bedrock:GetModelCustomizationJob; e.g. support-tuned).',
    ];
    expect(scan.run('bedrock', 'us-east-1')).toMatchObject({ outcome: 'ok', message: gaps.join(' ') });
    expect(scan.facts.bedrock?.customModels).toHaveLength(1);
    expect(scan.facts.bedrock?.customModels[0]).toMatchObject({ name: 'support-tuned', jobRoleArn: null, tags: {} });
    expect(scan.facts.warnings).toEqual(gaps.map((gap) => `Bedrock logging, guardrails and custom models (us-east-1): ${gap}`));
  });

  it('asks for no training job when the model names none (imported, not trained): no role, and no gap', async () => {
    bedrock.on(ListCustomModelsCommand).resolves({ modelSummaries: [{ modelArn: MODEL_ARN, modelName: 'imported', creationTime: AT, baseModelArn: 'b', baseModelName: 'b' }] });
    bedrock.on(GetCustomModelCommand).resolves({ modelArn: MODEL_ARN, modelName: 'imported', creationTime: AT });
    const scan = await runMocked([bedrockCollector]);
    expect(scan.run('bedrock', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(bedrock.commandCalls(GetModelCustomizationJobCommand)).toHaveLength(0);
    expect(scan.facts.bedrock?.customModels[0]).toMatchObject({ jobRoleArn: null, tags: {} });
  });
});
