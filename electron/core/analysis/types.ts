/**
 * The shapes of the analysis (issue 4), shared by its parts so they can be built side by side:
 *
 *   facts + registry + settings ──▶ inventory (inventory/) ──▶ effective permissions (policy/)
 *        ──▶ escalation graph (escalation/) ──▶ tiers + findings (rules/) ──▶ lifecycle (lifecycle/)
 *
 * Everything here is pure data: analysis takes facts in and gives agents and findings out,
 * deterministically, with the clock passed in. Nothing here does I/O.
 */
import type { ReviewCadence, Thresholds } from '@shared/contract';
import type { JsonObject, ScanFacts } from '../discovery/facts';
import type { InventoryAgent, RegistryStatus } from './inventory/types';
import type { PolicyEvaluation, UserPolicy } from './team-policies/team-policy';

// ---------------------------------------------------------------------------------------------
// Effective permissions (implemented in policy/)
// ---------------------------------------------------------------------------------------------

/** IAM access levels as the service authorization reference names them (iam-data's, normalised). */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Where a permission comes from, for evidence: the policy and the statement. */
export interface StatementRef {
  /** Managed policy ARN, or `inline:<principal ARN>:<policy name>`, or `group-inline:<group ARN>:<name>`. */
  policy: string;
  policyName: string;
  /** How it reaches the principal: attached, inline, via group NAME, or the permissions boundary. */
  via: 'attached' | 'inline' | 'group' | 'boundary';
  group: string | null;
  /** Index of the statement in the document, and its Sid if any. */
  index: number;
  sid: string | null;
  statement: JsonObject;
}

export interface ServiceAccess {
  /** The service prefix, e.g. `s3`, `iam`, `bedrock`. */
  service: string;
  levels: Record<AccessLevel, { allowed: number; total: number }>;
  /** Some allowed action of this service applies to every resource (`*`). */
  anyResource: boolean;
}

/** Per-service allowed-action counts of one principal (see `EffectivePermissions.serviceSummaryView`). */
export interface ServiceSummaryView {
  /** Allowed actions of a service at an access level (0 when the service is not allowed at all). */
  count(service: string, level: AccessLevel): number;
  /** Whether any action of the service is allowed. */
  touches(service: string): boolean;
  /** Services with at least one allowed action, in catalogue order. */
  services(): readonly string[];
  /** The summary as `ServiceAccess` rows (a new array on every call). */
  toList(): ServiceAccess[];
  /** The summary in the store's compact JSON (see ServiceSummaryTable.toStoredJson), where offered. */
  toStoredJson?(): string;
}

export interface EffectivePermissions {
  readonly principalArn: string;
  /** After explicit Deny, NotAction/NotResource, decidable conditions and the permissions boundary. */
  isAllowed(action: string, resource?: string): boolean;
  /** Allowed on some resource (possibly only under a condition that cannot be decided offline). */
  isAllowedAnywhere(action: string): boolean;
  /** Every catalogue action allowed anywhere that matches a pattern (`iam:*`, `s3:Get*`, `*`). */
  allowedActions(pattern: string): string[];
  /**
   * The resource patterns an action is allowed on (for evidence and data-access checks). With
   * `definite`, only those of Allows whose conditions are decided true: where `isAllowed` can hold.
   */
  resourcesFor(action: string, mode?: 'possible' | 'definite'): string[];
  /** `*` on `*` (or AdministratorAccess), with the statement that grants it. */
  readonly fullAdmin: StatementRef | null;
  /** Allow statements granting `service:*` (or `*`) on services with write or permissions-management actions. */
  readonly serviceWildcards: { service: string; ref: StatementRef }[];
  /** Per service and access level: how many of the catalogue's actions are allowed. */
  serviceSummary(): ServiceAccess[];
  /**
   * The same summary as compact counts, without materialising one object per service and level:
   * what the tiers and rules read for every principal. Optional (test doubles may leave it out).
   */
  serviceSummaryView?(): ServiceSummaryView;
  /** The statements that allow an action (evidence). */
  grantsFor(action: string, resource?: string): StatementRef[];
  /**
   * Allowed anywhere only under conditions that cannot be decided offline, so `isAllowed` is false
   * for every resource. Optional: a search over many targets uses it to skip a hopeless scan.
   */
  isConditional?(action: string): boolean;
}

// ---------------------------------------------------------------------------------------------
// Privilege escalation (implemented in escalation/)
// ---------------------------------------------------------------------------------------------

