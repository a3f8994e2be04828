/**
 * What the three demo accounts share: the company, account IDs, the organisation, IAM Identity Center
 * roles, service-linked roles, the scanner's own role, and a few role shapes every account repeats.
 * All names and IDs are fictional; account IDs follow an obviously made-up pattern.
 */
import type { PolicyDocument, Tags } from '@core/discovery/facts';
import { SERVICE_LINKED_ROLES, type ServiceLinkedRoleKey } from './aws-managed-policies';
import type { DaysAgo, Expectations, OrganizationModel, RoleModel } from './demo-model';
import { allow, hashHex, policy, trustPrincipalArn, trustService, trustSso } from './demo-policies';

export const COMPANY = {
  name: 'Quillmere Health Analytics',
  slug: 'quillmere',
  domain: 'quillmere.example',
  githubOrg: 'quillmere',
  staff: 120,
} as const;

export const ACCOUNT_IDS = {
  production: '111100001111',
  staging: '111100002222',
  sandbox: '111100003333',
  /** Closed two years ago; still listed (suspended) by the organisation. */
  legacyDev: '111100004444',
} as const;

/** Third parties that reach into the accounts. Their account IDs are outside the company. */
export const VENDORS = {
  helpdeskly: { name: 'Helpdeskly', accountId: '999900001234' },
  obsly: { name: 'Obsly Monitoring', accountId: '999900005678', externalId: 'qmr-obsly-7Hc2-tenant-4471' },
} as const;

export const ORGANIZATION_ID = 'o-q7k2m9x4ab';

export const FOUNDATION_MODELS = {
  claudeSonnet: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  claudeHaiku: 'anthropic.claude-3-haiku-20240307-v1:0',
  titanEmbedV2: 'amazon.titan-embed-text-v2:0',
  llama8b: 'meta.llama3-1-8b-instruct-v1:0',
} as const;

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export function organizationModel(forAccountId: string): OrganizationModel {
  const management = forAccountId === ACCOUNT_IDS.production;
  return {
    id: ORGANIZATION_ID,
    managementAccountId: ACCOUNT_IDS.production,
    accounts: management
      ? [
          { id: ACCOUNT_IDS.production, name: 'Quillmere Production', email: 'aws-production@quillmere.example', status: 'ACTIVE', joined: 1460 },
          { id: ACCOUNT_IDS.staging, name: 'Quillmere Staging', email: 'aws-staging@quillmere.example', status: 'ACTIVE', joined: 1150 },
          { id: ACCOUNT_IDS.sandbox, name: 'Quillmere Sandbox', email: 'aws-sandbox@quillmere.example', status: 'ACTIVE', joined: 720 },
          { id: ACCOUNT_IDS.legacyDev, name: 'Quillmere Legacy Dev', email: 'aws-legacy-dev@quillmere.example', status: 'SUSPENDED', joined: 1400 },
        ]
      : [],
  };
}

// ---------------------------------------------------------------------------------------------
// IAM Identity Center
// ---------------------------------------------------------------------------------------------

export const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';

export function samlProviderName(accountId: string): string {
  return `AWSSSO_${hashHex(`saml:${accountId}`, 16)}_DO_NOT_DELETE`;
}

export function ssoRoleName(permissionSet: string, accountId: string): string {
  return `AWSReservedSSO_${permissionSet}_${hashHex(`sso:${accountId}:${permissionSet}`, 16)}`;
}

/** The ARN pattern that matches a permission set's role in an account (names end in a random suffix). */
export function ssoRoleArnPattern(permissionSet: string, accountId: string): string {
  return `arn:aws:iam::${accountId}:role${SSO_PATH}AWSReservedSSO_${permissionSet}_*`;
}

/** A permission set's role: SAML-federated, untagged and without a description, as Identity Center makes them. */
export function ssoRole(
  accountId: string,
  permissionSet: string,
  options: { managed?: string[]; inlinePolicy?: PolicyDocument; created: DaysAgo; used: DaysAgo | null; maxSessionHours?: number } & Expectations,
): RoleModel {
  const { managed, inlinePolicy, created, used, maxSessionHours, ...expectations } = options;
  return {
    name: ssoRoleName(permissionSet, accountId),
    path: SSO_PATH,
    description: null,
    created,
    used,
    trust: trustSso(accountId, samlProviderName(accountId)),
    ...(managed === undefined ? {} : { managed }),
    ...(inlinePolicy === undefined ? {} : { inline: { AwsSSOInlinePolicy: inlinePolicy } }),
    maxSessionHours: maxSessionHours ?? 8,
    ...expectations,
  };
}

