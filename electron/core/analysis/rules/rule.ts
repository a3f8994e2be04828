/**
 * What a rule is and what it sees. A rule is a pure function of one scan's analysis context: the
 * facts, the inventory, the effective permissions, the escalation paths and the tiers, the registry
 * and the thresholds, with `now` passed in. It returns one finding per violating resource.
 */
import type { ReviewCadence, Thresholds } from '@shared/contract';
import type { IamRoleFacts, ScanFacts } from '../../discovery/facts';
import type { InventoryAgent } from '../inventory/types';
import type { EscalationCombination } from './escalation-combinations';
import type { EffectivePermissions, EscalationPath, Finding, RegistryRecord, Severity, TierResult } from '../types';

export interface RuleContext {
  readonly facts: ScanFacts;
  readonly agents: readonly InventoryAgent[];
  readonly agentByArn: ReadonlyMap<string, InventoryAgent>;
  /** The scan's IAM roles by ARN (trust policies are read from the facts, not the summary). */
  readonly roleByArn: ReadonlyMap<string, IamRoleFacts>;
  /** Null when the principal is not in the scan's IAM facts (or permissions were not analysed). */
  permissions(arn: string): EffectivePermissions | null;
  escalation(arn: string): readonly EscalationPath[];
  /** PassRole-on-every-role combinations (see escalation-combinations.ts). */
  escalationCombinations(arn: string): readonly EscalationCombination[];
  /** Always answers: an ARN the analysis does not know gets Tier 3 with a reason saying so. */
  tier(arn: string): TierResult;
  readonly registry: ReadonlyMap<string, RegistryRecord>;
  readonly thresholds: Thresholds;
  /** The team's review cadence per tier; null: not set, the defaults (review-due.ts). */
  readonly reviewCadence: ReviewCadence | null;
  /** The workspace's own accounts, the scanned one included. */
  readonly knownAccounts: ReadonlySet<string>;
  readonly now: Date;
}

export interface RuleDefinition {
  /** Stable: exports, the CLI and the lifecycle key on it. Never rename one. */
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** The product step (1–10) the rule serves. */
  readonly step: number;
  readonly frameworks: readonly string[];
  /** The catalogue's "fires when", for the UI and the docs. */
  readonly firesWhen: string;
  evaluate(ctx: RuleContext): Finding[];
}
