/** The CEL policy engine: compile problems with positions, the agent view's fields, macros, runtime errors. */
import { describe, expect, it } from 'vitest';
import { AGENT_VIEW_TYPES, POLICY_EXAMPLES, POLICY_EXPRESSION_MAX_LENGTH } from '@shared/policy-language';
import type { AgentView } from '@core/analysis/team-policies/agent-view';
import { compileExpression, toCelAgent, type CompiledExpression } from '@core/analysis/team-policies/cel-policy';
import { sampleView, userView } from './view-fixture';

function compiled(source: string): CompiledExpression {
  const outcome = compileExpression(source);
  if (!outcome.ok) throw new Error(`${source}: ${outcome.problem.message}`);
  return outcome.expression;
}

function run(source: string, view: AgentView): boolean {
  const outcome = compiled(source).evaluate(toCelAgent(view));
  if (!outcome.ok) throw new Error(`${source}: ${outcome.message}`);
  return outcome.value;
}

function problem(source: string): { message: string; line: number; column: number; offset: number; excerpt: string } {
  const outcome = compileExpression(source);
  if (outcome.ok) throw new Error(`${source} compiled`);
  return outcome.problem;
}

describe('compiling a policy expression', () => {
  it('reports a syntax error with its line and column', () => {
    expect(problem('agent.name +')).toMatchObject({ message: 'Unexpected token: EOF', line: 1, column: 13, offset: 12 });
    const second = problem("agent.ai &&\n  agent.owner == = 'x'");
    expect(second).toMatchObject({ line: 2, excerpt: "  agent.owner == = 'x'" });
    expect(second.column).toBe(18);
  });

  it('reports a field the view does not have, where it is, instead of evaluating it to false', () => {
    expect(problem("agent.ownr == 'x'")).toMatchObject({ message: 'No such key: ownr', line: 1, column: 7 });
    expect(problem('agent.workloads.exists(w, w.nam == "f")')).toMatchObject({ message: 'No such key: nam', column: 29 });
    expect(problem('agent.findingCounts.severe == 0').message).toContain('severe');
    expect(problem('user.name == "x"').message).toMatch(/user/);
  });

  it('refuses a type error: comparing a string to a number', () => {
    expect(problem("agent.tier == 'one'").message).toMatch(/no such overload/);
  });

  it('demands true or false: a value of another type is refused when it compiles', () => {
    expect(problem('agent.name').message).toBe('The expression gives a string, not true or false.');
    expect(problem('agent.tier + 1').message).toBe('The expression gives a int, not true or false.');
    expect(problem('agent.workloads').message).toMatch(/list<Workload>, not true or false/);
  });

  it('treats a non-boolean result at run time (from a nullable field) as an error, not a verdict', () => {
    const expression = compiled('agent.owner');
    expect(expression.evaluate(toCelAgent(sampleView()))).toEqual({ ok: false, message: 'it gave the text "support-team@example.com", not true or false' });
    expect(expression.evaluate(toCelAgent(sampleView({ owner: null })))).toEqual({ ok: false, message: 'it gave null, not true or false' });
  });

  it('caps the length at 4 KiB', () => {
    const padded = (length: number): string => `agent.ai${' '.repeat(length - 'agent.ai'.length)}`;
    expect(compileExpression(padded(POLICY_EXPRESSION_MAX_LENGTH)).ok).toBe(true);
    const tooLong = problem(padded(POLICY_EXPRESSION_MAX_LENGTH + 1));
    expect(tooLong.message).toBe(`The expression is ${POLICY_EXPRESSION_MAX_LENGTH + 1} characters long; the limit is ${POLICY_EXPRESSION_MAX_LENGTH}.`);
    expect(tooLong.offset).toBe(POLICY_EXPRESSION_MAX_LENGTH);
  });

  it('refuses an empty expression', () => {
    expect(problem('   ').message).toBe('The expression is empty.');
  });

  it('refuses deep nesting at parse time', () => {
    expect(problem(`${'('.repeat(40)}agent.ai${')'.repeat(40)}`).message).toMatch(/maxDepth/);
  });

  it('compiles every example of the reference', () => {
    for (const example of POLICY_EXAMPLES) {
      expect(compileExpression(example.condition).ok, example.condition).toBe(true);
      if (example.appliesTo !== null) expect(compileExpression(example.appliesTo).ok, example.appliesTo).toBe(true);
    }
  });

  it('evaluates the examples as their titles say', () => {
    const [owner, tier1, costCenter, keys, eu] = POLICY_EXAMPLES.map((example) => example.condition);
    expect(run(owner!, sampleView())).toBe(true);
    expect(run(owner!, sampleView({ owner: null }))).toBe(false);
    expect(run(owner!, sampleView({ ai: false, owner: null }))).toBe(true);
    expect(run(tier1!, sampleView({ status: 'unregistered' }))).toBe(false);
    expect(run(tier1!, sampleView({ tier: 2, status: 'unregistered' }))).toBe(true);
    expect(run(costCenter!, sampleView())).toBe(true);
    expect(run(costCenter!, sampleView({ tags: { 'Cost-Center': 'x' } }))).toBe(true);
    expect(run(costCenter!, sampleView({ tags: { team: 'x' } }))).toBe(false);
    expect(run(keys!, userView())).toBe(false);
    expect(run(keys!, userView({ accessKeys: [{ slot: 1, active: true, ageDays: 30, lastUsedDays: 1, lastUsedService: null }] }))).toBe(true);
    expect(run(eu!, sampleView())).toBe(true);
    expect(run(eu!, sampleView({ workloads: [{ kind: 'lambda-function', name: 'f', arn: 'arn:f', region: 'us-east-1' }] }))).toBe(false);
  });
});