// ---------------------------------------------------------------------------------------------
// Service-linked roles
// ---------------------------------------------------------------------------------------------

export function serviceLinkedRole(key: ServiceLinkedRoleKey, created: DaysAgo, used: DaysAgo | null, extra: Expectations = {}): RoleModel {
  const slr = SERVICE_LINKED_ROLES[key];
  return {
    name: slr.name,
    path: `/aws-service-role/${slr.service}/`,
    description: slr.description,
    created,
    used,
    trust: trustService(slr.service),
    managed: [slr.policy],
    maxSessionHours: 1,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// The scanner's own role, and OrganizationAccountAccessRole
// ---------------------------------------------------------------------------------------------

export const SCANNER_ROLE = 'AgentWardenReadOnly';

export const SCANNER_POLICY: PolicyDocument = policy(
  allow(
    [
      'bedrock:GetAgent',
      'bedrock:GetGuardrail',
      'bedrock:GetModelInvocationLoggingConfiguration',
      'bedrock:ListAgentActionGroups',
      'bedrock:ListAgentAliases',
      'bedrock:ListAgents',
      'bedrock:ListCustomModels',
      'bedrock:ListGuardrails',
      'bedrock:ListKnowledgeBases',
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetEventSelectors',
      'cloudtrail:GetTrailStatus',
      'iam:GenerateCredentialReport',
      'iam:GenerateServiceLastAccessedDetails',
      'iam:GetAccountAuthorizationDetails',
      'iam:GetAccountSummary',
      'iam:GetCredentialReport',
      'iam:GetServiceLastAccessedDetails',
      'iam:ListAccountAliases',
      'iam:ListOpenIDConnectProviders',
      'iam:ListRoles',
      'iam:ListSAMLProviders',
      'iam:ListServiceSpecificCredentials',
      'lambda:GetFunctionUrlConfig',
      'lambda:ListFunctions',
      'lambda:ListFunctionUrlConfigs',
      'organizations:DescribeOrganization',
      'organizations:ListAccounts',
      'sagemaker:DescribeEndpointConfig',
      'sagemaker:DescribeModel',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:ListEndpoints',
      'sagemaker:ListModels',
      'sagemaker:ListNotebookInstances',
      'sts:GetCallerIdentity',
    ],
    '*',
    { sid: 'AgentWardenReadOnlyDiscovery' },
  ),
);

/** The read-only role the governance scanner assumes; trusted from the security team's SSO role in production. */
export function scannerRole(accountId: string, created: DaysAgo, used: DaysAgo, extra: Expectations = {}): RoleModel {
  return {
    name: SCANNER_ROLE,
    path: '/security/',
    description: 'Read-only discovery role for the Agent Warden governance console (no write actions).',
    created,
    used,
    trust: trustPrincipalArn(ACCOUNT_IDS.production, ssoRoleArnPattern('SecurityAudit', ACCOUNT_IDS.production)),
    inline: { AgentWardenScannerReadOnly: SCANNER_POLICY },
    tags: { owner: 'security@quillmere.example', team: 'security', purpose: 'governance-scanner' },
    maxSessionHours: 1,
    ...extra,
  };
}

/** Standard tags of the company: `owner` (a mailbox) and `team`; `extra` adds data-class, app, … */
export function owned(team: string, extra: Tags = {}): Tags {
  return { owner: `${team}@quillmere.example`, team, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Role shapes every account repeats
// ---------------------------------------------------------------------------------------------

type RoleOptions = Omit<RoleModel, 'name' | 'trust'> & { trust?: PolicyDocument };

/** A Lambda execution role; AWSLambdaBasicExecutionRole is attached unless `basic: false`. */
export function lambdaRole(name: string, options: RoleOptions & { basic?: boolean; vpc?: boolean }): RoleModel {
  const { basic, vpc, managed, trust, ...rest } = options;
  const base = vpc === true ? ['AWSLambdaVPCAccessExecutionRole'] : basic === false ? [] : ['AWSLambdaBasicExecutionRole'];
  return { name, path: '/service-role/', trust: trust ?? trustService('lambda.amazonaws.com'), managed: [...base, ...(managed ?? [])], ...rest };
}

/** A role assumed by an AWS service (`ecs-tasks.amazonaws.com`, `glue.amazonaws.com`, …). */
export function serviceRole(name: string, service: string | string[], options: RoleOptions): RoleModel {
  const { trust, ...rest } = options;
  return { name, trust: trust ?? trustService(service), ...rest };
}
