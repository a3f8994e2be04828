/** Ownership, shadow AI, governance, review, and the workload rules (Lambda, Bedrock, SageMaker, CloudTrail). */
import { describe, expect, it } from 'vitest';
import type { BedrockAgentFacts, BedrockGuardrailFacts, CloudTrailTrailFacts, ScanFacts } from '@core/discovery/facts';
import { BUILT_IN_GOVERNANCE_POLICIES } from '@core/analysis/rules';
import { allow, analyse, daysAgo, emptyBedrockAgents, emptyFacts, emptySageMaker, findingsOf, iam, lambdaFunction, registered, reportRow, role, roleArn, trustService, user, userArn } from './support';

function bedrockAgent(name: string, overrides: Partial<BedrockAgentFacts> = {}): BedrockAgentFacts {
  return {
    arn: `arn:aws:bedrock:eu-west-1:111122223333:agent/${name.toUpperCase()}`,
    id: name.toUpperCase(),
    name,
    region: 'eu-west-1',
    roleArn: roleArn(`${name}-role`),
    foundationModel: 'anthropic.claude-3-haiku',
    guardrail: { identifier: 'g1', version: '1' },
    status: 'PREPARED',
    description: null,
    idleSessionTtlSeconds: 600,
    customerEncryptionKeyArn: null,
    createdAt: daysAgo(100),
    updatedAt: daysAgo(10),
    actionGroups: [],
    aliases: [],
    servedVersions: [],
    knowledgeBaseIds: [],
    tags: {},
    ...overrides,
  };
}

function guardrail(name: string, promptAttack: string | null): BedrockGuardrailFacts {
  return {
    arn: `arn:aws:bedrock:eu-west-1:111122223333:guardrail/${name}`,
    id: name,
    name,
    region: 'eu-west-1',
    version: '1',
    status: 'READY',
    contentFilters: [{ type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' }, ...(promptAttack === null ? [] : [{ type: 'PROMPT_ATTACK', inputStrength: promptAttack, outputStrength: 'NONE' }])],
    hasTopicPolicy: false,
    hasWordPolicy: false,
    hasSensitiveInformationPolicy: false,
    hasContextualGroundingPolicy: false,
    kmsKeyArn: null,
    createdAt: daysAgo(10),
    updatedAt: daysAgo(10),
  };
}

function withBedrock(facts: ScanFacts): ScanFacts {
  facts.bedrock = { regions: ['eu-west-1'], invocationLogging: [], guardrails: [], customModels: [] };
  facts.bedrockAgents = emptyBedrockAgents();
  return facts;
}

function trail(overrides: Partial<CloudTrailTrailFacts>): CloudTrailTrailFacts {
  return {
    arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
    name: 'main',
    homeRegion: 'eu-west-1',
    multiRegion: true,
    organizationTrail: false,
    logging: true,
    logFileValidation: true,
    includeGlobalServiceEvents: true,
    s3BucketName: 'logs',
    kmsKeyId: null,
    cloudWatchLogsLogGroupArn: null,
    eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
    advancedEventSelectors: null,
    ...overrides,
  };
}

describe('agent_missing_owner', () => {
  it('fires for an untagged unregistered role (high when Tier 1), not with an owner tag, a registry owner, or a service-linked role', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('orphan'),
      role('orphan-secrets', { inlinePolicies: [{ name: 's', document: allow('secretsmanager:GetSecretValue') }] }),
      role('tagged', { tags: { team: 'payments' } }),
      role('in-registry'),
      role('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/' }),
    );
    const found = findingsOf(analyse(facts, { registry: [registered(roleArn('in-registry'))] }), 'agent_missing_owner');
    expect(found.map((f) => [f.resourceId, f.severity])).toEqual([
      ['orphan-secrets', 'high'],
      ['orphan', 'medium'],
    ]);
  });
});

