/** The choice of identities for the bounded service-last-accessed jobs: pure, ranked, stable. */
import { describe, expect, it } from 'vitest';
import {
  AI_SERVICE_NAMESPACES,
  chooseLastAccessedPrincipals,
  isAiServiceNamespace,
  policyActionSignals,
  trustedServices,
  type LastAccessedInputs,
} from '@core/aws/collectors/iam/last-accessed-priority';
import type { LambdaFunctionFacts, SageMakerModelFacts } from '@core/discovery/facts';
import { ACCOUNT, allow, groupFacts, iamFacts, managedPolicy, roleFacts, trust, userFacts } from './last-accessed-fixtures';

const BEDROCK_FULL = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';

function inputs(parts: Partial<LastAccessedInputs>): LastAccessedInputs {
  return { iam: null, lambda: null, sageMaker: null, bedrock: null, bedrockAgents: null, ...parts };
}

function lambdaFunction(name: string, roleArn: string): LambdaFunctionFacts {
  return {
    arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
    name,
    region: 'eu-west-1',
    runtime: 'python3.12',
    roleArn,
    environmentVariableNames: [],
    tags: {},
    functionUrls: [],
    lastModified: null,
    description: null,
  };
}

function sageMakerModel(name: string, roleArn: string): SageMakerModelFacts {
  return {
    arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/${name}`,
    name,
    region: 'eu-west-1',
    executionRoleArn: roleArn,
    networkIsolation: false,
    vpcConfig: null,
    createdAt: null,
    tags: {},
  };
}

/** An account with one identity of each kind, named after what should rank it. */
function account(): LastAccessedInputs {
  return inputs({
    iam: iamFacts({
      users: [
        userFacts('z-plain-user'),
        userFacts('bedrock-via-group', { groups: ['ml'] }),
        userFacts('admin-notaction', { inline: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }] }),
        userFacts('denied-bedrock', { inline: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }] }] }),
      ],
      groups: [groupFacts('ml', { attached: [BEDROCK_FULL] })],
      roles: [
        roleFacts('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/' }),
        roleFacts('a-plain-role'),
        roleFacts('lambda-trusted', { trust: trust('lambda.amazonaws.com') }),
        roleFacts('star-actions', { inline: [allow('*')] }),
        roleFacts('glob-s-star', { inline: [allow('s*:Invoke*')] }),
        roleFacts('bedrock-trusted', { trust: trust('bedrock.amazonaws.com') }),
        roleFacts('bedrock-trusted-and-allowed', { trust: trust('bedrock.amazonaws.com'), inline: [allow(['bedrock:InvokeModel', 's3:GetObject'])] }),
        roleFacts('sagemaker-model-role', { path: '/service-role/' }),
        roleFacts('fn-exec', { path: '/service-role/' }),
      ],
      policies: [managedPolicy(BEDROCK_FULL, allow('bedrock:*'))],
    }),
    sageMaker: { regions: ['eu-west-1'], endpoints: [], endpointConfigs: [], models: [sageMakerModel('m', `arn:aws:iam::${ACCOUNT}:role/service-role/sagemaker-model-role`)], notebookInstances: [] },
    lambda: { regions: ['eu-west-1'], functions: [lambdaFunction('f', `arn:aws:iam::${ACCOUNT}:role/service-role/fn-exec`)] },
  });
}

const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

describe('chooseLastAccessedPrincipals', () => {
  it('ranks AI-trusted and AI-workload roles first, then AI permissions, then Lambda and wildcards, then the rest', () => {
    const { selected, skipped } = chooseLastAccessedPrincipals(account(), 100);
    expect(skipped).toEqual([]);
    expect(selected.map((c) => [nameOf(c.arn), c.rank, c.reasons])).toEqual([
      ['bedrock-trusted-and-allowed', 0, ['trusted-by-ai-service', 'ai-actions']],
      ['bedrock-trusted', 0, ['trusted-by-ai-service']],
      ['sagemaker-model-role', 0, ['ai-workload-role']],
      ['glob-s-star', 1, ['ai-actions']],
      ['bedrock-via-group', 1, ['ai-actions']],
      // Ties by ARN: roles (`:role/…`, paths included) before users (`:user/…`).
      ['lambda-trusted', 2, ['trusted-by-lambda']],
      ['fn-exec', 2, ['lambda-execution-role']],
      ['star-actions', 2, ['wildcard-actions']],
      ['admin-notaction', 2, ['wildcard-actions']],
      ['a-plain-role', 3, []],
      ['denied-bedrock', 3, []],
      ['z-plain-user', 3, []],
      ['AWSServiceRoleForSupport', 3, []],
    ]);
    expect(selected.find((c) => nameOf(c.arn) === 'z-plain-user')?.kind).toBe('user');
  });

  it('keeps the best `limit` and returns the rest as skipped, in order', () => {
    const all = chooseLastAccessedPrincipals(account(), 100).selected;
    const { selected, skipped } = chooseLastAccessedPrincipals(account(), 3);
    expect(selected).toEqual(all.slice(0, 3));
    expect(skipped).toEqual(all.slice(3));
    expect(chooseLastAccessedPrincipals(account(), 0).selected).toEqual([]);
    expect(chooseLastAccessedPrincipals(account(), 2.9).selected).toHaveLength(2);
  });

  it('is stable: the same facts in another order give the same choice', () => {
    const facts = account();
    const shuffled = inputs({
      ...facts,
      iam: facts.iam && { ...facts.iam, users: [...facts.iam.users].reverse(), roles: [...facts.iam.roles].reverse() },
    });
    expect(chooseLastAccessedPrincipals(shuffled, 5)).toEqual(chooseLastAccessedPrincipals(facts, 5));
  });

  it('without the IAM inventory there is nothing to choose', () => {
    expect(chooseLastAccessedPrincipals(inputs({}), 10)).toEqual({ selected: [], skipped: [] });
  });

  it('matches workload roles by name, whatever path the workload gives', () => {
    const facts = inputs({
      iam: iamFacts({ roles: [roleFacts('agent-role', { path: '/bedrock/' })] }),
      bedrockAgents: {
        regions: ['us-east-1'],
        knowledgeBases: [],
        agents: [
          {
            arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/A1`,
            id: 'A1',
            name: 'support',
            region: 'us-east-1',
            roleArn: `arn:aws:iam::${ACCOUNT}:role/agent-role`,
            foundationModel: null,
            guardrail: null,
            status: null,
            description: null,
            idleSessionTtlSeconds: null,
            customerEncryptionKeyArn: null,
            createdAt: null,
            updatedAt: null,
            actionGroups: [],
            aliases: [],
            servedVersions: [],
            knowledgeBaseIds: [],
            tags: {},
          },
        ],
      },
    });
    expect(chooseLastAccessedPrincipals(facts, 1).selected[0]?.reasons).toEqual(['ai-workload-role']);
  });
});