/** One expression per documented field: true for the first view, false for the second. */
const FIELD_CASES: readonly [field: string, expression: string, trueFor: AgentView, falseFor: AgentView][] = [
  ['Agent.arn', "agent.arn.endsWith(':role/support-bot')", sampleView(), userView()],
  ['Agent.name', "agent.name == 'support-bot'", sampleView(), userView()],
  ['Agent.kind', "agent.kind == 'iam-role'", sampleView(), userView()],
  ['Agent.accountId', "agent.accountId == '123456789012'", sampleView(), sampleView({ accountId: '210987654321' })],
  ['Agent.path', "agent.path == '/agents/'", sampleView(), userView()],
  ['Agent.ai', 'agent.ai', sampleView(), userView()],
  ['Agent.aiUse', "agent.aiUse == 'manages'", sampleView({ ai: false, aiUse: 'manages' }), sampleView()],
  ['Agent.aiSignals', "'ai-permissions' in agent.aiSignals", sampleView(), userView()],
  ['Agent.tier', 'agent.tier == 1', sampleView(), userView()],
  ['Agent.computedTier', 'agent.computedTier == 2 && agent.tier != agent.computedTier', sampleView(), userView()],
  ['Agent.tierOverridden', 'agent.tierOverridden', sampleView(), userView()],
  ['Agent.tierReasons', "agent.tierReasons.exists(r, r.contains('pii'))", sampleView(), sampleView({ tierReasons: [] })],
  ['Agent.owner', "agent.owner == 'support-team@example.com'", sampleView(), userView()],
  ['Agent.ownerSource', "agent.ownerSource == 'tag'", sampleView(), userView()],
  ['Agent.status', "agent.status == 'registered'", sampleView(), userView()],
  ['Agent.purpose', "agent.purpose != null && agent.purpose.startsWith('Answers')", sampleView(), userView()],
  ['Agent.dataScope', "agent.dataScope != null && agent.dataScope.contains('PII')", sampleView(), userView()],
  ['Agent.lastReviewDays', 'agent.lastReviewDays != null && agent.lastReviewDays < 30', sampleView(), userView()],
  ['Agent.tags', "agent.tags['cost-center'] == 'cc-42' && agent.tags.team == 'support'", sampleView(), sampleView({ tags: { 'cost-center': 'cc-1', team: 'support' } })],
  ['Agent.groups', "'deployers' in agent.groups", userView(), sampleView()],
  ['Agent.createdAt', "timestamp(agent.createdAt) < timestamp('2025-01-01T00:00:00Z')", sampleView(), sampleView({ createdAt: '2025-02-01T00:00:00Z' })],
  ['Agent.ageDays', 'agent.ageDays > 365', sampleView(), sampleView({ ageDays: 5 })],
  ['Agent.lastUsedAt', "agent.lastUsedAt != null && agent.lastUsedAt.startsWith('2025-04')", sampleView(), sampleView({ lastUsedAt: null })],
  ['Agent.lastUsedDays', 'agent.lastUsedDays != null && agent.lastUsedDays <= 3', sampleView(), sampleView({ lastUsedDays: null })],
  ['Agent.workloads', 'size(agent.workloads) == 2', sampleView(), userView()],
  ['Agent.services', "'bedrock' in agent.services", sampleView(), sampleView({ services: ['s3'] })],
  ['Agent.writeServices', "agent.writeServices == ['s3']", sampleView(), sampleView({ writeServices: [] })],
  ['Agent.canEscalate', '!agent.canEscalate', sampleView(), sampleView({ canEscalate: true })],
  ['Agent.accessKeys', 'agent.accessKeys.exists(k, k.active)', userView(), sampleView()],
  ['Agent.serviceCredentials', 'size(agent.serviceCredentials) == 1', userView(), sampleView()],
  ['Agent.consolePassword', '!agent.consolePassword', userView(), userView({ consolePassword: true })],
  ['Agent.mfa', 'agent.mfa', userView({ mfa: true }), userView()],
  ['Agent.credentialsKnown', 'agent.credentialsKnown', userView(), userView({ credentialsKnown: false })],
  ['Agent.trust', "'bedrock.amazonaws.com' in agent.trust.services", sampleView(), userView()],
  ['Agent.findingCounts', 'agent.findingCounts.critical == 0', sampleView(), userView()],
  ['Workload.kind', "agent.workloads.exists(w, w.kind == 'bedrock-agent')", sampleView(), userView()],
  ['Workload.name', "agent.workloads.exists(w, w.name == 'ticket-lookup')", sampleView(), userView()],
  ['Workload.arn', "agent.workloads.exists(w, w.arn.contains(':agent/'))", sampleView(), userView()],
  ['Workload.region', "agent.workloads.all(w, w.region == 'eu-west-1') && size(agent.workloads) > 0", sampleView(), userView()],
  ['AccessKey.slot', 'agent.accessKeys.exists(k, k.slot == 2)', userView(), sampleView()],
  ['AccessKey.active', 'agent.accessKeys.exists_one(k, k.active)', userView(), sampleView()],
  ['AccessKey.ageDays', 'agent.accessKeys.exists(k, k.ageDays != null && k.ageDays > 365)', userView(), sampleView()],
  ['AccessKey.lastUsedDays', 'agent.accessKeys.exists(k, k.lastUsedDays == null)', userView(), sampleView()],
  ['AccessKey.lastUsedService', "agent.accessKeys.exists(k, k.lastUsedService == 's3')", userView(), sampleView()],
  ['ServiceCredential.kind', "agent.serviceCredentials.exists(c, c.kind == 'bedrock-api-key')", userView(), sampleView()],
  ['ServiceCredential.service', "agent.serviceCredentials.exists(c, c.service.startsWith('bedrock'))", userView(), sampleView()],
  ['ServiceCredential.active', 'agent.serviceCredentials.exists(c, c.active)', userView(), sampleView()],
  ['ServiceCredential.ageDays', 'agent.serviceCredentials.exists(c, c.ageDays == 10)', userView(), sampleView()],
  ['ServiceCredential.expires', 'agent.serviceCredentials.exists(c, !c.expires)', userView(), sampleView()],
  ['Trust.services', "agent.trust.services == ['bedrock.amazonaws.com']", sampleView(), userView()],
  ['Trust.aws', "'123456789012' in agent.trust.aws", sampleView({ trust: { services: [], aws: ['123456789012'], federated: [], anyPrincipal: false } }), sampleView()],
  ['Trust.federated', 'size(agent.trust.federated) == 1', sampleView({ trust: { services: [], aws: [], federated: ['token.actions.githubusercontent.com'], anyPrincipal: false } }), sampleView()],
  ['Trust.anyPrincipal', 'agent.trust.anyPrincipal', sampleView({ trust: { services: [], aws: ['*'], federated: [], anyPrincipal: true } }), sampleView()],
  ['FindingCounts.critical', 'agent.findingCounts.critical == 1', userView(), sampleView()],
  ['FindingCounts.high', 'agent.findingCounts.high == 1', sampleView(), userView()],
  ['FindingCounts.medium', 'agent.findingCounts.medium == 2', sampleView(), userView()],
  ['FindingCounts.low', 'agent.findingCounts.low == 0', sampleView(), sampleView({ findingCounts: { critical: 0, high: 0, medium: 0, low: 3, info: 0 } })],
  ['FindingCounts.info', 'agent.findingCounts.info > 0', sampleView({ findingCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 1 } }), sampleView()],
];

