/**
 * The raw facts of one scan: what the collectors (or an offline import, or the demo) saw in one AWS
 * account, before any analysis. Stored with the scan, so analysis can be re-run on old scans without
 * calling AWS again. Facts are faithful to AWS, normalised only where AWS itself is inconsistent:
 *
 * - timestamps are ISO 8601 UTC strings (`2023-03-09T10:41:45.000Z`), `null` when AWS has none;
 * - policy documents (identity policies, trust policies) are parsed JSON objects, URL-decoded where
 *   AWS encodes them;
 * - tags are `{ key: value }` maps;
 * - secrets are never facts: Lambda environment variables are kept by NAME only.
 *
 * A section that was not collected (an offline import has no Lambda; a denied collector) is `null`,
 * never an empty list: "we did not look" and "there are none" are different facts. Regional sections
 * list the regions they cover.
 *
 * The schemas parse facts read back from storage (a trust boundary: an old or damaged workspace);
 * the importers validate AWS's own shapes separately and build these objects.
 */
import { z } from 'zod';

/** Bumped whenever the shape below changes incompatibly; stored facts carry the version they were written with. */
export const FACTS_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const jsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), z.json());

/** An IAM policy document (identity, resource, trust or boundary policy) as a parsed JSON object. */
export type PolicyDocument = JsonObject;
export const policyDocumentSchema = jsonObjectSchema;

/** ISO 8601 date-time with `Z` or an offset. */
export const timestampSchema = z.iso.datetime({ offset: true });
export const nullableTimestampSchema = timestampSchema.nullable();

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'not a 12-digit AWS account ID');
export const partitionSchema = z.string().regex(/^aws(-[a-z]+)*$/, 'not an AWS partition');
/** A region code as AWS reports it (kept loose: facts record what AWS said). */
export const factRegionSchema = z.string().min(1);

export const tagsSchema = z.record(z.string(), z.string());
export type Tags = z.infer<typeof tagsSchema>;

export const FACTS_SOURCES = ['live', 'import', 'demo'] as const;
export const factsSourceSchema = z.enum(FACTS_SOURCES);
export type FactsSource = z.infer<typeof factsSourceSchema>;

// ---------------------------------------------------------------------------------------------
// Account
// ---------------------------------------------------------------------------------------------

export const accountFactsSchema = z.object({
  id: accountIdSchema,
  alias: z.string().nullable(),
  partition: partitionSchema,
  source: factsSourceSchema,
});
export type AccountFacts = z.infer<typeof accountFactsSchema>;

// ---------------------------------------------------------------------------------------------
// IAM: GetAccountAuthorizationDetails
// ---------------------------------------------------------------------------------------------

export const attachedPolicyRefSchema = z.object({ arn: z.string(), name: z.string() });
export type AttachedPolicyRef = z.infer<typeof attachedPolicyRefSchema>;

export const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema });
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

/** The managed policy set as a principal's permissions boundary. */
export const permissionsBoundaryRefSchema = z.object({ arn: z.string() });
export type PermissionsBoundaryRef = z.infer<typeof permissionsBoundaryRefSchema>;

export const iamUserFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  id: z.string().nullable(),
  path: z.string(),
  createdAt: nullableTimestampSchema,
  /** Group NAMES, as AWS lists them. */
  groups: z.array(z.string()),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicyRefSchema),
  tags: tagsSchema,
  permissionsBoundary: permissionsBoundaryRefSchema.nullable(),
});
export type IamUserFacts = z.infer<typeof iamUserFactsSchema>;

export const iamGroupFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  id: z.string().nullable(),
  path: z.string(),
  createdAt: nullableTimestampSchema,
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicyRefSchema),
});
export type IamGroupFacts = z.infer<typeof iamGroupFactsSchema>;

export const instanceProfileRefSchema = z.object({
  arn: z.string(),
  name: z.string(),
  id: z.string().nullable(),
  path: z.string(),
  createdAt: nullableTimestampSchema,
});
export type InstanceProfileRef = z.infer<typeof instanceProfileRefSchema>;

/** `RoleLastUsed`: both fields are null when AWS has not seen the role used (in its tracking window). */
export const roleLastUsedSchema = z.object({ date: nullableTimestampSchema, region: z.string().nullable() });
export type RoleLastUsed = z.infer<typeof roleLastUsedSchema>;

