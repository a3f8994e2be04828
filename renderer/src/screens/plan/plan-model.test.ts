import { describe, expect, it } from 'vitest';
import { planViewSchema, type PlanTask, type PlanView } from '@shared/contract';
import { nextTask, blockerLink, burnDownLabel, burnDownPoints, evidenceText, evidenceUrl, lateTasks, moreHref, planCardText, positionText, progressText, statusView, tasksOfWeek, weekRange, weekSummary } from './plan-model';

function task(overrides: Partial<PlanTask> = {}): PlanTask {
  return {
    id: 'w1-ai-owner',
    builtIn: true,
    week: 1,
    step: 1,
    title: 'Every AI agent has an owner',
    kind: 'measured',
    status: 'open',
    late: false,
    criterion: 'Every live AI agent has an owner in the registry.',
    progress: { done: 7, total: 9 },
    evidence: null,
    regressedAt: null,
    owner: null,
    dueDate: '2026-12-07',
    notes: '',
    skip: null,
    blocking: [],
    blockingTotal: 0,
    acceptedApart: [],
    ...overrides,
  };
}

function view(overrides: Partial<PlanView> = {}): PlanView {
  // Parsed by the contract's own schema: a fixture the back end could really send.
  return planViewSchema.parse({
    generatedAt: '2026-12-10T09:00:00.000Z',
    plan: { startDate: '2026-12-01', week: 2, position: { phase: 'week', week: 2, day: 9 }, startedBy: 'Dana', startedAt: '2026-12-01T08:00:00.000Z', restarts: 0 },
    scans: [],
    tasks: [task()],
    summary: { total: 18, done: 8, open: 7, regressed: 1, skipped: 0, late: 2, verifiedPercent: 44 },
    burnDown: [],
    ...overrides,
  });
}

