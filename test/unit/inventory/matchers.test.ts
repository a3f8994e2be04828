import { describe, expect, it } from 'vitest';
import { AI_ENV_VAR_NAMES, identifierWords, matchAiEnvVarName } from '@core/analysis/inventory/ai-env-vars';
import { aiNamespaceOfAction, aiServiceOfPrincipal, isAiNamespace, isNonUseAction } from '@core/analysis/inventory/ai-services';
import { aiWordIn, matchAiTags } from '@core/analysis/inventory/ai-tags';
import { OWNER_TAG_KEYS, isOwnerTagKey, ownerFromTags } from '@core/analysis/inventory/owner-tags';
import { readAiActions, summariseTrust } from '@core/analysis/inventory/policy-reading';

describe('AI namespaces', () => {
  it.each([
    ['bedrock:InvokeModel', 'bedrock'],
    ['bedrock:*', 'bedrock'],
    ['Bedrock:invokeModelWithResponseStream', 'bedrock'],
    ['sagemaker:Create*', 'sagemaker'],
    ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore'],
    ['comprehend:DetectSentiment', 'comprehend'],
    ['q:SendMessage', 'q'],
    ['bedrock*:*', 'bedrock'],
    ['bedrock-agentcore*:*', 'bedrock-agentcore'],
  ])('%s names %s', (action, namespace) => {
    expect(aiNamespaceOfAction(action)).toBe(namespace);
  });

  it.each(['*', '*:*', '*:InvokeModel', 's*:*', 'sage*:*', 's3:GetObject', 'lambda:InvokeFunction', 'quicksight:*', 'qldb:*', 'nonsense'])('%s names none', (action) => {
    expect(aiNamespaceOfAction(action)).toBeNull();
  });

  it.each([
    ['bedrock:ListFoundationModels', true],
    ['bedrock:Get*', true],
    ['sagemaker:describeEndpoint', true],
    ['sagemaker:StopNotebookInstance', true],
    ['bedrock:InvokeModel', false],
    ['bedrock:*', false],
    ['bedrock:G*', false],
    ['sagemaker:CreateEndpoint', false],
    ['bedrock:Retrieve', false],
  ])('%s is a non-use action: %s', (action, expected) => {
    expect(isNonUseAction(action)).toBe(expected);
  });

  it('knows the AI services and their principals', () => {
    expect(isAiNamespace('SageMaker')).toBe(true);
    expect(isAiNamespace('s3')).toBe(false);
    expect(aiServiceOfPrincipal('bedrock.amazonaws.com')).toBe('bedrock');
    expect(aiServiceOfPrincipal('channels.lex.amazonaws.com')).toBe('lex');
    expect(aiServiceOfPrincipal('lexv2.amazonaws.com')).toBe('lexv2');
    expect(aiServiceOfPrincipal('sagemaker.amazonaws.com.cn')).toBe('sagemaker');
    expect(aiServiceOfPrincipal('lambda.amazonaws.com')).toBeNull();
    expect(aiServiceOfPrincipal('bedrock.example.com')).toBeNull();
  });
});

describe('AI environment variable names', () => {
  it.each(AI_ENV_VAR_NAMES.map((name) => [name]))('%s matches', (name) => {
    expect(matchAiEnvVarName(name)).not.toBeNull();
  });

  it.each([
    ['MY_OPENAI_KEY', 'OpenAI', true],
    ['myOpenAIKey', 'OpenAI', true],
    ['OPEN_AI_TOKEN', 'OpenAI', true],
    ['HUGGING_FACE_HUB_TOKEN', 'Hugging Face', true],
    ['ANTHROPIC_MODEL', 'Anthropic', false],
    ['azure-openai-endpoint', 'Azure OpenAI', false],
  ])('%s → %s (secret %s)', (name, provider, secret) => {
    expect(matchAiEnvVarName(name)).toEqual({ provider, secret });
  });

  it.each(['DATABASE_URL', 'EMAIL_HOST', 'MAIL_API_KEY', 'STRIPE_API_KEY', 'HEALTH_URL', 'AWS_REGION', 'LOG_LEVEL', 'API_KEY', 'DETAIL', 'HF', 'TOGETHER', 'AI_ENABLED', 'CONTAINER_PORT'])(
    '%s does not match',
    (name) => {
      expect(matchAiEnvVarName(name)).toBeNull();
    },
  );

  it('splits identifiers into words', () => {
    expect(identifierWords('myOpenAIKey')).toEqual(['MY', 'OPEN', 'AI', 'KEY']);
    expect(identifierWords('HF_TOKEN')).toEqual(['HF', 'TOKEN']);
  });
});

