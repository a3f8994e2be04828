import type { ReactNode } from 'react';
import { outcomeCountText, outcomeCounts } from './outcome-style';

/** "12 ok · 1 denied", each count in its outcome's colour (the words carry the meaning too). */
export function OutcomeSummary({ outcomes }: { outcomes: Readonly<Record<string, number>> }): ReactNode {
  const counts = outcomeCounts(outcomes);
  if (counts.length === 0) return <span className="data-table__muted">—</span>;
  return (
    <span className="outcome-summary">
      {counts.map(({ outcome, count, style }, index) => (
        <span key={outcome}>
          {index > 0 ? <span className="outcome-summary__sep"> · </span> : null}
          <span className={`outcome-summary__item outcome-summary__item--${style?.tone ?? 'neutral'}`} title={style?.description}>
            {outcomeCountText(outcome, count)}
          </span>
        </span>
      ))}
    </span>
  );
}
