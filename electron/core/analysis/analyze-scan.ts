/**
 * The analysis of one scan: facts + registry + settings in, agents with tiers and findings out.
 *
 *   deriveInventory → effective permissions (policy/) → escalation paths (escalation/) → tiers → every rule
 *
 * The evaluator (policy/) and the graph (escalation/) are the defaults; both can be injected.
 * Pure and deterministic: the clock is passed in, nothing is read or written, and the same input gives
 * the same output (findings sorted by severity, rule, resource). Linear in the size of the facts:
 * everything is indexed by ARN once, and permissions, paths and tiers are computed once per principal.
 */
import type { IamRoleFacts, ScanFacts } from '../discovery/facts';
import { findEscalationPaths } from './escalation/graph';
import { escalationPermissionsOf } from './escalation/group-permissions';
import { deriveInventory } from './inventory/derive-inventory';
import { createPermissionsAnalyzer } from './iam-policy/index';
import type { InventoryAgent } from './inventory/types';
import { combinationPath, passAnyRoleCombinations, type EscalationCombination } from './rules/escalation-combinations';
import { applyUserPolicies } from './rules/governance-policy-violation';
import { isPermissionSubject } from './rules/identities';
import { RULES } from './rules/index';
import { summaryOf } from './rules/permission-reading';
import type { RuleContext } from './rules/rule';
import { classifyTier, unknownTier } from './tiers/classify-tier';
import {
  SEVERITIES,
  type AnalysedAgent,
  type AnalysisInput,
  type AnalysisResult,
  type EffectivePermissions,
  type EscalationPath,
  type Finding,
  type ServiceAccess,
  type ServiceSummaryView,
  type Severity,
  type TierResult,
  STORED_PERMISSIONS_JSON,
} from './types';

export type PermissionsLookup = (arn: string) => EffectivePermissions | null;
export type EscalationLookup = (arn: string) => readonly EscalationPath[];

/**
 * The policy evaluator and the escalation graph, injectable (tests use fakes). A lookup answering
 * null runs the analysis on facts only: permission rules find nothing, tiers come from trust and tags.
 */
export interface AnalyzeScanDeps {
  permissions?: (facts: ScanFacts) => PermissionsLookup;
  escalation?: (facts: ScanFacts, permissions: PermissionsLookup) => EscalationLookup;
}

const NO_PATHS: readonly EscalationPath[] = Object.freeze([]);
const SEVERITY_ORDER = new Map<string, number>(SEVERITIES.map((severity, index) => [severity, index]));
const RULE_ORDER = new Map<string, number>(RULES.map((rule, index) => [rule.id, index]));

