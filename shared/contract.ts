/**
 * The one typed contract between the UI and the back end.
 *
 * Every channel is named `domain:verb` and has a zod input schema, a zod output schema and a one-line
 * doc. Both transports (Electron IPC and loopback HTTP) carry exactly these channels; the back end
 * parses input and output with these schemas on its side of either transport.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Envelope: errors travel as data.
// ---------------------------------------------------------------------------------------------

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'workspace_error',
  'aws_error',
  'unavailable',
  // More than Agent Warden supports (issue 8): an import or a scan above the supported size.
  'too_large',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// ---------------------------------------------------------------------------------------------
// Domain schemas.
// ---------------------------------------------------------------------------------------------

/** A region code such as `eu-west-1`. */
export const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region code');
export const roleArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'not an IAM role ARN');
export const externalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'not a valid external ID');
export const profileNameSchema = z.string().min(1).max(256);

export const PROFILE_KINDS = [
  'sso',
  'static',
  'assume-role',
  'credential-process',
  'web-identity',
  'unknown',
] as const;
export const profileKindSchema = z.enum(PROFILE_KINDS);
export type ProfileKind = z.infer<typeof profileKindSchema>;

/** A profile found in the user's shared AWS config/credentials files. Never carries a secret. */
export const awsProfileSchema = z.object({
  name: z.string(),
  kind: profileKindSchema,
  region: z.string().nullable(),
  /** Where it was found: config, credentials, or both. */
  sources: z.array(z.enum(['config', 'credentials'])),
  /** For assume-role profiles: the role it assumes and its source profile (no secrets). */
  roleArn: z.string().nullable(),
  sourceProfile: z.string().nullable(),
  /** For SSO profiles: the session or start URL, to name in `aws sso login` advice. */
  ssoSession: z.string().nullable(),
});
export type AwsProfile = z.infer<typeof awsProfileSchema>;

export const awsProfilesSchema = z.object({
  profiles: z.array(awsProfileSchema),
  configFile: z.string(),
  credentialsFile: z.string(),
  /** Problems reading the files, in words a person can act on (the list may still be partial). */
  warnings: z.array(z.string()),
});
export type AwsProfiles = z.infer<typeof awsProfilesSchema>;

export const connectionNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80, 'at most 80 characters');

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  profile: z.string(),
  roleArn: z.string().nullable(),
  externalId: z.string().nullable(),
  regions: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The result of the latest "Test", if any. */
  lastTest: z
    .object({ at: z.string(), ok: z.boolean(), accountId: z.string().nullable(), message: z.string() })
    .nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

const connectionFieldsSchema = z.object({
  name: connectionNameSchema,
  profile: profileNameSchema,
  roleArn: roleArnSchema.nullable(),
  externalId: externalIdSchema.nullable(),
  regions: z.array(regionSchema).max(40),
});

/** A new connection: role, external ID and regions are optional. */
export const connectionInputSchema = connectionFieldsSchema.extend({
  roleArn: connectionFieldsSchema.shape.roleArn.default(null),
  externalId: connectionFieldsSchema.shape.externalId.default(null),
  regions: connectionFieldsSchema.shape.regions.default([]),
});
export type ConnectionInput = z.input<typeof connectionInputSchema>;

/** A change to a connection: only the fields sent are changed (no defaults, so "not sent" ≠ "cleared"). */
export const connectionUpdateSchema = connectionFieldsSchema.partial().extend({ id: z.string().min(1) });

