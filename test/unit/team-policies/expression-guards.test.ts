/** The guard rails: what could make one expression's work explode is refused at compile time. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '@core/analysis/team-policies/cel-policy';
import { unsafePatternReason } from '@core/analysis/team-policies/expression-guards';

function refusal(source: string): string {
  const outcome = compileExpression(source);
  if (outcome.ok) throw new Error(`${source} compiled`);
  return outcome.problem.message;
}

describe('expression guard rails', () => {
  it('refuses cel.bind (values could double with every binding)', () => {
    expect(refusal('cel.bind(a, agent.name, a + a == agent.name)')).toBe('cel.bind is not available in policies');
  });

  it('allows macros two deep and refuses a third level', () => {
    expect(compileExpression("agent.workloads.all(w, agent.tags.exists(k, k == w.name))").ok).toBe(true);
    expect(refusal("agent.workloads.all(w, agent.tags.exists(k, agent.aiSignals.exists(s, s == k)))")).toMatch(/nest at most 2 deep/);
    // Nesting inside the receiver counts too: a list built by a macro, iterated by two more.
    expect(refusal("agent.workloads.map(w, agent.tags.filter(k, agent.aiSignals.exists(s, s == k))).size() > 0")).toMatch(/nest at most 2 deep/);
    // Chained (not nested) macros are fine.
    expect(compileExpression("agent.workloads.map(w, w.region).filter(r, r.startsWith('eu-')).all(r, r != '')").ok).toBe(true);
  });

  it('points at the offending part of the expression', () => {
    const outcome = compileExpression("agent.ai && cel.bind(a, 1, a == 1)");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.column).toBeGreaterThan(10);
  });

  it('wants matches() patterns as literals', () => {
    expect(refusal('agent.name.matches(agent.path)')).toMatch(/literal pattern/);
    expect(refusal('matches(agent.name, agent.path)')).toMatch(/literal pattern/);
    expect(compileExpression("agent.name.matches('^svc-[a-z0-9-]+$')").ok).toBe(true);
  });

  it('refuses patterns that backtrack exponentially, back-references and invalid ones', () => {
    expect(refusal("agent.name.matches('(a+)+$')")).toMatch(/repeated group contains repetition/);
    expect(refusal("agent.name.matches('^(a|aa)*$')")).toMatch(/repeated group contains repetition or alternatives/);
    expect(refusal("agent.name.matches('(x)\\\\1')")).toMatch(/back-references/);
    expect(refusal("agent.name.matches('(unclosed')")).toMatch(/not a valid regular expression/);
  });
});

describe('unsafePatternReason', () => {
  it.each([
    ['(a+)+', true],
    ['(a*)*b', true],
    ['((ab)*c)*', true],
    ['(\\w+\\s?)+$', true],
    ['(a|b)+', true],
    ['([a-z]+-)*x', true],
    ['(?:a+){2,}', true],
    ['x'.repeat(257), true],
    ['^prod-[a-z0-9-]+$', false],
    ['^(prod|staging)-.*$', false],
    ['(ab)+', false],
    ['[(+)]+', false],
    ['\\(a+\\)+', false],
    ['^arn:aws:iam::\\d{12}:role/.+$', false],
    ['a+?b*', false],
  ])('%s → unsafe: %s', (pattern, unsafe) => {
    expect(unsafePatternReason(pattern) !== null).toBe(unsafe);
  });
});