export const iamRoleFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  id: z.string().nullable(),
  path: z.string(),
  createdAt: nullableTimestampSchema,
  /** Not part of GetAccountAuthorizationDetails: null unless a collector read it (ListRoles/GetRole). */
  description: z.string().nullable(),
  trustPolicy: policyDocumentSchema,
  inlinePolicies: z.array(inlinePolicySchema),
  attachedPolicies: z.array(attachedPolicyRefSchema),
  tags: tagsSchema,
  permissionsBoundary: permissionsBoundaryRefSchema.nullable(),
  /** Seconds. Not part of GetAccountAuthorizationDetails: null unless a collector read it. */
  maxSessionDurationSeconds: z.number().int().positive().nullable(),
  lastUsed: roleLastUsedSchema,
  instanceProfiles: z.array(instanceProfileRefSchema),
  /** Derived from the path `/aws-service-role/…`: created and managed by an AWS service. */
  serviceLinked: z.boolean(),
});
export type IamRoleFacts = z.infer<typeof iamRoleFactsSchema>;

export const managedPolicyFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  id: z.string().nullable(),
  path: z.string(),
  /** Owned by AWS (`arn:aws:iam::aws:policy/…`) rather than by the account. */
  awsManaged: z.boolean(),
  defaultVersionId: z.string().nullable(),
  /** The default version's document; null when the export did not include it. */
  document: policyDocumentSchema.nullable(),
  attachmentCount: z.number().int().nonnegative().nullable(),
  permissionsBoundaryUsageCount: z.number().int().nonnegative().nullable(),
  isAttachable: z.boolean().nullable(),
  description: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  updatedAt: nullableTimestampSchema,
});
export type ManagedPolicyFacts = z.infer<typeof managedPolicyFactsSchema>;

export const iamFactsSchema = z.object({
  users: z.array(iamUserFactsSchema),
  groups: z.array(iamGroupFactsSchema),
  roles: z.array(iamRoleFactsSchema),
  /** Managed policies (AWS-managed and customer-managed) as listed by the export. */
  policies: z.array(managedPolicyFactsSchema),
});
export type IamFacts = z.infer<typeof iamFactsSchema>;

/** True for service-linked roles, which AWS creates and manages under `/aws-service-role/`. */
export function isServiceLinkedRolePath(path: string): boolean {
  return path.startsWith('/aws-service-role/');
}

// ---------------------------------------------------------------------------------------------
// IAM: the credential report
// ---------------------------------------------------------------------------------------------

export const accessKeyReportSchema = z.object({
  /** 1 or 2: the report's `access_key_1_…` / `access_key_2_…` columns. */
  slot: z.union([z.literal(1), z.literal(2)]),
  active: z.boolean(),
  lastRotated: nullableTimestampSchema,
  lastUsedDate: nullableTimestampSchema,
  lastUsedRegion: z.string().nullable(),
  lastUsedService: z.string().nullable(),
});
export type AccessKeyReport = z.infer<typeof accessKeyReportSchema>;

export const signingCertificateReportSchema = z.object({
  slot: z.union([z.literal(1), z.literal(2)]),
  active: z.boolean(),
  lastRotated: nullableTimestampSchema,
});
export type SigningCertificateReport = z.infer<typeof signingCertificateReportSchema>;

/**
 * One row of the credential report. `N/A`, `no_information` and `not_supported` become null
 * (dates, regions, services, `passwordEnabled` of the root row) or false (`…_active` flags).
 */
export const credentialReportRowSchema = z.object({
  user: z.string(),
  arn: z.string(),
  /** The `<root_account>` row. */
  isRoot: z.boolean(),
  userCreationTime: nullableTimestampSchema,
  /** null for the root account (`not_supported`). */
  passwordEnabled: z.boolean().nullable(),
  passwordLastUsed: nullableTimestampSchema,
  passwordLastChanged: nullableTimestampSchema,
  passwordNextRotation: nullableTimestampSchema,
  mfaActive: z.boolean(),
  accessKeys: z.tuple([accessKeyReportSchema, accessKeyReportSchema]),
  certificates: z.tuple([signingCertificateReportSchema, signingCertificateReportSchema]),
});
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const credentialReportFactsSchema = z.object({
  /** When AWS generated the report (`GeneratedTime`); null when only the CSV was imported. */
  generatedAt: nullableTimestampSchema,
  rows: z.array(credentialReportRowSchema),
});
export type CredentialReportFacts = z.infer<typeof credentialReportFactsSchema>;

