import type { ReactNode } from 'react';
import { formatDateTime, formatRelativeTime } from '../lib/format';

/** A moment as "3 days ago", machine-readable, with the exact date and time on hover. */
export function RelativeTime({ at }: { at: string }): ReactNode {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelativeTime(at)}
    </time>
  );
}
