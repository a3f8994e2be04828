/**
 * The inventory: one row per non-human identity of a scan (step 1 of the product), with the workloads
 * that run as it, the credentials it holds and the AI signals that mark it. It is derived from a
 * scan's facts and the registry, never stored: re-deriving an old scan gives the same rows.
 *
 * The analysis (tiers, findings, human-vs-machine judgement) builds on these rows; they only state
 * what the facts say.
 */
import type { Tags } from '../../discovery/facts';

export const AGENT_KINDS = ['iam-user', 'iam-role', 'unscanned-role'] as const;
/**
 * - `iam-user`, `iam-role`: every user and role of the scan.
 * - `unscanned-role`: a role that a workload runs as but that the scan's IAM facts do not contain
 *   (another account, deleted since, or IAM not collected); kept so the workload is not lost.
 *
 * Bedrock long-term API keys are not rows of their own: a key authenticates as its IAM user (the user's
 * permissions, the user's name in CloudTrail), and the console creates one user per key, so that user
 * is the agent to register and own. Each key is listed among its user's credentials, with its ID, so
 * findings can still name one key.
 */
export type AgentKind = (typeof AGENT_KINDS)[number];

export const WORKLOAD_TYPES = [
  'lambda-function',
  'sagemaker-endpoint',
  'sagemaker-model',
  'sagemaker-notebook',
  'bedrock-agent',
  'bedrock-knowledge-base',
  'bedrock-custom-model',
] as const;
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

export interface InventoryWorkload {
  arn: string;
  type: WorkloadType;
  name: string;
  region: string;
}

export const AI_SIGNAL_KINDS = [
  'trusted-by-ai-service',
  'ai-permissions',
  'recent-ai-use',
  'ai-env-var',
  'ai-tag',
  'ai-workload',
  'ai-credential',
] as const;
/**
 * - `trusted-by-ai-service`: the trust policy lets an AI service (Bedrock, SageMaker, …) assume the role.
 * - `ai-permissions`: an Allow statement names an AI service's actions explicitly (`bedrock:*`,
 *   `sagemaker:CreateEndpoint`, …); `*` alone, catalogue policies, metadata reads and housekeeping
 *   (tag, stop, delete) do not count.
 * - `recent-ai-use`: service-last-accessed data, or an access key's last-used service in the credential
 *   report, shows an AI service used within 90 days.
 * - `ai-env-var`: a workload has an environment variable whose NAME marks an AI provider.
 * - `ai-tag`: a tag key or value of the identity or its workloads names AI (whole words only).
 * - `ai-workload`: it runs a Bedrock agent, knowledge base, custom model, a SageMaker resource, or the
 *   Lambda function behind a Bedrock agent's action group.
 * - `ai-credential`: it holds a credential that only an AI service accepts (a Bedrock API key).
 */
export type AiSignalKind = (typeof AI_SIGNAL_KINDS)[number];

/** Read-only: one signal object may be shared by every agent that attaches the same managed policy. */
export interface AiSignal {
  readonly signal: AiSignalKind;
  /** Where the evidence is: a policy, workload or principal ARN, or a section of the facts. */
  readonly source: string;
  /** The evidence in words, naming the policy, variable, tag or service. */
  readonly detail: string;
}

export const REGISTRY_STATUSES = ['registered', 'unregistered', 'decommissioned'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

/** The part of a registry row the inventory needs (the registry is keyed by ARN). */
export interface RegistryEntry {
  owner: string | null;
  status: RegistryStatus;
}

export interface AccessKeyCredential {
  type: 'access-key';
  slot: 1 | 2;
  active: boolean;
  /** The report's `last_rotated`: when the key in this slot was created (or last replaced). */
  lastRotated: string | null;
  /** Whole days since `lastRotated`. */
  ageDays: number | null;
  lastUsedAt: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface PasswordCredential {
  type: 'console-password';
  enabled: boolean;
  lastUsedAt: string | null;
  lastChangedAt: string | null;
  mfaActive: boolean;
}

export interface SigningCertificateCredential {
  type: 'signing-certificate';
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  ageDays: number | null;
}

export interface ServiceSpecificCredential {
  type: 'bedrock-api-key' | 'service-specific-credential';
  id: string;
  serviceName: string;
  serviceUserName: string | null;
  /** AWS's status (`Active`, `Inactive`, `Expired`). */
  status: string;
  /** Status `Active` and not past its expiry date. */
  active: boolean;
  createdAt: string | null;
  /** Null for a key that never expires. */
  expiresAt: string | null;
  ageDays: number | null;
}

export type InventoryCredential = AccessKeyCredential | PasswordCredential | SigningCertificateCredential | ServiceSpecificCredential;

/** Who a role's trust policy lets assume it (Allow statements only; conditions not evaluated). */
export interface TrustSummary {
  services: string[];
  /** AWS principals: account IDs, role/user ARNs, `*`. */
  aws: string[];
  /** OIDC/SAML providers. */
  federated: string[];
  /** `*` or `{"AWS":"*"}` appears (with or without a condition). */
  anyPrincipal: boolean;
}

export interface InventoryAgent {
  arn: string;
  kind: AgentKind;
  name: string;
  accountId: string;
  /** IAM path (`/`, `/service-role/`, …). */
  path: string;
  /** A service-linked role, created and managed by an AWS service. */
  awsManaged: boolean;
  /**
   * Who manages the identity when the account's admins do not: `aws-service` for service-linked
   * roles, `identity-center` for the roles IAM Identity Center creates for permission sets (people
   * signing in assume them: human access, not a machine identity).
   */
  managedBy: 'aws-service' | 'identity-center' | null;
  createdAt: string | null;
  /**
   * The latest use seen: for a role RoleLastUsed, for a user the credential report's password and
   * access-key use; for both, any later use in service-last-accessed data (which also sees a user's
   * Bedrock API keys at work). Null when none of these shows any.
   */
  lastUsedAt: string | null;
  owner: string | null;
  ownerSource: 'registry' | 'tag' | null;
  /** The tag key the owner came from. */
  ownerTag: string | null;
  status: RegistryStatus;
  tags: Tags;
  /** Users: the group names they belong to. */
  groups: string[];
  /**
   * Users: console password (with MFA), access keys, signing certificates, Bedrock API keys and other
   * service-specific credentials.
   * Roles hold no long-lived credentials (they are assumed for temporary ones): empty.
   */
  credentials: InventoryCredential[];
  /** False when the scan has no credential report row for this user, so its credentials are unknown. */
  credentialsKnown: boolean;
  /** Roles only. */
  trust: TrustSummary | null;
  workloads: InventoryWorkload[];
  /**
   * `human`: people sign in through it (an Identity Center permission-set role, a SAML-federated
   * role, a user with a console password and no workload marks). Still analysed for privilege; never
   * an AI agent nor shadow AI. `workload`: a non-human identity.
   */
  access: 'human' | 'workload';
  /**
   * What it does with AI, for workload identities with AI signals: `runs` (invokes models, runs
   * agents or endpoints, trusted by an AI service, AI workloads) or `manages` (its AI permissions only
   * build and configure AI resources, e.g. a Terraform role that creates Bedrock agents). Null for
   * human access and for identities without AI signals.
   */
  aiUse: 'runs' | 'manages' | null;
  /** An AI agent: a workload identity that runs AI (`aiUse === 'runs'`). */
  ai: boolean;
  /** Every AI signal, also those of human access and of identities that only manage AI. */
  aiSignals: AiSignal[];
}
