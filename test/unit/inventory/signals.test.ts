import { describe, expect, it } from 'vitest';
import { deriveInventory } from '@core/analysis/inventory/derive-inventory';
import type { AiSignalKind, InventoryAgent } from '@core/analysis/inventory/types';
import type { ScanFacts } from '@core/discovery/facts';
import {
  ACCOUNT,
  allow,
  clock,
  daysAgo,
  emptyBedrockAgents,
  emptyFacts,
  emptySageMaker,
  group,
  iam,
  lambdaFunction,
  managedPolicy,
  reportRow,
  role,
  roleArn,
  trustService,
  user,
  userArn,
} from './facts-builder';

function derive(facts: ScanFacts): InventoryAgent[] {
  return deriveInventory(facts, new Map(), clock);
}

function agentNamed(facts: ScanFacts, name: string): InventoryAgent {
  const agent = derive(facts).find((a) => a.name === name);
  if (agent === undefined) throw new Error(`no agent ${name}`);
  return agent;
}

function signalsOf(agent: InventoryAgent, kind: AiSignalKind): InventoryAgent['aiSignals'] {
  return agent.aiSignals.filter((s) => s.signal === kind);
}

function withRole(...roles: ReturnType<typeof role>[]): ScanFacts {
  const facts = emptyFacts();
  iam(facts).roles.push(...roles);
  return facts;
}

describe('trusted-by-ai-service', () => {
  it('fires for a role Bedrock, SageMaker or AgentCore may assume', () => {
    for (const service of ['bedrock.amazonaws.com', 'sagemaker.amazonaws.com', 'bedrock-agentcore.amazonaws.com']) {
      const agent = agentNamed(withRole(role('r', { trustPolicy: trustService(service) })), 'r');
      expect(agent.ai).toBe(true);
      expect(signalsOf(agent, 'trusted-by-ai-service')).toEqual([
        { signal: 'trusted-by-ai-service', source: roleArn('r'), detail: `the trust policy lets ${service} assume the role` },
      ]);
    }
  });

  it('fires when the AI service is one of several principals', () => {
    const agent = agentNamed(withRole(role('r', { trustPolicy: trustService('lambda.amazonaws.com', 'sagemaker.amazonaws.com') })), 'r');
    expect(signalsOf(agent, 'trusted-by-ai-service')).toHaveLength(1);
    expect(agent.trust?.services).toEqual(['lambda.amazonaws.com', 'sagemaker.amazonaws.com']);
  });

  it('does not fire for other services, nor for a Deny naming Bedrock', () => {
    expect(agentNamed(withRole(role('r')), 'r').ai).toBe(false);
    const deny = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    expect(agentNamed(withRole(role('r', { trustPolicy: deny })), 'r').ai).toBe(false);
  });
});

