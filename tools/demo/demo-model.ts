/**
 * The demo company as data: accounts, identities and workloads described with ages in days (relative
 * to the moment the demo is loaded), what each one is meant to show, and how the world looked at the
 * previous scan. `generate-demo-files.ts` renders it into AWS-shaped files under `resources/demo/`;
 * nothing at run time reads these types except through those files.
 *
 * The previous scan (7 days earlier) is derived with a few plain rules, so every entity does not have
 * to spell it out:
 * - an entity created less than 7 days ago did not exist yet;
 * - `onlyPrevious` entities existed then and were deleted since;
 * - `previous` overrides fields for the earlier snapshot (a key before its rotation, a setting before
 *   its fix);
 * - a "last used" less than 7 days ago moves 7 days back (the same habit, seen a week earlier), or is
 *   "never" when that would predate the entity.
 */
import type { PolicyDocument, Tags } from '@core/discovery/facts';

/** Every rule of FINDINGS.md's "Required in the first analysis release" table, in its order. */
export const REQUIRED_RULE_IDS = [
  'root_access_key',
  'static_access_key',
  'access_key_not_rotated',
  'access_key_unused',
  'user_multiple_active_keys',
  'user_console_and_keys',
  'identity_unused',
  'shared_identity',
  'policy_full_admin',
  'policy_service_wildcard',
  'privilege_escalation',
  'trust_any_principal',
  'trust_cross_account_no_external_id',
  'oidc_trust_without_sub',
  'agent_missing_owner',
  'shadow_ai_unregistered',
  'third_party_ai_key_in_env',
  'bedrock_agent_no_guardrail',
  'bedrock_guardrail_no_prompt_attack_filter',
  'bedrock_action_without_confirmation',
  'bedrock_invocation_logging_disabled',
  'cloudtrail_not_multi_region',
  'sagemaker_notebook_direct_internet',
  'sagemaker_notebook_root_access',
  'sagemaker_endpoint_no_kms',
  'lambda_url_public',
  'governance_policy_violation',
  'review_overdue',
] as const;
export type RuleId = (typeof REQUIRED_RULE_IDS)[number];

/** Days before the moment the demo is loaded; fractions allowed (0.25 = six hours ago). */
export type DaysAgo = number;

/** A finding the entity is meant to raise. */
export interface FindingExpectation {
  rule: RuleId;
  /** What the finding names when it is not the entity itself: `access key 1`, a function name. */
  resource?: string;
  why: string;
  /** How it differs from the previous scan: raised since (`new`) or fixed since (`resolved`). */
  change?: 'new' | 'resolved';
}

/** A near miss: the rule looks at the entity and must NOT fire. */
export interface TrapExpectation {
  rule: RuleId;
  why: string;
}

export interface TierExpectation {
  tier: 1 | 2 | 3;
  why: string;
}

/** What an entity is for in the demo: the golden checklist of the analysis. */
export interface Expectations {
  fires?: FindingExpectation[];
  traps?: TrapExpectation[];
  tier?: TierExpectation;
  /** Whether the analysis should mark it as an AI agent (only stated for key identities). */
  ai?: boolean;
}

/** How an entity differs in the previous scan. */
export interface History<T> {
  /** Field values at the previous scan, where they differed. */
  previous?: Partial<T>;
  /** Existed at the previous scan, deleted since. */
  onlyPrevious?: boolean;
}

// ---------------------------------------------------------------------------------------------
// IAM
// ---------------------------------------------------------------------------------------------

export interface ManagedPolicyModel {
  name: string;
  path?: string;
  description: string;
  created: DaysAgo;
  /** When the default version was made; defaults to `created`. */
  updated?: DaysAgo;
  document: PolicyDocument;
  /** Earlier, non-default versions, oldest first (the default is the last version). */
  olderVersions?: PolicyDocument[];
  /** Store the documents URL-encoded, as the IAM API returns them (some exports keep that form). */
  encoded?: boolean;
}

/** An AWS-managed policy as the export lists it when something in the account attaches it. */
export interface AwsManagedPolicyModel {
  name: string;
  path: string;
  description: string;
  created: DaysAgo;
  updated: DaysAgo;
  /** Number of the default version (`v<n>`). */
  version: number;
  document: PolicyDocument;
}

interface RoleFields {
  name: string;
  path?: string;
  /** From ListRoles/GetRole (not part of the authorization-details export). */
  description: string | null;
  created: DaysAgo;
  /** `RoleLastUsed`; null = never (within AWS's tracking window). */
  used: DaysAgo | null;
  usedRegion?: string;
  trust: PolicyDocument;
  /** Managed policy names: the account's own policies first, then AWS-managed ones. */
  managed?: string[];
  inline?: Record<string, PolicyDocument>;
  tags?: Tags;
  /** Name of a managed policy used as the permissions boundary. */
  boundary?: string;
  maxSessionHours?: number;
  /** Name of an instance profile holding the role. */
  instanceProfile?: string;
  /** Store the inline documents URL-encoded. */
  encoded?: boolean;
}
export interface RoleModel extends RoleFields, Expectations, History<RoleFields> {}

