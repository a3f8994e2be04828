/**
 * The suggested owner on an identity's page (issue 14): shown only while it has no owner, and only
 * when it comes from CloudTrail (an owner tag already fills the owner). Text, never markup.
 */
import type { AgentDetail, SuggestedOwner } from '@shared/contract';

export function shownSuggestedOwner(detail: Pick<AgentDetail, 'registry' | 'suggestedOwner'>): SuggestedOwner | null {
  const suggestion = detail.suggestedOwner ?? null;
  if (detail.registry.owner !== null || suggestion === null || suggestion.source !== 'cloudtrail') return null;
  return suggestion;
}