describe('ai-permissions', () => {
  it('fires for an inline Allow of an AI action and names the policy', () => {
    const agent = agentNamed(withRole(role('r', { inlinePolicies: [{ name: 'invoke', document: allow('bedrock:InvokeModel') }] })), 'r');
    expect(signalsOf(agent, 'ai-permissions')).toEqual([
      { signal: 'ai-permissions', source: roleArn('r'), detail: 'inline policy invoke allows bedrock:InvokeModel' },
    ]);
  });

  it('fires for an attached managed policy, read once, with the policy ARN as source', () => {
    const facts = emptyFacts();
    const policy = managedPolicy('ml-platform', allow(['s3:GetObject', 'sagemaker:*', 'Comprehend:Detect*']));
    iam(facts).policies.push(policy);
    iam(facts).roles.push(role('a', { attachedPolicies: [{ arn: policy.arn, name: policy.name }] }), role('b', { attachedPolicies: [{ arn: policy.arn, name: policy.name }] }));
    for (const name of ['a', 'b']) {
      expect(signalsOf(agentNamed(facts, name), 'ai-permissions')).toEqual([
        { signal: 'ai-permissions', source: policy.arn, detail: 'managed policy ml-platform allows sagemaker:*, Comprehend:Detect*' },
      ]);
    }
  });

  it('fires for a user through its group', () => {
    const facts = emptyFacts();
    iam(facts).groups.push(group('ml', { inlinePolicies: [{ name: 'train', document: allow('sagemaker:CreateTrainingJob') }] }));
    iam(facts).users.push(user('u', { groups: ['ml'] }));
    const [signal] = signalsOf(agentNamed(facts, 'u'), 'ai-permissions');
    expect(signal?.detail).toBe('group ml: inline policy train allows sagemaker:CreateTrainingJob');
    expect(signal?.source).toBe(`arn:aws:iam::${ACCOUNT}:group/ml`);
  });

  it('does not fire for full admin (`*`, `*:*`, NotAction): breadth is not evidence of AI', () => {
    const facts = emptyFacts();
    const admin = managedPolicy('AdministratorAccess', allow('*'), true);
    iam(facts).policies.push(admin);
    iam(facts).roles.push(
      role('admin', { attachedPolicies: [{ arn: admin.arn, name: admin.name }] }),
      role('star-star', { inlinePolicies: [{ name: 'all', document: allow('*:*') }] }),
      role('star-invoke', { inlinePolicies: [{ name: 'any-invoke', document: allow('*:InvokeModel') }] }),
      role('not-action', {
        inlinePolicies: [{ name: 'all-but-iam', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } }],
      }),
    );
    for (const agent of derive(facts)) expect(agent.ai, agent.name).toBe(false);
  });

  it('does not fire for a Deny-only Bedrock statement (a guardrail grants nothing)', () => {
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }] };
    expect(agentNamed(withRole(role('r', { inlinePolicies: [{ name: 'no-ai', document: deny }] })), 'r').ai).toBe(false);
  });

  it('does not fire for non-AI services or a service wildcard that does not spell out an AI namespace', () => {
    const agent = agentNamed(withRole(role('r', { inlinePolicies: [{ name: 'p', document: allow(['s3:*', 's*:*', 'lambda:InvokeFunction', 'logs:*']) }] })), 'r');
    expect(agent.ai).toBe(false);
    const spelled = agentNamed(withRole(role('r', { inlinePolicies: [{ name: 'p', document: allow('bedrock*:*') }] })), 'r');
    expect(spelled.ai).toBe(true);
  });

  it('does not fire for metadata reads and housekeeping only: audit, monitoring and cost-control roles are not AI agents', () => {
    const metadata = allow(['bedrock:List*', 'bedrock:GetAgent', 'sagemaker:Describe*', 'sagemaker:ListEndpoints', 'comprehend:BatchGet*', 'sagemaker:StopNotebookInstance', 'bedrock:TagResource', 'sagemaker:DeleteEndpoint']);
    expect(agentNamed(withRole(role('auditor', { inlinePolicies: [{ name: 'read', document: metadata }] })), 'auditor').ai).toBe(false);
    const use = agentNamed(withRole(role('user', { inlinePolicies: [{ name: 'use', document: allow(['bedrock:List*', 'bedrock:Invoke*']) }] })), 'user');
    expect(signalsOf(use, 'ai-permissions').map((s) => s.detail)).toEqual(['inline policy use allows bedrock:Invoke*']);
  });

  it('does not fire for a catalogue policy (ReadOnlyAccess-like) that lists every service', () => {
    const actions = Array.from({ length: 60 }, (_, i) => `service${i}:Describe*`).concat(['comprehend:Describe*', 'bedrock:List*']);
    const facts = emptyFacts();
    const readOnly = managedPolicy('ReadOnlyAccess', allow(actions), true);
    iam(facts).policies.push(readOnly);
    iam(facts).roles.push(role('auditor', { attachedPolicies: [{ arn: readOnly.arn, name: readOnly.name }] }));
    expect(agentNamed(facts, 'auditor').ai).toBe(false);
  });

  it('judges an attached AWS managed AI policy by its name when the export lacks its document', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('r', { attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess', name: 'AmazonSageMakerFullAccess' }] }),
      role('lexer', { attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonLexFullAccess', name: 'AmazonLexFullAccess' }] }),
      role('other', { attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', name: 'AmazonS3FullAccess' }] }),
      role('quicksight', { attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonQuickSightAccess', name: 'AmazonQuickSightAccess' }] }),
      role('custom', { attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/BedrockStuff`, name: 'BedrockStuff' }] }),
    );
    const [signal] = signalsOf(agentNamed(facts, 'r'), 'ai-permissions');
    expect(signal?.detail).toContain('judged by its name');
    expect(agentNamed(facts, 'lexer').ai).toBe(true);
    expect(agentNamed(facts, 'other').ai).toBe(false);
    expect(agentNamed(facts, 'quicksight').ai).toBe(false);
    // A customer policy's name says nothing reliable; without its document there is no signal.
    expect(agentNamed(facts, 'custom').ai).toBe(false);
  });
});

describe('recent-ai-use', () => {
  function withAccess(namespace: string, lastAuthenticated: string | null): ScanFacts {
    const facts = withRole(role('r'));
    facts.serviceLastAccessed = [
      {
        principalArn: roleArn('r'),
        serviceNamespace: namespace,
        serviceName: namespace === 'bedrock' ? 'Amazon Bedrock' : null,
        lastAuthenticated,
        lastAuthenticatedEntity: null,
        lastAuthenticatedRegion: 'eu-west-1',
        totalAuthenticatedEntities: null,
      },
    ];
    return facts;
  }

  it('fires for AI use within 90 days', () => {
    const agent = agentNamed(withAccess('bedrock', daysAgo(10)), 'r');
    expect(signalsOf(agent, 'recent-ai-use')).toEqual([
      { signal: 'recent-ai-use', source: roleArn('r'), detail: `used Amazon Bedrock (bedrock) on ${daysAgo(10)} in eu-west-1` },
    ]);
  });

  it('fires for an access key last used with an AI service (credential report)', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('u'), user('old'));
    facts.credentialReport = {
      generatedAt: null,
      rows: [
        reportRow('u', { key2: { active: true, lastRotated: daysAgo(100), lastUsedDate: daysAgo(3), lastUsedService: 'bedrock', lastUsedRegion: 'us-east-1' } }),
        reportRow('old', { key1: { active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(300), lastUsedService: 'bedrock', lastUsedRegion: 'us-east-1' } }),
      ],
    };
    expect(signalsOf(agentNamed(facts, 'u'), 'recent-ai-use')).toEqual([
      { signal: 'recent-ai-use', source: userArn('u'), detail: `access key 2 was last used with bedrock on ${daysAgo(3)} in us-east-1` },
    ]);
    expect(agentNamed(facts, 'old').ai).toBe(false);
  });

  it('does not fire for older use, no use, or a non-AI service', () => {
    expect(agentNamed(withAccess('bedrock', daysAgo(91)), 'r').ai).toBe(false);
    expect(agentNamed(withAccess('sagemaker', null), 'r').ai).toBe(false);
    expect(agentNamed(withAccess('s3', daysAgo(1)), 'r').ai).toBe(false);
  });
});

describe('ai-env-var', () => {
  it('fires on the role a function runs as, naming the variable and the function', () => {
    const facts = withRole(role('fn-role'));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [lambdaFunction('summarise', roleArn('fn-role'), { environmentVariableNames: ['DATABASE_URL', 'OPENAI_API_KEY', 'EMAIL_HOST'] })],
    };
    const agent = agentNamed(facts, 'fn-role');
    const signals = signalsOf(agent, 'ai-env-var');
    expect(signals).toHaveLength(1);
    expect(signals[0]?.source).toBe(facts.lambda.functions[0]?.arn);
    expect(signals[0]?.detail).toContain('OPENAI_API_KEY (OpenAI, a secret)');
  });

  it('does not fire for ordinary variable names', () => {
    const facts = withRole(role('fn-role'));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [lambdaFunction('mailer', roleArn('fn-role'), { environmentVariableNames: ['DATABASE_URL', 'EMAIL_HOST', 'STRIPE_API_KEY', 'HEALTH_URL', 'DETAIL_LEVEL'] })],
    };
    expect(agentNamed(facts, 'fn-role').ai).toBe(false);
  });
});

describe('ai-tag', () => {
  it('fires for AI words in a key or value of the identity', () => {
    const agent = agentNamed(withRole(role('r', { tags: { Project: 'genai-support', ai: 'true' } })), 'r');
    expect(signalsOf(agent, 'ai-tag').map((s) => s.detail).sort()).toEqual([
      'tagged Project=genai-support ("genai" in the value)',
      'tagged ai=true ("ai" in the key)',
    ]);
  });

  it('does not fire on words that merely contain "ai" or "ml", negations, owners or software agents', () => {
    const tags = {
      service: 'emailer',
      detail: 'html-render',
      maintainer: 'platform',
      ai: 'false',
      owner: 'ai-team',
      contact: 'ml-lead@example.com',
      component: 'datadog-agent',
      'user-agent': 'curl',
    };
    expect(agentNamed(withRole(role('r', { tags })), 'r').aiSignals).toEqual([]);
  });

  it('fires for a workload tagged as AI, on the identity it runs as', () => {
    const facts = withRole(role('fn-role'));
    facts.lambda = { regions: ['eu-west-1'], functions: [lambdaFunction('bot', roleArn('fn-role'), { tags: { app: 'support-chatbot' } })] };
    const [signal] = signalsOf(agentNamed(facts, 'fn-role'), 'ai-tag');
    expect(signal?.source).toBe(facts.lambda.functions[0]?.arn);
    expect(signal?.detail).toContain('app=support-chatbot');
  });

  it('fires for tags of a Bedrock agent, knowledge base and custom model (now collected), on the role each runs as', () => {
    const facts = withRole(role('agent-role'), role('kb-role'), role('job-role'));
    facts.bedrockAgents = emptyBedrockAgents();
    facts.bedrockAgents.agents.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:agent/A1`,
      id: 'A1',
      name: 'helper',
      region: 'eu-west-1',
      roleArn: roleArn('agent-role'),
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
      tags: { workload: 'llm-gateway' },
    });
    facts.bedrockAgents.knowledgeBases.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:knowledge-base/KB1`,
      id: 'KB1',
      name: 'docs',
      region: 'eu-west-1',
      roleArn: roleArn('kb-role'),
      status: null,
      storageType: null,
      embeddingModelArn: null,
      dataSources: [{ id: 'DS1', name: 'docs', type: 'S3', s3BucketArn: 'arn:aws:s3:::docs' }],
      createdAt: null,
      updatedAt: null,
      tags: { purpose: 'rag-search' },
    });
    facts.bedrock = { regions: ['eu-west-1'], invocationLogging: [], guardrails: [], customModels: [] };
    facts.bedrock.customModels.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:custom-model/cm`,
      name: 'cm',
      region: 'eu-west-1',
      baseModelArn: null,
      customizationType: 'FINE_TUNING',
      trainingDataS3Uri: null,
      outputDataS3Uri: null,
      jobRoleArn: roleArn('job-role'),
      kmsKeyArn: null,
      createdAt: null,
      tags: { team: 'ml-platform', stage: 'inference' },
    });
    const details = (name: string): string[] => signalsOf(agentNamed(facts, name), 'ai-tag').map((s) => s.detail);
    expect(details('agent-role')).toEqual(['Bedrock agent helper (eu-west-1) is tagged workload=llm-gateway ("llm")']);
    expect(details('kb-role')).toEqual(['Bedrock knowledge base docs (eu-west-1) is tagged purpose=rag-search ("rag")']);
    // An owner-like tag names a team, not AI, even when the team is the ML team.
    expect(details('job-role')).toEqual(['Bedrock custom model cm (eu-west-1) is tagged stage=inference ("inference")']);
  });
});

describe('ai-workload', () => {
  it('fires for each AI workload type, and for the function behind a Bedrock agent action group', () => {
    const facts = withRole(role('agent-role'), role('kb-role'), role('nb-role'), role('model-role'), role('job-role'), role('exec-role'), role('plain-fn-role'));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [lambdaFunction('executor', roleArn('exec-role')), lambdaFunction('plain', roleArn('plain-fn-role'))],
    };
    facts.bedrockAgents = emptyBedrockAgents();
    facts.bedrockAgents.agents.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:agent/AG1`,
      id: 'AG1',
      name: 'support',
      region: 'eu-west-1',
      roleArn: roleArn('agent-role'),
      foundationModel: null,
      guardrail: null,
      status: 'PREPARED',
      description: null,
      idleSessionTtlSeconds: null,
      customerEncryptionKeyArn: null,
      createdAt: null,
      updatedAt: null,
      actionGroups: [
        {
          id: 'G1',
          name: 'tickets',
          agentVersion: 'DRAFT',
          state: 'ENABLED',
          executorLambdaArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:executor:live`,
          customControl: null,
          parentActionGroupSignature: null,
          functions: [],
          apiSchema: null,
        },
      ],
      aliases: [],
      servedVersions: [],
      knowledgeBaseIds: [],
      tags: {},
    });
    facts.bedrockAgents.knowledgeBases.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:knowledge-base/KB1`,
      id: 'KB1',
      name: 'docs',
      region: 'eu-west-1',
      roleArn: roleArn('kb-role'),
      status: null,
      storageType: null,
      embeddingModelArn: null,
      dataSources: [],
      createdAt: null,
      updatedAt: null,
      tags: {},
    });
    facts.sageMaker = emptySageMaker();
    facts.sageMaker.notebookInstances.push({
      arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:notebook-instance/nb`,
      name: 'nb',
      region: 'eu-west-1',
      roleArn: roleArn('nb-role'),
      directInternetAccess: true,
      rootAccess: true,
      kmsKeyId: null,
      subnetId: null,
      status: null,
      createdAt: null,
      tags: {},
    });
    facts.sageMaker.models.push({
      arn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model/m`,
      name: 'm',
      region: 'eu-west-1',
      executionRoleArn: roleArn('model-role'),
      networkIsolation: false,
      vpcConfig: null,
      createdAt: null,
      tags: {},
    });
    facts.bedrock = { regions: ['eu-west-1'], invocationLogging: [], guardrails: [], customModels: [] };
    facts.bedrock.customModels.push({
      arn: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:custom-model/cm`,
      name: 'cm',
      region: 'eu-west-1',
      baseModelArn: null,
      customizationType: 'FINE_TUNING',
      trainingDataS3Uri: null,
      outputDataS3Uri: null,
      jobRoleArn: roleArn('job-role'),
      kmsKeyArn: null,
      createdAt: null,
      tags: {},
    });
    const expected: Record<string, string> = {
      'agent-role': 'runs Bedrock agent support (eu-west-1)',
      'kb-role': 'runs Bedrock knowledge base docs (eu-west-1)',
      'nb-role': 'runs SageMaker notebook instance nb (eu-west-1)',
      'model-role': 'runs SageMaker model m (eu-west-1)',
      'job-role': 'runs Bedrock custom model cm (eu-west-1)',
      'exec-role': 'runs Lambda function executor (eu-west-1), the action-group executor of Bedrock agent support',
    };
    for (const [name, detail] of Object.entries(expected)) {
      expect(signalsOf(agentNamed(facts, name), 'ai-workload').map((s) => s.detail), name).toEqual([detail]);
    }
    expect(agentNamed(facts, 'plain-fn-role').ai).toBe(false);
  });
});