export interface KeyModel {
  active: boolean;
  /** `access_key_N_last_rotated`: when the key was created. */
  rotated: DaysAgo;
  used: DaysAgo | null;
  region?: string;
  service?: string;
}

export interface ConsoleModel {
  /** null = the password was never used (`no_information`). */
  used: DaysAgo | null;
  changed: DaysAgo;
  mfa: boolean;
}

interface UserFields {
  name: string;
  path?: string;
  created: DaysAgo;
  groups?: string[];
  managed?: string[];
  inline?: Record<string, PolicyDocument>;
  tags?: Tags;
  boundary?: string;
  console?: ConsoleModel;
  /** Slot 1 and 2 of the credential report. */
  keys?: KeyModel[];
  /** MFA without a console password (API-only MFA); defaults to the console's. */
  mfa?: boolean;
}
export interface UserModel extends UserFields, Expectations, History<UserFields> {}

export interface GroupModel {
  name: string;
  path?: string;
  created: DaysAgo;
  managed?: string[];
  inline?: Record<string, PolicyDocument>;
}

export interface RootModel extends Expectations {
  created: DaysAgo;
  passwordUsed: DaysAgo | null;
  mfa: boolean;
  key?: KeyModel;
}

// ---------------------------------------------------------------------------------------------
// Identity providers, API keys, service last accessed
// ---------------------------------------------------------------------------------------------

export interface OidcProviderModel {
  url: string;
  clientIds: string[];
  thumbprints: string[];
  created: DaysAgo;
  tags?: Tags;
}

export interface SamlProviderModel {
  name: string;
  created: DaysAgo;
  /** Negative: in the future. */
  validUntil: DaysAgo;
  tags?: Tags;
}

interface ServiceCredentialFields {
  user: string;
  service: string;
  status: 'Active' | 'Inactive' | 'Expired';
  created: DaysAgo;
  /** Negative: in the future; null = never expires. */
  expires: DaysAgo | null;
}
export interface ServiceCredentialModel extends ServiceCredentialFields, Expectations, History<ServiceCredentialFields> {}

/** `role/<name>` or `user/<name>`. */
export type PrincipalRef = `role/${string}` | `user/${string}`;

export interface LastAccessedModel {
  principal: PrincipalRef;
  namespace: string;
  serviceName: string;
  last: DaysAgo | null;
  region?: string;
  /** The role session or user that made the call, for roles. */
  entity?: string;
}

// ---------------------------------------------------------------------------------------------
// Workloads
// ---------------------------------------------------------------------------------------------

interface LambdaFields {
  name: string;
  region?: string;
  runtime: string | null;
  /** Role name. */
  role: string;
  /** Environment variable NAMES (values are never part of the demo). */
  env: string[];
  tags?: Tags;
  urls?: { authType: 'NONE' | 'AWS_IAM'; qualifier?: string }[];
  created: DaysAgo;
  modified: DaysAgo;
  description: string | null;
}
export interface LambdaModel extends LambdaFields, Expectations, History<LambdaFields> {}

export interface EndpointModel extends Expectations {
  name: string;
  region?: string;
  status: string;
  created: DaysAgo;
  modified: DaysAgo;
  /** A customer KMS key on the endpoint config. */
  kms: boolean;
  dataCapture: boolean;
  tags?: Tags;
  model: {
    name: string;
    role: string;
    networkIsolation: boolean;
    vpc: boolean;
    created: DaysAgo;
    tags?: Tags;
  };
}

export interface NotebookModel extends Expectations {
  name: string;
  region?: string;
  role: string;
  directInternet: boolean;
  root: boolean;
  kms: boolean;
  inVpc: boolean;
  status: string;
  created: DaysAgo;
  tags?: Tags;
}

export interface GuardrailFilterModel {
  type: 'SEXUAL' | 'VIOLENCE' | 'HATE' | 'INSULTS' | 'MISCONDUCT' | 'PROMPT_ATTACK';
  input: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
  output: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
}

export interface GuardrailModel extends Expectations {
  name: string;
  region?: string;
  version: string;
  filters: GuardrailFilterModel[];
  topics: boolean;
  words: boolean;
  pii: boolean;
  grounding: boolean;
  kms: boolean;
  created: DaysAgo;
  updated: DaysAgo;
}

export interface AgentFunctionModel {
  name: string;
  description: string;
  requireConfirmation: 'ENABLED' | 'DISABLED';
  parameters: string[];
}

export interface ActionGroupModel {
  name: string;
  state: 'ENABLED' | 'DISABLED';
  /** Lambda function name, or null for return-control and built-in groups. */
  executor: string | null;
  customControl?: 'RETURN_CONTROL';
  parentSignature?: 'AMAZON.UserInput' | 'AMAZON.CodeInterpreter';
  functions: AgentFunctionModel[];
  /** An OpenAPI schema in S3 instead of functions. */
  apiSchemaS3?: string;
}

