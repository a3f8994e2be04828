/**
 * What the Plan screen and the Overview's plan card say, as plain functions of the contract's PlanView
 * (unit-tested in plan-model.test.ts): today's position, the week headings, each task's status and
 * evidence in words, where a blocker leads, and the burn-down's points.
 */
import type { PlanBlocker, PlanEvidence, PlanTask, PlanView } from '@shared/contract';
import { isSafeExternalUrl } from '@shared/external-url';
import { formatDate } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { findingPath } from '../findings/findings-route';

/** The longest text each plan field takes, as plan.ts's schemas accept it. */
export const PLAN_LIMITS = { owner: 200, notes: 4000, evidence: 2000, reason: 2000, title: 200 } as const;

export type PlanWeek = PlanTask['week'];
export const PLAN_WEEKS: readonly PlanWeek[] = [1, 2, 3, 4];

/** The four weeks as PRODUCT.md names them. */
export const WEEK_TITLES: Record<PlanWeek, string> = {
  1: 'Inventory and classification',
  2: 'Non-human identities first (Tier 1)',
  3: 'Shadow AI',
  4: 'Governance cadence',
};

type Plan = NonNullable<PlanView['plan']>;

/** "Week 2, day 10 of 30" (day 0 of the back end is the start's day, the first of 30). */
export function positionText(plan: Plan): string {
  const { position } = plan;
  if (position.phase === 'before') return `Starts in ${position.day === -1 ? '1 day' : `${-position.day} days`} (${formatDate(plan.startDate)})`;
  if (position.phase === 'week') return `Week ${position.week}, day ${position.day + 1} of 30`;
  return position.day < 30 ? `Day ${position.day + 1} of 30, past the four weeks` : `Ended ${position.day - 29 === 1 ? '1 day' : `${position.day - 29} days`} ago (started ${formatDate(plan.startDate)})`;
}

export interface StatusView {
  label: string;
  tone: 'neutral' | 'accent' | 'success' | 'warning' | 'danger';
}

/** The badge of a task's status; a measured done task reads "Verified", a claimed one "Done (claimed)": never alike. */
export function statusView(task: PlanTask): StatusView {
  switch (task.status) {
    case 'done':
      return task.evidence?.kind === 'scan' ? { label: 'Verified', tone: 'success' } : { label: 'Done (claimed)', tone: 'accent' };
    case 'regressed':
      return { label: 'Regressed', tone: 'danger' };
    case 'skipped':
      return { label: 'Skipped', tone: 'neutral' };
    case 'open':
      return task.late ? { label: 'Late', tone: 'danger' } : { label: 'Open', tone: 'warning' };
  }
}

/** "Verified by scan s-12 on 3 Dec 2026" or "Claimed by Dana on 3 Dec 2026". */
export function evidenceText(evidence: PlanEvidence): string {
  if (evidence.kind === 'scan') {
    const [first, ...rest] = evidence.scanIds;
    const scans = first === undefined ? 'the current scans' : rest.length === 0 ? `scan ${first}` : `scans ${evidence.scanIds.join(', ')}`;
    return `Verified by ${scans} on ${formatDate(evidence.at)}`;
  }
  return `Claimed by ${evidence.by} on ${formatDate(evidence.at)}`;
}

/** "7 of 9 done"; a criterion with nothing to count (no Tier 1 agent, no key) says so instead of "0 of 0". */
export function progressText(progress: NonNullable<PlanTask['progress']>): string {
  if (progress.total === 0) return 'Nothing to count';
  return `${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} done`;
}

/** 0..1, a criterion with nothing to count being met (the back end decides whether it is done). */
export function progressRatio(progress: NonNullable<PlanTask['progress']>): number {
  return progress.total === 0 ? 1 : progress.done / progress.total;
}

/**
 * A claim's evidence note, when the whole of it is one URL the app opens (shared/external-url.ts: a
 * public https address): the only case it becomes a link. Anything else (http, an intranet or IP
 * address, other schemes, text around it, control characters) stays text, with its copy button: the
 * desktop app would refuse to open it, and a link that does nothing when clicked reads as broken.
 */
