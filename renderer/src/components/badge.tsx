import './badge.css';
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }): ReactNode {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
