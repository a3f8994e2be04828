/**
 * Contract handlers for governance policies: the built-ins (read-only), the team's own CEL policies
 * (saved, changed and deleted with an audit entry each), and trying an unsaved expression against a
 * stored scan. Listing and trying first bring the scan's stored analysis up to date, so the figures
 * shown are those of the policies as they are now.
 */
import type { ChannelOutput, PolicyEvaluationInfo, PolicyTestResult, ScanSummary } from '@shared/contract';
import type { Handlers } from '../dispatch';
import { BUILT_IN_GOVERNANCE_POLICIES } from '../analysis/rules/built-in-policies';
import { governancePolicyViolation } from '../analysis/rules/governance-policy-violation';
import type { ReadDb } from '../db/handles';
import { listUserPolicies } from '../db/repositories/team-policies';
import { deleteUserPolicy, saveUserPolicy } from '../governance/team-policies/team-policy-service';
import { latestCompletedScanId, listScans } from '../db/repositories/scans';
import { sql } from '../db/sql';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';
import { actorFromEnv } from '../lib/audit-chain';
import { compilePolicy, preparePolicySubjects, runPolicy } from '../analysis/team-policies/evaluate-policies';
import { storedAgentViews } from '../governance/team-policies/stored-views';

export type PolicyHandlers = Pick<Handlers, 'policies:list' | 'policies:save' | 'policies:delete' | 'policies:test'>;

/** How many failing agents a test returns. */
export const TEST_FAILING_LIMIT = 50;

function scanSummary(db: ReadDb, scanId: string): ScanSummary {
  const summary = listScans(db).find((scan) => scan.id === scanId);
  if (summary === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return summary;
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

/** Governance findings of a scan per policy ID (built-in and user). */
function failingByPolicy(db: ReadDb, scanId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const rows = db.all(sql`
    SELECT json_extract(coalesce(ev.body, f.evidence), '$.policy') AS policy, count(*) AS n
    FROM findings f LEFT JOIN analysis_texts ev ON ev.hash = f.evidence_ref
    WHERE f.scan_id = ${scanId} AND f.rule_id = ${governancePolicyViolation.id} GROUP BY 1`);
  for (const row of rows) if (typeof row['policy'] === 'string') counts.set(row['policy'], Number(row['n']));
  return counts;
}

export function createPolicyHandlers(deps: ServiceDeps): PolicyHandlers {
  const actor = (): string => actorFromEnv(deps.env);

  return {
    'policies:list': async (): Promise<ChannelOutput<'policies:list'>> => {
      const workspace = deps.workspaces.current();
      const latest = latestCompletedScanId(workspace.read);
      const scan = latest === null ? null : await deps.analysis.ensure(workspace, latest);
      const evaluations = scan === null ? new Map<string, PolicyEvaluationInfo>() : storedEvaluations(workspace.read, scan.id);
      const failing = scan === null ? null : failingByPolicy(workspace.read, scan.id);
      return {
        scan: scan === null ? null : scanSummary(workspace.read, scan.id),
        builtIn: BUILT_IN_GOVERNANCE_POLICIES.map((policy) => ({
          id: policy.id,
          name: policy.name,
          description: policy.description,
          severity: policy.severity,
          scope: policy.scope,
          failing: failing === null ? null : (failing.get(policy.id) ?? 0),
        })),
        policies: listUserPolicies(workspace.read).map((policy) => ({
          ...policy,
          evaluation: policy.enabled ? (evaluations.get(policy.id) ?? null) : null,
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

    'policies:test': async ({ scanId, condition, appliesTo }): Promise<PolicyTestResult> => {
      const workspace = deps.workspaces.current();
      const chosen = scanId ?? latestCompletedScanId(workspace.read);
      const compiled = compilePolicy({ condition, appliesTo });
      if (!compiled.ok) {
        // Nothing to evaluate: no need to bring the scan's analysis up to date.
        return {
          scan: chosen === null ? null : scanSummary(workspace.read, chosen),
          problems: compiled.problems.map(({ field, problem }) => ({ field, ...problem })),
          evaluation: null,
          failingAgents: [],
          errorSamples: [],
        };
      }
      const scan = chosen === null ? null : await deps.analysis.ensure(workspace, chosen);
      if (scan === null) return { scan: null, problems: [], evaluation: null, failingAgents: [], errorSamples: [] };
      const summary = scanSummary(workspace.read, scan.id);
      const run = runPolicy('test', compiled.compiled, preparePolicySubjects(storedAgentViews(workspace.read, scan.id)));
      const { policyId: _policyId, ...evaluation } = run.evaluation;
      return {
        scan: summary,
        problems: [],
        evaluation,
        failingAgents: run.failing.slice(0, TEST_FAILING_LIMIT).map((view) => ({
          arn: view.arn,
          name: view.name,
          kind: view.kind,
          accountId: view.accountId,
          tier: view.tier === 1 || view.tier === 3 ? view.tier : 2,
        })),
        errorSamples: run.errorSamples,
      };
    },
  };
}