// ---------------------------------------------------------------------------------------------
// IAM: identity providers, service-specific credentials, service last accessed
// ---------------------------------------------------------------------------------------------

export const oidcProviderFactsSchema = z.object({
  arn: z.string(),
  url: z.string(),
  clientIds: z.array(z.string()),
  thumbprints: z.array(z.string()),
  createdAt: nullableTimestampSchema,
  tags: tagsSchema,
});
export type OidcProviderFacts = z.infer<typeof oidcProviderFactsSchema>;

export const samlProviderFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  createdAt: nullableTimestampSchema,
  validUntil: nullableTimestampSchema,
  tags: tagsSchema,
});
export type SamlProviderFacts = z.infer<typeof samlProviderFactsSchema>;

export const identityProvidersFactsSchema = z.object({
  oidc: z.array(oidcProviderFactsSchema),
  saml: z.array(samlProviderFactsSchema),
});
export type IdentityProvidersFacts = z.infer<typeof identityProvidersFactsSchema>;

/** A service-specific credential, e.g. a Bedrock long-term API key (`serviceName: bedrock.amazonaws.com`). */
export const serviceSpecificCredentialFactsSchema = z.object({
  id: z.string(),
  userName: z.string(),
  serviceName: z.string(),
  /** The user name the service sees (AWS's `ServiceUserName`), when it has one. */
  serviceUserName: z.string().nullable(),
  /** `Active`, `Inactive` or `Expired`, as AWS reports it. */
  status: z.string(),
  createdAt: nullableTimestampSchema,
  /** Null for credentials that never expire. */
  expiresAt: nullableTimestampSchema,
});
export type ServiceSpecificCredentialFacts = z.infer<typeof serviceSpecificCredentialFactsSchema>;

export const serviceLastAccessedFactsSchema = z.object({
  /** The user, role, group or policy the job ran for. */
  principalArn: z.string(),
  serviceNamespace: z.string(),
  serviceName: z.string().nullable(),
  /** Null when the principal has not used the service in the tracking period. */
  lastAuthenticated: nullableTimestampSchema,
  lastAuthenticatedEntity: z.string().nullable(),
  lastAuthenticatedRegion: z.string().nullable(),
  totalAuthenticatedEntities: z.number().int().nonnegative().nullable(),
});
export type ServiceLastAccessedFacts = z.infer<typeof serviceLastAccessedFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Lambda
// ---------------------------------------------------------------------------------------------

export const lambdaFunctionUrlSchema = z.object({
  url: z.string(),
  /** `NONE` (public) or `AWS_IAM`. */
  authType: z.string(),
  /** The alias or version the URL points at; null for the unqualified function. */
  qualifier: z.string().nullable(),
});
export type LambdaFunctionUrl = z.infer<typeof lambdaFunctionUrlSchema>;

export const lambdaFunctionFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  /** Null for container-image functions. */
  runtime: z.string().nullable(),
  roleArn: z.string(),
  /** Environment variable NAMES only; values are dropped by the collector and never stored. */
  environmentVariableNames: z.array(z.string()),
  tags: tagsSchema,
  functionUrls: z.array(lambdaFunctionUrlSchema),
  lastModified: nullableTimestampSchema,
  description: z.string().nullable(),
});
export type LambdaFunctionFacts = z.infer<typeof lambdaFunctionFactsSchema>;

export const lambdaFactsSchema = z.object({
  regions: z.array(factRegionSchema),
  functions: z.array(lambdaFunctionFactsSchema),
});
export type LambdaFacts = z.infer<typeof lambdaFactsSchema>;

// ---------------------------------------------------------------------------------------------
// SageMaker
// ---------------------------------------------------------------------------------------------

export const vpcConfigFactsSchema = z.object({
  subnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
});
export type VpcConfigFacts = z.infer<typeof vpcConfigFactsSchema>;

export const sageMakerEndpointFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  endpointConfigName: z.string(),
  status: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  lastModified: nullableTimestampSchema,
  tags: tagsSchema,
});
export type SageMakerEndpointFacts = z.infer<typeof sageMakerEndpointFactsSchema>;

export const sageMakerEndpointConfigFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  /** KMS key encrypting the endpoint's storage; null when AWS-owned keys are used. */
  kmsKeyId: z.string().nullable(),
  productionVariants: z.array(z.object({ variantName: z.string(), modelName: z.string().nullable() })),
  dataCaptureEnabled: z.boolean(),
  createdAt: nullableTimestampSchema,
});
export type SageMakerEndpointConfigFacts = z.infer<typeof sageMakerEndpointConfigFactsSchema>;

export const sageMakerModelFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  executionRoleArn: z.string().nullable(),
  networkIsolation: z.boolean(),
  /** Null when the model runs outside a VPC. */
  vpcConfig: vpcConfigFactsSchema.nullable(),
  createdAt: nullableTimestampSchema,
  tags: tagsSchema,
});
export type SageMakerModelFacts = z.infer<typeof sageMakerModelFactsSchema>;

export const sageMakerNotebookFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  roleArn: z.string().nullable(),
  directInternetAccess: z.boolean(),
  rootAccess: z.boolean(),
  kmsKeyId: z.string().nullable(),
  subnetId: z.string().nullable(),
  status: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  tags: tagsSchema,
});
export type SageMakerNotebookFacts = z.infer<typeof sageMakerNotebookFactsSchema>;

export const sageMakerFactsSchema = z.object({
  regions: z.array(factRegionSchema),
  endpoints: z.array(sageMakerEndpointFactsSchema),
  endpointConfigs: z.array(sageMakerEndpointConfigFactsSchema),
  models: z.array(sageMakerModelFactsSchema),
  notebookInstances: z.array(sageMakerNotebookFactsSchema),
});
export type SageMakerFacts = z.infer<typeof sageMakerFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Bedrock
// ---------------------------------------------------------------------------------------------

/** GetModelInvocationLoggingConfiguration for one region; `config` null = logging off. */
export const bedrockInvocationLoggingFactsSchema = z.object({
  region: factRegionSchema,
  config: z
    .object({
      cloudWatchLogGroupName: z.string().nullable(),
      s3BucketName: z.string().nullable(),
      textDataDeliveryEnabled: z.boolean(),
      imageDataDeliveryEnabled: z.boolean(),
      embeddingDataDeliveryEnabled: z.boolean(),
      videoDataDeliveryEnabled: z.boolean(),
    })
    .nullable(),
});
export type BedrockInvocationLoggingFacts = z.infer<typeof bedrockInvocationLoggingFactsSchema>;

/** One content filter: type `SEXUAL`, `VIOLENCE`, `HATE`, `INSULTS`, `MISCONDUCT` or `PROMPT_ATTACK`. */
export const guardrailContentFilterSchema = z.object({
  type: z.string(),
  /** `NONE`, `LOW`, `MEDIUM` or `HIGH`. */
  inputStrength: z.string().nullable(),
  outputStrength: z.string().nullable(),
});
export type GuardrailContentFilter = z.infer<typeof guardrailContentFilterSchema>;

export const bedrockGuardrailFactsSchema = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  region: factRegionSchema,
  /** `DRAFT` or a version number. */
  version: z.string(),
  status: z.string().nullable(),
  contentFilters: z.array(guardrailContentFilterSchema),
  hasTopicPolicy: z.boolean(),
  hasWordPolicy: z.boolean(),
  hasSensitiveInformationPolicy: z.boolean(),
  hasContextualGroundingPolicy: z.boolean(),
  kmsKeyArn: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  updatedAt: nullableTimestampSchema,
});
export type BedrockGuardrailFacts = z.infer<typeof bedrockGuardrailFactsSchema>;

export const bedrockCustomModelFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  region: factRegionSchema,
  baseModelArn: z.string().nullable(),
  customizationType: z.string().nullable(),
  /** Provenance of the training data (step 9). */
  trainingDataS3Uri: z.string().nullable(),
  outputDataS3Uri: z.string().nullable(),
  /** The role the customization job ran as. */
  jobRoleArn: z.string().nullable(),
  kmsKeyArn: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  tags: tagsSchema,
});
export type BedrockCustomModelFacts = z.infer<typeof bedrockCustomModelFactsSchema>;

export const bedrockFactsSchema = z.object({
  regions: z.array(factRegionSchema),
  invocationLogging: z.array(bedrockInvocationLoggingFactsSchema),
  guardrails: z.array(bedrockGuardrailFactsSchema),
  customModels: z.array(bedrockCustomModelFactsSchema),
});
export type BedrockFacts = z.infer<typeof bedrockFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Bedrock Agents
// ---------------------------------------------------------------------------------------------

