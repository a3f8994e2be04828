import type { ReactNode } from 'react';
import type { MeetingStatus } from '@shared/contract';
import { Badge } from '../../components/badge';

const STATUS: Record<MeetingStatus, { label: string; tone: 'accent' | 'warning' | 'success' }> = {
  planned: { label: 'Planned', tone: 'accent' },
  in_progress: { label: 'In progress', tone: 'warning' },
  held: { label: 'Held', tone: 'success' },
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }): ReactNode {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

export function OverdueBadge(): ReactNode {
  return <Badge tone="danger">Overdue</Badge>;
}
