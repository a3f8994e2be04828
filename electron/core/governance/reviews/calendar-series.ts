/**
 * Which review series the calendar file holds (pure), for ics.ts (H-ICS's RFC 5545 writer): one series
 * per tier at its cadence, or one combined monthly meeting, at the time, zone and attendees of the
 * team's next planned meeting (else its latest). SEQUENCE follows each series' content: the same series
 * keeps its number, a changed one (time, zone, cadence, title, attendees) gets the next, so calendars
 * that imported the file replace their copy.
 */
import { createHash } from 'node:crypto';
import type { Meeting, ReviewCadence } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import { cadenceDays } from '../../analysis/rules/review-due';
import { cadenceToRecurrence, type ReviewSeries } from './ics';
import { canonicalJson } from '../../lib/canonical-json';

export type CalendarMode = 'per-tier' | 'combined';
export type SeriesDraft = Omit<ReviewSeries, 'sequence'>;
export interface StoredSequence {
  fingerprint: string;
  sequence: number;
}

const MEETING_MINUTES = 60;

/**
 * The meeting whose time, zone and attendees the series repeat: the earliest not yet held from today
 * on (one that covers the tier asked for, when there is one), else the newest meeting. Null: none.
 */
export function anchorMeeting(meetings: readonly Meeting[], today: string, tier: Tier | null): Meeting | null {
  const covers = (meeting: Meeting): boolean => tier === null || meeting.tiers.length === 0 || meeting.tiers.includes(tier);
  const upcoming = meetings.filter((m) => m.status !== 'held' && m.scheduledFor.slice(0, 10) >= today).sort((a, b) => (a.scheduledFor < b.scheduledFor ? -1 : a.scheduledFor > b.scheduledFor ? 1 : 0));
  const newest = [...meetings].sort((a, b) => (a.scheduledFor < b.scheduledFor ? 1 : a.scheduledFor > b.scheduledFor ? -1 : 0));
  return upcoming.find(covers) ?? upcoming[0] ?? newest.find(covers) ?? newest[0] ?? null;
}

export function reviewSeriesDrafts(anchor: Meeting, options: { mode: CalendarMode; tier: Tier | null; cadence: ReviewCadence | null }): SeriesDraft[] {
  const attendees = anchor.attendees.map((name) => ({ name, email: null }));
  const base = { firstStart: anchor.scheduledFor, durationMinutes: MEETING_MINUTES, timeZone: anchor.timeZone, attendees };
  if (options.mode === 'combined') {
    return [{ ...base, key: 'combined', title: 'Agent review', description: 'Monthly review of the AI agents due (Agent Warden): every tier, by its cadence.', recurrence: { freq: 'MONTHLY', interval: 1 } }];
  }
  const tiers: Tier[] = options.tier === null ? [1, 2, 3] : [options.tier];
  return tiers.map((tier) => {
    const days = cadenceDays(options.cadence, tier);
    return { ...base, key: `tier-${tier}`, title: `Tier ${tier} agent review`, description: `Review of the Tier ${tier} AI agents (Agent Warden), every ${days} days.`, recurrence: cadenceToRecurrence(days) };
  });
}

export function seriesFingerprint(series: SeriesDraft): string {
  return createHash('sha256').update(canonicalJson(series)).digest('hex');
}

/** Each series with its SEQUENCE, and the stored numbers to keep for the next export. */
export function withSequences(drafts: readonly SeriesDraft[], stored: Readonly<Record<string, StoredSequence>>): { series: ReviewSeries[]; state: Record<string, StoredSequence> } {
  const state: Record<string, StoredSequence> = { ...stored };
  const series = drafts.map((draft) => {
    const fingerprint = seriesFingerprint(draft);
    const previous = stored[draft.key];
    const sequence = previous === undefined ? 0 : previous.fingerprint === fingerprint ? previous.sequence : previous.sequence + 1;
    state[draft.key] = { fingerprint, sequence };
    return { ...draft, sequence };
  });
  return { series, state };
}
