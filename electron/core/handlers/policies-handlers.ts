/**
 * Contract handlers for governance policies: the built-ins (read-only), the team's own CEL policies
 * (saved, changed and deleted with an audit entry each), and trying an unsaved expression against a
 * stored scan. Listing and trying first bring the scan's stored analysis up to date, so the figures
 * shown are those of the policies as they are now.
 */
import type { ChannelOutput, PolicyEvaluationInfo, PolicyTestResult } from '@shared/contract';
import type { Handlers } from '../dispatch';
import { BUILT_IN_GOVERNANCE_POLICIES } from '../analysis/rules/built-in-policies';
import { governancePolicyViolation } from '../analysis/rules/governance-policy-violation';
import type { ReadDb } from '../db/handles';
import { listUserPolicies } from '../db/repositories/team-policies';
import { deleteUserPolicy, saveUserPolicy } from '../governance/team-policies/team-policy-service';
import { sql } from '../db/sql';
import type { ServiceDeps } from './handler-deps';
import { chooseView } from './analysed-scan';
import { currentActor } from '../db/repositories/settings';
import { compilePolicy, preparePolicySubjects, runPolicy } from '../analysis/team-policies/evaluate-policies';
import { storedAgentViews } from '../governance/team-policies/stored-views';

export type PolicyHandlers = Pick<Handlers, 'policies:list' | 'policies:save' | 'policies:delete' | 'policies:test'>;

/** How many failing agents a test returns. */
export const TEST_FAILING_LIMIT = 50;

/** A policy's evaluations over several scans, summed; null when no scan has one. */
function sumEvaluations(parts: readonly (PolicyEvaluationInfo | undefined)[]): PolicyEvaluationInfo | null {
  const present = parts.filter((part): part is PolicyEvaluationInfo => part !== undefined);
  if (present.length === 0) return null;
  return {
    evaluated: present.reduce((sum, part) => sum + part.evaluated, 0),
    failing: present.reduce((sum, part) => sum + part.failing, 0),
    errors: present.reduce((sum, part) => sum + part.errors, 0),
    notApplicable: present.reduce((sum, part) => sum + part.notApplicable, 0),
    firstError: present.find((part) => part.firstError !== null)?.firstError ?? null,
    compileError: present.find((part) => part.compileError !== null)?.compileError ?? null,
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The evaluations the analysis stored with the scan, by policy ID (malformed entries skipped). */
function storedEvaluations(db: ReadDb, scanId: string): Map<string, PolicyEvaluationInfo> {
  const found = new Map<string, PolicyEvaluationInfo>();
  const text = db.value(sql`SELECT json_extract(totals, '$.analysis.policies') FROM scans WHERE id = ${scanId}`);
  if (typeof text !== 'string') return found;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return found;
  }
  if (!Array.isArray(parsed)) return found;
  for (const entry of parsed as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    if (typeof e['policyId'] !== 'string' || !isCount(e['evaluated']) || !isCount(e['failing']) || !isCount(e['errors']) || !isCount(e['notApplicable'])) continue;
    found.set(e['policyId'], {
      evaluated: e['evaluated'],
      failing: e['failing'],
      errors: e['errors'],
      notApplicable: e['notApplicable'],
      firstError: typeof e['firstError'] === 'string' ? e['firstError'] : null,
      compileError: typeof e['compileError'] === 'string' ? e['compileError'] : null,
    });
  }
  return found;
}

/**
 * Failing agents of a scan per policy ID: a built-in's are the agents its catalogue rule found (the
 * rule's finding is the violation, one gap one finding); a user policy's are its governance findings.
 */
function failingByPolicy(db: ReadDb, scanId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const policy of BUILT_IN_GOVERNANCE_POLICIES) {
    const n = db.value(sql`SELECT count(DISTINCT principal_arn) FROM findings WHERE scan_id = ${scanId} AND rule_id = ${policy.ruleId}`);
    counts.set(policy.id, Number(n ?? 0));
  }
  const rows = db.all(sql`
    SELECT json_extract(coalesce(ev.body, f.evidence), '$.policy') AS policy, count(*) AS n
    FROM findings f LEFT JOIN analysis_texts ev ON ev.hash = f.evidence_ref
    WHERE f.scan_id = ${scanId} AND f.rule_id = ${governancePolicyViolation.id} GROUP BY 1`);
  for (const row of rows) if (typeof row['policy'] === 'string' && !counts.has(row['policy'])) counts.set(row['policy'], Number(row['n']));
  return counts;
}

