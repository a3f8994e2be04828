import { describe, expect, it } from 'vitest';
import type { AgentDetail } from '@shared/contract';
import { shownSuggestedOwner } from './suggested-owner';

const suggestion = { name: 'alice@example.com', evidence: 'Created by alice@example.com through AWSReservedSSO_Admin_0123abcd on 30 Nov 2025 (CloudTrail CreateRole)', source: 'cloudtrail' as const };
const detail = (owner: string | null, suggestedOwner: AgentDetail['suggestedOwner']): Pick<AgentDetail, 'registry' | 'suggestedOwner'> =>
  ({ registry: { owner } as AgentDetail['registry'], suggestedOwner });

describe('shownSuggestedOwner', () => {
  it('suggests who created it while the identity has no owner', () => {
    expect(shownSuggestedOwner(detail(null, suggestion))).toEqual(suggestion);
  });
  it('says nothing once it has an owner, for a tag (already the owner), or without a suggestion', () => {
    expect(shownSuggestedOwner(detail('bob', suggestion))).toBeNull();
    expect(shownSuggestedOwner(detail(null, { name: 'team-ml', evidence: 'Its tag owner names this owner', source: 'tag' }))).toBeNull();
    expect(shownSuggestedOwner(detail(null, null))).toBeNull();
    expect(shownSuggestedOwner(detail(null, undefined))).toBeNull();
  });
});
