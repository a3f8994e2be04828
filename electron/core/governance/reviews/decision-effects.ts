/**
 * What a review decision does to the registry (pure). Every decision but a deferral records the review
 * (lastReviewAt = the day decided) and clears any scheduled date, so the next one follows the cadence of
 * the tier in force (review-due.ts); a deferral schedules the agent for its date instead. Keep and
 * re-tier confirm the tier; a re-tier is a tier override with the room's reason; decommission retires the
 * identity with its reason. Reduce access and rotate credentials change AWS, which is the action items' job.
 */
import type { ReviewDecisionKind } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import type { RegistryPatch } from '../registry';

export interface DecisionInput {
  decision: ReviewDecisionKind;
  newTier: Tier | null;
  reason: string | null;
  deferUntil: string | null;
}

export interface RegistryEffect {
  patch: RegistryPatch;
  /** The decommissioning reason the registry service requires; null otherwise. */
  decommissionReason: string | null;
}

export function registryEffect(input: DecisionInput, context: { decidedOn: string; tierInForce: Tier }): RegistryEffect {
  if (input.decision === 'defer') return { patch: { nextReviewAt: input.deferUntil }, decommissionReason: null };
  const reviewed: RegistryPatch = { lastReviewAt: context.decidedOn, nextReviewAt: null };
  switch (input.decision) {
    case 'keep':
    case 'keep_with_changes':
      return { patch: { ...reviewed, tierConfirmed: context.tierInForce }, decommissionReason: null };
    case 'retier': {
      const tier = input.newTier ?? context.tierInForce;
      return { patch: { ...reviewed, tierOverride: { tier, reason: input.reason ?? '' }, tierConfirmed: tier }, decommissionReason: null };
    }
    case 'decommission':
      return { patch: { ...reviewed, status: 'decommissioned' }, decommissionReason: input.reason };
    default:
      return { patch: reviewed, decommissionReason: null };
  }
}
