import { describe, expect, it } from 'vitest';
import { REVIEW_DECISIONS } from '@shared/contract';
import { DECISION_KINDS } from './meeting-keys';
import { dateAfter, decidersFor, decisionSummary, firstLines, hasChanges, permissionLines, resumeArn } from './meeting-model';
import { defaultMeetingTime, parseAttendees } from './plan-meeting-dialog';

const NO_CHANGES = { previous: null, newFindings: [], resolvedFindings: [], newPermissions: [], newWorkloads: [], ownerChange: null, tierChange: null };

describe('meeting mode model', () => {
  it('has a key for every decision the contract knows, and no other', () => {
    expect([...DECISION_KINDS].sort()).toEqual([...REVIEW_DECISIONS].sort());
  });

  it('lists what an agent can do with permissions management and write first, any-resource before scoped', () => {
    const lines = permissionLines([
      { service: 's3', levels: ['List', 'Read'], anyResource: true },
      { service: 'lambda', levels: ['Read', 'Write'], anyResource: false },
      { service: 'iam', levels: ['Read', 'Permissions management'], anyResource: true },
      { service: 'logs', levels: ['Write', 'List'], anyResource: true },
    ]);
    expect(lines.map((line) => line.service)).toEqual(['iam', 'logs', 'lambda', 's3']);
    expect(lines[0]).toEqual({ service: 'iam', levels: ['Permissions management', 'Read'], anyResource: true, hot: true });
    expect(lines[3]?.hot).toBe(false);
    expect(firstLines([1, 2, 3, 4], 3)).toEqual({ shown: [1, 2, 3], more: 1 });
  });

  it('the deciders are the attendees, else the person at the keyboard', () => {
    expect(decidersFor({ attendees: ['Ana', ' ', 'Ben'] }, 'me')).toEqual(['Ana', 'Ben']);
    expect(decidersFor({ attendees: [] }, 'me')).toEqual(['me']);
  });

  it('says a decision in words', () => {
    expect(decisionSummary({ decision: 'retier', newTier: 2, deferUntil: null })).toBe('Re-tier to Tier 2');
    expect(decisionSummary({ decision: 'defer', newTier: null, deferUntil: '2027-01-05' })).toBe('Defer to 2027-01-05');
    expect(decisionSummary({ decision: 'keep_with_changes', newTier: null, deferUntil: null })).toBe('Keep with changes');
  });

  it('resumes at the first agent without a decision, else the first', () => {
    const agenda = ['a', 'b'].map((arn) => ({ arn, name: arn, accountId: null, tier: 1 as const, reason: 'due' }));
    expect(resumeArn({ agenda, nextArn: 'b' })).toBe('b');
    expect(resumeArn({ agenda, nextArn: null })).toBe('a');
    expect(resumeArn({ agenda: [], nextArn: null })).toBeNull();
  });

  it('knows when nothing changed since the last review', () => {
    expect(hasChanges(NO_CHANGES)).toBe(false);
    expect(hasChanges({ ...NO_CHANGES, tierChange: { from: 2, to: 1 } })).toBe(true);
  });

  it('plans with names one per line or comma, and tomorrow 10:00 in the zone', () => {
    expect(parseAttendees('Ana, Ben\n\nCleo\nAna')).toEqual(['Ana', 'Ben', 'Cleo']);
    expect(defaultMeetingTime('UTC', new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07T10:00');
    expect(dateAfter(14, new Date('2026-12-06T12:00:00Z'))).toBe('2026-12-20');
  });
});