describe('the plan in words', () => {
  it("today's position: day 0 of the back end is day 1 of 30", () => {
    const plan = view().plan;
    expect(plan).not.toBeNull();
    if (plan === null) return;
    expect(positionText(plan)).toBe('Week 2, day 10 of 30');
    expect(positionText({ ...plan, position: { phase: 'week', week: 1, day: 0 } })).toBe('Week 1, day 1 of 30');
    expect(positionText({ ...plan, position: { phase: 'before', day: -3 } })).toBe('Starts in 3 days (Dec 1, 2026)');
    expect(positionText({ ...plan, position: { phase: 'after', day: 28 } })).toBe('Day 29 of 30, past the four weeks');
    expect(positionText({ ...plan, position: { phase: 'after', day: 34 } })).toBe('Ended 5 days ago (started Dec 1, 2026)');
  });

  it('measured and claimed evidence never read alike, nor their badges', () => {
    const verified = task({ status: 'done', evidence: { kind: 'scan', scanIds: ['scan-1'], at: '2026-12-03T10:00:00.000Z' } });
    const claimed = task({ kind: 'manual', status: 'done', evidence: { kind: 'claim', by: 'Dana', at: '2026-12-04T10:00:00.000Z', note: 'https://wiki.example.com/onboarding' } });
    expect(evidenceText(verified.evidence ?? { kind: 'scan', scanIds: [], at: '' })).toBe('Verified by scan scan-1 on Dec 3, 2026');
    expect(evidenceText(claimed.evidence ?? { kind: 'scan', scanIds: [], at: '' })).toBe('Claimed by Dana on Dec 4, 2026');
    expect(statusView(verified)).toEqual({ label: 'Verified', tone: 'success' });
    expect(statusView(claimed)).toEqual({ label: 'Done (claimed)', tone: 'accent' });
    expect(statusView(task({ status: 'regressed' }))).toEqual({ label: 'Regressed', tone: 'danger' });
    expect(statusView(task({ late: true }))).toEqual({ label: 'Late', tone: 'danger' });
    expect(statusView(task({ status: 'skipped' })).label).toBe('Skipped');
  });

  it('a claim note is a link only when the whole of it is one URL the desktop app opens (public https)', () => {
    expect(evidenceUrl('https://wiki.example.com/onboarding')).toBe('https://wiki.example.com/onboarding');
    expect(evidenceUrl(' https://wiki.example.com/x ')).toBe('https://wiki.example.com/x');
    // The shell refuses these (shared/external-url.ts): as links they would do nothing when clicked.
    expect(evidenceUrl('http://intranet.example.com/x')).toBeNull();
    expect(evidenceUrl('https://wiki.corp.internal/x')).toBeNull();
    expect(evidenceUrl('https://10.0.0.12/wiki')).toBeNull();
    expect(evidenceUrl('https://localhost:8080/')).toBeNull();
    expect(evidenceUrl('javascript:alert(1)')).toBeNull();
    expect(evidenceUrl('file:///etc/passwd')).toBeNull();
    expect(evidenceUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(evidenceUrl('see https://wiki.example.com')).toBeNull();
    expect(evidenceUrl('https://wiki.example.com/\u202Egpj.exe')).toBeNull();
    expect(evidenceUrl('https://user:pw@wiki.example.com/')).toBeNull();
    expect(evidenceUrl('<a href="https://x.example.com">x</a>')).toBeNull();
  });

  it('progress: "7 of 9 done"', () => {
    expect(progressText({ done: 7, total: 9 })).toBe('7 of 9 done');
    expect(progressText({ done: 0, total: 0 })).toBe('Nothing to count');
  });

  it('blockers lead to the agent page, the finding, or a new scan; "and N more" to the filtered list', () => {
    expect(blockerLink({ kind: 'agent', arn: 'arn:aws:iam::1:role/a b', name: 'a b', accountId: '1', tier: 1 })).toEqual({ href: '#/agents/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b', text: 'a b' });
    const finding = { kind: 'finding' as const, findingId: 'fp1', ruleId: 'static_access_key', title: 'Long-lived key', severity: 'high' as const, principalArn: null, principalName: 'bot', fix: null };
    expect(blockerLink(finding)).toEqual({ href: '#/findings?open=fp1', text: 'Long-lived key — bot' });
    expect(blockerLink({ kind: 'account', accountId: '111122223333', alias: null, newestScanAt: null }).href).toBe('#/scans/new');
    expect(moreHref(task({ blocking: [finding, { ...finding, findingId: 'fp2' }] }))).toBe('#/findings?rule=static_access_key&status=new,open,regressed');
    expect(moreHref(task({ blocking: [finding, { ...finding, ruleId: 'other' }] }))).toBe('#/findings?status=new,open,regressed');
    expect(moreHref(task({ id: 'w1-ai-purpose-scope', blocking: [{ kind: 'agent', arn: 'a', name: 'a', accountId: null, tier: 1 }] }))).toBe('#/inventory?tier=1');
    expect(moreHref(task({ id: 'w1-ai-purpose-scope', blocking: [{ kind: 'agent', arn: 'a', name: 'a', accountId: null, tier: 2 }] }))).toBe('#/inventory?ai=1');
    // Where the Inventory can narrow to exactly what the criterion counts, it does.
    expect(moreHref(task({ id: 'w1-ai-owner', blocking: [{ kind: 'agent', arn: 'a', name: 'a', accountId: null, tier: 2 }] }))).toBe('#/inventory?ai=1&owner=-none');
    expect(moreHref(task({ id: 'w2-tier1-no-long-lived-keys', blocking: [{ kind: 'agent', arn: 'a', name: 'a', accountId: null, tier: 1 }] }))).toBe('#/inventory?tier=1&keys=1');
  });

  it('weeks: built-in tasks first by step, then the team’s; a count without skipped ones; the days of each week', () => {
    const tasks = [task({ id: 'c', builtIn: false, step: 1 }), task({ id: 'b', step: 3, status: 'done' }), task({ id: 'a', step: 2, status: 'skipped' }), task({ id: 'z', week: 2, late: true })];
    const plan = view({ tasks });
    expect(tasksOfWeek(plan, 1).map((one) => one.id)).toEqual(['a', 'b', 'c']);
    expect(weekSummary(tasksOfWeek(plan, 1))).toBe('1 of 2 done');
    expect(weekSummary(tasksOfWeek(plan, 2))).toBe('0 of 1 done · 1 late');
    expect(weekRange('2026-12-01', 1)).toBe('1 Dec – 7 Dec');
    expect(weekRange('2026-12-01', 4)).toBe('22 Dec – 30 Dec');
    expect(lateTasks(plan).map((one) => one.id)).toEqual(['z']);
  });

  it("the Overview's plan card, or nothing before the plan starts", () => {
    const summary = view().summary;
    expect(planCardText({ startDate: '2026-12-01', week: 2, summary })).toBe('Plan: week 2 · 8 of 18 verified · 2 late');
    expect(planCardText({ startDate: '2026-12-01', week: 2, summary: { total: 18, done: 8, open: 8, regressed: 0, skipped: 2, late: 0, verifiedPercent: 50 } })).toBe('Plan: week 2 · 8 of 16 verified');
    expect(planCardText({ startDate: '2026-12-08', week: null, summary }, '2026-12-06')).toBe('Plan: starts 8 Dec · 8 of 18 verified · 2 late');
    expect(planCardText({ startDate: '2026-10-01', week: null, summary }, '2026-12-06')).toBe('Plan: four weeks over · 8 of 18 verified · 2 late');
    expect(planCardText(null)).toBeNull();
  });

  it('the next step: regressed, then late, then this week, soonest due first; none when all is done', () => {
    const tasks = [
      task({ id: 'later', week: 3, dueDate: '2026-12-21' }),
      task({ id: 'this-week', week: 2, dueDate: '2026-12-14' }),
      task({ id: 'late', week: 1, late: true, dueDate: '2026-12-07' }),
      task({ id: 'regressed', week: 1, status: 'regressed', dueDate: '2026-12-07' }),
      task({ id: 'done', status: 'done' }),
    ];
    expect(nextTask(view({ tasks }))?.id).toBe('regressed');
    expect(nextTask(view({ tasks: tasks.slice(0, 3) }))?.id).toBe('late');
    expect(nextTask(view({ tasks: tasks.slice(0, 2) }))?.id).toBe('this-week');
    expect(nextTask(view({ tasks: [task({ status: 'done' }), task({ id: 's', status: 'skipped' })] }))).toBeNull();
  });

  it('the burn-down: oldest first, named by its figures', () => {
    const plan = view({
      burnDown: [
        { at: '2026-12-08T00:00:00.000Z', scanIds: ['s2'], open: 10, done: 8, total: 18 },
        { at: '2026-12-01T00:00:00.000Z', scanIds: ['s1'], open: 15, done: 3, total: 18 },
      ],
    });
    const points = burnDownPoints(plan.burnDown);
    expect(points.map((point) => point.open)).toEqual([15, 10]);
    expect(burnDownLabel(points)).toBe('Open criteria across evaluations: 1 Dec 15 open of 18; 8 Dec 10 open of 18');
    const sameDay = burnDownPoints([
      { at: '2026-12-06T09:05:00.000Z', scanIds: [], open: 9, done: 9, total: 18 },
      { at: '2026-12-06T14:30:00.000Z', scanIds: [], open: 8, done: 10, total: 18 },
    ]);
    expect(sameDay.map((point) => point.day)).toEqual(['6 Dec 09:05', '6 Dec 14:30']);
    const sameMinute = burnDownPoints([
      { at: '2026-12-06T04:24:01.000Z', scanIds: [], open: 9, done: 9, total: 18 },
      { at: '2026-12-06T04:24:30.000Z', scanIds: [], open: 8, done: 10, total: 18 },
    ]);
    expect(sameMinute.map((point) => point.day)).toEqual(['6 Dec 04:24', '6 Dec 04:24 (2)']);
    expect(burnDownLabel([])).toBe('Open criteria across evaluations: nothing recorded yet');
  });
});