describe('the agent view in expressions', () => {
  it('has a test for every documented field', () => {
    const documented = AGENT_VIEW_TYPES.flatMap((type) => type.fields.map((field) => `${type.name}.${field.name}`)).sort();
    expect([...new Set(FIELD_CASES.map(([field]) => field))].sort()).toEqual(documented);
  });

  it.each(FIELD_CASES)('%s: %s', (_field, expression, trueFor, falseFor) => {
    expect(run(expression, trueFor)).toBe(true);
    expect(run(expression, falseFor)).toBe(false);
  });

  it('runs the macros over tags and workloads', () => {
    const view = sampleView();
    expect(run("agent.tags.exists(k, k == 'cost-center')", view)).toBe(true);
    expect(run("!agent.tags.exists(k, k == 'cost-center')", view)).toBe(false);
    expect(run("agent.tags.all(k, agent.tags[k] != '')", view)).toBe(true);
    expect(run("agent.tags.exists_one(k, k.startsWith('c'))", view)).toBe(true);
    expect(run("agent.workloads.filter(w, w.kind == 'lambda-function').size() == 1", view)).toBe(true);
    expect(run("agent.workloads.map(w, w.region).all(r, r.startsWith('eu-'))", view)).toBe(true);
    expect(run("agent.workloads.all(w, w.kind != 'sagemaker-notebook')", view)).toBe(true);
    expect(run("agent.workloads.all(w, w.kind == 'lambda-function')", view)).toBe(false);
    expect(run('agent.workloads.exists(w, w.name.matches("^ticket-[a-z]+$"))', view)).toBe(true);
  });

  it('keeps tags that look like object internals as plain keys', () => {
    const view = sampleView({ tags: JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string> });
    expect(run("agent.tags['__proto__'] == 'x' && agent.tags.constructor == 'y' && size(agent.tags) == 2", view)).toBe(true);
    expect(run("'toString' in agent.tags", view)).toBe(false);
  });

  it('reports a runtime error for the agent instead of throwing: a null where text was expected, an index out of range', () => {
    const startsWith = compiled("agent.owner.startsWith('a')");
    const outcome = startsWith.evaluate(toCelAgent(sampleView({ owner: null })));
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(/startsWith/);
    const index = compiled("agent.workloads[5].name == 'x'").evaluate(toCelAgent(sampleView()));
    expect(index).toMatchObject({ ok: false });
    expect(index.ok ? '' : index.message).toMatch(/index out of bounds/);
    const missingTag = compiled("agent.tags['owner'] == 'x'").evaluate(toCelAgent(sampleView()));
    expect(missingTag).toEqual({ ok: false, message: 'No such key: owner' });
  });

  it('refuses a view that does not fit its declaration', () => {
    expect(() => toCelAgent({ ...sampleView(), tier: 1.5 })).toThrow(/agent.tier is not a whole number/);
    expect(() => toCelAgent({ ...sampleView(), name: null as unknown as string })).toThrow(/agent.name is missing/);
  });
});
