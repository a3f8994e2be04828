/**
 * The language of user-written governance policies (step 10): what a CEL expression sees of an agent
 * (the agent view), the limits on an expression, and worked examples.
 *
 * One list for both sides: the engine (electron/core/analysis/team-policies) declares its CEL types from
 * these fields, and the Policies screen shows them as the reference, so the two cannot drift apart.
 * The view is a stable, documented contract: fields are added, never renamed or removed.
 */

/** Longest condition or applies-to expression accepted, in characters. */
export const POLICY_EXPRESSION_MAX_LENGTH = 4096;

/** One field of a type of the agent view. */
export interface PolicyField {
  readonly name: string;
  /**
   * The CEL type: `string`, `int`, `bool`, `list<string>`, `map<string, string>`, or one of the
   * object types below (`list<Workload>`, `Trust`, …).
   */
  readonly type: string;
  /** The value may be null (compare with `!= null` before using it). */
  readonly nullable?: boolean;
  readonly description: string;
}

export interface PolicyType {
  readonly name: string;
  readonly description: string;
  readonly fields: readonly PolicyField[];
}

/** The variable every expression sees. */
export const POLICY_VARIABLE = 'agent';

/**
 * The object types of the view; `Agent` first (the type of `agent`). Times are whole days counted at
 * the moment of the scan (not today), so a stored analysis does not go stale by the calendar alone.
 */
export const AGENT_VIEW_TYPES: readonly PolicyType[] = [
  {
    name: 'Agent',
    description: 'A governed identity of the scan: a role or a machine IAM user, with what the analysis found out about it.',
    fields: [
      { name: 'arn', type: 'string', description: 'The identity’s ARN.' },
      { name: 'name', type: 'string', description: 'The role or user name.' },
      { name: 'kind', type: 'string', description: '"iam-role" or "iam-user".' },
      { name: 'accountId', type: 'string', description: 'The 12-digit account ID.' },
      { name: 'path', type: 'string', description: 'The IAM path, e.g. "/" or "/service-role/".' },
      { name: 'ai', type: 'bool', description: 'An AI agent: it runs or invokes AI (aiUse is "runs").' },
      { name: 'aiUse', type: 'string', nullable: true, description: '"runs" (invokes models, runs agents or endpoints, trusted by an AI service), "manages" (its AI permissions only create and configure AI resources, e.g. a deploy role), or null without AI signals.' },
      { name: 'aiSignals', type: 'list<string>', description: 'Which AI signals mark it: "trusted-by-ai-service", "ai-permissions", "recent-ai-use", "ai-env-var", "ai-tag", "ai-workload", "ai-credential".' },
      { name: 'tier', type: 'int', description: 'The tier in force (1, 2 or 3): a person’s override when there is one, else the computed tier.' },
      { name: 'computedTier', type: 'int', description: 'The tier the rules computed, before any override.' },
      { name: 'tierOverridden', type: 'bool', description: 'A person overrode the computed tier.' },
      { name: 'tierReasons', type: 'list<string>', description: 'Why it has its computed tier, in words.' },
      { name: 'owner', type: 'string', nullable: true, description: 'The accountable owner (registry, else an owner tag); null when nobody is named.' },
      { name: 'ownerSource', type: 'string', nullable: true, description: '"registry" or "tag"; null without an owner.' },
      { name: 'status', type: 'string', description: 'Registry status: "registered", "unregistered" or "decommissioned".' },
      { name: 'purpose', type: 'string', nullable: true, description: 'The purpose recorded in the registry.' },
      { name: 'dataScope', type: 'string', nullable: true, description: 'The data scope declared in the registry.' },
      { name: 'lastReviewDays', type: 'int', nullable: true, description: 'Days since its last recorded review; null when never reviewed.' },
      { name: 'tags', type: 'map<string, string>', description: 'The identity’s tags, key → value.' },
      { name: 'groups', type: 'list<string>', description: 'Users: the IAM groups they belong to (empty for roles).' },
      { name: 'createdAt', type: 'string', nullable: true, description: 'When it was created (ISO 8601); use timestamp(agent.createdAt) to compare times.' },
      { name: 'ageDays', type: 'int', nullable: true, description: 'Days since it was created.' },
      { name: 'lastUsedAt', type: 'string', nullable: true, description: 'Its latest use seen (ISO 8601); null when no use was ever seen.' },
      { name: 'lastUsedDays', type: 'int', nullable: true, description: 'Days since its latest use; null when no use was ever seen.' },
      { name: 'workloads', type: 'list<Workload>', description: 'The workloads that run as it (functions, endpoints, Bedrock agents, …).' },
      { name: 'services', type: 'list<string>', description: 'Service prefixes it is allowed some action of, e.g. ["s3", "bedrock"].' },
      { name: 'writeServices', type: 'list<string>', description: 'Service prefixes it may write to or manage permissions of.' },
      {
        name: 'canEscalate',
        type: 'bool',
        description:
          'It has a privilege-escalation path: to full admin or IAM write, or iam:PassRole on every role with a service that runs its code as the passed role. True exactly for the identities the privilege_escalation finding names (never for a full admin).',
      },
      { name: 'accessKeys', type: 'list<AccessKey>', description: 'Users: their IAM access keys (empty for roles).' },
      { name: 'serviceCredentials', type: 'list<ServiceCredential>', description: 'Users: Bedrock API keys and other service-specific credentials.' },
      { name: 'consolePassword', type: 'bool', description: 'Users: a console password is enabled.' },
      { name: 'mfa', type: 'bool', description: 'Users: MFA is active for console sign-in.' },
      { name: 'credentialsKnown', type: 'bool', description: 'Users: the scan had a credential report row for it (false: its keys are unknown). Always true for roles.' },
      { name: 'trust', type: 'Trust', description: 'Roles: who may assume it (empty lists for users).' },
      { name: 'findingCounts', type: 'FindingCounts', description: 'Its findings in this scan by severity, from every rule except governance policies.' },
    ],
  },
  {
    name: 'Workload',
    description: 'Something that runs as the agent.',
    fields: [
      { name: 'kind', type: 'string', description: '"lambda-function", "sagemaker-endpoint", "sagemaker-model", "sagemaker-notebook", "bedrock-agent", "bedrock-knowledge-base" or "bedrock-custom-model".' },
      { name: 'name', type: 'string', description: 'Its name.' },
      { name: 'arn', type: 'string', description: 'Its ARN.' },
      { name: 'region', type: 'string', description: 'Its region, e.g. "eu-west-1".' },
    ],
  },
  {
    name: 'AccessKey',
    description: 'One IAM access key of a user (slot 1 or 2 of the credential report).',
    fields: [
      { name: 'slot', type: 'int', description: '1 or 2.' },
      { name: 'active', type: 'bool', description: 'The key is active.' },
      { name: 'ageDays', type: 'int', nullable: true, description: 'Days since it was created or last rotated.' },
      { name: 'lastUsedDays', type: 'int', nullable: true, description: 'Days since it was last used; null when never used.' },
      { name: 'lastUsedService', type: 'string', nullable: true, description: 'The service it was last used with, e.g. "s3".' },
    ],
  },
  {
    name: 'ServiceCredential',
    description: 'A Bedrock API key or another service-specific credential of a user.',
    fields: [
      { name: 'kind', type: 'string', description: '"bedrock-api-key" or "service-specific-credential".' },
      { name: 'service', type: 'string', description: 'The service it is for, e.g. "bedrock.amazonaws.com".' },
      { name: 'active', type: 'bool', description: 'Active and not expired.' },
      { name: 'ageDays', type: 'int', nullable: true, description: 'Days since it was created.' },
      { name: 'expires', type: 'bool', description: 'It has an expiry date (false: it never expires).' },
    ],
  },
  {
    name: 'Trust',
    description: 'A role’s trust policy, summarised (Allow statements; conditions not evaluated).',
    fields: [
      { name: 'services', type: 'list<string>', description: 'Service principals, e.g. "lambda.amazonaws.com".' },
      { name: 'aws', type: 'list<string>', description: 'AWS principals: account IDs, role or user ARNs, "*".' },
      { name: 'federated', type: 'list<string>', description: 'OIDC and SAML providers.' },
      { name: 'anyPrincipal', type: 'bool', description: '"*" appears as a principal (with or without a condition).' },
    ],
  },
  {
    name: 'FindingCounts',
    description: 'Findings naming the agent, by severity.',
    fields: [
      { name: 'critical', type: 'int', description: 'Critical findings.' },
      { name: 'high', type: 'int', description: 'High findings.' },
      { name: 'medium', type: 'int', description: 'Medium findings.' },
      { name: 'low', type: 'int', description: 'Low findings.' },
      { name: 'info', type: 'int', description: 'Informational findings.' },
    ],
  },
];

