import type { ReactNode } from 'react';
import './analysis.css';

const TIER_WORDS: Record<1 | 2 | 3, string> = {
  1: 'Tier 1: sensitive data or high-impact actions',
  2: 'Tier 2: internal data',
  3: 'Tier 3: sandboxed, low risk',
};

/** A risk tier as a small numbered pill; an override is marked (and said) so it is never mistaken for the computed one. */
export function TierBadge({ tier, overridden = false }: { tier: 1 | 2 | 3; overridden?: boolean }): ReactNode {
  const title = `${TIER_WORDS[tier]}${overridden ? ' (set by a person, overriding the computed tier)' : ''}`;
  return (
    <span className={`tier-badge tier-badge--${tier}`} title={title}>
      T{tier}
      {overridden ? (
        <span className="tier-badge__override" aria-hidden="true">
          *
        </span>
      ) : null}
      <span className="visually-hidden">{overridden ? ', overridden' : ''}</span>
    </span>
  );
}
