/**
 * Running user policies over the agents of one scan: per agent, the applies-to expression (if any)
 * decides whether the policy concerns it, then the condition must hold. An agent for which either
 * expression cannot be decided counts as an error of the policy — never as a violation — and the
 * first error is kept, naming the agent. A policy that runs past its time budget stops; the agents
 * left are errors too.
 *
 * The time budget is the one non-deterministic element of the analysis, there only so that a
 * pathological expression cannot freeze the app; well-formed policies take microseconds per agent.
 */
import type { AgentView } from './agent-view';
import { compileExpression, toCelAgent, type CelAgent, type CompiledExpression, type ExpressionProblem } from './cel-policy';
import type { PolicyEvaluation, UserPolicy } from './team-policy';

export type PolicyExpressionField = 'condition' | 'appliesTo';

export interface CompiledPolicy {
  condition: CompiledExpression;
  appliesTo: CompiledExpression | null;
}

export interface PolicyProblem {
  field: PolicyExpressionField;
  problem: ExpressionProblem;
}

export type PolicyCompileOutcome = { ok: true; compiled: CompiledPolicy } | { ok: false; problems: PolicyProblem[] };

const FIELD_LABELS: Readonly<Record<PolicyExpressionField, string>> = { condition: 'Condition', appliesTo: 'Applies to' };

/** "Condition, line 1, column 13: Unexpected token: EOF" */
export function describeProblem({ field, problem }: PolicyProblem): string {
  return `${FIELD_LABELS[field]}, line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** Compiles both expressions; every problem found is reported (an empty applies-to means "all"). */
export function compilePolicy(policy: Pick<UserPolicy, 'condition' | 'appliesTo'>): PolicyCompileOutcome {
  const problems: PolicyProblem[] = [];
  const condition = compileExpression(policy.condition);
  if (!condition.ok) problems.push({ field: 'condition', problem: condition.problem });
  const scope = policy.appliesTo === null || policy.appliesTo.trim() === '' ? null : compileExpression(policy.appliesTo);
  if (scope !== null && !scope.ok) problems.push({ field: 'appliesTo', problem: scope.problem });
  if (!condition.ok || (scope !== null && !scope.ok)) return { ok: false, problems };
  return { ok: true, compiled: { condition: condition.expression, appliesTo: scope === null ? null : scope.expression } };
}

export interface PolicySubjects {
  subjects: CelAgent[];
  /** Views that could not be converted (a defect, reported rather than thrown). */
  unconvertible: { view: AgentView; message: string }[];
}

/** Converts the views once, for every policy of the run to share. */
export function preparePolicySubjects(views: readonly AgentView[]): PolicySubjects {
  const subjects: CelAgent[] = [];
  const unconvertible: PolicySubjects['unconvertible'] = [];
  for (const view of views) {
    try {
      subjects.push(toCelAgent(view));
    } catch (error) {
      unconvertible.push({ view, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { subjects, unconvertible };
}

export interface AgentError {
  arn: string;
  name: string;
  message: string;
}

export interface PolicyRun {
  evaluation: PolicyEvaluation;
  /** Agents the policy fails for, in the order given. */
  failing: AgentView[];
  /** The first few errors. */
  errorSamples: AgentError[];
}

export interface PolicyRunOptions {
  /** Milliseconds one policy may take over one scan before it stops (default 2000). */
  budgetMs?: number;
  /** A monotonic clock in milliseconds (tests pass a fake). */
  clock?: () => number;
  /** How many errors to keep as samples (default 5). */
  maxErrorSamples?: number;
}

export const DEFAULT_POLICY_BUDGET_MS = 2000;

export function emptyEvaluation(policyId: string, compileError: string | null = null): PolicyEvaluation {
  return { policyId, evaluated: 0, failing: 0, errors: 0, notApplicable: 0, firstError: null, compileError };
}

export function runPolicy(policyId: string, compiled: CompiledPolicy, prepared: PolicySubjects, options: PolicyRunOptions = {}): PolicyRun {
  const clock = options.clock ?? (() => performance.now());
  const budget = options.budgetMs ?? DEFAULT_POLICY_BUDGET_MS;
  const maxSamples = options.maxErrorSamples ?? 5;
  const evaluation = emptyEvaluation(policyId);
  const failing: AgentView[] = [];
  const errorSamples: AgentError[] = [];
  const error = (view: AgentView, message: string): void => {
    evaluation.errors += 1;
    evaluation.firstError ??= `${view.name}: ${message}`;
    if (errorSamples.length < maxSamples) errorSamples.push({ arn: view.arn, name: view.name, message });
  };
  for (const bad of prepared.unconvertible) error(bad.view, `its data could not be read (${bad.message})`);

  const started = clock();
  const { subjects } = prepared;
  for (let index = 0; index < subjects.length; index += 1) {
    const subject = subjects[index];
    if (subject === undefined) continue;
    if (clock() - started > budget) {
      const left = subjects.length - index;
      const message = `evaluation stopped after ${budget} ms with ${left} agent${left === 1 ? '' : 's'} left; simplify the policy`;
      for (const rest of subjects.slice(index)) error(rest.view, message);
      break;
    }
    if (compiled.appliesTo !== null) {
      const scope = compiled.appliesTo.evaluate(subject);
      if (!scope.ok) {
        error(subject.view, `applies to: ${scope.message}`);
        continue;
      }
      if (!scope.value) {
        evaluation.notApplicable += 1;
        continue;
      }
    }
    const verdict = compiled.condition.evaluate(subject);
    if (!verdict.ok) {
      error(subject.view, verdict.message);
      continue;
    }
    evaluation.evaluated += 1;
    if (!verdict.value) {
      evaluation.failing += 1;
      failing.push(subject.view);
    }
  }
  return { evaluation, failing, errorSamples };
}