describe('AI tags', () => {
  it.each([
    ['genai-support', 'genai'],
    ['GenAI', 'gen ai'],
    ['LLM gateway', 'llm'],
    ['Machine-Learning', 'machine learning'],
    ['support-agent', 'agent'],
    ['bedrock', 'bedrock'],
    ['sagemakerPipelines', 'sagemaker'],
    ['ML', 'ml'],
  ])('%s holds %s', (text, word) => {
    expect(aiWordIn(text)).toBe(word);
  });

  it.each(['emailer', 'detail', 'html', 'maintainer', 'email', 'retail', 'xml', 'datadog-agent', 'ssm-agent', 'user-agent', 'aim', 'mailing-list', 'paid'])(
    '%s holds none',
    (text) => {
      expect(aiWordIn(text)).toBeNull();
    },
  );

  it('skips owner tags, e-mail values, negations and AWS keys by name', () => {
    expect(
      matchAiTags({ owner: 'ai-team', 'contact-email': 'ml@x.io', notify: 'ml@x.io', ai: 'no', 'aws:cloudformation:stack-name': 'billing' }),
    ).toEqual([]);
    expect(matchAiTags({ 'aws:cloudformation:stack-name': 'llm-gateway' })).toEqual([
      { key: 'aws:cloudformation:stack-name', value: 'llm-gateway', word: 'llm', in: 'value' },
    ]);
  });
});

describe('owner tags', () => {
  it('lists the usual spellings', () => {
    for (const key of ['owner', 'Owner', 'team', 'Team', 'contact', 'owner-email']) expect(OWNER_TAG_KEYS).toContain(key);
    for (const key of ['OWNER', 'owner_email', 'OwnerEmail', 'Technical-Owner', 'CreatedBy']) expect(isOwnerTagKey(key), key).toBe(true);
    expect(isOwnerTagKey('ownership-model')).toBe(false);
  });

  it('prefers an owner to a team to a contact, and skips blanks', () => {
    expect(ownerFromTags({ contact: 'c@x', Team: 'payments', Owner: 'alice' })).toEqual({ owner: 'alice', tag: 'Owner' });
    expect(ownerFromTags({ contact: 'c@x', Team: 'payments', owner: '  ' })).toEqual({ owner: 'payments', tag: 'Team' });
    expect(ownerFromTags({ Name: 'x', env: 'prod' })).toBeNull();
  });
});

describe('policy reading', () => {
  it('takes a single statement object and skips Deny and NotAction', () => {
    expect(readAiActions({ Statement: { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' } })).toEqual({ actions: ['bedrock:InvokeModel'], catalogue: false });
    expect(readAiActions({ Statement: [{ Effect: 'Deny', Action: 'bedrock:*' }, { Effect: 'Allow', NotAction: 'bedrock:*' }] }).actions).toEqual([]);
    expect(readAiActions(null).actions).toEqual([]);
  });

  it('summarises who a trust policy lets in', () => {
    const trust = summariseTrust({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::999999999999:root', '*'], Federated: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(trust).toEqual({
      services: ['bedrock.amazonaws.com'],
      aws: ['*', 'arn:aws:iam::999999999999:root'],
      federated: ['arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com'],
      anyPrincipal: true,
    });
  });
});