export function evidenceUrl(note: string): string | null {
  const text = note.trim();
  if (!isSafeExternalUrl(text)) return null;
  return new URL(text).href;
}

/** Where a blocker leads (a hash link) and how it is named. */
export function blockerLink(blocker: PlanBlocker): { href: string; text: string } {
  switch (blocker.kind) {
    case 'agent':
      return { href: `#${agentPath(blocker.arn)}`, text: blocker.name };
    case 'finding':
      return { href: `#${findingPath(blocker.findingId)}`, text: blocker.principalName !== null ? `${blocker.title} — ${blocker.principalName}` : blocker.title };
    case 'account':
      return { href: '#/scans/new', text: blocker.alias !== null ? `${blocker.alias} (${blocker.accountId})` : blocker.accountId };
  }
}

/**
 * "and N more": the list that holds every blocker. Findings of one rule: Findings of that rule, still
 * open; several rules: every open finding; agents: the Inventory (Tier 1 if all shown are); accounts: Scans.
 */
/** The Inventory list that holds exactly what an agent criterion counts, where the Inventory can say it. */
const AGENT_LISTS: Readonly<Record<string, string>> = {
  'w1-ai-owner': '#/inventory?ai=1&owner=-none',
  'w1-tier1-confirmed': '#/inventory?tier=1',
  'w2-tier1-no-long-lived-keys': '#/inventory?tier=1&keys=1',
  'w3-no-unregistered-ai': '#/inventory?ai=1&status=unregistered',
};

export function moreHref(task: PlanTask): string {
  const first = task.blocking[0];
  const list = AGENT_LISTS[task.id];
  if (first?.kind === 'agent' && list !== undefined) return list;
  if (first === undefined || first.kind === 'account') return '#/scans';
  if (first.kind === 'agent') {
    const allTier1 = task.blocking.every((blocker) => blocker.kind === 'agent' && blocker.tier === 1);
    return allTier1 ? '#/inventory?tier=1' : '#/inventory?ai=1';
  }
  const rules = new Set(task.blocking.flatMap((blocker) => (blocker.kind === 'finding' ? [blocker.ruleId] : [])));
  const [rule] = [...rules];
  const query = new URLSearchParams();
  if (rules.size === 1 && rule !== undefined) query.set('rule', rule);
  query.set('status', 'new,open,regressed');
  return `#/findings?${query.toString().replace(/%2C/g, ',')}`;
}

/** A task's due date as a day ("3 Dec 2026"); the back end sends an ISO date. */
export function dueText(task: PlanTask): string {
  return task.late ? `Late: due ${formatDate(task.dueDate)}` : `Due ${formatDate(task.dueDate)}`;
}

export function tasksOfWeek(view: PlanView, week: PlanWeek): PlanTask[] {
  return view.tasks.filter((task) => task.week === week).sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.step - b.step);
}

/** One week's count for its heading: "3 of 4 done · 1 late". */
export function weekSummary(tasks: readonly PlanTask[]): string {
  const counted = tasks.filter((task) => task.status !== 'skipped');
  const done = counted.filter((task) => task.status === 'done').length;
  const late = tasks.filter((task) => task.late).length;
  return `${done} of ${counted.length} done${late > 0 ? ` · ${late} late` : ''}`;
}

/** What the Overview's plan card needs: `overview:get`'s plan (its last recorded evaluation). */
export interface PlanCardInput {
  startDate: string;
  week: PlanWeek | null;
  summary: PlanView['summary'];
}

/**
 * The Overview's plan card: "Plan: week 2 · 8 of 18 verified · 2 late" (skipped tasks out of the
 * count); null before the plan exists. Outside the four weeks: "starts 8 Dec" or "four weeks over".
 */