export const CONNECTION_FAILURES = [
  'sso_expired',
  'no_credentials',
  'access_denied',
  'unreachable',
  'invalid_profile',
  'expired_credentials',
  'unknown',
] as const;
export const connectionFailureSchema = z.enum(CONNECTION_FAILURES);
export type ConnectionFailure = z.infer<typeof connectionFailureSchema>;

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    accountId: z.string(),
    arn: z.string(),
    userId: z.string(),
    accountAlias: z.string().nullable(),
    /** The identity the scanner would act as (after assuming the role, if any). */
    assumedRole: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    failure: connectionFailureSchema,
    message: z.string(),
    /** What to do about it, e.g. the exact `aws sso login --profile …` command. */
    action: z.string(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionTargetSchema = z.union([
  z.object({ connectionId: z.string().min(1) }),
  z.object({
    profile: profileNameSchema,
    roleArn: roleArnSchema.nullable().default(null),
    externalId: externalIdSchema.nullable().default(null),
    region: regionSchema.nullable().default(null),
  }),
]);

export const thresholdsSchema = z.object({
  /** access_key_not_rotated fires past this many days. */
  keyRotationDays: z.number().int().min(1).max(3650),
  /** access_key_unused fires past this many days without use. */
  keyUnusedDays: z.number().int().min(1).max(3650),
  /** A never-used key younger than this is not yet "unused". */
  keyGraceDays: z.number().int().min(0).max(365),
  /** identity_unused fires for roles unused this long. */
  roleUnusedDays: z.number().int().min(1).max(3650),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;
export const DEFAULT_THRESHOLDS: Thresholds = {
  keyRotationDays: 90,
  keyUnusedDays: 45,
  keyGraceDays: 7,
  roleUnusedDays: 90,
};

/** Longest label of a declared known account ("Vendor: Datadog"). */
export const KNOWN_ACCOUNT_LABEL_MAX = 64;
/** Most accounts a workspace may declare: a list people read, not an organisation's directory. */
export const KNOWN_ACCOUNTS_MAX = 200;
/** An account the team declares as its own or a trusted vendor's: trusts to it are not "cross-account" findings. */
export const knownAccountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'an AWS account ID is exactly 12 digits'),
  /** Who it is, e.g. "Vendor: Datadog". */
  label: z
    .string()
    .trim()
    .min(1, 'a label is required (who the account belongs to)')
    .max(KNOWN_ACCOUNT_LABEL_MAX, `a label is at most ${KNOWN_ACCOUNT_LABEL_MAX} characters`),
});
export type KnownAccount = z.infer<typeof knownAccountSchema>;
export const knownAccountsSchema = z
  .array(knownAccountSchema)
  .max(KNOWN_ACCOUNTS_MAX, `at most ${KNOWN_ACCOUNTS_MAX} known accounts`)
  .superRefine((accounts, ctx) => {
    const seen = new Set<string>();
    accounts.forEach((account, index) => {
      if (seen.has(account.accountId)) ctx.addIssue({ code: 'custom', path: [index, 'accountId'], message: `account ${account.accountId} is listed twice` });
      seen.add(account.accountId);
    });
  });

