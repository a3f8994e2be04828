import type { ReactNode } from 'react';
import type { FindingRow } from '@shared/contract';
import { Badge, type BadgeTone } from './badge';

const STYLES: Record<FindingRow['status'], { label: string; tone: BadgeTone; description: string }> = {
  new: { label: 'New', tone: 'danger', description: 'First seen in this scan.' },
  open: { label: 'Open', tone: 'warning', description: 'Seen in earlier scans too and still there.' },
  accepted: { label: 'Accepted', tone: 'neutral', description: 'Risk accepted until a date, with a reason.' },
  resolved: { label: 'Resolved', tone: 'success', description: 'Gone, or marked resolved by hand.' },
  regressed: { label: 'Regressed', tone: 'danger', description: 'Was resolved, and came back.' },
};

/** A finding's lifecycle status as a word in a coloured pill. */
export function FindingStatusBadge({ status }: { status: FindingRow['status'] }): ReactNode {
  const style = STYLES[status];
  return (
    <Badge tone={style.tone} title={style.description}>
      {style.label}
    </Badge>
  );
}