export const agentFunctionFactsSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  /** `ENABLED` makes the agent ask the user before calling the function (human in the loop). */
  requireConfirmation: z.string().nullable(),
  parameterNames: z.array(z.string()),
});
export type AgentFunctionFacts = z.infer<typeof agentFunctionFactsSchema>;

export const agentActionGroupFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The agent version the action group belongs to (`DRAFT` or a number). */
  agentVersion: z.string(),
  /** `ENABLED` or `DISABLED`. */
  state: z.string().nullable(),
  /** The Lambda function run for the action group; null for return-control or built-in groups. */
  executorLambdaArn: z.string().nullable(),
  /** `RETURN_CONTROL` when the caller executes the action. */
  customControl: z.string().nullable(),
  /** e.g. `AMAZON.UserInput`, `AMAZON.CodeInterpreter`. */
  parentActionGroupSignature: z.string().nullable(),
  /** The function schema's functions; empty when the group uses an OpenAPI schema. */
  functions: z.array(agentFunctionFactsSchema),
  /** The OpenAPI schema, when used: its S3 location or the inline text (JSON or YAML, kept as text). */
  apiSchema: z
    .object({ s3Uri: z.string().nullable(), payload: z.string().nullable() })
    .nullable(),
});
export type AgentActionGroupFacts = z.infer<typeof agentActionGroupFactsSchema>;

export const agentAliasFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  arn: z.string(),
  status: z.string().nullable(),
  /** The agent versions the alias routes to. */
  agentVersions: z.array(z.string()),
  createdAt: nullableTimestampSchema,
  updatedAt: nullableTimestampSchema,
});
export type AgentAliasFacts = z.infer<typeof agentAliasFactsSchema>;

const agentGuardrailSchema = z.object({ identifier: z.string(), version: z.string().nullable() });

/**
 * A numbered agent version an alias routes to, and the guardrail that version runs with
 * (GetAgentVersion): an alias serves a published version, whose guardrail may differ from the draft's.
 */
export const agentServedVersionFactsSchema = z.object({
  /** The version number (never `DRAFT`: the draft's guardrail is `BedrockAgentFacts.guardrail`). */
  version: z.string(),
  /** Names of the aliases routing to it, sorted. */
  aliases: z.array(z.string()),
  /** The version's guardrail; null when it has none, or when not read (`known` false). */
  guardrail: agentGuardrailSchema.nullable(),
  /** False when GetAgentVersion was refused or failed for the resource: the guardrail is unknown, not absent. */
  known: z.boolean(),
});
export type AgentServedVersionFacts = z.infer<typeof agentServedVersionFactsSchema>;

export const bedrockAgentFactsSchema = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  region: factRegionSchema,
  roleArn: z.string().nullable(),
  foundationModel: z.string().nullable(),
  /** The DRAFT's guardrail (GetAgent describes the draft). */
  guardrail: agentGuardrailSchema.nullable(),
  status: z.string().nullable(),
  description: z.string().nullable(),
  idleSessionTtlSeconds: z.number().int().nonnegative().nullable(),
  customerEncryptionKeyArn: z.string().nullable(),
  createdAt: nullableTimestampSchema,
  updatedAt: nullableTimestampSchema,
  actionGroups: z.array(agentActionGroupFactsSchema),
  aliases: z.array(agentAliasFactsSchema),
  /** The numbered versions the aliases serve, with each one's guardrail; empty in scans stored before it was read. */
  servedVersions: z.array(agentServedVersionFactsSchema).default([]),
  /** Knowledge bases associated with the agent (see `BedrockAgentsFacts.knowledgeBases`). */
  knowledgeBaseIds: z.array(z.string()),
  tags: tagsSchema,
});
export type BedrockAgentFacts = z.infer<typeof bedrockAgentFactsSchema>;

export const knowledgeBaseDataSourceFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `S3`, `WEB`, `CONFLUENCE`, `SALESFORCE`, `SHAREPOINT`, … */
  type: z.string().nullable(),
  /** The bucket for S3 sources. */
  s3BucketArn: z.string().nullable(),
});
export type KnowledgeBaseDataSourceFacts = z.infer<typeof knowledgeBaseDataSourceFactsSchema>;