export const settingsSchema = z.object({
  thresholds: thresholdsSchema,
  /** Declared by the team, beside the accounts it scans: see trust_cross_account_no_external_id. */
  knownAccounts: knownAccountsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const workspaceInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string().nullable(),
  /** True when this is the built-in demo workspace. */
  demo: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `ipc` in the desktop app, `http` in browser mode. */
  transport: z.enum(['ipc', 'http']),
  /** Whether the back end can show native file dialogs (desktop app only). */
  nativeDialogs: z.boolean(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

// Scans (discovery) ----------------------------------------------------------------------------

export const COLLECTOR_OUTCOMES = ['ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled'] as const;
export const collectorOutcomeSchema = z.enum(COLLECTOR_OUTCOMES);
export type CollectorOutcomeName = z.infer<typeof collectorOutcomeSchema>;

export const SCAN_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export const scanStatusSchema = z.enum(SCAN_STATUSES);
export const scanSourceSchema = z.enum(['live', 'import', 'demo']);

/** One scan in the history: a finished live scan, an offline import or the demo data. */
export const scanSummarySchema = z.object({
  id: z.string(),
  source: scanSourceSchema,
  label: z.string().nullable(),
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  accountId: z.string().nullable(),
  accountAlias: z.string().nullable(),
  regions: z.array(z.string()),
  status: scanStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  apiCallCount: z.number().int(),
  identityCount: z.number().int(),
  workloadCount: z.number().int(),
  /** Collector tasks per outcome, e.g. { ok: 12, denied: 1 }. */
  outcomes: z.record(z.string(), z.number().int()),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const collectorRunSchema = z.object({
  collector: z.string(),
  label: z.string(),
  /** null for a global collector (IAM, STS, Organizations). */
  region: z.string().nullable(),
  outcome: collectorOutcomeSchema,
  message: z.string().nullable(),
  calls: z.number().int(),
  durationMs: z.number().int(),
});
export type CollectorRunInfo = z.infer<typeof collectorRunSchema>;

export const scanDetailSchema = scanSummarySchema.extend({
  scannerArn: z.string().nullable(),
  collectors: z.array(collectorRunSchema),
  /** AWS API calls per IAM action (e.g. iam:GetAccountAuthorizationDetails). */
  apiCalls: z.array(z.object({ operation: z.string(), count: z.number().int() })),
  warnings: z.array(z.string()),
});
export type ScanDetail = z.infer<typeof scanDetailSchema>;

const memberRoleNameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'not an IAM role name');

export const scanRequestSchema = z.object({
  target: z.union([
    z.object({ connectionId: z.string().min(1) }),
    z.object({
      profile: profileNameSchema.nullable(),
      roleArn: roleArnSchema.nullable().default(null),
      externalId: externalIdSchema.nullable().default(null),
    }),
  ]),
  /** Regions for the regional collectors; empty: the connection's regions, else the profile's region. */
  regions: z.array(regionSchema).max(40).default([]),
  /** Scan every region enabled for the account (EC2 DescribeRegions). */
  allRegions: z.boolean().default(false),
  /** Also scan every member account of the organisation through this read-only role. */
  organization: z.object({ memberRoleName: memberRoleNameSchema }).nullable().default(null),
});
export type ScanRequest = z.input<typeof scanRequestSchema>;

export const JOB_KINDS = ['scan', 'import', 'demo', 'report'] as const;
export const jobKindSchema = z.enum(JOB_KINDS);
export const JOB_STEP_STATUSES = ['pending', 'running', ...COLLECTOR_OUTCOMES] as const;
export const jobStepStatusSchema = z.enum(JOB_STEP_STATUSES);

/** One row of a job's live progress panel: a collector in a region, or an import step. */
export const jobStepSchema = z.object({
  step: z.string(),
  label: z.string(),
  region: z.string().nullable(),
  /** Which account, for organisation-wide scans. */
  accountId: z.string().nullable(),
  status: jobStepStatusSchema,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  calls: z.number().int().min(0),
  message: z.string().nullable(),
});
export type JobStep = z.infer<typeof jobStepSchema>;

export const jobSchema = z.object({
  jobId: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  steps: z.array(jobStepSchema),
  /** Scans written by the job (one per account). */
  scanIds: z.array(z.string()),
  message: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** A file for an import: a path on the back end's machine, or bytes uploaded over the loopback transport. */
export const fileRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[0-9a-f-]{36}$/), name: z.string().max(512).default('upload') }),
]);
export type FileRef = z.input<typeof fileRefSchema>;

export const importRequestSchema = z.object({
  authorizationDetails: fileRefSchema,
  credentialReport: fileRefSchema.nullable().default(null),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account ID').nullable().default(null),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

// Analysis: agents, findings, registry, audit (issue 4) -------------------------------------------

export const SEVERITY_NAMES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITY_NAMES);
export type SeverityName = z.infer<typeof severitySchema>;
export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const registryStatusSchema = z.enum(['registered', 'unregistered', 'decommissioned']);
export const FINDING_STATUSES = ['new', 'open', 'accepted', 'resolved', 'regressed'] as const;
export const findingStatusSchema = z.enum(FINDING_STATUSES);

const severityCountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});

/** Which scan to read: a scan ID, or null for the newest completed one. */
const scanChoiceSchema = z.object({ scanId: z.string().min(1).nullable().default(null) });

