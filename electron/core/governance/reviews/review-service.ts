/**
 * Review meetings, changed: each change checked, written and audited (`review.*`) in ONE transaction.
 * A decision is committed when it is made, with its registry effects (through the registry service, so
 * its own `registry.*` entries and the analysis-inputs revision come with it): a meeting interrupted
 * after any decision loses nothing, and reopening it resumes at the first undecided agent.
 */
import type { ActionItem, AgendaEntry, Meeting, ReviewDecisionKind, ReviewEvidence } from '@shared/contract';
import type { Tier } from '../../analysis/types';
import type { ReadDb, WriteDb } from '../../db/handles';
import { appendAuditEntry } from '../../db/repositories/audit-log';
import {
  getActionItem,
  getDecision,
  getMeetingRow,
  insertActionItem,
  insertDecision,
  insertMeeting,
  listActionItems,
  listAgenda,
  listDecisions,
  listMeetingRows,
  markCarriedOver,
  replaceAgenda,
  setActionItemStatus,
  setMeetingStatus,
  agendaNames,
  type ActionItemRow,
  type MeetingRow,
} from '../../db/repositories/reviews';
import { AppError } from '../../errors';
import { updateRegistry } from '../registry-service';
import { registryEffect } from './decision-effects';
import { evidenceHash } from './evidence';
import { toActionItem, toMeeting } from './meeting-view';

export interface ReviewChangeContext {
  actor: string;
  now: Date;
  newId: () => string;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

function meetingOrThrow(db: ReadDb, id: string): MeetingRow {
  const meeting = getMeetingRow(db, id);
  if (meeting === undefined) throw new AppError('not_found', `No review meeting ${id}.`);
  return meeting;
}

export function readMeeting(db: ReadDb, id: string, now: Date): Meeting {
  const meeting = meetingOrThrow(db, id);
  return toMeeting({ meeting, agenda: listAgenda(db, id), decisions: listDecisions(db, id), actionItems: listActionItems(db, { meetingId: id }) }, today(now));
}

export function listMeetings(db: ReadDb, now: Date): Meeting[] {
  return db.snapshot((snap) => listMeetingRows(snap).map((meeting) => readMeeting(snap, meeting.id, now)));
}

export interface PlanRequest {
  title: string;
  scheduledFor: string;
  timeZone: string;
  attendees: string[];
  tiers: Tier[];
  accountIds: string[];
  agenda: AgendaEntry[];
}

export function planMeeting(db: WriteDb, request: PlanRequest, context: ReviewChangeContext): Meeting {
  const at = context.now.toISOString();
  const id = context.newId();
  return db.transaction((tx) => {
    insertMeeting(tx, {
      id,
      title: request.title,
      scheduledFor: request.scheduledFor,
      timeZone: request.timeZone,
      status: 'planned',
      attendees: request.attendees,
      tiers: [...new Set(request.tiers)].sort(),
      accountIds: [...new Set(request.accountIds)].sort(),
      createdAt: at,
      createdBy: context.actor,
      startedAt: null,
      endedAt: null,
      updatedAt: at,
    });
    replaceAgenda(tx, id, request.agenda);
    appendAuditEntry(tx, {
      at,
      actor: context.actor,
      action: 'review.plan',
      target: `review:${id}`,
      details: { title: request.title, scheduledFor: request.scheduledFor, timeZone: request.timeZone, attendees: request.attendees, agenda: request.agenda.map((e) => e.arn) },
    });
    return readMeeting(tx, id, context.now);
  });
}

/** Replaces a planned meeting's agenda (entries in order, already resolved by the caller). */
export function setAgenda(db: WriteDb, id: string, agenda: AgendaEntry[], context: ReviewChangeContext): Meeting {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const meeting = meetingOrThrow(tx, id);
    if (meeting.status !== 'planned') throw new AppError('conflict', `“${meeting.title}” has started: its agenda can no longer change.`);
    const before = listAgenda(tx, id).map((entry) => entry.arn);
    replaceAgenda(tx, id, agenda);
    setMeetingStatus(tx, id, { status: 'planned', startedAt: null, endedAt: null, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'review.agenda', target: `review:${id}`, details: { from: before, to: agenda.map((entry) => entry.arn) } });
    return readMeeting(tx, id, context.now);
  });
}

/** Starts a planned meeting; a meeting in progress is resumed as it is (nothing written). */
export function startMeeting(db: WriteDb, id: string, context: ReviewChangeContext): Meeting {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const meeting = meetingOrThrow(tx, id);
    if (meeting.status === 'held') throw new AppError('conflict', `“${meeting.title}” was held and ended; plan a new meeting.`);
    if (meeting.status === 'planned') {
      setMeetingStatus(tx, id, { status: 'in_progress', startedAt: at, endedAt: null, updatedAt: at });
      appendAuditEntry(tx, { at, actor: context.actor, action: 'review.start', target: `review:${id}`, details: { title: meeting.title } });
    }
    return readMeeting(tx, id, context.now);
  });
}

export interface DecisionRequest {
  meetingId: string;
  arn: string;
  decision: ReviewDecisionKind;
  newTier: Tier | null;
  reason: string | null;
  deferUntil: string | null;
  note: string;
  deciders: string[];
  actionItems: { text: string; owner: string; dueDate: string }[];
  /** What the room saw (evidence.ts), computed by the caller from the current state. */
  evidence: ReviewEvidence;
  /** The tier the analysis computed (the registry service's review cadence when it has no override). */
  computedTier: Tier | null;
}

