/**
 * The one list of AWS operations the scanner may call. Enforced in one place (scan-clients.ts adds
 * middleware to every scan client that refuses anything else) and the source of the least-privilege
 * IAM policy printed by `warden policy` and the Connections screen. Add an operation here, with why,
 * before a collector may call it.
 */

export interface AllowedOperation {
  /** The SDK client's name as the SDK reports it in the handler context, e.g. `IAMClient`. */
  readonly client: string;
  /** The API operation, e.g. `GetAccountAuthorizationDetails`. */
  readonly operation: string;
  /** The IAM action that authorises it, e.g. `iam:GetAccountAuthorizationDetails`. */
  readonly action: string;
  readonly why: string;
}

function ops(client: string, prefix: string, entries: Record<string, string>): AllowedOperation[] {
  return Object.entries(entries).map(([operation, why]) => ({ client, operation, action: `${prefix}:${operation}`, why }));
}

export const READ_ONLY_OPERATIONS: readonly AllowedOperation[] = [
  ...ops('STSClient', 'sts', {
    GetCallerIdentity: 'Which account and identity the scan runs as.',
    AssumeRole: 'Assume the connection role, or the read-only role in each member account of an organisation.',
  }),
  ...ops('IAMClient', 'iam', {
    ListAccountAliases: 'The account alias shown beside the account ID.',
    GetAccountSummary: 'Account-level counts (root MFA, root access keys present).',
    GetAccountAuthorizationDetails: 'Users, groups, roles and policies in pages of up to 1000: the whole IAM inventory.',
    GenerateCredentialReport: 'Ask IAM to (re)build the credential report.',
    GetCredentialReport: 'Access key ages and last use, passwords and MFA for every user and the root.',
    ListOpenIDConnectProviders: 'Federated OIDC providers (GitHub Actions, EKS, …).',
    GetOpenIDConnectProvider: 'The URL and client IDs of each OIDC provider.',
    ListSAMLProviders: 'Federated SAML providers.',
    ListServiceSpecificCredentials: 'Long-term Bedrock API keys (service-specific credentials).',
    GenerateServiceLastAccessedDetails: 'Start a job reporting when identities last used AI services.',
    GetServiceLastAccessedDetails: 'Read that job: last use of bedrock, sagemaker, … per identity.',
  }),
  ...ops('EC2Client', 'ec2', {
    DescribeRegions: 'The regions enabled for the account, when scanning every region.',
  }),
  ...ops('LambdaClient', 'lambda', {
    ListFunctions: 'Functions with their execution role, runtime and environment variable names.',
    ListFunctionUrlConfigs: 'Function URLs and their auth type.',
    ListTags: 'Function tags (owner, AI markers).',
  }),
  ...ops('SageMakerClient', 'sagemaker', {
    ListEndpoints: 'SageMaker endpoints.',
    DescribeEndpoint: 'The endpoint config behind an endpoint.',
    ListEndpointConfigs: 'SageMaker endpoint configs.',
    DescribeEndpointConfig: 'The KMS key and models of an endpoint config.',
    ListModels: 'SageMaker models.',
    DescribeModel: 'A model’s execution role, network isolation and VPC.',
    ListNotebookInstances: 'SageMaker notebook instances.',
    DescribeNotebookInstance: 'A notebook’s role, direct internet access and root access.',
    ListTags: 'SageMaker resource tags.',
  }),
  ...ops('BedrockClient', 'bedrock', {
    GetModelInvocationLoggingConfiguration: 'Whether Bedrock model invocation logging is on.',
    ListGuardrails: 'Bedrock guardrails.',
    GetGuardrail: 'A guardrail’s content filters (prompt-attack strength).',
    ListCustomModels: 'Custom (fine-tuned) models.',
    GetCustomModel: 'A custom model’s base model, training data and the job that trained it.',
    GetModelCustomizationJob: 'The role a custom model’s training job ran as, to hang the model under that identity.',
    ListTagsForResource: 'Custom model tags (owner, AI markers, data classification).',
  }),
  ...ops('BedrockAgentClient', 'bedrock', {
    ListAgents: 'Bedrock agents.',
    GetAgent: 'An agent’s role, guardrail and foundation model.',
    GetAgentVersion: 'The guardrail of an agent version an alias serves (it may differ from the draft’s).',
    ListAgentActionGroups: 'An agent’s action groups.',
    GetAgentActionGroup: 'An action group’s function schema (requireConfirmation).',
    ListAgentAliases: 'An agent’s aliases.',
    ListAgentKnowledgeBases: 'Knowledge bases attached to an agent.',
    ListKnowledgeBases: 'Bedrock knowledge bases.',
    GetKnowledgeBase: 'A knowledge base’s role and storage.',
    ListDataSources: 'A knowledge base’s data sources.',
    GetDataSource: 'A data source’s type and, for S3 sources, its bucket.',
    ListTagsForResource: 'Agent and knowledge base tags (owner, AI markers, data classification).',
  }),
  ...ops('CloudTrailClient', 'cloudtrail', {
    DescribeTrails: 'CloudTrail trails.',
    GetTrailStatus: 'Whether a trail is logging.',
    GetEventSelectors: 'Whether a trail records management events.',
    LookupEvents:
      'Optional: who created the identities and AI workloads new since the previous scan (management events, last 90 days, at most 50 calls a scan). Refused, the scan goes on without it.',
  }),
  ...ops('OrganizationsClient', 'organizations', {
    DescribeOrganization: 'The organisation the account belongs to.',
    ListAccounts: 'Member accounts, for organisation-wide scans.',
  }),
];

