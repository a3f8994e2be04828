/**
 * `agents:*` — the inventory: the agent's one shape, its inventory row and its detail.
 * Handler: electron/core/handlers/agents-handlers.ts (the shape is projected in electron/core/analysis/agent-shape.ts).
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { scanChoiceSchema, tierSchema, viewChoiceSchema } from './common';
import { findingRowSchema } from './findings';
import { registryRecordSchema, registryStatusSchema } from './registry';
import { scanSummarySchema, viewSchema } from './scans';

const severityCountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});

/** One inventory row: compact, so 10,000 of them travel and render fast. */
export const agentRowSchema = z.object({
  arn: z.string(),
  /** The scan this row comes from (in the current state, its account's newest completed scan). */
  scanId: z.string(),
  name: z.string(),
  kind: z.string(),
  accountId: z.string(),
  path: z.string(),
  awsManaged: z.boolean(),
  /** People sign in through it (Identity Center, SAML, console user): never an AI agent. */
  access: z.enum(['human', 'workload']),
  /** `runs` AI (an AI agent), only `manages` AI resources, or neither. */
  aiUse: z.enum(['runs', 'manages']).nullable(),
  ai: z.boolean(),
  aiSignals: z.array(z.string()),
  owner: z.string().nullable(),
  status: registryStatusSchema,
  tier: tierSchema,
  tierOverridden: z.boolean(),
  workloadCount: z.number().int(),
  activeKeyCount: z.number().int(),
  /**
   * Age in whole days at the scan of each active IAM access key (null: unknown), so the Overview's
   * key-age bars open the identities they count. Absent from rows stored before analysis version 6.
   */
  activeAccessKeyAges: z.array(z.number().int().nullable()).optional(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  findingCounts: severityCountsSchema,
});
export type AgentRow = z.infer<typeof agentRowSchema>;

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
  /** `pass-any-role`: iam:PassRole on every role with a service that runs the identity's code as the passed role. */
  outcome: z.enum(['full-admin', 'iam-write', 'pass-any-role']),
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
  /** `human`: people sign in through it (Identity Center, SAML federation, a console user); still analysed for privilege, never an AI agent. */
  access: z.enum(['human', 'workload']),
  /** For workload identities with AI signals: `runs` AI (an AI agent) or only `manages` AI resources (e.g. a deploy role). */
  aiUse: z.enum(['runs', 'manages']).nullable(),
  /** An AI agent: a workload identity that runs AI. */
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

/**
 * Who should probably own an identity, with why (issue 14): the person CloudTrail says created it (or
 * created what runs as it), through which role and when; else the owner its tags name. Plain text.
 */
export const suggestedOwnerSchema = z.object({
  name: z.string(),
  /** e.g. "Created by alice@example.com through AWSReservedSSO_Admin_0123abcd on 30 Nov 2025 (CloudTrail CreateRole)". */
  evidence: z.string(),
  source: z.enum(['cloudtrail', 'tag']),
});
export type SuggestedOwner = z.infer<typeof suggestedOwnerSchema>;

export const agentDetailSchema = z.object({
  scan: scanSummarySchema,
  /** The scan shown is its account's newest completed scan (false: a past view). */
  isCurrent: z.boolean(),
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
  /** A suggested owner with its evidence; null when none. agents:get always says (absent only in copies kept elsewhere). */
  suggestedOwner: suggestedOwnerSchema.nullable().optional(),
});
export type AgentDetail = z.infer<typeof agentDetailSchema>;

export const agentsChannels = {
  'agents:list': channel(
    'read',
    'The inventory: every non-human identity of every account’s newest scan (or of one account, or of one scan), with its tier, AI signals and finding counts.',
    viewChoiceSchema,
    z.object({ view: viewSchema, agents: z.array(agentRowSchema) }),
  ),
  'agents:get': channel(
    'read',
    'One identity (in its account’s newest scan, or in the scan named): credentials, trust policy, effective permissions, escalation paths, workloads, findings, history, registry.',
    scanChoiceSchema.extend({ arn: z.string().min(1) }),
    agentDetailSchema,
  ),
} as const satisfies ChannelTable<'agents'>;
