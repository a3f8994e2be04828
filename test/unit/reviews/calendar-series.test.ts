/** Which series the review calendar holds and their SEQUENCE numbers (pure). */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '@shared/contract';
import { anchorMeeting, reviewSeriesDrafts, withSequences } from '@core/governance/reviews/calendar-series';

function meeting(id: string, scheduledFor: string, status: Meeting['status'], tiers: Meeting['tiers'] = []): Meeting {
  return { id, title: id, scheduledFor, timeZone: 'Europe/Berlin', status, attendees: ['Ana'], tiers, accountIds: [], agenda: [], decisions: [], carriedOver: [], nextArn: null, createdAt: '', createdBy: '', startedAt: null, endedAt: null };
}

describe('the review calendar’s series', () => {
  it('repeat the next meeting not yet held (one covering the tier asked for), else the newest', () => {
    const meetings = [meeting('old', '2026-01-10T10:00', 'held'), meeting('t2-soon', '2026-03-05T09:00', 'planned', [2]), meeting('all-later', '2026-03-20T14:00', 'planned')];
    expect(anchorMeeting(meetings, '2026-03-02', null)?.id).toBe('t2-soon');
    expect(anchorMeeting(meetings, '2026-03-02', 1)?.id).toBe('all-later');
    expect(anchorMeeting([meetings[0] as Meeting], '2026-03-02', null)?.id).toBe('old');
    expect(anchorMeeting([], '2026-03-02', null)).toBeNull();
  });

  it('one per tier at its cadence, or one combined monthly; SEQUENCE moves only for a series that changed', () => {
    const anchor = meeting('m', '2026-03-16T10:00', 'planned');
    const drafts = reviewSeriesDrafts(anchor, { mode: 'per-tier', tier: null, cadence: null });
    expect(drafts.map((d) => [d.key, d.recurrence.freq, d.recurrence.interval, d.firstStart, d.timeZone])).toEqual([
      ['tier-1', 'MONTHLY', 1, '2026-03-16T10:00', 'Europe/Berlin'],
      ['tier-2', 'MONTHLY', 3, '2026-03-16T10:00', 'Europe/Berlin'],
      ['tier-3', 'MONTHLY', 6, '2026-03-16T10:00', 'Europe/Berlin'],
    ]);
    expect(reviewSeriesDrafts(anchor, { mode: 'combined', tier: null, cadence: null }).map((d) => [d.key, d.recurrence.interval])).toEqual([['combined', 1]]);
    const first = withSequences(drafts, {});
    expect(first.series.map((s) => s.sequence)).toEqual([0, 0, 0]);
    expect(withSequences(drafts, first.state).series.map((s) => s.sequence)).toEqual([0, 0, 0]);
    const moved = reviewSeriesDrafts({ ...anchor, scheduledFor: '2026-03-16T11:00' }, { mode: 'per-tier', tier: 2, cadence: null });
    const second = withSequences(moved, first.state);
    expect(second.series.map((s) => [s.key, s.sequence])).toEqual([['tier-2', 1]]);
    // The other series keep their numbers for the next export.
    expect(second.state['tier-1']).toEqual(first.state['tier-1']);
  });
});
