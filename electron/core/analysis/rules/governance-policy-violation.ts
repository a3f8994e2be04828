import { posix, type ShellText } from '../../lib/posix-shell';
import type { AnalysedAgent, Finding } from '../types';
import { buildAgentView, isPolicySubject, type AgentView, type FindingCountsView } from '../team-policies/agent-view';
import {
  compilePolicy,
  describeProblem,
  emptyEvaluation,
  preparePolicySubjects,
  runPolicy,
  type PolicyRunOptions,
} from '../team-policies/evaluate-policies';
import type { PolicyEvaluation, UserPolicy } from '../team-policies/team-policy';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * Step 10: a team's governance policy fails for an agent. One finding per agent and policy; the
 * severity is the policy's, the policy's ID is the fingerprint's discriminator (so a finding keeps its
 * lifecycle and acceptance across scans and renames). The team's CEL policies run after every other
 * rule (`applyUserPolicies`, called by analyzeScan), because their agent view includes the agent's
 * other findings; `evaluate` itself finds nothing. The built-in policies (built-in-policies.ts) raise
 * no finding of this rule: each is the governance view of a catalogue rule, whose finding is the
 * violation (one gap, one finding).
 */
export const governancePolicyViolation: RuleDefinition = {
  id: 'governance_policy_violation',
  title: 'A governance policy fails',
  defaultSeverity: 'medium',
  step: 10,
  frameworks: [],
  firesWhen: "a user-written governance policy (CEL) fails for an agent; the policy's name is in the finding (the built-in policies are reported by their own rules)",
  evaluate(): Finding[] {
    return [];
  },
};

/** The read-only look-up of an identity: `get-user --user-name` or `get-role --role-name`. */
function getIdentity(agent: { kind: string }): ShellText {
  return agent.kind === 'iam-user' ? posix`get-user --user-name` : posix`get-role --role-name`;
}

// ---------------------------------------------------------------------------------------------
// User-written policies (CEL)
// ---------------------------------------------------------------------------------------------

function emptyCounts(): FindingCountsView {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** Findings per agent by severity, governance policy violations left out (what `agent.findingCounts` shows). */
export function findingCountsForPolicies(findings: Iterable<Pick<Finding, 'principalArn' | 'ruleId' | 'severity'>>): Map<string, FindingCountsView> {
  const counts = new Map<string, FindingCountsView>();
  for (const finding of findings) {
    if (finding.principalArn === null || finding.ruleId === governancePolicyViolation.id) continue;
    let record = counts.get(finding.principalArn);
    if (record === undefined) {
      record = emptyCounts();
      counts.set(finding.principalArn, record);
    }
    record[finding.severity] += 1;
  }
  return counts;
}

const EVIDENCE_EXPRESSION_LIMIT = 1000;

function clip(text: string): string {
  return text.length > EVIDENCE_EXPRESSION_LIMIT ? `${text.slice(0, EVIDENCE_EXPRESSION_LIMIT)}…` : text;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The finding for one agent a user policy fails for. */
export function userPolicyFinding(ctx: RuleContext, policy: UserPolicy, agent: AgentView): Finding {
  const description = policy.description.trim();
  const remediation = sentence(policy.remediation) || 'Bring the agent into line with the policy, or narrow the policy’s scope if it should not apply to it.';
  return makeFinding(governancePolicyViolation, ctx, {
    severity: policy.severity,
    title: `Governance policy "${policy.name}" fails`,
    principalArn: agent.arn,
    resourceArn: agent.arn,
    resourceId: agent.name,
    discriminator: policy.id,
    evidence: {
      policy: policy.id,
      policyName: policy.name,
      policyDescription: description,
      builtIn: false,
      identity: agent.name,
      condition: clip(policy.condition),
      appliesTo: policy.appliesTo === null ? null : clip(policy.appliesTo),
      violation: 'the policy’s condition is false for this agent',
    },
    remediation: `${agent.name} breaks the team’s policy "${policy.name}"${description !== '' ? ` (${description.replace(/[.]$/, '')})` : ''}: its condition does not hold for this agent. ${remediation}`,
    // Read-only, and free of the policy's own text: a copied command must never run what a person typed.
    fix: cliFix(posix`aws iam ${getIdentity(agent)} ${agent.name}`),
    explanation:
      description !== ''
        ? `The team wrote a governance policy: ${sentence(description)} This agent does not comply, so it is outside what the team agreed agents may do.`
        : `The team wrote a governance policy, "${policy.name}", that every agent in its scope must satisfy. This agent does not comply.`,
  });
}

/** Where the user policies' findings go: the analysis result being assembled. */
export interface UserPolicyTarget {
  agents: AnalysedAgent[];
  findings: Finding[];
  ruleCounts: Record<string, number>;
  /** The analysis's finding order, applied again after the new findings are added. */
  compare: (a: Finding, b: Finding) => number;
}

/**
 * Evaluates the enabled user policies over the governed agents of an analysed scan and adds their
 * findings to `target` (findings, rule counts and each agent's finding counts). Returns one
 * evaluation per enabled policy. Never throws for a policy: a policy that does not compile (a
 * hand-edited workspace, a newer engine) or fails unexpectedly is reported in its evaluation.
 */
export function applyUserPolicies(
  ctx: RuleContext,
  policies: readonly UserPolicy[],
  target: UserPolicyTarget,
  options: PolicyRunOptions = {},
): PolicyEvaluation[] {
  const enabled = policies.filter((policy) => policy.enabled);
  if (enabled.length === 0) return [];
  const counts = findingCountsForPolicies(target.findings);
  const views = target.agents.filter(isPolicySubject).map((agent) =>
    buildAgentView({ agent, findingCounts: counts.get(agent.arn) ?? emptyCounts(), registry: ctx.registry.get(agent.arn) ?? null, now: ctx.now }),
  );
  const prepared = preparePolicySubjects(views);
  const evaluations: PolicyEvaluation[] = [];
  const added: Finding[] = [];
  for (const policy of enabled) {
    try {
      const compiled = compilePolicy(policy);
      if (!compiled.ok) {
        evaluations.push(emptyEvaluation(policy.id, compiled.problems.map(describeProblem).join('; ')));
        continue;
      }
      const run = runPolicy(policy.id, compiled.compiled, prepared, options);
      evaluations.push(run.evaluation);
      for (const agent of run.failing) added.push(userPolicyFinding(ctx, policy, agent));
    } catch (error) {
      evaluations.push(emptyEvaluation(policy.id, `The policy could not be run: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  if (added.length > 0) {
    const byArn = new Map(target.agents.map((agent) => [agent.arn, agent]));
    for (const finding of added) {
      target.findings.push(finding);
      const agent = finding.principalArn === null ? undefined : byArn.get(finding.principalArn);
      if (agent !== undefined) agent.findingCounts[finding.severity] += 1;
    }
    target.findings.sort(target.compare);
  }
  target.ruleCounts[governancePolicyViolation.id] = (target.ruleCounts[governancePolicyViolation.id] ?? 0) + added.length;
  return evaluations;
}
