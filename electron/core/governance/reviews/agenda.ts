/**
 * A meeting's agenda (pure): drawn from the agents due by the meeting's date and those carried over
 * from earlier meetings, ordered never reviewed first, then by tier (1 first), then by open critical and
 * high findings (most first), then by name; editable (add, remove, reorder) until the meeting starts.
 */
import type { AgendaEntry, DueAgent } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import type { ReviewCadence } from '@shared/contract';
import { compareAgendaOrder, inScope, toDueAgent, type AgendaOrderKey, type ReviewCandidate } from './due';

/** An agent an earlier meeting ended without deciding. */
export interface CarriedAgent {
  arn: string;
  name: string;
  accountId: string | null;
  tier: Tier;
  meetingTitle: string;
}

/**
 * The agenda of a meeting: every due agent (already filtered to the meeting's scope) plus the carried-over
 * agents in scope, each once, in agenda order. A carried-over agent is read as it is now when the current
 * state has it.
 */
export function drawAgenda(
  due: readonly DueAgent[],
  carried: readonly CarriedAgent[],
  candidates: ReadonlyMap<string, ReviewCandidate>,
  context: { today: string; cadence: ReviewCadence | null; tiers: readonly Tier[]; accountIds: readonly string[] },
): AgendaEntry[] {
  const entries = new Map<string, AgendaOrderKey & AgendaEntry>();
  for (const agent of due) entries.set(agent.arn, { ...agent, reason: agent.reason });
  for (const agent of carried) {
    const candidate = candidates.get(agent.arn);
    // Decommissioned since: nothing left to review.
    if (candidate !== undefined && candidate.status === 'decommissioned') continue;
    const now = candidate === undefined ? null : toDueAgent(candidate, context);
    const key = now ?? { ...agent, neverReviewed: false, openCriticalHigh: 0 };
    if (!inScope(key, context)) continue;
    const existing = entries.get(agent.arn);
    const carriedReason = `Carried over from “${agent.meetingTitle}”`;
    entries.set(agent.arn, {
      ...key,
      arn: agent.arn,
      name: now?.name ?? agent.name,
      accountId: now?.accountId ?? agent.accountId,
      tier: now?.tier ?? agent.tier,
      reason: existing === undefined ? carriedReason : `${carriedReason}; ${existing.reason}`,
    });
  }
  return [...entries.values()].sort(compareAgendaOrder).map((entry) => ({ arn: entry.arn, name: entry.name, accountId: entry.accountId, tier: entry.tier, reason: entry.reason }));
}

/**
 * The agenda as the team edited it: the ARNs in their order, each the entry it already had, else the
 * agent as the current state has it (reason: due, or added by hand). An ARN neither on the agenda nor
 * known is refused by the caller (null here).
 */
export function editAgenda(
  current: readonly AgendaEntry[],
  arns: readonly string[],
  lookup: (arn: string) => AgendaEntry | null,
): { entries: AgendaEntry[]; unknown: string[]; repeated: string[] } {
  const byArn = new Map(current.map((entry) => [entry.arn, entry]));
  const entries: AgendaEntry[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const arn of arns) {
    if (seen.has(arn)) {
      repeated.push(arn);
      continue;
    }
    seen.add(arn);
    const entry = byArn.get(arn) ?? lookup(arn);
    if (entry === null) unknown.push(arn);
    else entries.push(entry);
  }
  return { entries, unknown, repeated };
}
