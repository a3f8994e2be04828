/**
 * Every workload collector, the same failures: what the outcome is when its first call fails, and
 * that nothing is written then ("we did not look" stays null), against an empty but readable account
 * where the section exists with no items ("there are none").
 */
import { BedrockAgentClient, ListAgentsCommand } from '@aws-sdk/client-bedrock-agent';
import { BedrockClient, GetModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  WORKLOAD_COLLECTORS,
  bedrockAgentsCollector,
  bedrockCollector,
  cloudTrailCollector,
  lambdaFunctionsCollector,
  sageMakerCollector,
} from '@core/aws/collectors/workloads';
import type { Collector } from '@core/aws/scanner/collector';
import type { ScanFacts } from '@core/discovery/facts';
import { awsError, dnsError, runMocked } from './run-mocked';

const mocks = {
  lambda: mockClient(LambdaClient),
  sageMaker: mockClient(SageMakerClient),
  bedrock: mockClient(BedrockClient),
  bedrockAgents: mockClient(BedrockAgentClient),
  cloudTrail: mockClient(CloudTrailClient),
};

type Section = keyof typeof mocks;

/** What the tests need of any of the stubs (their union is not callable as such). */
interface AnyStub {
  reset(): void;
  restore(): void;
  onAnyCommand(): {
    resolves(value: object): unknown;
    callsFake(fake: (input: unknown, getClient: () => { config: { region: () => Promise<string> } }) => unknown): unknown;
  };
}
const stub = (section: Section): AnyStub => mocks[section];
const SECTIONS: Section[] = ['lambda', 'sageMaker', 'bedrock', 'bedrockAgents', 'cloudTrail'];

const CASES: { collector: Collector; section: Section & keyof ScanFacts; fail: (error: Error) => void; host: string; empty: unknown }[] = [
  {
    collector: lambdaFunctionsCollector,
    section: 'lambda',
    fail: (e) => mocks.lambda.on(ListFunctionsCommand).rejects(e),
    host: 'lambda.ap-east-2.amazonaws.com',
    empty: { regions: ['us-east-1'], functions: [] },
  },
  {
    collector: sageMakerCollector,
    section: 'sageMaker',
    fail: (e) => mocks.sageMaker.on(ListEndpointsCommand).rejects(e),
    host: 'api.sagemaker.ap-east-2.amazonaws.com',
    empty: { regions: ['us-east-1'], endpoints: [], endpointConfigs: [], models: [], notebookInstances: [] },
  },
  {
    collector: bedrockCollector,
    section: 'bedrock',
    fail: (e) => mocks.bedrock.on(GetModelInvocationLoggingConfigurationCommand).rejects(e),
    host: 'bedrock.ap-east-2.amazonaws.com',
    // No loggingConfig in the answer: logging is off in the region, which is a fact of its own.
    empty: { regions: ['us-east-1'], invocationLogging: [{ region: 'us-east-1', config: null }], guardrails: [], customModels: [] },
  },
  {
    collector: bedrockAgentsCollector,
    section: 'bedrockAgents',
    fail: (e) => mocks.bedrockAgents.on(ListAgentsCommand).rejects(e),
    host: 'bedrock-agent.ap-east-2.amazonaws.com',
    empty: { regions: ['us-east-1'], agents: [], knowledgeBases: [] },
  },
  {
    collector: cloudTrailCollector,
    section: 'cloudTrail',
    fail: (e) => mocks.cloudTrail.on(DescribeTrailsCommand).rejects(e),
    host: 'cloudtrail.ap-east-2.amazonaws.com',
    empty: { regions: ['us-east-1'], trails: [] },
  },
];

beforeEach(() => {
  for (const section of SECTIONS) {
    stub(section).reset();
    // An account with nothing in it: every call answers, with no items.
    stub(section).onAnyCommand().resolves({});
  }
});

afterAll(() => {
  for (const section of SECTIONS) stub(section).restore();
});

describe('WORKLOAD_COLLECTORS', () => {
  it('are the five regional phase-2 collectors, with stable distinct IDs', () => {
    expect(WORKLOAD_COLLECTORS.map((c) => c.id)).toEqual(['lambda-functions', 'sagemaker', 'bedrock', 'bedrock-agents', 'cloudtrail']);
    for (const collector of WORKLOAD_COLLECTORS) {
      expect(collector).toMatchObject({ scope: 'regional', phase: 2 });
      expect(collector.label.length).toBeGreaterThan(5);
    }
  });
});

describe.each(CASES)('$collector.id', ({ collector, section, fail, host, empty }) => {
  it('writes an empty section covering the region when there is nothing', async () => {
    const scan = await runMocked([collector], { regions: ['us-east-1'] });
    expect(scan.run(collector.id, 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts[section]).toEqual(empty);
  });

  it.each([
    { error: awsError('AccessDeniedException', 403, 'User: arn:aws:iam::111122223333:user/scanner is not authorized'), outcome: 'denied', message: /Access denied/ },
    { error: awsError('ThrottlingException', 400, 'Rate exceeded'), outcome: 'throttled', message: /throttling/ },
    { error: awsError('InternalServerException', 500, 'Internal failure'), outcome: 'failed', message: /HTTP 500/ },
  ])('$error.name → $outcome, and nothing is written', async ({ error, outcome, message }) => {
    fail(error);
    const scan = await runMocked([collector], { regions: ['us-east-1'] });
    expect(scan.run(collector.id, 'us-east-1')).toMatchObject({ outcome, message: expect.stringMatching(message) as string });
    expect(scan.facts[section]).toBeNull();
    expect(scan.facts.warnings).toEqual([]);
  });

  it('a region without the service (no DNS name) → unsupported, while another region is collected', async () => {
    // Only ap-east-2 fails: the same client class serves both regions.
    stub(section).onAnyCommand().callsFake(async (_input, getClient) => {
      if ((await getClient().config.region()) === 'ap-east-2') throw dnsError(host);
      return {};
    });
    const scan = await runMocked([collector], { regions: ['us-east-1', 'ap-east-2'] });
    expect(scan.run(collector.id, 'ap-east-2')).toMatchObject({ outcome: 'unsupported', message: expect.stringMatching(/ENOTFOUND/) as string });
    expect(scan.run(collector.id, 'us-east-1').outcome).toBe('ok');
    expect(scan.facts[section]).toMatchObject({ regions: ['us-east-1'] });
  });
});