/** One inventory row: compact, so 10,000 of them travel and render fast. */
export const agentRowSchema = z.object({
  arn: z.string(),
  name: z.string(),
  kind: z.string(),
  accountId: z.string(),
  path: z.string(),
  awsManaged: z.boolean(),
  ai: z.boolean(),
  aiSignals: z.array(z.string()),
  owner: z.string().nullable(),
  status: registryStatusSchema,
  tier: tierSchema,
  tierOverridden: z.boolean(),
  workloadCount: z.number().int(),
  activeKeyCount: z.number().int(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  findingCounts: severityCountsSchema,
});
export type AgentRow = z.infer<typeof agentRowSchema>;

export const findingRowSchema = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  step: z.number().int(),
  title: z.string(),
  principalArn: z.string().nullable(),
  resourceArn: z.string(),
  resourceId: z.string().nullable(),
  accountId: z.string(),
  region: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string(),
  fix: z.object({ kind: z.enum(['aws-cli', 'policy-json']), text: z.string() }),
  frameworks: z.array(z.string()),
  explanation: z.string(),
  status: findingStatusSchema,
  /** True when the previous scan of the account did not have it. */
  isNew: z.boolean(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  acceptance: z.object({ reason: z.string(), until: z.string(), by: z.string().nullable(), at: z.string() }).nullable(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;

export const registryRecordSchema = z.object({
  arn: z.string(),
  owner: z.string().nullable(),
  ownerSource: z.enum(['manual', 'tag']).nullable(),
  purpose: z.string().nullable(),
  dataScope: z.string().nullable(),
  status: registryStatusSchema,
  tierOverride: tierSchema.nullable(),
  overrideReason: z.string().nullable(),
  overrideBy: z.string().nullable(),
  overrideAt: z.string().nullable(),
  lastReviewAt: z.string().nullable(),
  nextReviewAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RegistryRecordInfo = z.infer<typeof registryRecordSchema>;

// The agent: one shape, from the analysis to the screen (issue 9) ----------------------------------
//
// What the analysis knows of one identity, as data. The back end projects an analysed agent onto it
// once (electron/core/analysis/agent-shape.ts); the inventory row, the CEL agent view and `warden
// agents` are derived from it, and `agents:get` carries it to the agent screen as it is.

export const AGENT_KIND_NAMES = ['iam-user', 'iam-role', 'unscanned-role'] as const;
export const agentKindSchema = z.enum(AGENT_KIND_NAMES);
export const WORKLOAD_TYPE_NAMES = [
  'lambda-function',
  'sagemaker-endpoint',
  'sagemaker-model',
  'sagemaker-notebook',
  'bedrock-agent',
  'bedrock-knowledge-base',
  'bedrock-custom-model',
] as const;
export const AI_SIGNAL_NAMES = ['trusted-by-ai-service', 'ai-permissions', 'recent-ai-use', 'ai-env-var', 'ai-tag', 'ai-workload', 'ai-credential'] as const;
export const ACCESS_LEVEL_NAMES = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;

export const agentWorkloadSchema = z.object({ arn: z.string(), type: z.enum(WORKLOAD_TYPE_NAMES), name: z.string(), region: z.string() });
export type AgentWorkload = z.infer<typeof agentWorkloadSchema>;

export const aiSignalSchema = z.object({ signal: z.enum(AI_SIGNAL_NAMES), source: z.string(), detail: z.string() });
export type AiSignalInfo = z.infer<typeof aiSignalSchema>;

/** A user's long-lived credentials (roles hold none); ages in whole days at the analysis. */
export const agentCredentialSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('access-key'),
    slot: z.union([z.literal(1), z.literal(2)]),
    active: z.boolean(),
    lastRotated: z.string().nullable(),
    ageDays: z.number().int().nullable(),
    lastUsedAt: z.string().nullable(),
    lastUsedService: z.string().nullable(),
    lastUsedRegion: z.string().nullable(),
  }),
  z.object({
    type: z.literal('console-password'),
    enabled: z.boolean(),
    lastUsedAt: z.string().nullable(),
    lastChangedAt: z.string().nullable(),
    mfaActive: z.boolean(),
  }),
  z.object({
    type: z.literal('signing-certificate'),
    slot: z.union([z.literal(1), z.literal(2)]),
    active: z.boolean(),
    lastRotated: z.string().nullable(),
    ageDays: z.number().int().nullable(),
  }),
  z.object({
    type: z.enum(['bedrock-api-key', 'service-specific-credential']),
    id: z.string(),
    serviceName: z.string(),
    serviceUserName: z.string().nullable(),
    status: z.string(),
    active: z.boolean(),
    createdAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    ageDays: z.number().int().nullable(),
  }),
]);
export type AgentCredential = z.infer<typeof agentCredentialSchema>;

export const trustSummarySchema = z.object({
  services: z.array(z.string()),
  aws: z.array(z.string()),
  federated: z.array(z.string()),
  anyPrincipal: z.boolean(),
});

export const tierResultSchema = z.object({
  tier: tierSchema,
  computed: tierSchema,
  reasons: z.array(z.object({ tier: tierSchema, reason: z.string(), source: z.string() })),
  override: z.object({ tier: tierSchema, reason: z.string(), by: z.string().nullable(), at: z.string().nullable() }).nullable(),
});

const accessCountSchema = z.object({ allowed: z.number().int(), total: z.number().int() });
export const serviceAccessSchema = z.object({
  service: z.string(),
  levels: z.object({
    List: accessCountSchema,
    Read: accessCountSchema,
    Write: accessCountSchema,
    'Permissions management': accessCountSchema,
    Tagging: accessCountSchema,
  }),
  anyResource: z.boolean(),
});

export const escalationPathSchema = z.object({
  principalArn: z.string(),
  outcome: z.enum(['full-admin', 'iam-write']),
  steps: z.array(z.object({ from: z.string(), technique: z.string(), actions: z.array(z.string()), to: z.string(), explanation: z.string() })),
});

/** One identity of a scan with everything the analysis found out about it. */
export const agentSchema = z.object({
  arn: z.string(),
  kind: agentKindSchema,
  name: z.string(),
  accountId: z.string(),
  /** IAM path (`/`, `/service-role/`, …). */
  path: z.string(),
  /** A service-linked role. */
  awsManaged: z.boolean(),
  /** Who manages it when the account's admins do not (service-linked, IAM Identity Center). */
  managedBy: z.enum(['aws-service', 'identity-center']).nullable(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  owner: z.string().nullable(),
  ownerSource: z.enum(['registry', 'tag']).nullable(),
  /** The tag key the owner came from. */
  ownerTag: z.string().nullable(),
  status: registryStatusSchema,
  tags: z.record(z.string(), z.string()),
  /** Users: the groups they belong to. */
  groups: z.array(z.string()),
  credentials: z.array(agentCredentialSchema),
  /** False when the scan has no credential report row for this user (its credentials are unknown). */
  credentialsKnown: z.boolean(),
  /** Roles only. */
  trust: trustSummarySchema.nullable(),
  workloads: z.array(agentWorkloadSchema),
  ai: z.boolean(),
  aiSignals: z.array(aiSignalSchema),
  tier: tierResultSchema,
  escalationPaths: z.array(escalationPathSchema),
  /** Effective permissions per service and access level. */
  permissions: z.array(serviceAccessSchema),
  /** Findings of every rule, by severity. */
  findingCounts: severityCountsSchema,
});
export type Agent = z.infer<typeof agentSchema>;

export const agentDetailSchema = z.object({
  scan: scanSummarySchema,
  /** Every field of the inventory and analysis for this identity (credentials, trust, workloads, signals). */
  agent: agentSchema,
  tier: tierResultSchema,
  /** The role's trust policy document, as AWS has it (null for users). */
  trustPolicy: z.record(z.string(), z.unknown()).nullable(),
  permissions: z.array(
    z.object({
      service: z.string(),
      levels: z.record(z.string(), z.object({ allowed: z.number().int(), total: z.number().int() })),
      anyResource: z.boolean(),
    }),
  ),
  escalationPaths: z.array(
    z.object({
      outcome: z.string(),
      steps: z.array(z.object({ from: z.string(), technique: z.string(), actions: z.array(z.string()), to: z.string(), explanation: z.string() })),
    }),
  ),
  findings: z.array(findingRowSchema),
  registry: registryRecordSchema,
  /** The identity across scans, oldest first. */
  history: z.array(z.object({ scanId: z.string(), startedAt: z.string(), tier: tierSchema.nullable(), findingCount: z.number().int(), present: z.boolean() })),
});
export type AgentDetail = z.infer<typeof agentDetailSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'a date (YYYY-MM-DD)');

export const registryPatchSchema = z
  .object({
    owner: z.string().trim().max(200).nullable(),
    purpose: z.string().trim().max(2000).nullable(),
    dataScope: z.string().trim().max(2000).nullable(),
    status: registryStatusSchema,
    /** A tier override needs its justification; null removes the override. */
    tierOverride: z.object({ tier: tierSchema, reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(2000) }).nullable(),
    lastReviewAt: isoDateSchema.nullable(),
    nextReviewAt: isoDateSchema.nullable(),
  })
  .partial();

// Governance policies: the built-ins of step 10 and the team's own CEL policies --------------------

/** A user policy's severity: "info" is left out, a policy worth a finding is worth more. */
export const POLICY_SEVERITY_NAMES = ['critical', 'high', 'medium', 'low'] as const;
export const policySeveritySchema = z.enum(POLICY_SEVERITY_NAMES);
export type PolicySeverityName = z.infer<typeof policySeveritySchema>;

/** Generous on the wire; the engine gives the real limit (4 KiB) with a message about it. */
const policyExpressionSchema = z.string().max(16_384);

/** How a policy fared over the agents of one scan. */
export const policyEvaluationSchema = z.object({
  /** Agents in scope for which the condition was decided (passing + failing). */
  evaluated: z.number().int(),
  failing: z.number().int(),
  /** Agents in scope it could not be decided for (runtime error, or the run was stopped). */
  errors: z.number().int(),
  /** Agents its applies-to expression left out. */
  notApplicable: z.number().int(),
  /** The first error, naming its agent. */
  firstError: z.string().nullable(),
  /** The stored expression does not compile (nothing was evaluated). */
  compileError: z.string().nullable(),
});
export type PolicyEvaluationInfo = z.infer<typeof policyEvaluationSchema>;

export const userPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** CEL: must be true for every agent in scope. */
  condition: z.string(),
  /** CEL: which governed agents it concerns; null for all of them. */
  appliesTo: z.string().nullable(),
  severity: policySeveritySchema,
  remediation: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type UserPolicyInfo = z.infer<typeof userPolicySchema>;

export const builtInPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  severity: severitySchema,
  /** Which agents it concerns, in words. */
  scope: z.string(),
  /** Agents it fails for in the scan listed; null without a scan. */
  failing: z.number().int().nullable(),
});
export type BuiltInPolicyInfo = z.infer<typeof builtInPolicySchema>;

