/** The review service over a real workspace file: each decision's effect on the registry and the audit log, in one transaction. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewEvidence } from '@shared/contract';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { getRegistryRecord } from '@core/db/repositories/registry';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { updateRegistry } from '@core/governance/registry-service';
import { evidenceHash } from '@core/governance/reviews/evidence';
import { endMeeting, planMeeting, recordDecision, startMeeting, type DecisionRequest } from '@core/governance/reviews/review-service';
import { tempWorkspace } from '../governance/analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ARN = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;
const NAMES = ['keep', 'reduce', 'rotate', 'defer', 'retier', 'retire', 'late'];

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

let ids = 0;
const context = { actor: 'alice', now: NOW, newId: () => `id-${++ids}` };

function evidence(name: string, tier: 1 | 2 | 3 = 2): ReviewEvidence {
  return { arn: ARN(name), name, accountId: '123456789012', scanId: 's1', owner: 'ana', status: 'registered', tier, tierReasons: [], credentials: [], permissions: [], escalation: [], workloads: [], openFindings: [] };
}

function setUp(): { workspace: Workspace; meetingId: string } {
  const made = tempWorkspace(() => NOW);
  cleanup = made.cleanup;
  const { workspace } = made;
  updateRegistry(workspace.write, { arns: NAMES.map(ARN), patch: { status: 'registered', lastReviewAt: '2025-01-01', nextReviewAt: null }, actor: 'alice', now: NOW, tierOf: () => 2 });
  const meeting = planMeeting(
    workspace.write,
    { title: 'Q1', scheduledFor: '2026-03-01T10:00', timeZone: 'UTC', attendees: ['alice'], tiers: [], accountIds: [], agenda: NAMES.map((name) => ({ arn: ARN(name), name, accountId: '123456789012', tier: 2 as const, reason: 'due' })) },
    context,
  );
  return { workspace, meetingId: meeting.id };
}

const request = (meetingId: string, name: string, patch: Partial<DecisionRequest>): DecisionRequest => ({
  meetingId,
  arn: ARN(name),
  decision: 'keep',
  newTier: null,
  reason: null,
  deferUntil: null,
  note: '',
  deciders: ['alice', 'bo'],
  actionItems: [],
  evidence: evidence(name),
  computedTier: 2,
  ...patch,
});

describe('review decisions', () => {
  it('each decision changes the registry as documented and appends its audit entries', () => {
    const { workspace, meetingId } = setUp();
    const db = workspace.write;
    expect(() => recordDecision(db, request(meetingId, 'keep', {}), context)).toThrow(/Start “Q1”/);
    startMeeting(db, meetingId, context);
    recordDecision(db, request(meetingId, 'keep', { note: 'still needed' }), context);
    recordDecision(db, request(meetingId, 'reduce', { decision: 'reduce_access', actionItems: [{ text: 'drop s3:*', owner: 'bo', dueDate: '2026-03-15' }] }), context);
    recordDecision(db, request(meetingId, 'rotate', { decision: 'rotate_credentials' }), context);
    expect(() => recordDecision(db, request(meetingId, 'defer', { decision: 'defer', reason: 'owner on leave', deferUntil: '2026-03-01' }), context)).toThrow(/after today/);
    recordDecision(db, request(meetingId, 'defer', { decision: 'defer', reason: 'owner on leave', deferUntil: '2026-04-01' }), context);
    recordDecision(db, request(meetingId, 'retier', { decision: 'retier', newTier: 3, reason: 'read-only reporting job now' }), context);
    recordDecision(db, request(meetingId, 'retire', { decision: 'decommission', reason: 'replaced by the v2 agent' }), context);

    const record = (name: string) => getRegistryRecord(workspace.read, ARN(name));
    expect(record('keep')).toMatchObject({ lastReviewAt: '2026-03-01', nextReviewAt: null, tierConfirmed: 2, status: 'registered' });
    for (const name of ['reduce', 'rotate']) expect(record(name)).toMatchObject({ lastReviewAt: '2026-03-01', nextReviewAt: null, tierConfirmed: null, tierOverride: null });
    expect(record('defer')).toMatchObject({ lastReviewAt: '2025-01-01', nextReviewAt: '2026-04-01' });
    expect(record('retier')).toMatchObject({ tierOverride: 3, overrideReason: 'read-only reporting job now', tierConfirmed: 3, lastReviewAt: '2026-03-01' });
    expect(record('retire')).toMatchObject({ status: 'decommissioned', lastReviewAt: '2026-03-01' });

    const entries = listAuditEntries(workspace.read, 1000, null);
    const decisions = entries.filter((e) => e.action === 'review.decision');
    expect(decisions.map((e) => [e.target, e.details['decision']]).sort()).toEqual(
      [
        [ARN('keep'), 'keep'],
        [ARN('reduce'), 'reduce_access'],
        [ARN('rotate'), 'rotate_credentials'],
        [ARN('defer'), 'defer'],
        [ARN('retier'), 'retier'],
        [ARN('retire'), 'decommission'],
      ].sort(),
    );
    const keep = decisions.find((e) => e.target === ARN('keep'));
    expect(keep?.details).toMatchObject({ meetingId, note: 'still needed', deciders: ['alice', 'bo'], evidenceHash: evidenceHash(evidence('keep')) });
    expect(decisions.find((e) => e.target === ARN('reduce'))?.details['actionItems']).toEqual([{ text: 'drop s3:*', owner: 'bo', dueDate: '2026-03-15' }]);
    const byTarget = (action: string): string[] => entries.filter((e) => e.action === action).map((e) => e.target);
    expect(byTarget('registry.tier_override')).toEqual([ARN('retier')]);
    expect(byTarget('registry.decommissioned')).toEqual([ARN('retire')]);
    expect(byTarget('registry.update').filter((t) => t !== ARN('late')).length).toBeGreaterThanOrEqual(6);
    expect(verifyAuditLog(workspace.read).ok).toBe(true);

    const ended = endMeeting(db, meetingId, context);
    expect(ended.carriedOver.map((e) => e.arn)).toEqual([ARN('late')]);
    expect(() => startMeeting(db, meetingId, context)).toThrow(/was held/);
  });

  it('is all or nothing: a decision the registry refuses leaves no decision, action item or audit entry', () => {
    const { workspace, meetingId } = setUp();
    startMeeting(workspace.write, meetingId, context);
    const count = (): unknown[] => [
      workspace.read.value(sql`SELECT count(*) FROM review_decisions`),
      workspace.read.value(sql`SELECT count(*) FROM review_action_items`),
      listAuditEntries(workspace.read, 1000, null).length,
    ];
    const before = count();
    // A decommission without its reason: refused inside the transaction (the table's check, and the registry service's).
    expect(() => recordDecision(workspace.write, request(meetingId, 'retire', { decision: 'decommission', reason: null, actionItems: [{ text: 'x', owner: 'bo', dueDate: '2026-03-15' }] }), context)).toThrow();
    expect(count()).toEqual(before);
    expect(getRegistryRecord(workspace.read, ARN('retire')).status).toBe('registered');
  });
});