export const knowledgeBaseFactsSchema = z.object({
  arn: z.string(),
  id: z.string(),
  name: z.string(),
  region: factRegionSchema,
  roleArn: z.string().nullable(),
  status: z.string().nullable(),
  storageType: z.string().nullable(),
  embeddingModelArn: z.string().nullable(),
  dataSources: z.array(knowledgeBaseDataSourceFactsSchema),
  createdAt: nullableTimestampSchema,
  updatedAt: nullableTimestampSchema,
  tags: tagsSchema,
});
export type KnowledgeBaseFacts = z.infer<typeof knowledgeBaseFactsSchema>;

export const bedrockAgentsFactsSchema = z.object({
  regions: z.array(factRegionSchema),
  agents: z.array(bedrockAgentFactsSchema),
  knowledgeBases: z.array(knowledgeBaseFactsSchema),
});
export type BedrockAgentsFacts = z.infer<typeof bedrockAgentsFactsSchema>;

// ---------------------------------------------------------------------------------------------
// CloudTrail
// ---------------------------------------------------------------------------------------------

export const eventSelectorFactsSchema = z.object({
  /** `All`, `ReadOnly` or `WriteOnly`. */
  readWriteType: z.string().nullable(),
  includeManagementEvents: z.boolean(),
  dataResources: z.array(z.object({ type: z.string(), values: z.array(z.string()) })),
  excludeManagementEventSources: z.array(z.string()),
});
export type EventSelectorFacts = z.infer<typeof eventSelectorFactsSchema>;

export const advancedEventSelectorFactsSchema = z.object({
  name: z.string().nullable(),
  fieldSelectors: z.array(
    z.object({
      field: z.string(),
      equals: z.array(z.string()),
      startsWith: z.array(z.string()),
      endsWith: z.array(z.string()),
      notEquals: z.array(z.string()),
      notStartsWith: z.array(z.string()),
      notEndsWith: z.array(z.string()),
    }),
  ),
});
export type AdvancedEventSelectorFacts = z.infer<typeof advancedEventSelectorFactsSchema>;

export const cloudTrailTrailFactsSchema = z.object({
  arn: z.string(),
  name: z.string(),
  homeRegion: factRegionSchema,
  multiRegion: z.boolean(),
  organizationTrail: z.boolean(),
  /** GetTrailStatus `IsLogging`; null when the status could not be read. */
  logging: z.boolean().nullable(),
  logFileValidation: z.boolean(),
  includeGlobalServiceEvents: z.boolean(),
  s3BucketName: z.string().nullable(),
  kmsKeyId: z.string().nullable(),
  cloudWatchLogsLogGroupArn: z.string().nullable(),
  /** Null when the selectors could not be read. */
  eventSelectors: z.array(eventSelectorFactsSchema).nullable(),
  advancedEventSelectors: z.array(advancedEventSelectorFactsSchema).nullable(),
});
export type CloudTrailTrailFacts = z.infer<typeof cloudTrailTrailFactsSchema>;

export const cloudTrailFactsSchema = z.object({
  regions: z.array(factRegionSchema),
  trails: z.array(cloudTrailTrailFactsSchema),
});
export type CloudTrailFacts = z.infer<typeof cloudTrailFactsSchema>;

/**
 * Who created a resource, from its creation event in CloudTrail's event history (LookupEvents): read
 * for identities and AI workloads new since the previous scan of the account (issue 14, "who created
 * it"). Every string is AWS's (and so whoever named the session's): data, never markup.
 */
export const creatorFactsSchema = z.object({
  /** The resource the event created (a role, user, function, agent, …; for a credential its ID). */
  resourceArn: z.string(),
  /** `iam-role`, `iam-user`, `iam-access-key`, `service-specific-credential`, `lambda-function`, `bedrock-agent`, … */
  resourceType: z.string(),
  /** The IAM identity the resource belongs to or runs as (itself for a role or user), when the facts say. */
  identityArn: z.string().nullable(),
  /** The region of the event (IAM's events are in the partition's IAM region, e.g. us-east-1). */
  region: factRegionSchema,
  eventName: z.string(),
  eventId: z.string(),
  /** The event's time: when the resource was created. */
  createdAt: timestampSchema,
  /**
   * Who did it, as a person would name them: the IAM user's name; for a role session the person behind
   * it (the `sourceIdentity`, or the session name when it names a person: an SSO session, an e-mail);
   * else the role's name; for an AWS service its name (`cloudformation.amazonaws.com`).
   */
  createdBy: z.string(),
  /** The ARN of the principal when it is an IAM user or role (the session's role for a role session). */
  createdByArn: z.string().nullable(),
  /** Whether `createdBy` names a person (an IAM user, an SSO/federated session, a source identity). */
  person: z.boolean(),
  /** The role a person acted through (e.g. `AWSReservedSSO_Admin_0123abcd`); null when they acted as themselves. */
  via: z.string().nullable(),
  /** CloudTrail's `userIdentity.type` (`IAMUser`, `AssumedRole`, `AWSService`, …). */
  identityType: z.string().nullable(),
  /** The role session's name, as CloudTrail has it. */
  sessionName: z.string().nullable(),
  /** The AWS service that made the call on the principal's behalf (`invokedBy`). */
  invokedBy: z.string().nullable(),
});
export type CreatorFacts = z.infer<typeof creatorFactsSchema>;

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