describe('shadow_ai_unregistered, and the built-in policies as the rules\' governance view', () => {
  it('fires for an unregistered AI role, not for a registered one nor a role without AI signals', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(
      role('summarizer', { inlinePolicies: [{ name: 'b', document: allow('bedrock:InvokeModel') }] }),
      role('registered-agent', { trustPolicy: trustService('bedrock.amazonaws.com'), tags: { owner: 'x' } }),
      role('plain', { inlinePolicies: [{ name: 's', document: allow('s3:PutObject', 'arn:aws:s3:::reports/*') }] }),
    );
    const result = analyse(facts, { registry: [registered(roleArn('registered-agent'), { lastReviewAt: daysAgo(1) })] });
    expect(findingsOf(result, 'shadow_ai_unregistered').map((f) => f.resourceId)).toEqual(['summarizer']);
  });

  it('one gap, one finding: an unowned, unregistered AI agent has one owner finding and one registry finding, no policy duplicates', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('summarizer', { inlinePolicies: [{ name: 'b', document: allow('bedrock:InvokeModel') }] }));
    const result = analyse(facts);
    const onAgent = result.findings.filter((f) => f.principalArn === roleArn('summarizer')).map((f) => f.ruleId);
    expect(onAgent.filter((id) => id === 'agent_missing_owner')).toHaveLength(1);
    expect(onAgent.filter((id) => id === 'shadow_ai_unregistered')).toHaveLength(1);
    expect(findingsOf(result, 'governance_policy_violation')).toEqual([]);
  });

  it('every built-in policy names the catalogue rule that reports it', () => {
    expect(BUILT_IN_GOVERNANCE_POLICIES.map((p) => [p.id, p.ruleId])).toEqual([
      ['builtin:registered-identity', 'shadow_ai_unregistered'],
      ['builtin:owned-agent', 'agent_missing_owner'],
      ['builtin:approved-credential-type', 'static_access_key'],
    ]);
  });

  it('a machine user on a static key is one static_access_key finding per key, no "approved credential type" duplicate', () => {
    const facts = emptyFacts();
    iam(facts).users.push(user('ci', { tags: { owner: 'platform' } }));
    facts.credentialReport = { generatedAt: daysAgo(0), rows: [reportRow('ci', { key1: { active: true, lastRotated: daysAgo(10), lastUsedDate: daysAgo(1) } })] };
    const result = analyse(facts);
    expect(findingsOf(result, 'static_access_key').map((f) => f.principalArn)).toEqual([userArn('ci')]);
    expect(findingsOf(result, 'governance_policy_violation')).toEqual([]);
  });
});

describe('review_overdue', () => {
  it('uses the tier cadence: Tier 1 after 30 days, Tier 3 not at 100 days', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('t1', { inlinePolicies: [{ name: 's', document: allow('secretsmanager:GetSecretValue') }] }), role('t3'));
    const result = analyse(facts, { registry: [registered(roleArn('t1'), { lastReviewAt: daysAgo(45) }), registered(roleArn('t3'), { lastReviewAt: daysAgo(100) })] });
    expect(findingsOf(result, 'review_overdue').map((f) => [f.resourceId, f.severity, f.evidence['cadenceDays']])).toEqual([['t1', 'high', 30]]);
  });

  it('a never-reviewed agent is due on its scheduled first review, not at registration', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('new-agent'), role('late-agent'), role('unscheduled'));
    const today = daysAgo(0).slice(0, 10);
    const result = analyse(facts, {
      registry: [
        registered(roleArn('new-agent'), { nextReviewAt: today }),
        registered(roleArn('late-agent'), { nextReviewAt: daysAgo(2).slice(0, 10) }),
        registered(roleArn('unscheduled')),
      ],
    });
    expect(findingsOf(result, 'review_overdue').map((f) => f.resourceId).sort()).toEqual(['late-agent', 'unscheduled']);
  });
});

describe('third_party_ai_key_in_env', () => {
  it('fires for OPENAI_API_KEY and for a generic key next to LangChain hints; not for SENDGRID_API_KEY', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('r'));
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [
        lambdaFunction('openai', roleArn('r'), { environmentVariableNames: ['OPENAI_API_KEY', 'TABLE'] }),
        lambdaFunction('rag', roleArn('r'), { environmentVariableNames: ['LANGCHAIN_TRACING_V2', 'VECTOR_API_KEY'] }),
        lambdaFunction('mail', roleArn('r'), { environmentVariableNames: ['SENDGRID_API_KEY'] }),
      ],
    };
    const found = findingsOf(analyse(facts), 'third_party_ai_key_in_env');
    expect(found.map((f) => f.resourceId).sort()).toEqual(['openai', 'rag']);
    expect(found.find((f) => f.resourceId === 'openai')?.resourceArn).toBe('arn:aws:lambda:eu-west-1:111122223333:function:openai');
  });
});

