/** A meeting as the contract shows it (pure): rows of migration 0007 put together, action items flagged overdue. */
import type { ActionItem, AgendaEntry, Meeting, ReviewDecision } from '@shared/contract';
import type { ActionItemRow, AgendaRow, DecisionRow, MeetingRow } from '../../db/repositories/reviews';

/** Open past its due date (`today` is `YYYY-MM-DD`). */
export function isActionItemOverdue(item: { status: 'open' | 'done'; dueDate: string }, today: string): boolean {
  return item.status === 'open' && item.dueDate.slice(0, 10) < today;
}

export function toActionItem(row: ActionItemRow, agentName: string, today: string): ActionItem {
  return {
    id: row.id,
    meetingId: row.meetingId,
    arn: row.arn,
    agentName,
    text: row.text,
    owner: row.owner,
    dueDate: row.dueDate,
    status: row.status,
    overdue: isActionItemOverdue(row, today),
    doneAt: row.doneAt,
    doneBy: row.doneBy,
  };
}

const entryOf = (row: AgendaRow): AgendaEntry => ({ arn: row.arn, name: row.name, accountId: row.accountId, tier: row.tier, reason: row.reason });

export interface MeetingParts {
  meeting: MeetingRow;
  agenda: readonly AgendaRow[];
  decisions: readonly DecisionRow[];
  actionItems: readonly ActionItemRow[];
}

export function toMeeting(parts: MeetingParts, today: string): Meeting {
  const names = new Map(parts.agenda.map((row) => [row.arn, row.name]));
  const nameOf = (arn: string): string => names.get(arn) ?? arn;
  const decided = new Set(parts.decisions.map((d) => d.arn));
  const decisions: ReviewDecision[] = parts.decisions.map((d) => ({
    arn: d.arn,
    agentName: nameOf(d.arn),
    decision: d.decision,
    newTier: d.newTier,
    reason: d.reason,
    deferUntil: d.deferUntil,
    note: d.note,
    deciders: d.deciders,
    decidedAt: d.decidedAt,
    evidenceHash: d.evidenceHash,
    actionItems: parts.actionItems.filter((item) => item.arn === d.arn).map((item) => toActionItem(item, nameOf(d.arn), today)),
  }));
  const { meeting } = parts;
  return {
    id: meeting.id,
    title: meeting.title,
    scheduledFor: meeting.scheduledFor,
    timeZone: meeting.timeZone,
    status: meeting.status,
    attendees: meeting.attendees,
    tiers: meeting.tiers,
    accountIds: meeting.accountIds,
    agenda: parts.agenda.map(entryOf),
    decisions,
    carriedOver: parts.agenda.filter((row) => row.carriedOver).map(entryOf),
    nextArn: parts.agenda.find((row) => !decided.has(row.arn))?.arn ?? null,
    createdAt: meeting.createdAt,
    createdBy: meeting.createdBy,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
  };
}
