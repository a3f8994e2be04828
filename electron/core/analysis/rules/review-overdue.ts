import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { cliFix, makeFinding, raisedForTier1 } from './finding';
import { cadenceDays, isReviewOverdue, reviewDueDate } from './review-due';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * A registered agent whose review is past due (review-due.ts): its scheduled date (registration's
 * first review, a deferral, a date someone set) is over, or, with none, its last review is older than
 * its tier's cadence (Settings, defaults T1 30 d, T2 90 d, T3 182 d), or it has neither.
 * Unregistered identities are shadow_ai_unregistered's; decommissioned ones need no review.
 */
export const reviewOverdue: RuleDefinition = {
  id: 'review_overdue',
  title: 'An agent review is overdue',
  defaultSeverity: 'medium',
  step: 10,
  frameworks: [],
  firesWhen: "an agent's review is past due: its scheduled date, else its last review plus its tier's cadence (Settings; defaults T1 30 d, T2 90 d, T3 182 d)",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      const record = ctx.registry.get(agent.arn);
      if (record === undefined || record.status !== 'registered') continue;
      const tier = ctx.tier(agent.arn).tier;
      const cadence = cadenceDays(ctx.reviewCadence, tier);
      const dueDate = reviewDueDate(record, tier, ctx.reviewCadence);
      if (!isReviewOverdue(dueDate, ctx.now)) continue;
      const since = daysSince(record.lastReviewAt, ctx.now);
      findings.push(
        makeFinding(this, ctx, {
          severity: raisedForTier1('medium', 'high', tier),
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { identity: agent.name, tier, cadenceDays: cadence, lastReviewAt: record.lastReviewAt, daysSinceReview: since, nextReviewAt: record.nextReviewAt, dueDate, owner: record.owner },
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