/** Create (id null) or replace a user policy. */
export const policyDraftSchema = z.object({
  id: z.string().min(1).nullable().default(null),
  name: z.string().trim().min(1, 'a policy needs a name').max(120),
  description: z.string().trim().max(2000).default(''),
  severity: policySeveritySchema,
  condition: policyExpressionSchema,
  appliesTo: policyExpressionSchema.nullable().default(null),
  remediation: z.string().trim().max(4000).default(''),
  enabled: z.boolean().default(true),
});
export type PolicyDraft = z.input<typeof policyDraftSchema>;

/** Where an expression does not compile, for people: 1-based line and column, and that line. */
export const expressionProblemSchema = z.object({
  field: z.enum(['condition', 'appliesTo']),
  message: z.string(),
  /** 0-based offset of the first character concerned, and how many characters. */
  offset: z.number().int(),
  length: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
  excerpt: z.string(),
});
export type ExpressionProblemInfo = z.infer<typeof expressionProblemSchema>;

export const policyTestResultSchema = z.object({
  /** The scan it was evaluated against; null when the workspace has none (then only compiled). */
  scan: scanSummarySchema.nullable(),
  /** Empty when both expressions compile. */
  problems: z.array(expressionProblemSchema),
  /** Null when it does not compile or there is no scan. */
  evaluation: policyEvaluationSchema.nullable(),
  /** The first 50 agents it fails for. */
  failingAgents: z.array(z.object({ arn: z.string(), name: z.string(), kind: z.string(), accountId: z.string(), tier: tierSchema })),
  /** The first few agents it could not be decided for, with why. */
  errorSamples: z.array(z.object({ arn: z.string(), name: z.string(), message: z.string() })),
});
export type PolicyTestResult = z.infer<typeof policyTestResultSchema>;

