/**
 * When an agent's next review falls due: the one rule `review_overdue`, `reviews:due` and the meetings'
 * agendas share. A date someone set (the first review scheduled at registration, a meeting's deferral,
 * the registry form) is the date; otherwise the last review plus the cadence of the agent's tier in
 * force, so a re-tier or a changed cadence moves it; never reviewed and never scheduled: due now.
 */
import { DEFAULT_REVIEW_CADENCE, type ReviewCadence } from '@shared/contract';
import type { Tier } from '../types';

/** Days between reviews of a tier under a cadence (null: the team has not set one, the defaults). */
export function cadenceDays(cadence: ReviewCadence | null, tier: Tier): number {
  const days = cadence ?? DEFAULT_REVIEW_CADENCE;
  return tier === 1 ? days.tier1Days : tier === 2 ? days.tier2Days : days.tier3Days;
}

/** `YYYY-MM-DD` of `date` plus `days`, in UTC (review dates are calendar dates). */
export function addCalendarDays(date: string, days: number): string {
  const base = new Date(`${date.slice(0, 10)}T00:00:00.000Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

export interface ReviewDates {
  lastReviewAt: string | null;
  nextReviewAt: string | null;
}

/** The calendar date (`YYYY-MM-DD`) the next review is due; null: never reviewed nor scheduled, due now. */
export function reviewDueDate(record: ReviewDates, tier: Tier, cadence: ReviewCadence | null): string | null {
  if (record.nextReviewAt !== null) return record.nextReviewAt.slice(0, 10);
  if (record.lastReviewAt !== null) return addCalendarDays(record.lastReviewAt, cadenceDays(cadence, tier));
  return null;
}

/** The calendar date (`YYYY-MM-DD…`) is over: `now` is on a later day (UTC). An unreadable date counts as past. */
export function isPastDate(date: string, now: Date): boolean {
  const end = Date.parse(`${date.slice(0, 10)}T23:59:59.999Z`);
  return Number.isNaN(end) || now.getTime() > end;
}

/** Overdue at `now`: no due date at all, or a due date already over. */
export function isReviewOverdue(dueDate: string | null, now: Date): boolean {
  return dueDate === null || isPastDate(dueDate, now);
}
