/** Review meetings' pure rules: due dates per tier and decision, agenda order, evidence and its hash, changes since, registry effects, minutes. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AgentDetail, Meeting, ReviewEvidence } from '@shared/contract';
import { reviewDueDate } from '@core/analysis/rules/review-due';
import { applyRegistryPatch, emptyRegistryRecord } from '@core/governance/registry';
import { drawAgenda } from '@core/governance/reviews/agenda';
import { diffEvidence } from '@core/governance/reviews/changes';
import { registryEffect } from '@core/governance/reviews/decision-effects';
import { dueAgents, type ReviewCandidate } from '@core/governance/reviews/due';
import { evidenceFromDetail, evidenceHash } from '@core/governance/reviews/evidence';
import { buildMinutes, markdownText, minutesMarkdown } from '@core/governance/reviews/minutes';
import { canonicalJson } from '@core/lib/canonical-json';

const TODAY = '2026-06-15';
const NOW = new Date(`${TODAY}T09:00:00.000Z`);

function candidate(name: string, overrides: Partial<ReviewCandidate> = {}): ReviewCandidate {
  return { arn: `arn:aws:iam::111122223333:role/${name}`, name, accountId: '111122223333', tier: 2, owner: 'ana', status: 'registered', lastReviewAt: null, nextReviewAt: null, openCriticalHigh: 0, ...overrides };
}

const query = { by: TODAY, today: TODAY, cadence: null, tiers: [], accountIds: [] };

describe('due dates', () => {
  it('follow the tier’s cadence from the last review (defaults 30 / 90 / 182), or the team’s cadence', () => {
    const record = { lastReviewAt: '2026-05-01', nextReviewAt: null };
    expect([1, 2, 3].map((tier) => reviewDueDate(record, tier as 1 | 2 | 3, null))).toEqual(['2026-05-31', '2026-07-30', '2026-10-30']);
    expect(reviewDueDate(record, 1, { tier1Days: 14, tier2Days: 60, tier3Days: 120 })).toBe('2026-05-15');
    // A scheduled date (registration's first review, a deferral) decides; never reviewed nor scheduled: due now.
    expect(reviewDueDate({ lastReviewAt: '2026-05-01', nextReviewAt: '2026-09-01' }, 1, null)).toBe('2026-09-01');
    expect(reviewDueDate({ lastReviewAt: null, nextReviewAt: null }, 3, null)).toBeNull();
  });

  it('move with each decision: a review restarts the clock, a re-tier changes the cadence, a deferral sets the date', () => {
    const registered = { ...emptyRegistryRecord('arn:x'), status: 'registered' as const, lastReviewAt: '2026-01-01' };
    const apply = (decision: Parameters<typeof registryEffect>[0], tierInForce: 1 | 2 | 3) =>
      applyRegistryPatch(registered, registryEffect(decision, { decidedOn: TODAY, tierInForce }).patch, { actor: 'ana', now: NOW, tier: tierInForce }).record;
    const kept = apply({ decision: 'keep', newTier: null, reason: null, deferUntil: null }, 3);
    expect(kept).toMatchObject({ lastReviewAt: TODAY, nextReviewAt: null, tierConfirmed: 3 });
    expect(reviewDueDate(kept, 3, null)).toBe('2026-12-14');
    const retiered = apply({ decision: 'retier', newTier: 1, reason: 'it now reads customer data', deferUntil: null }, 3);
    expect(retiered).toMatchObject({ tierOverride: 1, overrideReason: 'it now reads customer data', tierConfirmed: 1, lastReviewAt: TODAY });
    expect(reviewDueDate(retiered, retiered.tierOverride ?? 3, null)).toBe('2026-07-15');
    const deferred = apply({ decision: 'defer', newTier: null, reason: 'owner on leave until July', deferUntil: '2026-07-20' }, 2);
    expect(deferred).toMatchObject({ lastReviewAt: '2026-01-01', nextReviewAt: '2026-07-20' });
    expect(reviewDueDate(deferred, 2, null)).toBe('2026-07-20');
    const retired = apply({ decision: 'decommission', newTier: null, reason: 'replaced by the v2 agent', deferUntil: null }, 2);
    expect(retired.status).toBe('decommissioned');
    for (const decision of ['reduce_access', 'rotate_credentials'] as const) {
      const record = apply({ decision, newTier: null, reason: null, deferUntil: null }, 2);
      expect(record).toMatchObject({ lastReviewAt: TODAY, nextReviewAt: null, tierConfirmed: null, status: 'registered' });
    }
  });

  it('lists registered agents due by the date, with overdue flagged and the reason in words', () => {
    const list = dueAgents(
      [
        candidate('fresh', { tier: 1, lastReviewAt: '2026-06-01' }),
        candidate('late', { tier: 1, lastReviewAt: '2026-04-01' }),
        candidate('soon', { tier: 2, lastReviewAt: '2026-03-20' }),
        candidate('new', { tier: 3 }),
        candidate('shadow', { status: 'unregistered' }),
        candidate('gone', { status: 'decommissioned' }),
      ],
      { ...query, by: '2026-06-20' },
    );
    expect(list.map((a) => [a.name, a.dueDate, a.overdue])).toEqual([
      ['new', null, true],
      ['late', '2026-05-01', true],
      ['soon', '2026-06-18', false],
    ]);
    expect(list.map((a) => a.reason)).toEqual(['Never reviewed', 'Tier 1: last reviewed 2026-04-01, every 30 days (due 2026-05-01)', 'Tier 2: last reviewed 2026-03-20, every 90 days (due 2026-06-18)']);
    expect(dueAgents([candidate('t1', { tier: 1, lastReviewAt: '2026-01-01' }), candidate('t2', { lastReviewAt: '2026-01-01' })], { ...query, tiers: [2] }).map((a) => a.name)).toEqual(['t2']);
  });
});

describe('agenda order', () => {
  it('never reviewed first, then by tier, then by open critical and high findings, then by name', () => {
    const list = dueAgents(
      [
        candidate('b-t2-clean', { tier: 2, lastReviewAt: '2025-01-01' }),
        candidate('a-t2-risky', { tier: 2, lastReviewAt: '2025-01-01', openCriticalHigh: 4 }),
        candidate('z-t1', { tier: 1, lastReviewAt: '2025-01-01' }),
        candidate('y-new-t3', { tier: 3 }),
        candidate('x-new-t1', { tier: 1 }),
        candidate('c-t2-risky', { tier: 2, lastReviewAt: '2025-01-01', openCriticalHigh: 4 }),
      ],
      query,
    );
    expect(list.map((a) => a.name)).toEqual(['x-new-t1', 'y-new-t3', 'z-t1', 'a-t2-risky', 'c-t2-risky', 'b-t2-clean']);
  });

  it('takes agents carried over from an earlier meeting, once, saying so; not when decommissioned since', () => {
    const due = dueAgents([candidate('due', { tier: 2, lastReviewAt: '2025-01-01' }), candidate('both', { tier: 1, lastReviewAt: '2025-01-01' })], query);
    const candidates = new Map([candidate('due'), candidate('both', { tier: 1, lastReviewAt: '2025-01-01' }), candidate('later', { tier: 3, lastReviewAt: '2026-06-01' }), candidate('retired', { status: 'decommissioned' })].map((c) => [c.arn, c]));
    const carried = ['both', 'later', 'retired', 'vanished'].map((name) => ({ arn: `arn:aws:iam::111122223333:role/${name}`, name, accountId: '111122223333', tier: 2 as const, meetingTitle: 'May review' }));
    const agenda = drawAgenda(due, carried, candidates, { today: TODAY, cadence: null, tiers: [], accountIds: [] });
    expect(agenda.map((e) => [e.name, e.reason])).toEqual([
      ['both', 'Carried over from “May review”; Tier 1: last reviewed 2025-01-01, every 30 days (due 2025-01-31)'],
      ['due', 'Tier 2: last reviewed 2025-01-01, every 90 days (due 2025-04-01)'],
      ['vanished', 'Carried over from “May review”'],
      ['later', 'Carried over from “May review”'],
    ]);
  });
});

function detail(order: 'as-is' | 'reversed', extraFinding = false): AgentDetail {
  const rev = <T>(list: T[]): T[] => (order === 'reversed' ? [...list].reverse() : list);
  const finding = (fingerprint: string, status: string) => ({ fingerprint, ruleId: 'policy_full_admin', severity: 'critical', title: `admin ${fingerprint}`, status });
  return {
    scan: { id: 'scan-1' },
    agent: {
      arn: 'arn:aws:iam::111122223333:user/bot',
      name: 'bot',
      accountId: '111122223333',
      owner: 'ana',
      credentials: rev([
        { type: 'access-key', slot: 1, active: true, ageDays: 400 },
        { type: 'console-password', enabled: false },
      ]),
      workloads: rev([
        { arn: 'arn:w1', type: 'lambda', name: 'w1', region: 'eu-west-1' },
        { arn: 'arn:w2', type: 'lambda', name: 'w2', region: 'eu-west-1' },
      ]),
    },
    tier: { tier: 1, reasons: [{ tier: 1, reason: 'full admin', source: 'permissions' }] },
    registry: { status: 'registered' },
    permissions: rev([
      { service: 's3', levels: { Read: { allowed: 3, total: 10 }, Write: { allowed: 0, total: 10 } }, anyResource: true },
      { service: 'iam', levels: { 'Permissions management': { allowed: 1, total: 5 } }, anyResource: true },
    ]),
    escalationPaths: [{ outcome: 'full-admin', steps: [{ technique: 'CreatePolicyVersion' }] }],
    findings: rev([finding('f1', 'open'), finding('f2', 'accepted'), ...(extraFinding ? [finding('f3', 'new')] : [])]),
  } as unknown as AgentDetail;
}

describe('evidence', () => {
  it('is the same snapshot, and the same SHA-256 of its canonical JSON, whatever order the lists came in', () => {
    const a = evidenceFromDetail(detail('as-is'));
    const b = evidenceFromDetail(detail('reversed'));
    expect(b).toEqual(a);
    expect(evidenceHash(b)).toBe(evidenceHash(a));
    expect(evidenceHash(a)).toBe(createHash('sha256').update(canonicalJson(a)).digest('hex'));
    expect(evidenceHash(evidenceFromDetail(detail('as-is', true)))).not.toBe(evidenceHash(a));
    // Only open findings and allowed levels are evidence.
    expect(a.openFindings.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(a.permissions).toEqual([
      { service: 'iam', levels: ['Permissions management'], anyResource: true },
      { service: 's3', levels: ['Read'], anyResource: true },
    ]);
    expect(a.credentials.map((c) => c.label)).toEqual(['access key 1', 'console password']);
  });

  it('what changed since the last review: findings new and resolved, permissions, workloads, owner, tier', () => {
    const before = evidenceFromDetail(detail('as-is'));
    const now: ReviewEvidence = {
      ...before,
      owner: 'bo',
      tier: 2,
      permissions: [...before.permissions.filter((p) => p.service !== 's3'), { service: 's3', levels: ['Read', 'Write'], anyResource: true }, { service: 'bedrock', levels: ['Read'], anyResource: false }],
      workloads: [...before.workloads, { arn: 'arn:w3', type: 'lambda', name: 'w3', region: 'eu-west-1' }],
      openFindings: [{ fingerprint: 'f9', ruleId: 'r', severity: 'high', title: 'new one' }],
    };
    const meta = { meetingId: 'm0', meetingTitle: 'May', decision: 'keep' as const, decidedAt: '2026-05-01T10:00:00.000Z', evidenceHash: evidenceHash(before) };
    const changes = diffEvidence(before, now, meta);
    expect(changes.newFindings.map((f) => f.fingerprint)).toEqual(['f9']);
    expect(changes.resolvedFindings.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(changes.newPermissions).toEqual([
      { service: 's3', levels: ['Write'] },
      { service: 'bedrock', levels: ['Read'] },
    ]);
    expect(changes.newWorkloads.map((w) => w.arn)).toEqual(['arn:w3']);
    expect(changes.ownerChange).toEqual({ from: 'ana', to: 'bo' });
    expect(changes.tierChange).toEqual({ from: 1, to: 2 });
    expect(diffEvidence(null, now, null)).toMatchObject({ previous: null, newFindings: [], tierChange: null });
    expect(diffEvidence(before, before, meta)).toMatchObject({ newFindings: [], resolvedFindings: [], newPermissions: [], newWorkloads: [], ownerChange: null, tierChange: null });
  });
});

describe('minutes', () => {
  const hostile = 'evil](https://x.example) <img src=x onerror=alert(1)>\n# Injected | cell `code` *bold* _i_ \u202Eabc';
  const meeting: Meeting = {
    id: 'm1',
    title: `Tier 1 ${hostile}`,
    scheduledFor: '2026-06-15T10:00',
    timeZone: 'Europe/Berlin',
    status: 'held',
    attendees: ['Ana', hostile],
    tiers: [1],
    accountIds: [],
    agenda: [
      { arn: 'arn:a', name: hostile, accountId: null, tier: 1, reason: 'Never reviewed' },
      { arn: 'arn:b', name: 'b', accountId: null, tier: 2, reason: 'due' },
    ],
    decisions: [
      {
        arn: 'arn:a',
        agentName: hostile,
        decision: 'keep_with_changes',
        newTier: null,
        reason: null,
        deferUntil: null,
        note: hostile,
        deciders: ['Ana'],
        decidedAt: '2026-06-15T10:05:00.000Z',
        evidenceHash: 'a'.repeat(64),
        actionItems: [{ id: 'i1', meetingId: 'm1', arn: 'arn:a', agentName: hostile, text: hostile, owner: hostile, dueDate: '2026-06-01', status: 'open', overdue: true, doneAt: null, doneBy: null }],
      },
    ],
    carriedOver: [{ arn: 'arn:b', name: 'b', accountId: null, tier: 2, reason: 'due' }],
    nextArn: 'arn:b',
    createdAt: '2026-06-01T00:00:00.000Z',
    createdBy: 'Ana',
    startedAt: '2026-06-15T10:00:00.000Z',
    endedAt: '2026-06-15T11:00:00.000Z',
  };

  it('model: agenda outcomes, every action item, what was carried over', () => {
    const minutes = buildMinutes(meeting, NOW);
    expect(minutes.agenda.map((e) => e.outcome)).toEqual(['keep_with_changes', 'carried_over']);
    expect(minutes.actionItems).toHaveLength(1);
    expect(minutes.carriedOver.map((e) => e.arn)).toEqual(['arn:b']);
  });

  it('Markdown: a hostile name stays one line of text (no heading, link, HTML, table cell, code or BiDi override)', () => {
    const md = minutesMarkdown(buildMinutes(meeting, NOW));
    // Every syntax character of the hostile text is backslash-escaped, so CommonMark reads it as text.
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).not.toMatch(/(^|[^\\])\]\(/);
    expect(md).not.toMatch(/^# Injected/m);
    expect(md).not.toContain('\u202E');
    expect(markdownText(hostile)).not.toMatch(/(^|[^\\])[|`*<>[\]()#_]/);
    expect(markdownText(hostile)).not.toContain('\n');
    expect(md).toContain(String.raw`\<img src=x onerror=alert\(1\)\>\\u\{A\}\# Injected \| cell \`code\` \*bold\* \_i\_ \\u\{202E\}abc`);
    expect(md).toContain('- [ ] ');
    expect(md).toContain('OVERDUE');
    expect(md).toContain(`Evidence SHA-256: ${'a'.repeat(64)}`);
    expect(markdownText('1. item')).toBe('1\\. item');
    // No GFM autolink: a name cannot become a link.
    expect(markdownText('see https://evil.example, www.evil.example or a@evil.example')).toBe(String.raw`see https\://evil\.example, www\.evil\.example or a@evil\.example`);
    // A dash mid-line is plain text: names stay readable.
    expect(markdownText('care-concierge-billing')).toBe('care-concierge-billing');
  });
});
