/**
 * The `reviews:*` channels: review meetings. The current state (every account's newest scan, analysed)
 * gives the candidates and meeting mode's agent (as agents:get shows it); governance/reviews/ decides
 * due dates, agendas, evidence and changes (pure) and writes every change with its audit entries
 * (review-service.ts). Each write emits `reviews:changed`; a decision also `registry:changed`.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_REVIEW_CADENCE, reviewEvidenceSchema, type AgendaEntry, type AgentDetail, type ReviewEvidence } from '@shared/contract';
import type { Handlers } from '../dispatch';
import type { Workspace } from '../db/open-workspace';
import { listAgentRows } from '../db/repositories/agents';
import { getRegistryRecord, listRegistryRecords } from '../db/repositories/registry';
import { latestDecisionElsewhere, listCarriedOver, readCalendarSequences, workspaceId, writeCalendarSequences } from '../db/repositories/reviews';
import { currentActor, getSettings } from '../db/repositories/settings';
import { AppError } from '../errors';
import { listScanFindings } from '../governance/finding-lifecycle-service';
import { drawAgenda, editAgenda } from '../governance/reviews/agenda';
import { anchorMeeting, reviewSeriesDrafts, withSequences } from '../governance/reviews/calendar-series';
import { diffEvidence } from '../governance/reviews/changes';
import { buildReviewCalendar, ReviewCalendarError } from '../governance/reviews/ics';
import { dueAgents, toDueAgent, type ReviewCandidate } from '../governance/reviews/due';
import { evidenceFromDetail, evidenceHash, evidenceWithoutScan } from '../governance/reviews/evidence';
import { buildMinutes } from '../governance/reviews/minutes';
import {
  endMeeting,
  listActionItemViews,
  listMeetings,
  planMeeting,
  readMeeting,
  recordDecision,
  setAgenda,
  startMeeting,
  updateActionItemStatus,
  type ReviewChangeContext,
} from '../governance/reviews/review-service';
import { createAgentHandlers } from './agents-handlers';
import { chooseView } from './analysed-scan';
import type { ServiceDeps } from './handler-deps';

export type ReviewHandlers = Pick<
  Handlers,
  | 'reviews:due'
  | 'reviews:list'
  | 'reviews:get'
  | 'reviews:plan'
  | 'reviews:updateAgenda'
  | 'reviews:start'
  | 'reviews:agendaItem'
  | 'reviews:decide'
  | 'reviews:end'
  | 'reviews:minutes'
  | 'reviews:actionItems'
  | 'reviews:calendar'
  | 'reviews:updateActionItem'
>;

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Every identity of the current state with its registry's review dates and open critical/high findings. */
export async function currentReviewCandidates(deps: Pick<ServiceDeps, 'analysis' | 'clock'>, workspace: Workspace): Promise<ReviewCandidate[]> {
  const view = await chooseView(deps, workspace, { scanId: null, accountId: null });
  const now = deps.clock();
  return workspace.read.snapshot((read) => {
    const registry = listRegistryRecords(read);
    const candidates: ReviewCandidate[] = [];
    for (const scan of view.scans) {
      const open = new Map<string, number>();
      for (const severity of ['critical', 'high'] as const) {
        for (const finding of listScanFindings(read, scan, { severity, ruleId: null, status: null }, now)) {
          if (finding.principalArn === null || finding.status === 'accepted' || finding.status === 'resolved') continue;
          open.set(finding.principalArn, (open.get(finding.principalArn) ?? 0) + 1);
        }
      }
      for (const row of listAgentRows(read, scan.id)) {
        const record = registry.get(row.arn);
        candidates.push({
          arn: row.arn,
          name: row.name,
          accountId: row.accountId,
          tier: row.tier,
          owner: row.owner,
          status: row.status,
          lastReviewAt: record?.lastReviewAt ?? null,
          nextReviewAt: record?.nextReviewAt ?? null,
          openCriticalHigh: open.get(row.arn) ?? 0,
        });
      }
    }
    return candidates;
  });
}