/** A file path chosen by the user; in browser mode typed in, in the desktop app from a dialog. */
const pathInputSchema = z.object({ path: z.string().min(1).max(4096).nullable().default(null) });

// ---------------------------------------------------------------------------------------------
// Channels.
// ---------------------------------------------------------------------------------------------

/**
 * What a channel does to the workspace file. `read`: never writes it (reads, including those that
 * analyse a scan on first use: the analysis runner writes, and queues them itself; answering a job's
 * cancel; a file dialog). `write`: may write it, so the back end runs it only while no analysis is
 * running (electron/core/backend.ts), never waiting on the file's write lock.
 */
export const CHANNEL_ACCESS = ['read', 'write'] as const;
export type ChannelAccess = (typeof CHANNEL_ACCESS)[number];

/** Every channel states its access: the type requires it, and test/unit/contract.test.ts checks it at run time. */
export interface ChannelDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly access: ChannelAccess;
  readonly input: I;
  readonly output: O;
}

function channel<I extends z.ZodType, O extends z.ZodType>(access: ChannelAccess, doc: string, input: I, output: O): ChannelDefinition<I, O> {
  return { doc, access, input, output };
}

const empty = z.object({}).strict().default({});

export const channels = {
  'app:info': channel('read', 'Name, version, transport and capabilities of the running back end.', empty, appInfoSchema),

  'workspace:info': channel('read', 'Where the open workspace lives and its schema version.', empty, workspaceInfoSchema),
  'workspace:open': channel(
    'write',
    'Open another workspace file (created when it does not exist); null path asks with a native dialog.',
    pathInputSchema,
    workspaceInfoSchema.nullable(),
  ),
  'workspace:saveCopy': channel(
    'write',
    'Write a consistent copy of the open workspace to a new file; null path asks with a native dialog.',
    pathInputSchema,
    z.object({ path: z.string(), sizeBytes: z.number().int() }).nullable(),
  ),

  'settings:get': channel('read', 'The workspace settings (finding thresholds, declared known accounts).', empty, settingsSchema),
  'settings:update': channel('write', 'Change workspace settings; returns them as saved.', settingsSchema.partial(), settingsSchema),

  'connections:profiles': channel(
    'read',
    'AWS profiles in the shared config and credentials files, with their kind and region (never a secret).',
    empty,
    awsProfilesSchema,
  ),
  'connections:list': channel('read', 'Saved connections of this workspace.', empty, z.array(connectionSchema)),
  'connections:create': channel('write', 'Save a new connection.', connectionInputSchema, connectionSchema),
  'connections:update': channel(
    'write',
    'Rename or change a saved connection.',
    connectionUpdateSchema,
    connectionSchema,
  ),
  'connections:remove': channel('write', 'Remove a saved connection.', z.object({ id: z.string().min(1) }), z.object({ removed: z.boolean() })),
  'connections:test': channel(
    'write',
    'Call STS GetCallerIdentity through the SDK credential chain for a saved connection or a profile.',
    connectionTargetSchema,
    connectionTestResultSchema,
  ),
  'connections:scannerPolicy': channel(
    'read',
    'The least-privilege read-only IAM policy for the scanner, generated from its allowlist of operations.',
    z.object({ memberRoleName: memberRoleNameSchema.nullable().default(null) }),
    z.object({ policy: z.string(), actions: z.array(z.string()) }),
  ),

  'scans:list': channel('read', 'Scan history of this workspace, newest first.', empty, z.array(scanSummarySchema)),
  'scans:get': channel(
    'read',
    'One scan with its per-collector outcomes, API calls and warnings.',
    z.object({ id: z.string().min(1) }),
    scanDetailSchema,
  ),
  'scans:start': channel(
    'write',
    'Start a read-only scan of a connection or profile; progress arrives as job:progress events.',
    scanRequestSchema,
    z.object({ jobId: z.string() }),
  ),
  'scans:cancel': channel('read', 'Cancel a running job; in-flight AWS requests are aborted.', z.object({ jobId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
  'scans:jobs': channel('read', 'Jobs of this session (running and finished), with their progress.', empty, z.array(jobSchema)),

  'import:files': channel(
    'write',
    'Import an authorization-details export (and optionally a credential report) as a scan; runs as a job.',
    importRequestSchema,
    z.object({ jobId: z.string() }),
  ),
  'import:pickFile': channel(
    'read',
    'Choose a file with a native dialog (desktop app only); null when cancelled.',
    z.object({ purpose: z.enum(['authorization-details', 'credential-report']) }),
    z.object({ path: z.string() }).nullable(),
  ),

  'agents:list': channel(
    'read',
    'The inventory of a scan (newest by default): every non-human identity with its tier, AI signals and finding counts.',
    scanChoiceSchema,
    z.object({ scan: scanSummarySchema.nullable(), agents: z.array(agentRowSchema) }),
  ),
  'agents:get': channel(
    'read',
    'One identity: credentials, trust policy, effective permissions, escalation paths, workloads, findings, history, registry.',
    scanChoiceSchema.extend({ arn: z.string().min(1) }),
    agentDetailSchema,
  ),
  'findings:list': channel(
    'read',
    'Findings of a scan with their lifecycle (new, open, accepted, regressed) and what was resolved since the previous scan.',
    scanChoiceSchema.extend({
      severity: severitySchema.nullable().default(null),
      ruleId: z.string().nullable().default(null),
      status: findingStatusSchema.nullable().default(null),
    }),
    z.object({ scan: scanSummarySchema.nullable(), findings: z.array(findingRowSchema), resolvedSinceLastScan: z.array(findingRowSchema) }),
  ),
  'findings:accept': channel(
    'write',
    'Accept a finding’s risk until a date, with a reason (recorded in the audit log); it reopens when the date passes.',
    z.object({
      fingerprint: z.string().min(1),
      reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(2000),
      until: isoDateSchema,
    }),
    findingRowSchema.pick({ fingerprint: true, status: true, acceptance: true }),
  ),
  'findings:reopen': channel(
    'write',
    'Withdraw an acceptance or a manual resolution (recorded in the audit log).',
    z.object({ fingerprint: z.string().min(1), reason: z.string().trim().max(2000).default('') }),
    findingRowSchema.pick({ fingerprint: true, status: true, acceptance: true }),
  ),
  'findings:resolve': channel(
    'write',
    'Mark a finding resolved by hand (the next scan confirms it, or it comes back as regressed).',
    z.object({ fingerprint: z.string().min(1), note: z.string().trim().min(3).max(2000) }),
    findingRowSchema.pick({ fingerprint: true, status: true, acceptance: true }),
  ),
  'registry:update': channel(
    'write',
    'Change registry fields of one or more identities (bulk edit); every change goes to the audit log.',
    z.object({ arns: z.array(z.string().min(1)).min(1).max(10_000), patch: registryPatchSchema }),
    z.array(registryRecordSchema),
  ),
  'audit:list': channel(
    'read',
    'The audit log, newest first.',
    z.object({ limit: z.number().int().min(1).max(1000).default(200), beforeSeq: z.number().int().nullable().default(null) }),
    z.array(auditEntrySchema),
  ),
  'audit:verify': channel(
    'read',
    'Check the audit log’s hash chain; reports the first broken link.',
    empty,
    z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable(), message: z.string() }),
  ),

  'policies:list': channel(
    'read',
    'Governance policies: the built-ins (read-only) and the team’s own CEL policies, with how each fared on the newest scan.',
    empty,
    z.object({
      scan: scanSummarySchema.nullable(),
      builtIn: z.array(builtInPolicySchema),
      policies: z.array(userPolicySchema.extend({ evaluation: policyEvaluationSchema.nullable() })),
    }),
  ),
  'policies:save': channel(
    'write',
    'Create (id null) or replace a user policy; an expression that does not compile is refused with its position. Audited.',
    policyDraftSchema,
    userPolicySchema,
  ),
  'policies:delete': channel(
    'write',
    'Delete a user policy (audited); its findings leave the stored scans on their next read.',
    z.object({ id: z.string().min(1) }),
    z.object({ deleted: z.boolean() }),
  ),
  'policies:test': channel(
    'read',
    'Evaluate an unsaved condition (and applies-to) against a scan’s agents, the newest by default: counts, failing agents, errors. Saves nothing.',
    scanChoiceSchema.extend({ condition: policyExpressionSchema, appliesTo: policyExpressionSchema.nullable().default(null) }),
    policyTestResultSchema,
  ),

  'demo:open': channel(
    'write',
    'Open the built-in demo company workspace (rebuilt, dated relative to now) instead of the current one.',
    empty,
    workspaceInfoSchema,
  ),
} as const satisfies Record<string, ChannelDefinition>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

// ---------------------------------------------------------------------------------------------
// Events (back end → UI).
// ---------------------------------------------------------------------------------------------

export const events = {
  /** Progress of a long job (scan, import, report): one message per step (a collector in a region). */
  'job:progress': jobStepSchema.extend({ jobId: z.string(), kind: jobKindSchema }),
  /** A job ended; its scans (if any) are now in the history. */
  'job:finished': jobSchema,
  /** The open workspace changed (opened another file, or data written by another window). */
  'workspace:changed': z.object({ path: z.string() }),
  // Data-changed events: sent once a change is committed, so every window drops what it showed of it.
  /** Registry fields (status, owner, purpose, tier override, …) of these identities were saved. */
  'registry:changed': z.object({ arns: z.array(z.string()) }),
  /** A finding was triaged (accepted, reopened, resolved by hand). */
  'findings:changed': z.object({ fingerprints: z.array(z.string()) }),
  /** A team policy was created, changed, enabled, disabled or deleted. */
  'policies:changed': z.object({ id: z.string() }),
  /** Workspace settings (thresholds, declared known accounts) were saved. */
  'settings:changed': z.object({}),
  /** A saved connection was created, changed or removed. */
  'connections:changed': z.object({ id: z.string() }),
  /** A scan's analysis was stored (its agents, findings and totals are now those of the current inputs). */
  'analysis:stored': z.object({ scanId: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** The client interface both transports implement; screens are written against this only. */
export interface Api {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
}

/** The thin bridge the preload exposes on `window.wardenBridge` (envelopes, not exceptions). */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
  /** The local path of a File the user dropped on the page (desktop app), else null. */
  pathForFile(file: unknown): string | null;
}
