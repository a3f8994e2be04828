/**
 * The facts behind the golden checklist: each test reads the loaded demo and checks that what the
 * README promises for a rule is really in the data (so an edit of the model cannot quietly break the
 * analysis team's expectations). This is not the analysis: it checks raw facts only.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue, ScanFacts } from '@core/discovery/facts';
import { loadDemoScans, type DemoScan } from '@core/demo/load-demo';

const DEMO_DIR = resolve(process.cwd(), 'resources/demo');
let prod: ScanFacts;
let staging: ScanFacts;
let sandbox: ScanFacts;

beforeAll(async () => {
  const scans: DemoScan[] = await loadDemoScans(() => new Date('2026-03-01T12:00:00Z'), { demoDir: DEMO_DIR });
  const current = (alias: string): ScanFacts => {
    const found = scans.find((scan) => scan.current.account.alias === alias);
    if (found === undefined) throw new Error(alias);
    return found.current;
  };
  prod = current('quillmere-prod');
  staging = current('quillmere-staging');
  sandbox = current('quillmere-sandbox');
});

function roleOf(facts: ScanFacts, name: string): NonNullable<ScanFacts['iam']>['roles'][number] {
  const role = facts.iam?.roles.find((candidate) => candidate.name === name);
  if (role === undefined) throw new Error(`no role ${name}`);
  return role;
}

/** The first trust statement of a role. */
function trustOf(facts: ScanFacts, name: string): Record<string, JsonValue> {
  const statements = roleOf(facts, name).trustPolicy['Statement'];
  const first = Array.isArray(statements) ? statements[0] : statements;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) throw new Error(`no trust statement on ${name}`);
  return first;
}