interface AgentFields {
  name: string;
  region?: string;
  role: string;
  foundationModel: string;
  guardrail: { name: string; version: string } | null;
  status: string;
  description: string;
  idleSessionTtlSeconds: number;
  customerKey: boolean;
  created: DaysAgo;
  updated: DaysAgo;
  /** The latest numbered version; action groups are listed for DRAFT and for it. */
  latestVersion: number;
  actionGroups: ActionGroupModel[];
  aliases: { name: string; versions: string[]; created: DaysAgo; updated: DaysAgo }[];
  /**
   * The guardrail of a numbered version an alias serves, where it differs from the draft's (a
   * version published before the guardrail was attached: `null`). Unlisted versions have the draft's.
   */
  versionGuardrails?: Record<string, { name: string; version: string } | null>;
  knowledgeBases: string[];
  tags?: Tags;
}
export interface AgentModel extends AgentFields, Expectations, History<AgentFields> {}

export interface KnowledgeBaseModel extends Expectations {
  name: string;
  region?: string;
  role: string;
  status: string;
  storageType: string;
  embeddingModel: string;
  dataSources: { name: string; type: string; bucket: string | null }[];
  created: DaysAgo;
  updated: DaysAgo;
  tags?: Tags;
}

export interface CustomModelModel extends Expectations {
  name: string;
  region?: string;
  baseModel: string;
  customizationType: string;
  trainingData: string;
  output: string;
  jobRole: string;
  kms: boolean;
  created: DaysAgo;
  tags?: Tags;
}

export interface InvocationLoggingModel extends Expectations {
  region: string;
  config: {
    logGroup: string | null;
    bucket: string | null;
    text: boolean;
    image: boolean;
    embedding: boolean;
    video: boolean;
  } | null;
}

export interface TrailModel extends Expectations {
  name: string;
  /** The account that owns the trail (an organisation trail is seen from member accounts too). */
  ownerAccountId?: string;
  homeRegion: string;
  multiRegion: boolean;
  organizationTrail: boolean;
  logging: boolean;
  logFileValidation: boolean;
  includeGlobalServiceEvents: boolean;
  bucket: string;
  kms: boolean;
  cloudWatchLogGroup: string | null;
  eventSelectors: {
    readWriteType: 'All' | 'ReadOnly' | 'WriteOnly';
    includeManagementEvents: boolean;
    dataResources: { type: string; values: string[] }[];
  }[] | null;
  advancedEventSelectors: { name: string; fieldSelectors: { field: string; equals?: string[]; startsWith?: string[] }[] }[] | null;
}

// ---------------------------------------------------------------------------------------------
// The registry (what humans keep) and the account
// ---------------------------------------------------------------------------------------------

export interface RegistryModel extends Expectations {
  principal: PrincipalRef;
  owner: string;
  purpose: string;
  dataScope: string;
  status: 'registered' | 'unregistered' | 'decommissioned';
  lastReviewed: DaysAgo | null;
}

export interface OrganizationModel {
  id: string;
  managementAccountId: string;
  /** Listed only in the management account. */
  accounts: { id: string; name: string; email: string; status: string; joined: DaysAgo }[];
}

export interface AccountModel {
  id: string;
  /** Folder under resources/demo. */
  dir: string;
  /** The account's name in the organisation. */
  name: string;
  alias: string;
  /** What the account is for, one line. */
  purpose: string;
  regions: string[];
  /** Region used when an entity names none. */
  primaryRegion: string;
  /** Role the (pretend) scanner assumed. */
  scannerRole: string;
  samlProviderName: string;
  root: RootModel;
  users: UserModel[];
  groups: GroupModel[];
  roles: RoleModel[];
  policies: ManagedPolicyModel[];
  oidcProviders: OidcProviderModel[];
  samlProviders: SamlProviderModel[];
  serviceCredentials: ServiceCredentialModel[];
  lastAccessed: LastAccessedModel[];
  lambdas: LambdaModel[];
  endpoints: EndpointModel[];
  notebooks: NotebookModel[];
  guardrails: GuardrailModel[];
  customModels: CustomModelModel[];
  invocationLogging: InvocationLoggingModel[];
  agents: AgentModel[];
  knowledgeBases: KnowledgeBaseModel[];
  trails: TrailModel[];
  organization: OrganizationModel;
  registry: RegistryModel[];
  /** Account-level expectations (e.g. the CloudTrail rule, which names the account). */
  account: Expectations;
}

/** What changed between the previous scan and the current one, as the story tells it. */
export interface ChangeStory {
  accountId: string;
  kind: 'appeared' | 'removed' | 'rotated' | 'fixed' | 'regressed' | 'changed';
  /** ARN of the identity or workload concerned. */
  subject: string;
  what: string;
}