export function createReviewHandlers(deps: ServiceDeps): ReviewHandlers {
  const agents = createAgentHandlers(deps);
  const reviewCandidates = (workspace: Workspace): Promise<ReviewCandidate[]> => currentReviewCandidates(deps, workspace);

  function changeContext(workspace: Workspace): ReviewChangeContext {
    return { actor: currentActor(workspace.read, deps.env), now: deps.clock(), newId: randomUUID };
  }

  /** The agent as agents:get shows it, or null when no account's current scan has it any more. */
  async function agentDetail(arn: string): Promise<AgentDetail | null> {
    try {
      return await agents['agents:get']({ scanId: null, arn });
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
  }

  async function evidenceOf(workspace: Workspace, entry: AgendaEntry): Promise<{ detail: AgentDetail | null; evidence: ReviewEvidence }> {
    const detail = await agentDetail(entry.arn);
    if (detail !== null) return { detail, evidence: evidenceFromDetail(detail) };
    return { detail, evidence: evidenceWithoutScan(entry, getRegistryRecord(workspace.read, entry.arn)) };
  }

  function changed(meetingId: string | null, arns: readonly string[] = []): void {
    deps.emit('reviews:changed', { meetingId });
    if (arns.length > 0) deps.emit('registry:changed', { arns: [...arns] });
  }

  return {
    'reviews:due': async ({ by, tiers, accountIds }) => {
      const workspace = deps.workspaces.current();
      const now = deps.clock();
      const cadence = getSettings(workspace.read).reviewCadence;
      const date = by?.slice(0, 10) ?? today(now);
      const candidates = await reviewCandidates(workspace);
      return {
        by: date,
        cadence: { ...(cadence ?? DEFAULT_REVIEW_CADENCE), set: cadence !== null },
        agents: dueAgents(candidates, { by: date, today: today(now), cadence, tiers, accountIds }),
      };
    },

    'reviews:list': () => {
      const workspace = deps.workspaces.current();
      return { meetings: listMeetings(workspace.read, deps.clock()) };
    },

    'reviews:get': ({ id }) => readMeeting(deps.workspaces.current().read, id, deps.clock()),

    'reviews:plan': async (input) => {
      const workspace = deps.workspaces.current();
      const now = deps.clock();
      const cadence = getSettings(workspace.read).reviewCadence;
      const candidates = await reviewCandidates(workspace);
      const scope = { tiers: input.tiers, accountIds: input.accountIds };
      const due = dueAgents(candidates, { by: input.scheduledFor.slice(0, 10), today: today(now), cadence, ...scope });
      const carried = listCarriedOver(workspace.read).map((row) => ({ arn: row.arn, name: row.name, accountId: row.accountId, tier: row.tier, meetingTitle: row.meetingTitle }));
      const agenda = drawAgenda(due, carried, new Map(candidates.map((c) => [c.arn, c])), { today: today(now), cadence, ...scope });
      const meeting = planMeeting(workspace.write, { ...input, agenda }, changeContext(workspace));
      changed(meeting.id);
      return meeting;
    },

    'reviews:updateAgenda': async ({ id, arns }) => {
      const workspace = deps.workspaces.current();
      const now = deps.clock();
      const current = readMeeting(workspace.read, id, now);
      if (current.status !== 'planned') throw new AppError('conflict', `“${current.title}” has started: its agenda can no longer change.`);
      const cadence = getSettings(workspace.read).reviewCadence;
      const candidates = new Map((await reviewCandidates(workspace)).map((c) => [c.arn, c]));
      const { entries, unknown, repeated } = editAgenda(current.agenda, arns, (arn) => {
        const candidate = candidates.get(arn);
        if (candidate === undefined || candidate.status === 'decommissioned') return null;
        const due = toDueAgent(candidate, { today: today(now), cadence });
        const isDue = due.dueDate === null || due.dueDate <= current.scheduledFor.slice(0, 10);
        return { arn, name: candidate.name, accountId: candidate.accountId, tier: candidate.tier, reason: isDue && candidate.status === 'registered' ? due.reason : 'Added by hand' };
      });
      if (repeated.length > 0) throw new AppError('invalid_input', `An agent is on the agenda once: ${repeated.join(', ')} is listed twice.`);
      if (unknown.length > 0) throw new AppError('invalid_input', `Not an identity of the current scans (or decommissioned): ${unknown.join(', ')}.`);
      const meeting = setAgenda(workspace.write, id, entries, changeContext(workspace));
      changed(id);
      return meeting;
    },

    'reviews:start': ({ id }) => {
      const workspace = deps.workspaces.current();
      const before = readMeeting(workspace.read, id, deps.clock());
      const meeting = startMeeting(workspace.write, id, changeContext(workspace));
      if (before.status !== meeting.status) changed(id);
      return meeting;
    },

    'reviews:agendaItem': async ({ id, arn }) => {
      const workspace = deps.workspaces.current();
      const now = deps.clock();
      const meeting = readMeeting(workspace.read, id, now);
      const position = meeting.agenda.findIndex((entry) => entry.arn === arn);
      const entry = meeting.agenda[position];
      if (entry === undefined) throw new AppError('not_found', `${arn} is not on the agenda of “${meeting.title}”.`);
      const { detail, evidence } = await evidenceOf(workspace, entry);
      const previous = latestDecisionElsewhere(workspace.read, arn, id);
      const previousEvidence = previous === undefined ? null : reviewEvidenceSchema.safeParse(previous.evidence);
      const changes = diffEvidence(
        previousEvidence?.success === true ? previousEvidence.data : null,
        evidence,
        previous === undefined ? null : { meetingId: previous.meetingId, meetingTitle: previous.meetingTitle, decision: previous.decision, decidedAt: previous.decidedAt, evidenceHash: previous.evidenceHash },
      );
      const decision = meeting.decisions.find((d) => d.arn === arn) ?? null;
      return {
        meetingId: id,
        meetingStatus: meeting.status,
        position: position + 1,
        total: meeting.agenda.length,
        decidedCount: meeting.decisions.length,
        entry,
        previousArn: meeting.agenda[position - 1]?.arn ?? null,
        nextArn: meeting.agenda[position + 1]?.arn ?? null,
        detail,
        evidence,
        evidenceHash: evidenceHash(evidence),
        changes,
        decision,
      };
    },

    'reviews:decide': async (input) => {
      const workspace = deps.workspaces.current();
      const meeting = readMeeting(workspace.read, input.id, deps.clock());
      const entry = meeting.agenda.find((e) => e.arn === input.arn);
      if (entry === undefined) throw new AppError('conflict', `${input.arn} is not on the agenda of “${meeting.title}”.`);
      // The evidence is what the room sees now: read before the transaction (reading may analyse).
      const { detail, evidence } = await evidenceOf(workspace, entry);
      if (input.evidenceHash !== null && input.evidenceHash !== evidenceHash(evidence)) {
        throw new AppError('conflict', `What is known about ${entry.name} changed since it was shown (a scan, an import or a registry change); look at it again before deciding.`);
      }
      const saved = recordDecision(
        workspace.write,
        {
          meetingId: input.id,
          arn: input.arn,
          decision: input.decision,
          newTier: input.newTier,
          reason: input.reason,
          deferUntil: input.deferUntil,
          note: input.note,
          deciders: input.deciders,
          actionItems: input.actionItems,
          evidence,
          computedTier: detail?.tier.computed ?? null,
        },
        changeContext(workspace),
      );
      changed(input.id, [input.arn]);
      return saved;
    },

    'reviews:end': ({ id }) => {
      const workspace = deps.workspaces.current();
      const meeting = endMeeting(workspace.write, id, changeContext(workspace));
      changed(id);
      return meeting;
    },

    'reviews:minutes': ({ id }) => {
      const now = deps.clock();
      return buildMinutes(readMeeting(deps.workspaces.current().read, id, now), now);
    },

    'reviews:actionItems': ({ status, arn }) => ({ items: listActionItemViews(deps.workspaces.current().read, { status, arn }, deps.clock()) }),

    'reviews:calendar': ({ mode, tier }) => {
      const workspace = deps.workspaces.current();
      const now = deps.clock();
      const anchor = anchorMeeting(listMeetings(workspace.read, now), today(now), tier);
      if (anchor === null) throw new AppError('conflict', 'Plan a review meeting first: the calendar repeats its time, time zone and attendees.');
      const drafts = reviewSeriesDrafts(anchor, { mode, tier, cadence: getSettings(workspace.read).reviewCadence });
      // The SEQUENCE numbers are read and stored in one transaction, so two exports cannot both take the same next number.
      const { series, text } = workspace.write.transaction((tx) => {
        const numbered = withSequences(drafts, readCalendarSequences(tx));
        let calendar: string;
        try {
          calendar = buildReviewCalendar({ workspaceId: workspaceId(tx), calendarName: 'Agent reviews', series: numbered.series, now });
        } catch (error) {
          if (error instanceof ReviewCalendarError) throw new AppError('invalid_input', error.message);
          throw error;
        }
        writeCalendarSequences(tx, numbered.state);
        return { series: numbered.series, text: calendar };
      });
      return {
        fileName: mode === 'combined' ? 'agent-reviews.ics' : tier === null ? 'agent-reviews-by-tier.ics' : `agent-reviews-tier-${tier}.ics`,
        text,
        series: series.map((s) => ({ key: s.key, title: s.title, firstStart: s.firstStart, timeZone: s.timeZone, freq: s.recurrence.freq, interval: s.recurrence.interval, sequence: s.sequence })),
      };
    },

    'reviews:updateActionItem': ({ id, status }) => {
      const workspace = deps.workspaces.current();
      const item = updateActionItemStatus(workspace.write, id, status, changeContext(workspace));
      changed(item.meetingId);
      return item;
    },
  };
}
