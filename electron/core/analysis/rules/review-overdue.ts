import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding, Tier } from '../types';
import { daysSince } from './dates';
import { cliFix, makeFinding, raisedForTier1 } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** The calendar date (`YYYY-MM-DD…`) is over: `now` is on a later day. An unreadable date counts as past. */
function isPast(date: string, now: Date): boolean {
  const end = Date.parse(`${date.slice(0, 10)}T23:59:59.999Z`);
  return Number.isNaN(end) || now.getTime() > end;
}

/** Review cadence per tier, in days (step 10). */
export const REVIEW_CADENCE_DAYS: Readonly<Record<Tier, number>> = { 1: 30, 2: 90, 3: 182 };

/**
 * A registered agent whose last review is older than its tier's cadence, or that was never reviewed
 * and whose first scheduled review date (set at registration) has passed, or that has neither.
 * Unregistered identities are shadow_ai_unregistered's; decommissioned ones need no review.
 */
export const reviewOverdue: RuleDefinition = {
  id: 'review_overdue',
  title: 'An agent review is overdue',
  defaultSeverity: 'medium',
  step: 10,
  frameworks: [],
  firesWhen: "an agent's last review is older than its tier's cadence (T1 30 d, T2 90 d, T3 182 d)",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      const record = ctx.registry.get(agent.arn);
      if (record === undefined || record.status !== 'registered') continue;
      const tier = ctx.tier(agent.arn).tier;
      const cadence = REVIEW_CADENCE_DAYS[tier];
      const since = daysSince(record.lastReviewAt, ctx.now);
      if (since !== null && since <= cadence) continue;
      // Never reviewed but scheduled (registering schedules the first review one cadence ahead): due
      // on that date, not from the moment of registration.
      if (since === null && record.nextReviewAt !== null && !isPast(record.nextReviewAt, ctx.now)) continue;
      findings.push(
        makeFinding(this, ctx, {
          severity: raisedForTier1('medium', 'high', tier),
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { identity: agent.name, tier, cadenceDays: cadence, lastReviewAt: record.lastReviewAt, daysSinceReview: since, nextReviewAt: record.nextReviewAt, owner: record.owner },
          remediation:
            `${record.owner ?? 'The owner'} should review ${agent.name}: confirm it is still needed, that its purpose and data scope are right, that its permissions and findings are acceptable, ` +
            `then record the review in the registry (Tier ${tier} agents are reviewed every ${cadence} days).`,
          // No AWS change fixes this; the command gathers what the review needs (which services it really uses).
          fix: cliFix(
            shellLines([
              posix`aws iam generate-service-last-accessed-details --arn ${agent.arn}`,
              posix`aws iam get-service-last-accessed-details --job-id '<JOB_ID>'`,
            ]),
          ),
          explanation: 'Agents change quietly: new permissions, new data, new tools. A periodic review by a named owner is how drift is caught; the riskier the agent, the more often.',
        }),
      );
    }
    return findings;
  },
};