export function planCardText(plan: PlanCardInput | null, today: string = todayIso()): string | null {
  if (plan === null) return null;
  const { summary } = plan;
  const where = plan.week !== null ? `week ${plan.week}` : plan.startDate.slice(0, 10) > today ? `starts ${shortDay(plan.startDate)}` : 'four weeks over';
  const counted = summary.total - summary.skipped;
  return `Plan: ${where} · ${summary.done} of ${counted} verified${summary.late > 0 ? ` · ${summary.late} late` : ''}`;
}

export interface BurnDownPoint {
  key: string;
  at: string;
  day: string;
  open: number;
  done: number;
  total: number;
}

/** The burn-down's points (the plan's, or the Overview's plan progress), oldest first, each labelled by its day. */
export function burnDownPoints(burnDown: PlanView['burnDown']): BurnDownPoint[] {
  const sorted = [...burnDown].sort((a, b) => a.at.localeCompare(b.at));
  const perDay = new Map<string, number>();
  for (const point of sorted) perDay.set(shortDay(point.at), (perDay.get(shortDay(point.at)) ?? 0) + 1);
  // Several evaluations of one day (a scan, then a claim) read apart by their time (UTC, as the days),
  // and by a count when they fall in the same minute.
  const seen = new Map<string, number>();
  return sorted.map((point, index) => {
    const day = shortDay(point.at);
    const timed = (perDay.get(day) ?? 0) > 1 ? `${day} ${point.at.slice(11, 16)}` : day;
    const nth = (seen.get(timed) ?? 0) + 1;
    seen.set(timed, nth);
    const label = nth > 1 ? `${timed} (${nth})` : timed;
    return { key: `${point.at}-${index}`, at: point.at, day: label, open: point.open, done: point.done, total: point.total };
  });
}

/** "3 Dec" (UTC, as the back end counts days). */
export function shortDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The burn-down's accessible name: the figures, oldest first. */
export function burnDownLabel(points: readonly BurnDownPoint[]): string {
  const title = 'Open criteria across evaluations';
  if (points.length === 0) return `${title}: nothing recorded yet`;
  return `${title}: ${points.map((point) => `${point.day} ${point.open} open of ${point.total}`).join('; ')}`;
}

/** Today as YYYY-MM-DD in the user's own calendar (what a date field shows). */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The form checks the contract also makes, said before sending. */
export function validateSkipReason(reason: string): string | null {
  return reason.trim().length < 10 ? 'Say why, in at least 10 characters.' : null;
}
export function validateEvidence(evidence: string): string | null {
  return evidence.trim().length < 3 ? 'Say what shows it is done: a note or a link.' : null;
}
export function validateTitle(title: string): string | null {
  return title.trim().length < 3 ? 'Give the task a title of at least 3 characters.' : null;
}

/** A week's days from the start date: "1 Dec – 7 Dec" (week 4 runs to day 30). */
export function weekRange(startDate: string, week: PlanWeek): string {
  const start = Date.parse(`${startDate.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(start)) return '';
  const DAY = 86_400_000;
  const first = new Date(start + (week - 1) * 7 * DAY).toISOString();
  const last = new Date(start + (week === 4 ? 29 : week * 7 - 1) * DAY).toISOString();
  return `${shortDay(first)} – ${shortDay(last)}`;
}

/** The tasks past their due date, soonest due first. */
export function lateTasks(view: PlanView): PlanTask[] {
  return view.tasks.filter((task) => task.late).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/**
 * The one thing to do next: a regressed task first (it was done and is not), then a late one, then the
 * current week's open tasks, soonest due first; null when nothing is left open.
 */
export function nextTask(view: PlanView): PlanTask | null {
  const current = view.plan?.week ?? null;
  const rank = (task: PlanTask): number => (task.status === 'regressed' ? 0 : task.late ? 1 : task.week === current ? 2 : 3);
  const open = view.tasks.filter((task) => task.status === 'open' || task.status === 'regressed');
  open.sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.week - b.week || a.step - b.step);
  return open[0] ?? null;
}