export interface PolicyExample {
  readonly title: string;
  readonly condition: string;
  readonly appliesTo: string | null;
}

/** Worked examples for the reference; every one compiles (a unit test checks). */
export const POLICY_EXAMPLES: readonly PolicyExample[] = [
  { title: 'Every AI agent has an owner', condition: 'agent.ai ? agent.owner != null : true', appliesTo: null },
  { title: 'Tier 1 agents are registered', condition: "agent.tier == 1 ? agent.status == 'registered' : true", appliesTo: null },
  { title: 'AI agents carry a cost-center tag', condition: "agent.tags.exists(k, k.lowerAscii() == 'cost-center')", appliesTo: 'agent.ai' },
  {
    title: 'No active access key older than 90 days',
    condition: 'agent.accessKeys.all(k, !k.active || (k.ageDays != null && k.ageDays <= 90))',
    appliesTo: "agent.kind == 'iam-user'",
  },
  { title: 'AI workloads stay in EU regions', condition: "agent.workloads.all(w, w.region.startsWith('eu-'))", appliesTo: 'agent.ai' },
];

/** What the guard rails of the engine refuse, for the reference (the engine enforces them). */
export const POLICY_LIMITS_TEXT: readonly string[] = [
  `At most ${POLICY_EXPRESSION_MAX_LENGTH} characters per expression.`,
  'The result must be true or false.',
  'Macros (all, exists, exists_one, map, filter) nest at most two deep; cel.bind is not available.',
  'matches() takes a literal pattern without nested repetition or back-references.',
  'Expressions cannot change anything: CEL has no side effects, no I/O and no loops of its own.',
];
