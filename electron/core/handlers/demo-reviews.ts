/**
 * The demo company's review meetings, written when the demo is built (issue 12), after its plan
 * (demo-plan.ts): one held meeting with its minutes (the two agents the registry says were reviewed
 * on the same day, a keep and a keep with changes whose action item is now overdue) and a meeting
 * planned for today whose agenda is what is due now, so a newcomer can press "Start meeting" at once.
 * The held meeting is history: its rows and audit entries carry their own dates, and the registry
 * already records that review (resources/demo/<account>/registry.json), so it is not applied again.
 * Its evidence is each agent as the account's previous scan saw it (the scan before the meeting's
 * successor), so meeting mode shows what changed since. The planned agenda is drawn by the same rules
 * as any meeting's (governance/reviews/).
 */
import type { AgentDetail } from '@shared/contract';
import { appendAuditEntry } from '../db/repositories/audit-log';
import { insertActionItem, insertDecision, insertMeeting, replaceAgenda, setMeetingStatus } from '../db/repositories/reviews';
import { listScans } from '../db/repositories/scans';
import type { Workspace } from '../db/open-workspace';
import { getSettings } from '../db/repositories/settings';
import { drawAgenda } from '../governance/reviews/agenda';
import { cadenceDays } from '../analysis/rules/review-due';
import { dueAgents, type ReviewCandidate } from '../governance/reviews/due';
import { evidenceFromDetail, evidenceHash } from '../governance/reviews/evidence';
import { planMeeting } from '../governance/reviews/review-service';
import { AppError } from '../errors';
import { createAgentHandlers } from './agents-handlers';
import { DEMO_PLAN_CLAIMER, DEMO_PLAN_LEAD } from './demo-plan';
import type { ServiceDeps } from './handler-deps';
import { currentReviewCandidates } from './reviews-handlers';

export const DEMO_HELD_MEETING_TITLE = 'Tier 1 agent review';
export const DEMO_PLANNED_MEETING_TITLE = 'Monthly agent review';
const DEMO_ATTENDEES = [DEMO_PLAN_LEAD, DEMO_PLAN_CLAIMER, 'Ines Duarte (data science)'];
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Two registered agents the registry says were reviewed at the same moment, between a week and a
 * month ago: a meeting's worth. Two Tier 1 agents when there are (a Tier 1 meeting), the newest first.
 */
function heldMeetingAgents(candidates: readonly ReviewCandidate[], now: Date): ReviewCandidate[] {
  const byMoment = new Map<string, ReviewCandidate[]>();
  for (const candidate of candidates) {
    if (candidate.status !== 'registered' || candidate.lastReviewAt === null) continue;
    const age = now.getTime() - Date.parse(candidate.lastReviewAt);
    if (!(age > 7 * DAY_MS && age < 30 * DAY_MS)) continue;
    byMoment.set(candidate.lastReviewAt, [...(byMoment.get(candidate.lastReviewAt) ?? []), candidate]);
  }
  const pairs = [...byMoment.entries()]
    .map(([moment, group]) => ({ moment, group: [...group].sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name)).slice(0, 2) }))
    .filter(({ group }) => group.length === 2);
  const tier1 = (group: ReviewCandidate[]): boolean => group.every((c) => c.tier === 1);
  pairs.sort((a, b) => Number(tier1(b.group)) - Number(tier1(a.group)) || b.moment.localeCompare(a.moment));
  return pairs[0]?.group ?? [];
}

