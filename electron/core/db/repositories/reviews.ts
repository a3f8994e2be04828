/**
 * Review meetings' tables (migration 0007): rows in and out only. governance/reviews/review-service.ts
 * decides what a change is and writes it with its registry effects and audit entries in one transaction.
 */
import type { MeetingStatus, ReviewDecisionKind } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';

export interface MeetingRow {
  id: string;
  title: string;
  scheduledFor: string;
  timeZone: string;
  status: MeetingStatus;
  attendees: string[];
  tiers: Tier[];
  accountIds: string[];
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  endedAt: string | null;
  updatedAt: string;
}

export interface AgendaRow {
  arn: string;
  position: number;
  name: string;
  accountId: string | null;
  tier: Tier;
  reason: string;
  carriedOver: boolean;
}

export interface DecisionRow {
  meetingId: string;
  arn: string;
  decision: ReviewDecisionKind;
  newTier: Tier | null;
  reason: string | null;
  deferUntil: string | null;
  note: string;
  deciders: string[];
  decidedAt: string;
  /** The stored evidence JSON, parsed (the service checks its shape). */
  evidence: unknown;
  evidenceHash: string;
}

export interface ActionItemRow {
  id: string;
  meetingId: string;
  arn: string;
  position: number;
  text: string;
  owner: string;
  dueDate: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  createdAt: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const tierOf = (value: unknown): Tier => (value === 1 || value === 2 ? value : 3);

function jsonArray(value: unknown): unknown[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
const strings = (value: unknown): string[] => jsonArray(value).filter((item): item is string => typeof item === 'string');

function toMeeting(row: Row): MeetingRow {
  const status = row['status'];
  return {
    id: String(row['id']),
    title: String(row['title']),
    scheduledFor: String(row['scheduled_for']),
    timeZone: String(row['time_zone']),
    status: status === 'in_progress' || status === 'held' ? status : 'planned',
    attendees: strings(row['attendees']),
    tiers: jsonArray(row['tiers']).filter((t): t is Tier => t === 1 || t === 2 || t === 3),
    accountIds: strings(row['account_ids']),
    createdAt: String(row['created_at']),
    createdBy: String(row['created_by']),
    startedAt: text(row['started_at']),
    endedAt: text(row['ended_at']),
    updatedAt: String(row['updated_at']),
  };
}

function toAgenda(row: Row): AgendaRow {
  return {
    arn: String(row['arn']),
    position: Number(row['position']),
    name: String(row['name']),
    accountId: text(row['account_id']),
    tier: tierOf(row['tier']),
    reason: String(row['reason']),
    carriedOver: row['carried_over'] === 1,
  };
}

function toDecision(row: Row): DecisionRow {
  const newTier = row['new_tier'];
  let evidence: unknown = null;
  try {
    evidence = JSON.parse(String(row['evidence'])) as unknown;
  } catch {
    evidence = null;
  }
  return {
    meetingId: String(row['meeting_id']),
    arn: String(row['arn']),
    decision: String(row['decision']) as ReviewDecisionKind,
    newTier: newTier === null ? null : tierOf(newTier),
    reason: text(row['reason']),
    deferUntil: text(row['defer_until']),
    note: String(row['note']),
    deciders: strings(row['deciders']),
    decidedAt: String(row['decided_at']),
    evidence,
    evidenceHash: String(row['evidence_hash']),
  };
}

function toActionItem(row: Row): ActionItemRow {
  return {
    id: String(row['id']),
    meetingId: String(row['meeting_id']),
    arn: String(row['arn']),
    position: Number(row['position']),
    text: String(row['text']),
    owner: String(row['owner']),
    dueDate: String(row['due_date']),
    status: row['status'] === 'done' ? 'done' : 'open',
    doneAt: text(row['done_at']),
    doneBy: text(row['done_by']),
    createdAt: String(row['created_at']),
  };
}

export function insertMeeting(db: WriteDb, meeting: MeetingRow): void {
  db.run(sql`
    INSERT INTO review_meetings (id, title, scheduled_for, time_zone, status, attendees, tiers, account_ids, created_at, created_by, started_at, ended_at, updated_at)
    VALUES (${meeting.id}, ${meeting.title}, ${meeting.scheduledFor}, ${meeting.timeZone}, ${meeting.status}, ${JSON.stringify(meeting.attendees)},
            ${JSON.stringify(meeting.tiers)}, ${JSON.stringify(meeting.accountIds)}, ${meeting.createdAt}, ${meeting.createdBy},
            ${meeting.startedAt}, ${meeting.endedAt}, ${meeting.updatedAt})`);
}

export function getMeetingRow(db: ReadDb, id: string): MeetingRow | undefined {
  const row = db.get(sql`SELECT * FROM review_meetings WHERE id = ${id}`);
  return row === undefined ? undefined : toMeeting(row);
}

/** Newest scheduled first. */
export function listMeetingRows(db: ReadDb): MeetingRow[] {
  return db.all(sql`SELECT * FROM review_meetings ORDER BY scheduled_for DESC, created_at DESC, id`).map(toMeeting);
}

export function setMeetingStatus(db: WriteDb, id: string, change: { status: MeetingStatus; startedAt: string | null; endedAt: string | null; updatedAt: string }): void {
  db.run(sql`UPDATE review_meetings SET status = ${change.status}, started_at = ${change.startedAt}, ended_at = ${change.endedAt}, updated_at = ${change.updatedAt} WHERE id = ${id}`);
}

/** The agenda in order. */
export function listAgenda(db: ReadDb, meetingId: string): AgendaRow[] {
  return db.all(sql`SELECT * FROM review_agenda_items WHERE meeting_id = ${meetingId} ORDER BY position`).map(toAgenda);
}

/** Replaces a meeting's agenda (before any decision refers to it). */
export function replaceAgenda(db: WriteDb, meetingId: string, entries: readonly Omit<AgendaRow, 'position' | 'carriedOver'>[]): void {
  db.run(sql`DELETE FROM review_agenda_items WHERE meeting_id = ${meetingId}`);
  entries.forEach((entry, position) => {
    db.run(sql`
      INSERT INTO review_agenda_items (meeting_id, arn, position, name, account_id, tier, reason)
      VALUES (${meetingId}, ${entry.arn}, ${position}, ${entry.name}, ${entry.accountId}, ${entry.tier}, ${entry.reason})`);
  });
}

export function markCarriedOver(db: WriteDb, meetingId: string, arns: readonly string[]): void {
  for (const arn of arns) db.run(sql`UPDATE review_agenda_items SET carried_over = 1 WHERE meeting_id = ${meetingId} AND arn = ${arn}`);
}

/**
 * Agenda entries carried over from held meetings with no decision on the agent since (in any meeting),
 * with the meeting they come from; the newest carry-over of each agent.
 */
export function listCarriedOver(db: ReadDb): (AgendaRow & { meetingId: string; meetingTitle: string; endedAt: string })[] {
  return db
    .all(
      sql`
      SELECT a.*, m.id AS meeting_id, m.title AS meeting_title, m.ended_at AS ended_at
      FROM review_agenda_items a JOIN review_meetings m ON m.id = a.meeting_id
      WHERE a.carried_over = 1 AND m.status = 'held'
        AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.arn = a.arn AND d.decided_at >= m.ended_at)
      ORDER BY m.ended_at DESC`,
    )
    .map((row) => ({ ...toAgenda(row), meetingId: String(row['meeting_id']), meetingTitle: String(row['meeting_title']), endedAt: String(row['ended_at']) }));
}

export function insertDecision(db: WriteDb, decision: DecisionRow): void {
  db.run(sql`
    INSERT INTO review_decisions (meeting_id, arn, decision, new_tier, reason, defer_until, note, deciders, decided_at, evidence, evidence_hash)
    VALUES (${decision.meetingId}, ${decision.arn}, ${decision.decision}, ${decision.newTier}, ${decision.reason}, ${decision.deferUntil},
            ${decision.note}, ${JSON.stringify(decision.deciders)}, ${decision.decidedAt}, ${JSON.stringify(decision.evidence)}, ${decision.evidenceHash})`);
}

export function listDecisions(db: ReadDb, meetingId: string): DecisionRow[] {
  return db.all(sql`SELECT * FROM review_decisions WHERE meeting_id = ${meetingId} ORDER BY decided_at, arn`).map(toDecision);
}

export function getDecision(db: ReadDb, meetingId: string, arn: string): DecisionRow | undefined {
  const row = db.get(sql`SELECT * FROM review_decisions WHERE meeting_id = ${meetingId} AND arn = ${arn}`);
  return row === undefined ? undefined : toDecision(row);
}

/** The agent's newest decision in another meeting (what "changed since its last review" diffs against), with that meeting's title. */
export function latestDecisionElsewhere(db: ReadDb, arn: string, meetingId: string): (DecisionRow & { meetingTitle: string }) | undefined {
  const row = db.get(sql`
    SELECT d.*, m.title AS meeting_title FROM review_decisions d JOIN review_meetings m ON m.id = d.meeting_id
    WHERE d.arn = ${arn} AND d.meeting_id <> ${meetingId}
    ORDER BY d.decided_at DESC LIMIT 1`);
  return row === undefined ? undefined : { ...toDecision(row), meetingTitle: String(row['meeting_title']) };
}

export function insertActionItem(db: WriteDb, item: ActionItemRow): void {
  db.run(sql`
    INSERT INTO review_action_items (id, meeting_id, arn, position, text, owner, due_date, status, done_at, done_by, created_at)
    VALUES (${item.id}, ${item.meetingId}, ${item.arn}, ${item.position}, ${item.text}, ${item.owner}, ${item.dueDate}, ${item.status},
            ${item.doneAt}, ${item.doneBy}, ${item.createdAt})`);
}

export function listActionItems(db: ReadDb, filter: { meetingId?: string; arn?: string | null; status?: 'open' | 'done' | null }): ActionItemRow[] {
  const meetingId = filter.meetingId ?? null;
  const arn = filter.arn ?? null;
  const status = filter.status ?? null;
  return db
    .all(
      sql`
      SELECT * FROM review_action_items
      WHERE (${meetingId} IS NULL OR meeting_id = ${meetingId}) AND (${arn} IS NULL OR arn = ${arn}) AND (${status} IS NULL OR status = ${status})
      ORDER BY status = 'done', due_date, created_at, position, id`,
    )
    .map(toActionItem);
}

export function getActionItem(db: ReadDb, id: string): ActionItemRow | undefined {
  const row = db.get(sql`SELECT * FROM review_action_items WHERE id = ${id}`);
  return row === undefined ? undefined : toActionItem(row);
}

export function setActionItemStatus(db: WriteDb, id: string, change: { status: 'open' | 'done'; doneAt: string | null; doneBy: string | null }): void {
  db.run(sql`UPDATE review_action_items SET status = ${change.status}, done_at = ${change.doneAt}, done_by = ${change.doneBy} WHERE id = ${id}`);
}

/** Agent names by ARN for action items: the names their meetings' agendas recorded. */
export function agendaNames(db: ReadDb, meetingIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of new Set(meetingIds)) for (const row of db.all(sql`SELECT arn, name FROM review_agenda_items WHERE meeting_id = ${id}`)) names.set(`${id}\n${String(row['arn'])}`, String(row['name']));
  return names;
}

/** The workspace's own ID (the calendar's stable UIDs are made from it). */
export function workspaceId(db: ReadDb): string {
  const id = db.value(sql`SELECT workspace_id FROM workspace_meta WHERE singleton = 1`);
  return typeof id === 'string' ? id : '';
}

/** The calendar's SEQUENCE numbers per series, kept as one JSON value in the settings table (not a setting people edit). */
export function readCalendarSequences(db: ReadDb): Record<string, { fingerprint: string; sequence: number }> {
  const value = db.value(sql`SELECT value FROM settings WHERE key = 'reviewCalendarSequences'`);
  const state: Record<string, { fingerprint: string; sequence: number }> = {};
  if (typeof value !== 'string') return state;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return state;
    for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
      const { fingerprint, sequence } = (entry ?? {}) as { fingerprint?: unknown; sequence?: unknown };
      if (typeof fingerprint === 'string' && typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0) state[key] = { fingerprint, sequence };
    }
  } catch {
    return state;
  }
  return state;
}

export function writeCalendarSequences(db: WriteDb, state: Record<string, { fingerprint: string; sequence: number }>): void {
  db.run(sql`INSERT INTO settings (key, value) VALUES ('reviewCalendarSequences', ${JSON.stringify(state)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}
