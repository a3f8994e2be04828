import './progress-bar.css';
import type { ReactNode } from 'react';

/** A determinate progress bar (0..1), named for assistive technology; `null` shows it as indeterminate. */
export function ProgressBar({ value, label, tone = 'accent' }: { value: number | null; label: string; tone?: 'accent' | 'success' | 'warning' | 'danger' }): ReactNode {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress progress--${tone}${percent === null ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <span className="progress__bar" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
