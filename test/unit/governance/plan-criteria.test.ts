import { describe, expect, it } from 'vitest';
import {
  PLAN_FINDING_RULES,
  PLAN_TASKS,
  evaluatePlan,
  planTask,
  planWeek,
  taskStatusAcrossScans,
  type PlanAgentInput,
  type PlanFindingInput,
  type PlanStateInput,
  type TaskEvaluation,
} from '@core/governance/plan/plan-criteria';
import { RULES } from '@core/analysis/rules';

const NOW = new Date('2026-03-20T12:00:00Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const arn = (name: string): string => `arn:aws:iam::111111111111:role/${name}`;

/** A Tier 1 AI agent that meets every agent criterion; tests spoil one field at a time. */
const agent = (name: string, over: Partial<PlanAgentInput> = {}): PlanAgentInput => ({
  arn: arn(name),
  accountId: '111111111111',
  ai: true,
  access: 'read',
  tier: 1,
  tierOverridden: false,
  tierConfirmed: true,
  owner: 'ana@example.com',
  status: 'registered',
  activeKeyCount: 0,
  purpose: 'answers support tickets',
  dataScope: 'tickets',
  ...over,
});

const finding = (fingerprint: string, ruleId: string, principal: string | null, over: Partial<PlanFindingInput> = {}): PlanFindingInput => ({
  fingerprint,
  ruleId,
  severity: 'high',
  principalArn: principal,
  status: 'open',
  ...over,
});

/** A state in which every measured task is done. */
const clean = (over: Partial<PlanStateInput> = {}): PlanStateInput => ({
  accounts: [{ accountId: '111111111111', newestScanAt: daysAgo(1), scansLast14Days: [daysAgo(1), daysAgo(9)] }],
  agents: [agent('support-bot')],
  findings: [],
  declaredAccounts: ['111111111111'],
  enabledTeamPolicies: 1,
  reviewCadenceSet: true,
  bedrockActionGroups: 0,
  ...over,
});

const evaluate = (id: string, input: PlanStateInput, now: Date = NOW): TaskEvaluation | null => {
  const task = planTask(id);
  if (task === undefined) throw new Error(`no task ${id}`);
  return task.evaluate(input, now);
};

describe('the built-in plan tasks', () => {
  it('lists the issue’s tasks by week, each with a criterion, ids unique', () => {
    const byWeek = [1, 2, 3, 4].map((week) => PLAN_TASKS.filter((task) => task.week === week).length);
    expect(byWeek).toEqual([4, 6, 3, 5]);
    expect(new Set(PLAN_TASKS.map((task) => task.id)).size).toBe(PLAN_TASKS.length);
    for (const task of PLAN_TASKS) {
      expect(task.criterion.length).toBeGreaterThan(10);
      expect(task.step).toBeGreaterThanOrEqual(1);
      expect(task.step).toBeLessThanOrEqual(10);
    }
    expect(PLAN_TASKS.filter((task) => task.kind === 'manual').map((task) => task.id)).toEqual(['w3-onboarding-path', 'w4-first-tier1-review', 'w4-human-approval']);
  });

  it('in a clean state every measured task is done and the manual ones are left to a person', () => {
    const results = evaluatePlan(clean(), NOW);
    for (const { id, evaluation } of results) {
      if (['w3-onboarding-path', 'w4-first-tier1-review', 'w4-human-approval'].includes(id)) expect(evaluation, id).toBeNull();
      else expect(evaluation?.status, id).toBe('done');
    }
  });
});

describe('each task points at its control (PRODUCT.md steps 1–10)', () => {
  it('by the control it serves, and a task measured by a rule at that rule’s step', () => {
    const steps = Object.fromEntries(PLAN_TASKS.map((task) => [task.id, task.step]));
    expect(steps).toEqual({
      'w1-accounts-scanned': 1, 'w1-ai-owner': 1, 'w1-ai-purpose-scope': 1, 'w1-tier1-confirmed': 2,
      'w2-tier1-no-long-lived-keys': 3, 'w2-oidc-subject-pinned': 3, 'w2-keys-rotated': 3, 'w2-tier1-no-shared-identity': 3, 'w2-no-third-party-ai-key': 3, 'w2-unused-decommissioned': 1,
      'w3-weekly-scans': 5, 'w3-no-unregistered-ai': 5, 'w3-onboarding-path': 5,
      'w4-review-cadence': 10, 'w4-first-tier1-review': 10, 'w4-no-review-overdue': 10, 'w4-team-policy': 10, 'w4-human-approval': 7,
    });
    const ruleStep = (id: string): number | undefined => RULES.find((rule) => rule.id === id)?.step;
    const measuredBy: Record<string, string> = {
      'w2-tier1-no-long-lived-keys': 'static_access_key', 'w2-oidc-subject-pinned': 'oidc_trust_without_sub', 'w2-keys-rotated': 'access_key_not_rotated',
      'w2-tier1-no-shared-identity': 'shared_identity', 'w2-no-third-party-ai-key': 'third_party_ai_key_in_env', 'w2-unused-decommissioned': 'identity_unused',
      'w3-no-unregistered-ai': 'shadow_ai_unregistered', 'w4-no-review-overdue': 'review_overdue', 'w4-human-approval': 'bedrock_action_without_confirmation', 'w1-ai-owner': 'agent_missing_owner',
    };
    for (const [task, rule] of Object.entries(measuredBy)) expect({ task, step: steps[task] }).toEqual({ task, step: ruleStep(rule) });
  });
});

describe('the first Tier 1 review', () => {
  it('is left to a person where meetings cannot be recorded, and measured from held meetings where they can', () => {
    expect(evaluate('w4-first-tier1-review', clean())).toBeNull();
    expect(evaluate('w4-first-tier1-review', clean({ tier1ReviewDecisions: 0 }))).toEqual({ status: 'open', progress: { done: 0, total: 1 }, blocking: [], acceptedApart: [] });
    expect(evaluate('w4-first-tier1-review', clean({ tier1ReviewDecisions: 3 }))?.status).toBe('done');
  });
});

describe('week 1 criteria', () => {
  it('accounts scanned within 7 days: fires for a stale, a never-scanned declared account; not for a fresh one', () => {
    const input = clean({
      accounts: [
        { accountId: '111111111111', newestScanAt: daysAgo(2), scansLast14Days: [daysAgo(2)] },
        { accountId: '222222222222', newestScanAt: daysAgo(8), scansLast14Days: [daysAgo(8)] },
      ],
      declaredAccounts: ['111111111111', '222222222222', '333333333333'],
    });
    expect(evaluate('w1-accounts-scanned', input)).toEqual({
      status: 'open',
      progress: { done: 1, total: 3 },
      blocking: [{ accountId: '222222222222' }, { accountId: '333333333333' }],
      acceptedApart: [],
    });
    // Exactly 7 days is still within; with nothing declared the scanned accounts are the plan's.
    const edge = clean({ accounts: [{ accountId: '111111111111', newestScanAt: daysAgo(7), scansLast14Days: [] }], declaredAccounts: [] });
    expect(evaluate('w1-accounts-scanned', edge)?.status).toBe('done');
    // Nothing scanned and nothing declared is not done.
    expect(evaluate('w1-accounts-scanned', clean({ accounts: [], declaredAccounts: [] }))).toMatchObject({ status: 'open', progress: { done: 0, total: 0 } });
  });

  it('every AI agent has an owner: non-AI and decommissioned identities do not count; a blank owner is none', () => {
    const input = clean({
      agents: [agent('a'), agent('b', { owner: null }), agent('c', { owner: '  ' }), agent('d', { owner: null, ai: false }), agent('e', { owner: null, status: 'decommissioned' })],
    });
    expect(evaluate('w1-ai-owner', input)).toMatchObject({ status: 'open', progress: { done: 1, total: 3 }, blocking: [{ arn: arn('b') }, { arn: arn('c') }] });
    expect(evaluate('w1-ai-owner', clean())?.status).toBe('done');
  });

  it('every AI agent has a purpose and a data scope', () => {
    const input = clean({ agents: [agent('a'), agent('b', { purpose: undefined }), agent('c', { dataScope: '' })] });
    expect(evaluate('w1-ai-purpose-scope', input)).toMatchObject({ status: 'open', progress: { done: 1, total: 3 }, blocking: [{ arn: arn('b') }, { arn: arn('c') }] });
  });

  it('every Tier 1 agent confirmed or overridden by a person', () => {
    const input = clean({
      agents: [agent('confirmed'), agent('overridden', { tierConfirmed: false, tierOverridden: true }), agent('computed', { tierConfirmed: undefined }), agent('t2', { tier: 2, tierConfirmed: false })],
    });
    expect(evaluate('w1-tier1-confirmed', input)).toMatchObject({ status: 'open', progress: { done: 2, total: 3 }, blocking: [{ arn: arn('computed') }] });
  });
});

describe('week 2 criteria', () => {
  it('no Tier 1 agent with a long-lived key; an accepted static key is handled but listed apart with its expiry', () => {
    const input = clean({
      agents: [agent('keyed', { activeKeyCount: 1 }), agent('accepted', { activeKeyCount: 2 }), agent('t2-keyed', { tier: 2, activeKeyCount: 1 }), agent('keyless')],
      findings: [finding('fp-acc', 'static_access_key', arn('accepted'), { status: 'accepted', until: daysAgo(-30) })],
    });
    expect(evaluate('w2-tier1-no-long-lived-keys', input)).toEqual({
      status: 'open',
      progress: { done: 2, total: 3 },
      blocking: [{ arn: arn('keyed') }],
      acceptedApart: [{ fingerprint: 'fp-acc', until: daysAgo(-30) }],
    });
    const onlyAccepted = clean({ agents: [agent('accepted', { activeKeyCount: 2 })], findings: input.findings });
    expect(evaluate('w2-tier1-no-long-lived-keys', onlyAccepted)).toMatchObject({ status: 'done', progress: { done: 1, total: 1 }, acceptedApart: [{ fingerprint: 'fp-acc' }] });
  });

  it('an acceptance that has expired blocks again', () => {
    const input = clean({
      agents: [agent('accepted', { activeKeyCount: 1 })],
      findings: [finding('fp-acc', 'static_access_key', arn('accepted'), { status: 'accepted', until: daysAgo(1) })],
    });
    expect(evaluate('w2-tier1-no-long-lived-keys', input)).toMatchObject({ status: 'open', blocking: [{ arn: arn('accepted') }], acceptedApart: [] });
    // The same acceptance evaluated before it ended still holds.
    expect(evaluate('w2-tier1-no-long-lived-keys', input, new Date(NOW.getTime() - 2 * 86_400_000))?.status).toBe('done');
  });

  it.each([
    ['w2-oidc-subject-pinned', 'oidc_trust_without_sub'],
    ['w2-keys-rotated', 'access_key_not_rotated'],
    ['w2-no-third-party-ai-key', 'third_party_ai_key_in_env'],
    ['w2-unused-decommissioned', 'identity_unused'],
  ])('%s fires on an open %s, not on a resolved one, and counts an accepted one apart', (id, ruleId) => {
    const input = clean({
      findings: [
        finding('fp-open', ruleId, arn('x')),
        finding('fp-new', ruleId, arn('y'), { status: 'new' }),
        finding('fp-gone', ruleId, arn('z'), { status: 'resolved' }),
        finding('fp-acc', ruleId, arn('w'), { status: 'accepted', until: null }),
        finding('fp-other', 'policy_full_admin', arn('x')),
      ],
    });
    expect(evaluate(id, input)).toEqual({
      status: 'open',
      progress: { done: 1, total: 3 },
      blocking: [{ fingerprint: 'fp-new' }, { fingerprint: 'fp-open' }],
      acceptedApart: [{ fingerprint: 'fp-acc', until: null }],
    });
    const handled = clean({ findings: [finding('fp-gone', ruleId, arn('z'), { status: 'resolved' }), finding('fp-acc', ruleId, arn('w'), { status: 'accepted' })] });
    expect(evaluate(id, handled)).toMatchObject({ status: 'done', progress: { done: 1, total: 1 }, acceptedApart: [{ fingerprint: 'fp-acc', until: null }] });
  });

  it('no shared identity among Tier 1 agents: a shared Tier 2 identity does not count', () => {
    const input = clean({
      agents: [agent('t1'), agent('t2', { tier: 2 })],
      findings: [finding('fp-t1', 'shared_identity', arn('t1')), finding('fp-t2', 'shared_identity', arn('t2')), finding('fp-none', 'shared_identity', null)],
    });
    expect(evaluate('w2-tier1-no-shared-identity', input)).toMatchObject({ status: 'open', progress: { done: 0, total: 1 }, blocking: [{ fingerprint: 'fp-t1' }] });
    expect(evaluate('w2-tier1-no-shared-identity', clean({ ...input, findings: input.findings.slice(1, 2) }))?.status).toBe('done');
  });
});

describe('week 3 criteria', () => {
  it('accounts scanned on different days: weekly for two weeks needs a scan in each of the last two weeks', () => {
    const input = clean({
      accounts: [
        { accountId: '111111111111', newestScanAt: daysAgo(1), scansLast14Days: [daysAgo(1), daysAgo(8)] }, // both weeks
        { accountId: '222222222222', newestScanAt: daysAgo(3), scansLast14Days: [daysAgo(3), daysAgo(5), daysAgo(6)] }, // this week only
        { accountId: '333333333333', newestScanAt: daysAgo(9), scansLast14Days: [daysAgo(9), daysAgo(13)] }, // last week only
        { accountId: '444444444444', newestScanAt: daysAgo(6.5), scansLast14Days: [daysAgo(6.5), daysAgo(13.9)] }, // different days, both weeks
      ],
      declaredAccounts: [],
    });
    expect(evaluate('w3-weekly-scans', input)).toMatchObject({ status: 'open', progress: { done: 2, total: 4 }, blocking: [{ accountId: '222222222222' }, { accountId: '333333333333' }] });
    // Within-7-days on the same state: the account last scanned 9 days ago is the only one out.
    expect(evaluate('w1-accounts-scanned', input)).toMatchObject({ progress: { done: 3, total: 4 }, blocking: [{ accountId: '333333333333' }] });
    // A scan older than 14 days (or in the future) does not count for either week.
    const stale = clean({ accounts: [{ accountId: '111111111111', newestScanAt: daysAgo(1), scansLast14Days: [daysAgo(1), daysAgo(15), daysAgo(-2)] }] });
    expect(evaluate('w3-weekly-scans', stale)?.status).toBe('open');
    // Scanning every Monday, read on the Monday just after the scan: last week's is exactly 7 days old.
    const onSchedule = clean({ accounts: [{ accountId: '111111111111', newestScanAt: daysAgo(0), scansLast14Days: [daysAgo(0), daysAgo(7)] }] });
    expect(evaluate('w3-weekly-scans', onSchedule)?.status).toBe('done');
    const sameDay = clean({ accounts: [{ accountId: '111111111111', newestScanAt: daysAgo(7), scansLast14Days: [daysAgo(7)] }] });
    expect(evaluate('w3-weekly-scans', sameDay)?.status).toBe('open');
  });

  it('no unregistered AI agent; an accepted shadow-AI finding is handled apart', () => {
    const input = clean({
      agents: [agent('reg'), agent('shadow', { status: 'unregistered' }), agent('shadow-ok', { status: 'unregistered' }), agent('not-ai', { ai: false, status: 'unregistered' })],
      findings: [finding('fp-shadow-ok', 'shadow_ai_unregistered', arn('shadow-ok'), { status: 'accepted', until: daysAgo(-10) })],
    });
    expect(evaluate('w3-no-unregistered-ai', input)).toMatchObject({
      status: 'open',
      progress: { done: 2, total: 3 },
      blocking: [{ arn: arn('shadow') }],
      acceptedApart: [{ fingerprint: 'fp-shadow-ok', until: daysAgo(-10) }],
    });
  });
});

describe('week 4 criteria', () => {
  it('review cadence set', () => {
    expect(evaluate('w4-review-cadence', clean({ reviewCadenceSet: false }))).toEqual({ status: 'open', progress: { done: 0, total: 1 }, blocking: [], acceptedApart: [] });
    expect(evaluate('w4-review-cadence', clean())?.status).toBe('done');
  });

  it('no review overdue', () => {
    expect(evaluate('w4-no-review-overdue', clean({ findings: [finding('fp-r', 'review_overdue', arn('support-bot'))] }))).toMatchObject({ status: 'open', blocking: [{ fingerprint: 'fp-r' }] });
  });

  it('team policy: needs one enabled and no open violation on a Tier 1 agent', () => {
    expect(evaluate('w4-team-policy', clean({ enabledTeamPolicies: 0 }))).toMatchObject({ status: 'open', progress: { done: 0, total: 1 }, blocking: [] });
    const violations = clean({
      agents: [agent('t1'), agent('t3', { tier: 3 })],
      findings: [finding('fp-v1', 'governance_policy_violation', arn('t1')), finding('fp-v3', 'governance_policy_violation', arn('t3'))],
    });
    expect(evaluate('w4-team-policy', violations)).toMatchObject({ status: 'open', progress: { done: 1, total: 2 }, blocking: [{ fingerprint: 'fp-v1' }] });
    expect(evaluate('w4-team-policy', clean({ ...violations, findings: violations.findings.slice(1, 2) }))).toMatchObject({ status: 'done', progress: { done: 1, total: 1 } });
  });

  it('human approval is manual without Bedrock action groups and measured where they exist', () => {
    const findings = [finding('fp-b', 'bedrock_action_without_confirmation', arn('support-bot'))];
    expect(evaluate('w4-human-approval', clean({ findings }))).toBeNull();
    expect(evaluate('w4-human-approval', clean({ findings, bedrockActionGroups: 2 }))).toMatchObject({ status: 'open', blocking: [{ fingerprint: 'fp-b' }] });
    expect(evaluate('w4-human-approval', clean({ bedrockActionGroups: 2 }))?.status).toBe('done');
  });
});

describe('plan position', () => {
  it('counts whole UTC days from the start: before, weeks 1–4, after', () => {
    const start = '2026-03-01T18:00:00Z';
    expect(planWeek(start, new Date('2026-02-28T23:00:00Z'))).toEqual({ phase: 'before', day: -1 });
    expect(planWeek(start, new Date('2026-03-01T01:00:00Z'))).toEqual({ phase: 'week', week: 1, day: 0 });
    expect(planWeek(start, new Date('2026-03-07T23:59:00Z'))).toEqual({ phase: 'week', week: 1, day: 6 });
    expect(planWeek(start, new Date('2026-03-08T00:00:00Z'))).toEqual({ phase: 'week', week: 2, day: 7 });
    expect(planWeek('2026-03-01', new Date('2026-03-13T10:00:00Z'))).toEqual({ phase: 'week', week: 2, day: 12 });
    expect(planWeek(start, new Date('2026-03-28T12:00:00Z'))).toEqual({ phase: 'week', week: 4, day: 27 });
    expect(planWeek(start, new Date('2026-03-29T00:00:00Z'))).toEqual({ phase: 'after', day: 28 });
    expect(() => planWeek('not a date', NOW)).toThrow(RangeError);
  });
});

describe('regression across scans', () => {
  it('maps two evaluations to done / open / regressed', () => {
    expect(taskStatusAcrossScans(null, true)).toBe('done');
    expect(taskStatusAcrossScans(null, false)).toBe('open');
    expect(taskStatusAcrossScans(false, false)).toBe('open');
    expect(taskStatusAcrossScans(true, true)).toBe('done');
    expect(taskStatusAcrossScans(true, false)).toBe('regressed');
    expect(taskStatusAcrossScans(false, true)).toBe('done');
  });

  it('a later scan that brings a long-lived key back to a Tier 1 agent regresses the task', () => {
    const first = evaluate('w2-tier1-no-long-lived-keys', clean());
    const later = evaluate('w2-tier1-no-long-lived-keys', clean({ agents: [agent('support-bot', { activeKeyCount: 1 })] }), new Date(NOW.getTime() + 7 * 86_400_000));
    expect(taskStatusAcrossScans(first?.status === 'done', later?.status === 'done')).toBe('regressed');
  });
});

describe('the rules the criteria read (PLAN_FINDING_RULES: plan:get reads only their findings)', () => {
  // A Tier 1 AI agent failing every agent criterion, so an accepted finding on it counts too.
  const spoiled = agent('spoiled', { owner: null, tierConfirmed: false, activeKeyCount: 1, status: 'unregistered', purpose: null });
  const base = clean({ agents: [agent('support-bot'), spoiled], bedrockActionGroups: 1 });
  const withFindingsOf = (ruleId: string): PlanStateInput => ({
    ...base,
    findings: [
      finding(`${ruleId}-open`, ruleId, spoiled.arn),
      finding(`${ruleId}-accepted`, ruleId, spoiled.arn, { status: 'accepted', until: '2027-01-01T00:00:00Z' }),
      finding(`${ruleId}-nobody`, ruleId, null),
    ],
  });

  it('are rules of the analysis, and each changes some task', () => {
    const known = new Set(RULES.map((rule) => rule.id));
    const before = evaluatePlan(base, NOW);
    for (const ruleId of PLAN_FINDING_RULES) {
      expect(known.has(ruleId), ruleId).toBe(true);
      expect(evaluatePlan(withFindingsOf(ruleId), NOW), ruleId).not.toEqual(before);
    }
  });

  it('are all the criteria read: findings of every other rule change no task', () => {
    const before = evaluatePlan(base, NOW);
    const others = RULES.map((rule) => rule.id).filter((id) => !PLAN_FINDING_RULES.includes(id));
    expect(others.length).toBeGreaterThan(0);
    for (const ruleId of others) expect(evaluatePlan(withFindingsOf(ruleId), NOW), ruleId).toEqual(before);
  });
});
