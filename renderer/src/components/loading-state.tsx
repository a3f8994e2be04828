import './states.css';
import type { ReactNode } from 'react';
import { Spinner } from './spinner';

/** Placeholder rows while something loads; `label` is announced ("Loading connections…"). */
export function LoadingState({ label, rows = 3 }: { label: string; rows?: number }): ReactNode {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <p className="loading-state__label">
        <Spinner />
        <span>{label}</span>
      </p>
      <div className="loading-state__rows" aria-hidden="true">
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="skeleton-row">
            <span className="skeleton skeleton--title" />
            <span className="skeleton skeleton--line" />
          </div>
        ))}
      </div>
    </div>
  );
}