function memoise<T>(compute: (arn: string) => T): (arn: string) => T {
  const cache = new Map<string, T>();
  return (arn) => {
    if (cache.has(arn)) return cache.get(arn) as T;
    const value = compute(arn);
    cache.set(arn, value);
    return value;
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (SEVERITY_ORDER.get(a.severity) ?? 9) - (SEVERITY_ORDER.get(b.severity) ?? 9) ||
    (RULE_ORDER.get(a.ruleId) ?? 999) - (RULE_ORDER.get(b.ruleId) ?? 999) ||
    (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

/** The workspace's accounts plus this scan's and its organisation's: trusts to them are not "foreign". */
function knownAccountsOf(input: AnalysisInput): Set<string> {
  const known = new Set(input.settings.knownAccounts);
  known.add(input.facts.account.id);
  for (const account of input.facts.organizations?.accounts ?? []) known.add(account.id);
  const management = input.facts.organizations?.organization?.managementAccountId;
  if (management !== null && management !== undefined) known.add(management);
  return known;
}

export function analyzeScan(input: AnalysisInput, deps: AnalyzeScanDeps = {}): AnalysisResult {
  const { facts, registry } = input;
  const now = input.clock();
  const clock = (): Date => now;
  const agents = deriveInventory(facts, registry, clock);
  const agentByArn = new Map<string, InventoryAgent>(agents.map((agent) => [agent.arn, agent]));
  const roleByArn = new Map<string, IamRoleFacts>((facts.iam?.roles ?? []).map((role) => [role.arn, role]));

  // The real evaluator unless one is injected; the escalation graph also asks for groups, which the
  // analyzer answers through escalationPermissionsOf.
  const analyzer = deps.permissions === undefined ? createPermissionsAnalyzer(facts) : null;
  const rawPermissions: PermissionsLookup = deps.permissions?.(facts) ?? ((arn) => analyzer?.forPrincipal(arn) ?? null);
  const permissions = memoise((arn) => (agentByArn.get(arn)?.kind === 'unscanned-role' ? null : rawPermissions(arn)));
  const rawEscalation: EscalationLookup = deps.escalation?.(facts, permissions) ?? defaultEscalation(facts, analyzer === null ? permissions : escalationPermissionsOf(facts, analyzer));
  const escalation = memoise((arn) => rawEscalation(arn));
  const escalationCombinations = memoise((arn): readonly EscalationCombination[] => {
    const found = permissions(arn);
    return found === null || found.fullAdmin !== null ? [] : passAnyRoleCombinations(found);
  });
  const tier = memoise((arn): TierResult => {
    const agent = agentByArn.get(arn);
    if (agent === undefined) return unknownTier();
    return classifyTier({
      agent,
      role: roleByArn.get(arn) ?? null,
      permissions: permissions(arn),
      escalation: escalation(arn),
      combinations: agent.awsManaged ? [] : escalationCombinations(arn),
      registry: registry.get(arn) ?? null,
    });
  });

  const ctx: RuleContext = {
    facts,
    agents,
    agentByArn,
    roleByArn,
    permissions,
    escalation,
    escalationCombinations,
    tier,
    registry,
    thresholds: input.settings.thresholds,
    reviewCadence: input.settings.reviewCadence ?? null,
    knownAccounts: knownAccountsOf(input),
    now,
  };

  const findings: Finding[] = [];
  const ruleCounts: Record<string, number> = {};
  for (const rule of RULES) {
    const found = rule.evaluate(ctx);
    ruleCounts[rule.id] = found.length;
    for (const finding of found) findings.push(finding);
  }
  findings.sort(compareFindings);

  const counts = new Map<string, Record<Severity, number>>();
  for (const finding of findings) {
    if (finding.principalArn === null) continue;
    let record = counts.get(finding.principalArn);
    if (record === undefined) {
      record = emptyCounts();
      counts.set(finding.principalArn, record);
    }
    record[finding.severity] += 1;
  }

  const analysed: AnalysedAgent[] = agents.map((agent) => {
    const row = {
      ...agent,
      tier: tier(agent.arn),
      // The graph's paths and the PassRole-on-every-role combinations: both count for the tier and the
      // privilege_escalation finding, so agents:get, review evidence and CEL's canEscalate list both.
      escalationPaths: [...escalation(agent.arn), ...(isPermissionSubject(agent) ? escalationCombinations(agent.arn).map((c) => combinationPath(agent, c)) : [])],
      findingCounts: counts.get(agent.arn) ?? emptyCounts(),
    };
    const found = permissions(agent.arn);
    return withPermissions(row, found === null ? null : summaryOf(found));
  });
  // The team's own CEL policies run last: their agent view includes the findings of every other rule.
  const policyEvaluations = applyUserPolicies(ctx, input.policies ?? [], { agents: analysed, findings, ruleCounts, compare: compareFindings });
  return { agents: analysed, findings, ruleCounts, policyEvaluations };
}

/**
 * Per service and level, made when read (the store serialises one agent at a time): held as ~400
 * objects per principal for 10,000 principals, the rows alone would take most of a gigabyte. A
 * function of its own so the getters hold the summary's typed arrays and nothing else: made inside
 * analyzeScan they kept its whole scope alive with every agent (the memoised effective permissions,
 * escalation graph and tiers of every principal), ~100 MB per 10,000 principals while the store writes.
 */
function withPermissions(row: Omit<AnalysedAgent, 'permissions'>, summary: ServiceSummaryView | null): AnalysedAgent {
  // The store's compact form straight from the typed arrays, where the summary can write it (an
  // injected evaluator's may not: the store then encodes the rows).
  const storedJson = summary === null ? (): string => '[]' : summary.toStoredJson?.bind(summary);
  if (storedJson !== undefined) Object.defineProperty(row, STORED_PERMISSIONS_JSON, { enumerable: false, value: storedJson });
  return Object.defineProperty(row, 'permissions', {
    enumerable: true,
    get: (): ServiceAccess[] => (summary === null ? [] : summary.toList()),
  }) as AnalysedAgent;
}

function defaultEscalation(facts: ScanFacts, permissionsOf: PermissionsLookup): EscalationLookup {
  const paths = findEscalationPaths(facts, permissionsOf);
  return (arn) => paths.get(arn) ?? NO_PATHS;
}

function emptyCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}