export interface EscalationStep {
  /** The principal acting at this step. */
  from: string;
  /** What it does, e.g. `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`. */
  technique: string;
  actions: string[];
  /** The principal whose power it gains (a role it passes/assumes, itself for policy rewrites). */
  to: string;
  explanation: string;
}

export interface EscalationPath {
  principalArn: string;
  /**
   * What it ends in: full admin, a permissions-management foothold on IAM, or (`pass-any-role`, an
   * iam:PassRole-on-every-role combination, rules/escalation-combinations.ts) code run as any role a
   * service can assume, whichever roles exist now or later.
   */
  outcome: 'full-admin' | 'iam-write' | 'pass-any-role';
  steps: EscalationStep[];
}

// ---------------------------------------------------------------------------------------------
// Tiers and findings (implemented in rules/)
// ---------------------------------------------------------------------------------------------

export type Tier = 1 | 2 | 3;

export interface TierReason {
  tier: Tier;
  /** In words: "can read s3:* on a bucket tagged data-class=pii". */
  reason: string;
  /** Where it comes from: a policy/statement, a tag, a trust policy, an escalation path. */
  source: string;
}

export interface TierResult {
  /** The tier in force: the override when there is one, else the computed tier. */
  tier: Tier;
  computed: Tier;
  reasons: TierReason[];
  override: { tier: Tier; reason: string; by: string | null; at: string | null } | null;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FindingFix {
  kind: 'aws-cli' | 'policy-json';
  text: string;
}

/** One rule violated by one resource in one scan (lifecycle status is added by lifecycle/). */
export interface Finding {
  /** Stable across scans for the same rule and resource: the lifecycle key. */
  fingerprint: string;
  ruleId: string;
  severity: Severity;
  step: number;
  title: string;
  /** The identity concerned (for key rules the key's user; null for account-level rules). */
  principalArn: string | null;
  /** The one resource the finding names (the key for key rules, the workload for workload rules). */
  resourceArn: string;
  resourceId: string | null;
  accountId: string;
  region: string | null;
  evidence: JsonObject;
  /** What to do, for a non-expert. */
  remediation: string;
  fix: FindingFix;
  /** Framework keys, e.g. `CIS 1.14`, `NHI7`, `LLM01`, `ATLAS AML.M0020`. */
  frameworks: string[];
  /** Why it matters, in plain words. */
  explanation: string;
}

/** What a human has recorded about an identity (the registry), as analysis needs it. */
export interface RegistryRecord {
  arn: string;
  owner: string | null;
  purpose: string | null;
  dataScope: string | null;
  status: RegistryStatus;
  tierOverride: Tier | null;
  overrideReason: string | null;
  overrideBy: string | null;
  overrideAt: string | null;
  lastReviewAt: string | null;
  nextReviewAt: string | null;
}

export interface AnalysisSettings {
  thresholds: Thresholds;
  /** The team's review cadence (Settings); null or absent: not set, the defaults. */
  reviewCadence?: ReviewCadence | null;
  /** Accounts of this workspace (scanned or declared): trusts to them are not "cross-account". */
  knownAccounts: readonly string[];
}

export interface AnalysisInput {
  facts: ScanFacts;
  registry: ReadonlyMap<string, RegistryRecord>;
  settings: AnalysisSettings;
  clock: () => Date;
  /** The team's own governance policies (CEL); disabled ones are skipped. None when absent. */
  policies?: readonly UserPolicy[];
}

/**
 * On an analysed agent from `analyzeScan`: its permissions in the store's compact JSON, without
 * making the `ServiceAccess` rows (db/repositories/agents.ts). Not enumerable: not part of the data.
 */
export const STORED_PERMISSIONS_JSON: unique symbol = Symbol('storedPermissionsJson');

export interface AnalysedAgent extends InventoryAgent {
  tier: TierResult;
  escalationPaths: EscalationPath[];
  /** Per service and access level (roles and non-human users). */
  permissions: ServiceAccess[];
  findingCounts: Record<Severity, number>;
  [STORED_PERMISSIONS_JSON]?: () => string;
}

export interface AnalysisResult {
  agents: AnalysedAgent[];
  findings: Finding[];
  /** Findings per rule ID, including rules that found nothing (0), for coverage. */
  ruleCounts: Record<string, number>;
  /** How each enabled user policy fared (absent or empty when there are none). */
  policyEvaluations?: PolicyEvaluation[];
}