describe('policyActionSignals', () => {
  it.each([
    [allow('bedrock:InvokeModel'), { ai: true, wildcard: false }],
    [allow('SageMaker:CreateEndpoint'), { ai: true, wildcard: false }],
    [allow(['s3:GetObject', 'textract:AnalyzeDocument']), { ai: true, wildcard: false }],
    [allow('bedrock*:*'), { ai: true, wildcard: false }],
    [allow('*'), { ai: false, wildcard: true }],
    [allow('*:*'), { ai: false, wildcard: true }],
    [allow('s3:*'), { ai: false, wildcard: false }],
    [allow('ec2:*'), { ai: false, wildcard: false }],
    [{ Version: '2012-10-17', Statement: { Effect: 'Allow', NotAction: 's3:*', Resource: '*' } }, { ai: false, wildcard: true }],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }, { ai: false, wildcard: false }],
    [null, { ai: false, wildcard: false }],
  ])('%j → %j', (document, expected) => {
    expect(policyActionSignals(document)).toEqual(expected);
  });
});

describe('AI namespaces and trusted services', () => {
  it('knows bedrock, sagemaker and the other AI services, case-insensitively', () => {
    for (const namespace of ['bedrock', 'sagemaker', 'comprehend', 'textract', 'rekognition', 'kendra', 'q']) {
      expect(AI_SERVICE_NAMESPACES).toContain(namespace);
    }
    expect(isAiServiceNamespace('Bedrock')).toBe(true);
    expect(isAiServiceNamespace('s3')).toBe(false);
  });

  it('reads service principals from string and list forms, Allow only', () => {
    expect(trustedServices(trust('bedrock.amazonaws.com', 'lambda.amazonaws.com'))).toEqual(['bedrock.amazonaws.com', 'lambda.amazonaws.com']);
    expect(trustedServices({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] })).toEqual([]);
    expect(trustedServices({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] })).toEqual([]);
  });
});