/**
 * Reads a scan does without when refused (the collector notes it and the scan goes on): the generated
 * policy grants them in a statement of their own, so an admin can see them, and drop it, separately.
 */
export const OPTIONAL_ACTIONS: ReadonlySet<string> = new Set(['cloudtrail:LookupEvents']);

const BY_CALL = new Map(READ_ONLY_OPERATIONS.map((op) => [`${op.client}/${op.operation}`, op]));

/** The allowlisted operation for an SDK call (`IAMClient`, `GetAccountAuthorizationDetailsCommand`), or null. */
export function findAllowedOperation(clientName: string, commandName: string): AllowedOperation | null {
  const operation = commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
  return BY_CALL.get(`${clientName}/${operation}`) ?? null;
}

export class ReadOnlyViolationError extends Error {
  constructor(clientName: string, commandName: string) {
    super(`Agent Warden is read-only: ${clientName} ${commandName} is not on the scanner's allowlist and was not sent.`);
    this.name = 'ReadOnlyViolationError';
  }
}

export interface ScannerPolicyOptions {
  /** The read-only role assumed in member accounts (organisation scans); `*` when not given. */
  memberRoleName?: string | null;
}

export interface ScannerPolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
}

/** The least-privilege IAM policy for the scanner, generated from the allowlist itself. */
export function scannerPolicy(options: ScannerPolicyOptions = {}): ScannerPolicyDocument {
  const actions = [...new Set(READ_ONLY_OPERATIONS.map((op) => op.action))].sort();
  const read = actions.filter((a) => a !== 'sts:AssumeRole' && !OPTIONAL_ACTIONS.has(a));
  const optional = actions.filter((a) => OPTIONAL_ACTIONS.has(a));
  const role = options.memberRoleName?.trim() ? options.memberRoleName.trim() : '*';
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AgentWardenReadOnlyDiscovery', Effect: 'Allow', Action: read, Resource: '*' },
      { Sid: 'AgentWardenAssumeScannerRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: `arn:aws:iam::*:role/${role}` },
      // CloudTrail event history: who created what is new. Optional; LookupEvents takes no resource ARN.
      { Sid: 'AgentWardenOptionalEventHistory', Effect: 'Allow', Action: optional, Resource: '*' },
    ],
  };
}