describe('Bedrock rules', () => {
  it('bedrock_agent_no_guardrail: high, medium for a Tier 3 role; not with a guardrail', () => {
    const facts = withBedrock(emptyFacts());
    iam(facts).roles.push(
      role('bare-role', { inlinePolicies: [{ name: 'w', document: allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/cache') }] }),
      role('weak-role', { inlinePolicies: [{ name: 'r', document: allow('bedrock:InvokeModel') }] }),
    );
    facts.bedrockAgents?.agents.push(
      bedrockAgent('bare', { guardrail: null }),
      bedrockAgent('weak', { guardrail: null }),
      bedrockAgent('guarded'),
    );
    const found = findingsOf(analyse(facts), 'bedrock_agent_no_guardrail');
    expect(found.map((f) => [f.resourceId, f.severity])).toEqual([
      ['bare', 'high'],
      ['weak', 'medium'],
    ]);
  });

  it('bedrock_agent_no_guardrail: judges the versions aliases serve too: one finding per agent, naming the versions and aliases without one', () => {
    const facts = withBedrock(emptyFacts());
    iam(facts).roles.push(role('served-role', { inlinePolicies: [{ name: 'w', document: allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/cache') }] }));
    const alias = (id: string, name: string, version: string): BedrockAgentFacts['aliases'][number] => ({
      id,
      name,
      arn: `arn:aws:bedrock:eu-west-1:111122223333:agent-alias/SERVED/${id}`,
      status: 'PREPARED',
      agentVersions: [version],
      createdAt: null,
      updatedAt: null,
    });
    const served = bedrockAgent('served', {
      aliases: [alias('ALIASPROD1', 'prod', '3'), alias('ALIASBETA1', 'beta', '3'), alias('ALIASOLD01', 'old', '2')],
      servedVersions: [
        { version: '2', aliases: ['old'], guardrail: { identifier: 'g1', version: '1' }, known: true },
        { version: '3', aliases: ['beta', 'prod'], guardrail: null, known: true },
      ],
    });
    facts.bedrockAgents?.agents.push(served);
    const [finding, ...rest] = findingsOf(analyse(facts), 'bedrock_agent_no_guardrail');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ resourceId: 'served', resourceArn: served.arn, severity: 'high' });
    expect(finding?.evidence).toMatchObject({
      guardrail: { identifier: 'g1', version: '1' },
      servedVersionsWithoutGuardrail: [{ version: '3', aliases: ['beta', 'prod'] }],
      servedVersionsGuardrailUnknown: [],
    });
    expect(finding?.remediation).toContain('version 3 (alias beta, prod) was published without one');
    expect(finding?.fix?.text).toContain('update-agent-alias --region eu-west-1 --agent-id SERVED --agent-alias-id ALIASPROD1');
    expect(finding?.fix?.text).toContain('--agent-alias-id ALIASBETA1');
    expect(finding?.fix?.text).not.toContain('ALIASOLD01');

    // The same resource as when the draft lacks the guardrail: the finding's lifecycle carries on.
    const draftOnly = withBedrock(emptyFacts());
    iam(draftOnly).roles.push(role('served-role', { inlinePolicies: [{ name: 'w', document: allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/cache') }] }));
    draftOnly.bedrockAgents?.agents.push(bedrockAgent('served', { guardrail: null }));
    expect(findingsOf(analyse(draftOnly), 'bedrock_agent_no_guardrail')[0]?.fingerprint).toBe(finding?.fingerprint);
  });

  it('bedrock_agent_no_guardrail near misses: served versions guarded, or their guardrail unknown (said so when the draft lacks one)', () => {
    const facts = withBedrock(emptyFacts());
    facts.bedrockAgents?.agents.push(
      bedrockAgent('all-guarded', { servedVersions: [{ version: '4', aliases: ['prod'], guardrail: { identifier: 'g1', version: '2' }, known: true }] }),
      // GetAgentVersion refused: unknown is not "none".
      bedrockAgent('unknown', { servedVersions: [{ version: '4', aliases: ['prod'], guardrail: null, known: false }] }),
      bedrockAgent('bare-draft', { guardrail: null, servedVersions: [{ version: '1', aliases: ['live'], guardrail: null, known: false }] }),
    );
    const found = findingsOf(analyse(facts), 'bedrock_agent_no_guardrail');
    expect(found.map((f) => f.resourceId)).toEqual(['bare-draft']);
    expect(found[0]?.evidence).toMatchObject({ guardrail: null, servedVersionsWithoutGuardrail: [], servedVersionsGuardrailUnknown: [{ version: '1', aliases: ['live'] }] });
    // Scans stored before served versions were read carry none: the evidence is as before.
    const older = withBedrock(emptyFacts());
    older.bedrockAgents?.agents.push(bedrockAgent('old-scan', { guardrail: null }));
    expect(Object.keys(findingsOf(analyse(older), 'bedrock_agent_no_guardrail')[0]?.evidence ?? {})).not.toContain('servedVersionsWithoutGuardrail');
  });

  it('bedrock_guardrail_no_prompt_attack_filter: absent or NONE fires; HIGH and LOW do not', () => {
    const facts = withBedrock(emptyFacts());
    facts.bedrock?.guardrails.push(guardrail('absent', null), guardrail('none', 'NONE'), guardrail('high', 'HIGH'), guardrail('low', 'LOW'));
    expect(findingsOf(analyse(facts), 'bedrock_guardrail_no_prompt_attack_filter').map((f) => f.resourceId).sort()).toEqual(['absent', 'none']);
  });

  it('bedrock_action_without_confirmation: an unconfirmed function on a writing agent fires once across versions; confirmed, built-in and read-only agents do not', () => {
    const facts = withBedrock(emptyFacts());
    iam(facts).roles.push(
      role('billing-role', { trustPolicy: trustService('bedrock.amazonaws.com'), inlinePolicies: [{ name: 'w', document: allow('dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments-ledger') }] }),
      role('reader-role', { trustPolicy: trustService('bedrock.amazonaws.com'), inlinePolicies: [{ name: 'r', document: allow('bedrock:InvokeModel') }] }),
    );
    const group = (version: string): BedrockAgentFacts['actionGroups'][number] => ({
      id: 'AG1',
      name: 'billing',
      agentVersion: version,
      state: 'ENABLED',
      executorLambdaArn: null,
      customControl: 'RETURN_CONTROL',
      parentActionGroupSignature: null,
      functions: [
        { name: 'refund', description: null, requireConfirmation: 'DISABLED', parameterNames: [] },
        { name: 'cancel', description: null, requireConfirmation: 'ENABLED', parameterNames: [] },
      ],
      apiSchema: null,
    });
    const builtIn = { ...group('DRAFT'), id: 'UI', name: 'UserInputAction', parentActionGroupSignature: 'AMAZON.UserInput', functions: [] };
    facts.bedrockAgents?.agents.push(
      bedrockAgent('billing', { actionGroups: [group('DRAFT'), group('3'), builtIn] }),
      bedrockAgent('reader', { actionGroups: [group('DRAFT')] }),
    );
    const found = findingsOf(analyse(facts), 'bedrock_action_without_confirmation');
    expect(found.map((f) => [f.resourceId, f.severity])).toEqual([['billing → refund', 'high']]);
    expect(found[0]?.evidence['agentVersions']).toEqual(['DRAFT', '3']);
  });

  it('bedrock_invocation_logging_disabled: only where Bedrock is used', () => {
    const facts = withBedrock(emptyFacts());
    facts.bedrock?.invocationLogging.push({ region: 'eu-west-1', config: null }, { region: 'us-west-2', config: null });
    facts.bedrockAgents?.agents.push(bedrockAgent('a'));
    const found = findingsOf(analyse(facts), 'bedrock_invocation_logging_disabled');
    expect(found.map((f) => f.region)).toEqual(['eu-west-1']);
  });
});

describe('CloudTrail, SageMaker and Lambda URL rules', () => {
  it('cloudtrail_not_multi_region: fires for single-region or management-less trails; not for a multi-region trail via advanced selectors; not when not collected', () => {
    const facts = emptyFacts();
    expect(findingsOf(analyse(facts), 'cloudtrail_not_multi_region')).toEqual([]);
    facts.cloudTrail = { regions: ['eu-west-1'], trails: [trail({ multiRegion: false }), trail({ arn: 'x2', name: 'data', eventSelectors: [{ readWriteType: 'All', includeManagementEvents: false, dataResources: [], excludeManagementEventSources: [] }] })] };
    expect(findingsOf(analyse(facts), 'cloudtrail_not_multi_region')).toHaveLength(1);
    facts.cloudTrail.trails.push(
      trail({ arn: 'x3', name: 'adv', eventSelectors: null, advancedEventSelectors: [{ name: 'm', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] }] }] }),
    );
    expect(findingsOf(analyse(facts), 'cloudtrail_not_multi_region')).toEqual([]);
  });

  it('SageMaker: notebook internet and root access, endpoint without KMS', () => {
    const facts = emptyFacts();
    const sm = emptySageMaker();
    const notebook = (name: string, open: boolean): (typeof sm.notebookInstances)[number] => ({
      arn: `arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/${name}`,
      name,
      region: 'eu-west-1',
      roleArn: null,
      directInternetAccess: open,
      rootAccess: open,
      kmsKeyId: null,
      subnetId: open ? null : 'subnet-1',
      status: 'InService',
      createdAt: daysAgo(10),
      tags: {},
    });
    sm.notebookInstances.push(notebook('open', true), notebook('closed', false));
    const endpoint = (name: string): (typeof sm.endpoints)[number] => ({
      arn: `arn:aws:sagemaker:eu-west-1:111122223333:endpoint/${name}`,
      name,
      region: 'eu-west-1',
      endpointConfigName: `${name}-config`,
      status: 'InService',
      createdAt: null,
      lastModified: null,
      tags: {},
    });
    sm.endpoints.push(endpoint('plain'), endpoint('kms'));
    sm.endpointConfigs.push(
      { arn: 'c1', name: 'plain-config', region: 'eu-west-1', kmsKeyId: null, productionVariants: [], dataCaptureEnabled: false, createdAt: null },
      { arn: 'c2', name: 'kms-config', region: 'eu-west-1', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k', productionVariants: [], dataCaptureEnabled: false, createdAt: null },
    );
    facts.sageMaker = sm;
    const result = analyse(facts);
    expect(findingsOf(result, 'sagemaker_notebook_direct_internet').map((f) => f.resourceId)).toEqual(['open']);
    expect(findingsOf(result, 'sagemaker_notebook_root_access').map((f) => [f.resourceId, f.severity])).toEqual([['open', 'low']]);
    expect(findingsOf(result, 'sagemaker_endpoint_no_kms').map((f) => f.resourceId)).toEqual(['plain']);
  });

  it('lambda_url_public: auth NONE on an AI function fires; AWS_IAM, or NONE on a logs-only function, does not', () => {
    const facts = emptyFacts();
    iam(facts).roles.push(role('bot-role', { inlinePolicies: [{ name: 'b', document: allow('bedrock:InvokeModel') }] }), role('ping-role', { inlinePolicies: [{ name: 'l', document: allow(['logs:CreateLogStream', 'logs:PutLogEvents']) }] }));
    const url = (authType: string): { url: string; authType: string; qualifier: null } => ({ url: 'https://x.lambda-url.eu-west-1.on.aws/', authType, qualifier: null });
    facts.lambda = {
      regions: ['eu-west-1'],
      functions: [
        lambdaFunction('bot', roleArn('bot-role'), { functionUrls: [url('NONE')] }),
        lambdaFunction('bot-iam', roleArn('bot-role'), { functionUrls: [url('AWS_IAM')] }),
        lambdaFunction('ping', roleArn('ping-role'), { functionUrls: [url('NONE')] }),
      ],
    };
    const result = analyse(facts);
    expect(findingsOf(result, 'lambda_url_public').map((f) => [f.resourceId, f.principalArn])).toEqual([['bot', roleArn('bot-role')]]);
    expect(findingsOf(result, 'lambda_url_public')[0]?.fix.text).toContain('--auth-type AWS_IAM');
  });
});