export const organizationAccountFactsSchema = z.object({
  id: accountIdSchema,
  arn: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, … */
  status: z.string().nullable(),
  joinedAt: nullableTimestampSchema,
});
export type OrganizationAccountFacts = z.infer<typeof organizationAccountFactsSchema>;

export const organizationsFactsSchema = z.object({
  /** Null when the account is not in an organisation. */
  organization: z
    .object({
      id: z.string(),
      arn: z.string(),
      managementAccountId: z.string().nullable(),
      featureSet: z.string().nullable(),
    })
    .nullable(),
  /** Empty unless the scanned account may list them (management or delegated administrator). */
  accounts: z.array(organizationAccountFactsSchema),
});
export type OrganizationsFacts = z.infer<typeof organizationsFactsSchema>;

// ---------------------------------------------------------------------------------------------
// The scan
// ---------------------------------------------------------------------------------------------

export const scanFactsSchema = z.object({
  factsVersion: z.literal(FACTS_VERSION),
  /** When the facts were gathered (live), imported (import) or generated (demo). */
  collectedAt: timestampSchema,
  account: accountFactsSchema,
  /** The identity the scanner acted as (live scans). */
  scannerArn: z.string().nullable(),
  /** Regions the regional collectors were asked to cover; empty for an offline import. */
  regions: z.array(factRegionSchema),
  /** IAM GetAccountSummary's `SummaryMap` (e.g. `AccountMFAEnabled`, `AccountAccessKeysPresent`). */
  accountSummary: z.record(z.string(), z.number()).nullable(),
  iam: iamFactsSchema.nullable(),
  credentialReport: credentialReportFactsSchema.nullable(),
  identityProviders: identityProvidersFactsSchema.nullable(),
  serviceSpecificCredentials: z.array(serviceSpecificCredentialFactsSchema).nullable(),
  serviceLastAccessed: z.array(serviceLastAccessedFactsSchema).nullable(),
  lambda: lambdaFactsSchema.nullable(),
  sageMaker: sageMakerFactsSchema.nullable(),
  bedrock: bedrockFactsSchema.nullable(),
  bedrockAgents: bedrockAgentsFactsSchema.nullable(),
  cloudTrail: cloudTrailFactsSchema.nullable(),
  organizations: organizationsFactsSchema.nullable(),
  /**
   * Who created the identities and AI workloads new since the previous scan (CloudTrail LookupEvents).
   * Absent (or null) when not collected: an import, the demo, a refused read; an empty list when read
   * and nothing was found.
   */
  creators: z.array(creatorFactsSchema).nullable().optional(),
  /** Oddities noticed while gathering the facts (kept data, but worth a human's attention). */
  warnings: z.array(z.string()),
});
export type ScanFacts = z.infer<typeof scanFactsSchema>;

/** Facts with nothing collected yet: every section `null`. Collectors and importers fill sections in. */
export function emptyScanFacts(options: {
  collectedAt: string;
  account: AccountFacts;
  scannerArn?: string | null;
  regions?: string[];
}): ScanFacts {
  return {
    factsVersion: FACTS_VERSION,
    collectedAt: options.collectedAt,
    account: options.account,
    scannerArn: options.scannerArn ?? null,
    regions: options.regions ?? [],
    accountSummary: null,
    iam: null,
    credentialReport: null,
    identityProviders: null,
    serviceSpecificCredentials: null,
    serviceLastAccessed: null,
    lambda: null,
    sageMaker: null,
    bedrock: null,
    bedrockAgents: null,
    cloudTrail: null,
    organizations: null,
    warnings: [],
  };
}