export function recordDecision(db: WriteDb, request: DecisionRequest, context: ReviewChangeContext): Meeting {
  const at = context.now.toISOString();
  const decidedOn = today(context.now);
  if (request.deferUntil !== null && request.deferUntil.slice(0, 10) <= decidedOn) throw new AppError('invalid_input', 'A deferral is to a date after today.');
  const hash = evidenceHash(request.evidence);
  return db.transaction((tx) => {
    const meeting = meetingOrThrow(tx, request.meetingId);
    if (meeting.status !== 'in_progress') {
      throw new AppError('conflict', meeting.status === 'planned' ? `Start “${meeting.title}” before recording decisions.` : `“${meeting.title}” has ended; its decisions are final.`);
    }
    const entry = listAgenda(tx, meeting.id).find((row) => row.arn === request.arn);
    if (entry === undefined) throw new AppError('conflict', `${request.arn} is not on the agenda of “${meeting.title}”.`);
    if (getDecision(tx, meeting.id, request.arn) !== undefined) throw new AppError('conflict', `${entry.name} was already decided in this meeting; decisions are final once made.`);
    insertDecision(tx, {
      meetingId: meeting.id,
      arn: request.arn,
      decision: request.decision,
      newTier: request.newTier,
      reason: request.reason,
      deferUntil: request.deferUntil,
      note: request.note,
      deciders: request.deciders,
      decidedAt: at,
      evidence: request.evidence,
      evidenceHash: hash,
    });
    request.actionItems.forEach((item, position) => {
      insertActionItem(tx, { id: context.newId(), meetingId: meeting.id, arn: request.arn, position, text: item.text, owner: item.owner, dueDate: item.dueDate, status: 'open', doneAt: null, doneBy: null, createdAt: at });
    });
    appendAuditEntry(tx, {
      at,
      actor: context.actor,
      action: 'review.decision',
      target: request.arn,
      details: {
        meetingId: meeting.id,
        meeting: meeting.title,
        decision: request.decision,
        newTier: request.newTier,
        reason: request.reason,
        deferUntil: request.deferUntil,
        note: request.note,
        deciders: request.deciders,
        evidenceHash: hash,
        actionItems: request.actionItems,
      },
    });
    const effect = registryEffect(request, { decidedOn, tierInForce: request.evidence.tier });
    updateRegistry(tx, {
      arns: [request.arn],
      patch: effect.patch,
      actor: context.actor,
      now: context.now,
      tierOf: () => request.computedTier,
      reason: effect.decommissionReason,
    });
    setMeetingStatus(tx, meeting.id, { status: meeting.status, startedAt: meeting.startedAt, endedAt: null, updatedAt: at });
    return readMeeting(tx, meeting.id, context.now);
  });
}

/** Ends a meeting in progress; the agents not decided are carried over to the next meeting. */
export function endMeeting(db: WriteDb, id: string, context: ReviewChangeContext): Meeting {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const meeting = meetingOrThrow(tx, id);
    if (meeting.status !== 'in_progress') throw new AppError('conflict', meeting.status === 'planned' ? `“${meeting.title}” has not started.` : `“${meeting.title}” has already ended.`);
    const decided = new Set(listDecisions(tx, id).map((d) => d.arn));
    const carried = listAgenda(tx, id)
      .filter((entry) => !decided.has(entry.arn))
      .map((entry) => entry.arn);
    markCarriedOver(tx, id, carried);
    setMeetingStatus(tx, id, { status: 'held', startedAt: meeting.startedAt, endedAt: at, updatedAt: at });
    appendAuditEntry(tx, { at, actor: context.actor, action: 'review.end', target: `review:${id}`, details: { title: meeting.title, decided: decided.size, carriedOver: carried } });
    return readMeeting(tx, id, context.now);
  });
}

function actionItemName(db: ReadDb, row: ActionItemRow): string {
  return agendaNames(db, [row.meetingId]).get(`${row.meetingId}\n${row.arn}`) ?? row.arn;
}

export function listActionItemViews(db: ReadDb, filter: { status: 'open' | 'done' | null; arn: string | null }, now: Date): ActionItem[] {
  return db.snapshot((snap) => {
    const rows = listActionItems(snap, filter);
    const names = agendaNames(
      snap,
      rows.map((row) => row.meetingId),
    );
    return rows.map((row) => toActionItem(row, names.get(`${row.meetingId}\n${row.arn}`) ?? row.arn, today(now)));
  });
}

export function updateActionItemStatus(db: WriteDb, id: string, status: 'open' | 'done', context: ReviewChangeContext): ActionItem {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const item = getActionItem(tx, id);
    if (item === undefined) throw new AppError('not_found', `No action item ${id}.`);
    if (item.status !== status) {
      setActionItemStatus(tx, id, status === 'done' ? { status, doneAt: at, doneBy: context.actor } : { status, doneAt: null, doneBy: null });
      appendAuditEntry(tx, {
        at,
        actor: context.actor,
        action: status === 'done' ? 'review.action_item_done' : 'review.action_item_reopened',
        target: item.arn,
        details: { actionItemId: id, meetingId: item.meetingId, text: item.text, owner: item.owner, dueDate: item.dueDate },
      });
    }
    const updated = getActionItem(tx, id) ?? item;
    return toActionItem(updated, actionItemName(tx, updated), today(context.now));
  });
}
