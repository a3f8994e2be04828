/** Running a policy over many agents: scope, verdicts, errors per agent, and the time budget. */
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  describeProblem,
  preparePolicySubjects,
  runPolicy,
  type CompiledPolicy,
} from '@core/analysis/team-policies/evaluate-policies';
import type { AgentView } from '@core/analysis/team-policies/agent-view';
import { sampleView, userView } from './view-fixture';

function compile(condition: string, appliesTo: string | null = null): CompiledPolicy {
  const outcome = compilePolicy({ condition, appliesTo });
  if (!outcome.ok) throw new Error(outcome.problems.map(describeProblem).join('; '));
  return outcome.compiled;
}

const views: AgentView[] = [
  sampleView({ name: 'a', arn: 'arn:a', owner: 'x' }),
  sampleView({ name: 'b', arn: 'arn:b', owner: null }),
  userView({ name: 'c', arn: 'arn:c', owner: null }),
  sampleView({ name: 'd', arn: 'arn:d', owner: 'y', ai: false }),
];

describe('compilePolicy', () => {
  it('reports problems in both expressions, each with its field and position', () => {
    const outcome = compilePolicy({ condition: 'agent.owner ==', appliesTo: 'agent.tierr == 1' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => p.field)).toEqual(['condition', 'appliesTo']);
    expect(outcome.problems.map(describeProblem)).toEqual([
      'Condition, line 1, column 15: Unexpected token: EOF',
      'Applies to, line 1, column 7: No such key: tierr',
    ]);
  });

  it('reads an empty applies-to as "every governed agent"', () => {
    const outcome = compilePolicy({ condition: 'agent.ai', appliesTo: '  ' });
    expect(outcome.ok && outcome.compiled.appliesTo).toBeNull();
  });
});

describe('runPolicy', () => {
  it('counts evaluated and failing agents and returns the failing ones in order', () => {
    const run = runPolicy('p1', compile('agent.owner != null'), preparePolicySubjects(views));
    expect(run.failing.map((v) => v.name)).toEqual(['b', 'c']);
    expect(run.evaluation).toEqual({ policyId: 'p1', evaluated: 4, failing: 2, errors: 0, notApplicable: 0, firstError: null, compileError: null });
  });

  it('leaves out the agents its applies-to expression excludes', () => {
    const run = runPolicy('p1', compile('agent.owner != null', 'agent.ai'), preparePolicySubjects(views));
    expect(run.failing.map((v) => v.name)).toEqual(['b']);
    expect(run.evaluation).toMatchObject({ evaluated: 2, failing: 1, notApplicable: 2, errors: 0 });
  });

  it('counts an agent it cannot decide as an error, names it, and never as a violation', () => {
    const run = runPolicy('p1', compile("agent.owner.startsWith('x')"), preparePolicySubjects(views));
    expect(run.failing.map((v) => v.name)).toEqual(['d']);
    expect(run.evaluation).toMatchObject({ evaluated: 2, failing: 1, errors: 2 });
    expect(run.evaluation.firstError).toMatch(/^b: .*startsWith/);
    expect(run.errorSamples.map((e) => e.name)).toEqual(['b', 'c']);
  });

  it('treats an applies-to that cannot be decided as an error for that agent', () => {
    const run = runPolicy('p1', compile('true', "agent.owner.endsWith('x')"), preparePolicySubjects(views));
    expect(run.evaluation).toMatchObject({ evaluated: 1, notApplicable: 1, errors: 2 });
    expect(run.evaluation.firstError).toMatch(/^b: applies to: /);
  });

  it('keeps at most the asked number of error samples, but counts every error', () => {
    const many = Array.from({ length: 12 }, (_, i) => sampleView({ name: `n${i}`, arn: `arn:n${i}`, owner: null }));
    const run = runPolicy('p1', compile("agent.owner.size() > 0"), preparePolicySubjects(many), { maxErrorSamples: 3 });
    expect(run.evaluation.errors).toBe(12);
    expect(run.errorSamples).toHaveLength(3);
  });

  it('stops when the time budget is spent; the agents left are errors, not verdicts', () => {
    let now = 0;
    const clock = (): number => {
      now += 400;
      return now;
    };
    const run = runPolicy('p1', compile('agent.owner != null'), preparePolicySubjects(views), { budgetMs: 1000, clock });
    expect(run.evaluation.evaluated).toBe(2);
    expect(run.evaluation.errors).toBe(2);
    expect(run.evaluation.firstError).toBe('c: evaluation stopped after 1000 ms with 2 agents left; simplify the policy');
    expect(run.failing.map((v) => v.name)).toEqual(['b']);
  });

  it('reports a view that cannot be converted as an error of every policy', () => {
    const broken = { ...sampleView({ name: 'broken', arn: 'arn:broken' }), tier: 0.5 };
    const prepared = preparePolicySubjects([broken, ...views]);
    expect(prepared.unconvertible).toHaveLength(1);
    const run = runPolicy('p1', compile('agent.ai'), prepared);
    expect(run.evaluation).toMatchObject({ errors: 1, evaluated: 4 });
    expect(run.evaluation.firstError).toMatch(/^broken: its data could not be read/);
  });
});