export function createPolicyHandlers(deps: ServiceDeps): PolicyHandlers {
  const actor = (): string => currentActor(deps.workspaces.current().read, deps.env);

  return {
    'policies:list': async ({ scanId, accountId }): Promise<ChannelOutput<'policies:list'>> => {
      const workspace = deps.workspaces.current();
      const view = await chooseView(deps, workspace, { scanId, accountId });
      const hasScan = view.scans.length > 0;
      const evaluations = view.scans.map((scan) => storedEvaluations(workspace.read, scan.id));
      const failing = view.scans.map((scan) => failingByPolicy(workspace.read, scan.id));
      return {
        view: view.info,
        builtIn: BUILT_IN_GOVERNANCE_POLICIES.map((policy) => ({
          id: policy.id,
          name: policy.name,
          description: policy.description,
          severity: policy.severity,
          scope: policy.scope,
          ruleId: policy.ruleId,
          failing: hasScan ? failing.reduce((sum, counts) => sum + (counts.get(policy.id) ?? 0), 0) : null,
        })),
        policies: listUserPolicies(workspace.read).map((policy) => ({
          ...policy,
          evaluation: policy.enabled ? sumEvaluations(evaluations.map((byPolicy) => byPolicy.get(policy.id))) : null,
        })),
      };
    },

    'policies:save': (input) => {
      const saved = saveUserPolicy(
        deps.workspaces.current().write,
        {
          id: input.id,
          name: input.name,
          description: input.description,
          severity: input.severity,
          condition: input.condition,
          appliesTo: input.appliesTo,
          remediation: input.remediation,
          enabled: input.enabled,
        },
        { actor: actor(), now: deps.clock() },
      );
      deps.emit('policies:changed', { id: saved.id });
      return saved;
    },

    'policies:delete': ({ id }) => {
      const deleted = deleteUserPolicy(deps.workspaces.current().write, id, { actor: actor(), now: deps.clock() });
      if (deleted) deps.emit('policies:changed', { id });
      return { deleted };
    },

    'policies:test': async ({ scanId, accountId, condition, appliesTo }): Promise<PolicyTestResult> => {
      const workspace = deps.workspaces.current();
      const compiled = compilePolicy({ condition, appliesTo });
      const view = await chooseView(deps, workspace, { scanId, accountId });
      if (!compiled.ok) {
        return {
          view: view.info,
          problems: compiled.problems.map(({ field, problem }) => ({ field, ...problem })),
          evaluation: null,
          failingAgents: [],
          errorSamples: [],
        };
      }
      if (view.scans.length === 0) return { view: view.info, problems: [], evaluation: null, failingAgents: [], errorSamples: [] };
      const views = view.scans.flatMap((scan) => storedAgentViews(workspace.read, scan.id));
      const run = runPolicy('test', compiled.compiled, preparePolicySubjects(views));
      const { policyId: _policyId, ...evaluation } = run.evaluation;
      return {
        view: view.info,
        problems: [],
        evaluation,
        failingAgents: run.failing.slice(0, TEST_FAILING_LIMIT).map((agent) => ({
          arn: agent.arn,
          name: agent.name,
          kind: agent.kind,
          accountId: agent.accountId,
          tier: agent.tier === 1 || agent.tier === 3 ? agent.tier : 2,
        })),
        errorSamples: run.errorSamples,
      };
    },
  };
}
