/**
 * Which agents are due for review by a date (pure): registered agents of the current state, each due on
 * its scheduled date or its last review plus its tier's cadence (analysis/rules/review-due.ts, the rule
 * review_overdue uses), in agenda order.
 */
import type { DueAgent, ReviewCadence } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import { cadenceDays, reviewDueDate } from '../../analysis/rules/review-due';

/** Agenda order: never reviewed first, then by tier (1 first), then by open critical and high findings (most first), then by name. */
export interface AgendaOrderKey {
  neverReviewed: boolean;
  tier: Tier;
  openCriticalHigh: number;
  name: string;
  arn: string;
}

export function compareAgendaOrder(a: AgendaOrderKey, b: AgendaOrderKey): number {
  if (a.neverReviewed !== b.neverReviewed) return a.neverReviewed ? -1 : 1;
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.openCriticalHigh !== b.openCriticalHigh) return b.openCriticalHigh - a.openCriticalHigh;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

/** An identity of the current state with what the registry records about its reviews. */
export interface ReviewCandidate {
  arn: string;
  name: string;
  accountId: string | null;
  /** The tier in force (the analysis's, with the registry's override). */
  tier: Tier;
  owner: string | null;
  status: 'registered' | 'unregistered' | 'decommissioned';
  lastReviewAt: string | null;
  nextReviewAt: string | null;
  openCriticalHigh: number;
}

export interface DueQuery {
  /** `YYYY-MM-DD`: due on or before this date. */
  by: string;
  /** `YYYY-MM-DD`: today, for "overdue". */
  today: string;
  cadence: ReviewCadence | null;
  tiers: readonly Tier[];
  accountIds: readonly string[];
}

/** Why the agent is on the list, in words. */
export function dueReason(candidate: ReviewCandidate, dueDate: string | null, cadence: ReviewCadence | null): string {
  if (candidate.lastReviewAt === null) return dueDate === null ? 'Never reviewed' : `Never reviewed; first review due ${dueDate}`;
  const last = candidate.lastReviewAt.slice(0, 10);
  if (candidate.nextReviewAt !== null) return `Scheduled for ${dueDate ?? candidate.nextReviewAt.slice(0, 10)} (last reviewed ${last})`;
  return `Tier ${candidate.tier}: last reviewed ${last}, every ${cadenceDays(cadence, candidate.tier)} days (due ${dueDate ?? last})`;
}

export function toDueAgent(candidate: ReviewCandidate, query: Pick<DueQuery, 'today' | 'cadence'>): DueAgent {
  const dueDate = reviewDueDate(candidate, candidate.tier, query.cadence);
  return {
    arn: candidate.arn,
    name: candidate.name,
    accountId: candidate.accountId,
    tier: candidate.tier,
    owner: candidate.owner,
    lastReviewAt: candidate.lastReviewAt,
    dueDate,
    neverReviewed: candidate.lastReviewAt === null,
    overdue: dueDate === null || dueDate < query.today,
    reason: dueReason(candidate, dueDate, query.cadence),
    openCriticalHigh: candidate.openCriticalHigh,
  };
}

/** Is the candidate in the query's tiers and accounts (empty: all)? */
export function inScope(candidate: { tier: Tier; accountId: string | null }, scope: { tiers: readonly Tier[]; accountIds: readonly string[] }): boolean {
  if (scope.tiers.length > 0 && !scope.tiers.includes(candidate.tier)) return false;
  if (scope.accountIds.length > 0 && (candidate.accountId === null || !scope.accountIds.includes(candidate.accountId))) return false;
  return true;
}

/** Registered agents due by `query.by`: never reviewed first, then by tier, then by open critical and high findings. */
export function dueAgents(candidates: readonly ReviewCandidate[], query: DueQuery): DueAgent[] {
  const due: DueAgent[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    // Only governed agents are reviewed: unregistered ones are shadow AI's, decommissioned ones are gone.
    if (candidate.status !== 'registered' || seen.has(candidate.arn) || !inScope(candidate, query)) continue;
    seen.add(candidate.arn);
    const agent = toDueAgent(candidate, query);
    if (agent.dueDate === null || agent.dueDate <= query.by) due.push(agent);
  }
  return due.sort(compareAgendaOrder);
}