export async function seedDemoReviews(deps: ServiceDeps, workspace: Workspace): Promise<void> {
  const now = deps.clock();
  const candidates = await currentReviewCandidates(deps, workspace);
  const agents = createAgentHandlers(deps);
  const held = heldMeetingAgents(candidates, now);
  const reviewedOn = held[0]?.lastReviewAt ?? null;
  if (held.length === 2 && reviewedOn !== null) {
    const reviewedAt = Date.parse(reviewedOn);
    const at = (minutes: number): string => new Date(reviewedAt + minutes * MINUTE_MS).toISOString();
    // Each agent as the scan before its account's newest saw it: the evidence the room had then.
    const previousScanOf = (accountId: string | null): string | null => {
      const scans = listScans(workspace.read).filter((scan) => scan.status === 'completed' && scan.accountId === accountId);
      return scans[1]?.id ?? scans[0]?.id ?? null;
    };
    const details: AgentDetail[] = [];
    for (const agent of held) {
      const scanId = previousScanOf(agent.accountId);
      try {
        details.push(await agents['agents:get']({ scanId, arn: agent.arn }));
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
    }
    if (details.length === 2) writeHeldMeeting(workspace, held, details, { at, now, cadence: getSettings(workspace.read).reviewCadence });
  }
  // Today's meeting: its agenda is what is due by today.
  const today = now.toISOString().slice(0, 10);
  const cadence = getSettings(workspace.read).reviewCadence;
  const due = dueAgents(candidates, { by: today, today, cadence, tiers: [], accountIds: [] });
  const agenda = drawAgenda(due, [], new Map(candidates.map((c) => [c.arn, c])), { today, cadence, tiers: [], accountIds: [] });
  let id = 0;
  planMeeting(
    workspace.write,
    { title: DEMO_PLANNED_MEETING_TITLE, scheduledFor: `${today}T15:00`, timeZone: 'Europe/London', attendees: DEMO_ATTENDEES, tiers: [], accountIds: [], agenda },
    { actor: DEMO_PLAN_LEAD, now: new Date(now.getTime() - DAY_MS), newId: () => `demo-planned-meeting${id++ === 0 ? '' : `-${id}`}` },
  );
}

function writeHeldMeeting(
  workspace: Workspace,
  held: readonly ReviewCandidate[],
  details: readonly AgentDetail[],
  context: { at: (minutes: number) => string; now: Date; cadence: ReturnType<typeof getSettings>['reviewCadence'] },
): void {
  const { at } = context;
  const id = 'demo-held-meeting';
  const [kept, changed] = held;
  const [keptDetail, changedDetail] = details;
  if (kept === undefined || changed === undefined || keptDetail === undefined || changedDetail === undefined) return;
  const startedAt = at(-20);
  const title = held.every((agent) => agent.tier === 1) ? DEMO_HELD_MEETING_TITLE : 'Agent review';
  workspace.write.transaction((tx) => {
    insertMeeting(tx, {
      id,
      title,
      scheduledFor: startedAt.slice(0, 13).concat(':00'),
      timeZone: 'UTC',
      status: 'planned',
      attendees: DEMO_ATTENDEES,
      tiers: [...new Set(held.map((agent) => agent.tier))].sort(),
      accountIds: [],
      createdAt: at(-7 * 24 * 60),
      createdBy: DEMO_PLAN_LEAD,
      startedAt: null,
      endedAt: null,
      updatedAt: at(-7 * 24 * 60),
    });
    // Its review before that one is not recorded: the agenda says it was due by its tier's cadence.
    replaceAgenda(
      tx,
      id,
      held.map((agent) => ({ arn: agent.arn, name: agent.name, accountId: agent.accountId, tier: agent.tier, reason: `Tier ${agent.tier}: due for its review (every ${cadenceDays(context.cadence, agent.tier)} days)` })),
    );
    appendAuditEntry(tx, { at: at(-7 * 24 * 60), actor: DEMO_PLAN_LEAD, action: 'review.plan', target: `review:${id}`, details: { title, agenda: held.map((a) => a.arn) } });
    setMeetingStatus(tx, id, { status: 'in_progress', startedAt, endedAt: null, updatedAt: startedAt });
    appendAuditEntry(tx, { at: startedAt, actor: DEMO_PLAN_LEAD, action: 'review.start', target: `review:${id}`, details: { title } });
    const decisions = [
      { agent: kept, detail: keptDetail, decision: 'keep' as const, note: 'Still needed for the support queue; scope unchanged.', actionItems: [] as { text: string; owner: string; dueDate: string }[], decidedAt: at(0) },
      {
        agent: changed,
        detail: changedDetail,
        decision: 'keep_with_changes' as const,
        note: 'Keep, but its long-lived key must go.',
        actionItems: [{ text: 'Replace the access key with a role the job assumes', owner: changed.owner ?? DEMO_PLAN_LEAD, dueDate: new Date(context.now.getTime() - 5 * DAY_MS).toISOString().slice(0, 10) }],
        decidedAt: at(0),
      },
    ];
    decisions.forEach((entry, index) => {
      const evidence = evidenceFromDetail(entry.detail);
      const hash = evidenceHash(evidence);
      insertDecision(tx, { meetingId: id, arn: entry.agent.arn, decision: entry.decision, newTier: null, reason: null, deferUntil: null, note: entry.note, deciders: [DEMO_PLAN_LEAD, DEMO_PLAN_CLAIMER], decidedAt: entry.decidedAt, evidence, evidenceHash: hash });
      entry.actionItems.forEach((item, position) => {
        insertActionItem(tx, { id: `demo-action-item-${index}-${position}`, meetingId: id, arn: entry.agent.arn, position, text: item.text, owner: item.owner, dueDate: item.dueDate, status: 'open', doneAt: null, doneBy: null, createdAt: entry.decidedAt });
      });
      appendAuditEntry(tx, {
        at: entry.decidedAt,
        actor: DEMO_PLAN_LEAD,
        action: 'review.decision',
        target: entry.agent.arn,
        details: { meetingId: id, meeting: title, decision: entry.decision, newTier: null, reason: null, deferUntil: null, note: entry.note, deciders: [DEMO_PLAN_LEAD, DEMO_PLAN_CLAIMER], evidenceHash: hash, actionItems: entry.actionItems },
      });
    });
    const endedAt = at(25);
    setMeetingStatus(tx, id, { status: 'held', startedAt, endedAt, updatedAt: endedAt });
    appendAuditEntry(tx, { at: endedAt, actor: DEMO_PLAN_LEAD, action: 'review.end', target: `review:${id}`, details: { title, decided: 2, carriedOver: [] } });
  });
}