describe('identity facts behind the checklist', () => {
  it('OIDC: one GitHub role without a sub condition, one with "*", two pinned', () => {
    expect(JSON.stringify(trustOf(prod, 'github-actions-ml-deploy')['Condition'])).not.toContain(':sub');
    expect(trustOf(sandbox, 'github-actions-sandbox')['Condition']).toMatchObject({ StringLike: { 'token.actions.githubusercontent.com:sub': '*' } });
    expect(trustOf(prod, 'github-actions-deploy-prod')['Condition']).toMatchObject({
      StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:quillmere/care-platform:environment:production' },
    });
    expect(trustOf(staging, 'github-actions-deploy-staging')['Condition']).toMatchObject({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:quillmere/care-platform:*' } });
    expect(prod.identityProviders?.oidc.map((provider) => provider.url)).toEqual(['token.actions.githubusercontent.com']);
  });

  it('trust: anyone without a condition, anyone within the organisation, vendors with and without an external id', () => {
    expect(trustOf(prod, 'legacy-partner-data-drop')).toEqual({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    expect(trustOf(prod, 'org-audit-readonly')['Condition']).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-q7k2m9x4ab' } });
    expect(trustOf(prod, 'helpdeskly-integration')).toEqual({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999900001234:root' }, Action: 'sts:AssumeRole' });
    expect(trustOf(prod, 'obsly-monitoring-integration')['Condition']).toMatchObject({ StringEquals: { 'sts:ExternalId': expect.any(String) as unknown } });
    expect(trustOf(staging, 'OrganizationAccountAccessRole')['Principal']).toEqual({ AWS: 'arn:aws:iam::111100001111:root' });
  });

  it('admin, NotAction, escalation and Deny cases are in the policies', () => {
    expect(roleOf(prod, 'terraform-admin').attachedPolicies.map((policy) => policy.name)).toEqual(['AdministratorAccess']);
    const powerUser = prod.iam?.policies.find((policy) => policy.name === 'PowerUserAccess');
    expect(JSON.stringify(powerUser?.document)).toContain('"NotAction":["iam:*","organizations:*","account:*"]');
    const workbench = JSON.stringify(roleOf(prod, 'data-science-workbench').inlinePolicies);
    expect(workbench).toContain('sagemaker:CreateNotebookInstance');
    expect(workbench).toContain('"iam:PassRole"');
    expect(JSON.stringify(roleOf(prod, 'iam-policy-sync').inlinePolicies)).toContain('iam:CreatePolicyVersion');
    const tooling = roleOf(prod, 'support-tooling-lambda').inlinePolicies.map((policy) => JSON.stringify(policy.document));
    expect(tooling.some((text) => text.includes('"Effect":"Deny"') && text.includes('iam:PassRole'))).toBe(true);
    expect(JSON.stringify(roleOf(prod, 'pricing-estimator-role').inlinePolicies)).toContain('"pricing:*"');
  });

  it('the shared role runs two functions; the shadow-AI role has no tags and used Bedrock today', () => {
    const shared = roleOf(prod, 'reporting-lambda-shared').arn;
    expect(prod.lambda?.functions.filter((fn) => fn.roleArn === shared).map((fn) => fn.name).sort()).toEqual(['monthly-invoice-export', 'weekly-usage-report']);
    const shadow = roleOf(prod, 'claims-notes-summarizer-role');
    expect(shadow.tags).toEqual({});
    const used = prod.serviceLastAccessed?.find((entry) => entry.principalArn === shadow.arn && entry.serviceNamespace === 'bedrock');
    expect(used?.lastAuthenticated).not.toBeNull();
    expect(roleOf(prod, 'AmazonBedrockExecutionRoleForKnowledgeBase_ClinicHelp').tags).toMatchObject({ 'data-class': 'pii' });
  });

  it('service-linked roles are marked, some never used', () => {
    const linked = prod.iam?.roles.filter((role) => role.serviceLinked) ?? [];
    expect(linked.length).toBeGreaterThanOrEqual(10);
    expect(roleOf(prod, 'AWSServiceRoleForSupport').lastUsed).toEqual({ date: null, region: null });
  });

  it('the credential report has the root key, a human with console and key, and the CI keys', () => {
    const row = (user: string): NonNullable<ScanFacts['credentialReport']>['rows'][number] | undefined =>
      prod.credentialReport?.rows.find((candidate) => candidate.user === user);
    expect(row('<root_account>')).toMatchObject({ isRoot: true, passwordEnabled: null, accessKeys: [{ active: true }, { active: false }] });
    expect(row('dana.okafor')).toMatchObject({ passwordEnabled: true, mfaActive: true, accessKeys: [{ active: true }, { active: false }] });
    expect(row('ci-deploy-bot')?.accessKeys.map((key) => key.active)).toEqual([true, true]);
    expect(row('svc-old-ftp-bridge')?.accessKeys.map((key) => key.active)).toEqual([true, false]);
    expect(row('svc-backup-sync')?.accessKeys[0]).toMatchObject({ active: true, lastUsedDate: null, lastUsedService: null });
    expect(staging.credentialReport?.rows.find((candidate) => candidate.isRoot)?.accessKeys.map((key) => key.active)).toEqual([false, false]);
  });
});

describe('workload facts behind the checklist', () => {
  it('Bedrock agents: a refund without confirmation, a guardrail with and without a prompt-attack filter, an agent without one', () => {
    const concierge = prod.bedrockAgents?.agents.find((agent) => agent.name === 'care-concierge');
    const functions = concierge?.actionGroups.filter((group) => group.agentVersion === 'DRAFT').flatMap((group) => group.functions) ?? [];
    expect(Object.fromEntries(functions.map((fn) => [fn.name, fn.requireConfirmation]))).toEqual({
      issue_refund: 'DISABLED',
      cancel_subscription: 'ENABLED',
      lookup_invoice: 'ENABLED',
    });
    const guardrails = new Map((prod.bedrock?.guardrails ?? []).map((guardrail) => [guardrail.id, guardrail]));
    expect(guardrails.get(concierge?.guardrail?.identifier ?? '')?.contentFilters.find((filter) => filter.type === 'PROMPT_ATTACK')).toMatchObject({ inputStrength: 'HIGH' });
    const marketing = prod.bedrock?.guardrails.find((guardrail) => guardrail.name === 'marketing-copy-guardrail');
    expect(marketing?.contentFilters.some((filter) => filter.type === 'PROMPT_ATTACK')).toBe(false);
    const stagingGuardrail = staging.bedrock?.guardrails[0];
    expect(stagingGuardrail?.contentFilters.find((filter) => filter.type === 'PROMPT_ATTACK')).toMatchObject({ inputStrength: 'NONE' });
    expect(prod.bedrockAgents?.agents.find((agent) => agent.name === 'clinic-scheduler')).toMatchObject({ guardrail: null, region: 'us-west-2' });
  });

  it('the knowledge base reads a bucket named for patient data', () => {
    expect(prod.bedrockAgents?.knowledgeBases[0]?.dataSources.map((source) => source.s3BucketArn)).toContain('arn:aws:s3:::quillmere-prod-patient-support-transcripts');
  });

  it('invocation logging is off in a region with an agent, and in a region with none', () => {
    expect(prod.bedrock?.invocationLogging.find((logging) => logging.region === 'us-west-2')?.config).toBeNull();
    expect(prod.bedrock?.invocationLogging.find((logging) => logging.region === 'us-east-1')?.config).not.toBeNull();
    expect(staging.bedrock?.invocationLogging.find((logging) => logging.region === 'us-west-2')?.config).toBeNull();
    expect(staging.bedrockAgents?.agents.some((agent) => agent.region === 'us-west-2')).toBe(false);
  });

  it('CloudTrail: staging has no multi-region trail logging management events; production and sandbox do', () => {
    const logsManagement = (trail: NonNullable<ScanFacts['cloudTrail']>['trails'][number]): boolean =>
      trail.multiRegion &&
      trail.logging === true &&
      ((trail.eventSelectors ?? []).some((selector) => selector.includeManagementEvents) ||
        (trail.advancedEventSelectors ?? []).some((selector) => selector.fieldSelectors.some((field) => field.field === 'eventCategory' && field.equals.includes('Management'))));
    expect(staging.cloudTrail?.trails.some(logsManagement)).toBe(false);
    expect(prod.cloudTrail?.trails.some(logsManagement)).toBe(true);
    expect(sandbox.cloudTrail?.trails.some(logsManagement)).toBe(true);
  });

  it('SageMaker: an endpoint config without KMS, a notebook open to the internet with root', () => {
    const configs = Object.fromEntries((prod.sageMaker?.endpointConfigs ?? []).map((config) => [config.name, config.kmsKeyId !== null]));
    expect(configs).toEqual({ 'claims-summarizer-prod-config': true, 'readmission-risk-v2-config': false });
    expect(sandbox.sageMaker?.notebookInstances.find((notebook) => notebook.name === 'ds-exploration')).toMatchObject({ directInternetAccess: true, rootAccess: true });
    expect(prod.sageMaker?.notebookInstances[0]).toMatchObject({ directInternetAccess: false, rootAccess: false });
  });

  it('Lambda: AI key names only, a public URL on an AI function, the SendGrid near miss', () => {
    const fn = (facts: ScanFacts, name: string): NonNullable<ScanFacts['lambda']>['functions'][number] | undefined =>
      facts.lambda?.functions.find((candidate) => candidate.name === name);
    expect(fn(prod, 'support-summarizer')?.environmentVariableNames).toContain('OPENAI_API_KEY');
    expect(fn(staging, 'ticket-triage')?.environmentVariableNames).toContain('ANTHROPIC_API_KEY');
    expect(fn(prod, 'appointment-reminders')?.environmentVariableNames).toContain('SENDGRID_API_KEY');
    expect(fn(prod, 'clinic-faq-bot')?.functionUrls.map((url) => url.authType)).toEqual(['NONE']);
    expect(fn(prod, 'care-concierge-handoff')?.functionUrls.map((url) => url.authType)).toEqual(['AWS_IAM']);
  });

  it('Bedrock long-term API keys are service-specific credentials', () => {
    expect(prod.serviceSpecificCredentials?.map((credential) => [credential.userName, credential.serviceName, credential.expiresAt === null])).toEqual([
      ['BedrockAPIKey-q7m2', 'bedrock.amazonaws.com', false],
      ['marketing-copy-tool', 'bedrock.amazonaws.com', true],
    ]);
  });

  it('the organisation lists the accounts in the management account only', () => {
    expect(prod.organizations?.accounts.map((account) => account.id)).toEqual(['111100001111', '111100002222', '111100003333', '111100004444']);
    expect(staging.organizations).toMatchObject({ organization: { managementAccountId: '111100001111' }, accounts: [] });
  });
});