describe('ai-credential', () => {
  it('marks the user holding a Bedrock API key', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('BedrockAPIKey-abcd'));
    facts.serviceSpecificCredentials = [
      {
        id: 'ACCA1',
        userName: 'BedrockAPIKey-abcd',
        serviceName: 'bedrock.amazonaws.com',
        serviceUserName: 'BedrockAPIKey-abcd-at-111122223333',
        status: 'Active',
        createdAt: daysAgo(5),
        expiresAt: null,
      },
    ];
    const agents = derive(facts);
    expect(agents).toHaveLength(1);
    expect(agents[0]?.aiSignals).toEqual([
      { signal: 'ai-credential', source: userArn('BedrockAPIKey-abcd'), detail: 'holds Bedrock API key ACCA1 (Active, never expires)' },
    ]);
  });

  it('is not raised by another service-specific credential (CodeCommit)', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('git'));
    facts.serviceSpecificCredentials = [
      { id: 'ACCA2', userName: 'git', serviceName: 'codecommit.amazonaws.com', serviceUserName: 'git-at-1', status: 'Active', createdAt: daysAgo(5), expiresAt: null },
    ];
    const agents = derive(facts);
    expect(agents).toHaveLength(1);
    expect(agents[0]?.ai).toBe(false);
    expect(agents[0]?.credentials.map((c) => c.type)).toEqual(['service-specific-credential']);
  });
});
