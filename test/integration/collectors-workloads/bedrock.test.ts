/**
 * The Bedrock collector against moto. moto implements invocation logging, custom models (with
 * zone-less timestamps the harness handler fixes), their training jobs (GetModelCustomizationJob, by
 * job ARN) and tags (ListTagsForResource), but not guardrails: ListGuardrails answers HTTP 500.
 * Without the list shim, the collector therefore fails in every region; with the harness answering ListGuardrails
 * with an empty list, the implemented parts are checked through the whole collector. Guardrail
 * parsing, and refused tag and training-job reads (moto does not enforce IAM), are covered with
 * aws-sdk-client-mock in test/unit/collectors-workloads.
 */
import { BedrockClient, CreateModelCustomizationJobCommand, PutModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveInventory } from '@core/analysis/inventory/derive-inventory';
import { bedrockCollector } from '@core/aws/collectors/workloads/bedrock';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';
import { motoBedrockRequestHandler } from '../../support/moto-bedrock-agent';
import { scanMoto, setupClientConfig } from './moto-scan';

let moto: MotoServer;
const REGIONS = ['us-east-1', 'eu-west-1'];

beforeAll(async () => {
  moto = await startMoto();
  const east = new BedrockClient({ ...setupClientConfig(moto.endpoint, 'us-east-1'), requestHandler: motoBedrockRequestHandler() });
  try {
    await east.send(
      new PutModelInvocationLoggingConfigurationCommand({
        loggingConfig: {
          cloudWatchConfig: { logGroupName: '/bedrock/invocations', roleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/bedrock-logging` },
          s3Config: { bucketName: 'acme-bedrock-logs' },
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: false,
        },
      }),
    );
    await east.send(
      new CreateModelCustomizationJobCommand({
        jobName: 'support-tune-1',
        customModelName: 'support-tuned',
        roleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/bedrock-finetune`,
        baseModelIdentifier: 'amazon.titan-text-express-v1',
        trainingDataConfig: { s3Uri: 's3://acme-training/support/train.jsonl' },
        outputDataConfig: { s3Uri: 's3://acme-training/support/output/' },
        hyperParameters: { epochCount: '1' },
        customModelTags: [
          { key: 'owner', value: 'ml-platform' },
          { key: 'ai-use', value: 'support-llm' },
        ],
      }),
    );
  } finally {
    east.destroy();
  }
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe('bedrock against moto', () => {
  it('fails while moto answers ListGuardrails with HTTP 500, and writes nothing', async () => {
    const scan = await scanMoto(moto.endpoint, [bedrockCollector], { regions: REGIONS });
    for (const region of REGIONS) {
      expect(scan.run('bedrock', region)).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/HTTP 500/) as string });
    }
    expect(scan.facts.bedrock).toBeNull();
  });

  it('records invocation logging per region and custom models with their training role and tags once moto’s guardrail gap is papered over', async () => {
    const shimmed: string[] = [];
    const scan = await scanMoto(moto.endpoint, [bedrockCollector], { regions: REGIONS, bedrock: { emptyUnimplementedLists: true, onShim: (op) => shimmed.push(op) } });
    expect(new Set(shimmed)).toEqual(new Set(['ListGuardrails']));
    for (const region of REGIONS) expect(scan.run('bedrock', region)).toMatchObject({ outcome: 'ok', message: null });
    const bedrock = scan.facts.bedrock;
    expect(bedrock?.regions.sort()).toEqual(REGIONS.slice().sort());
    const logging = new Map(bedrock?.invocationLogging.map((l) => [l.region, l.config]));
    expect(logging.get('us-east-1')).toEqual({
      cloudWatchLogGroupName: '/bedrock/invocations',
      s3BucketName: 'acme-bedrock-logs',
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: false,
      videoDataDeliveryEnabled: false,
    });
    // Never configured in eu-west-1: moto answers an empty loggingConfig, which is "off".
    expect(logging.get('eu-west-1')).toBeNull();
    expect(bedrock?.guardrails).toEqual([]);
    expect(bedrock?.customModels).toEqual([
      {
        arn: `arn:aws:bedrock:us-east-1:${MOTO_ACCOUNT_ID}:custom-model/support-tuned`,
        name: 'support-tuned',
        region: 'us-east-1',
        baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1',
        customizationType: null,
        trainingDataS3Uri: 's3://acme-training/support/train.jsonl',
        outputDataS3Uri: 's3://acme-training/support/output/',
        // From GetModelCustomizationJob: the model hangs under the identity it was trained as.
        jobRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/bedrock-finetune`,
        kmsKeyArn: expect.stringMatching(/^arn:aws:kms:/) as string,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/) as string,
        tags: { owner: 'ml-platform', 'ai-use': 'support-llm' },
      },
    ]);
    expect(scan.facts.warnings).toEqual([]);
    expect(scan.calls).toEqual({
      'bedrock:GetCustomModel': 1,
      'bedrock:GetModelCustomizationJob': 1,
      'bedrock:GetModelInvocationLoggingConfiguration': 2,
      'bedrock:ListCustomModels': 2,
      'bedrock:ListGuardrails': 2,
      'bedrock:ListTagsForResource': 1,
    });
  });
  it('hangs the custom model under the role its training job ran as, which its AI tags mark', async () => {
    const scan = await scanMoto(moto.endpoint, [bedrockCollector], { regions: ['us-east-1'], bedrock: { emptyUnimplementedLists: true } });
    const jobRole = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/bedrock-finetune`;
    // IAM is not collected here, so the role is one the scan names but did not see.
    const agent = deriveInventory(scan.facts, new Map(), () => new Date()).find((a) => a.arn === jobRole);
    expect(agent).toMatchObject({ kind: 'unscanned-role', name: 'bedrock-finetune', ai: true });
    expect(agent?.workloads).toEqual([
      { arn: `arn:aws:bedrock:us-east-1:${MOTO_ACCOUNT_ID}:custom-model/support-tuned`, type: 'bedrock-custom-model', name: 'support-tuned', region: 'us-east-1' },
    ]);
    expect(agent?.aiSignals.filter((signal) => signal.signal === 'ai-tag').map((signal) => signal.detail)).toEqual([
      expect.stringMatching(/^Bedrock custom model support-tuned \(us-east-1\) is tagged ai-use=support-llm/) as string,
    ]);
  });
});
