import { COLLECTOR_OUTCOMES, type JobStep, type ScanSummary } from '@shared/contract';
import type { BadgeTone } from '../../components/badge';
import type { IconName } from '../../components/icon';
import { formatCount, plural } from '../../lib/format';

export type StepStatus = JobStep['status'];

export interface StatusStyle {
  label: string;
  tone: BadgeTone;
  icon: IconName;
  /** What it means, for a tooltip and the legend. */
  description: string;
}

/** How each collector outcome and progress status looks. Colour is never the only signal: each has an icon and a word. */
export const STEP_STATUS_STYLES: Record<StepStatus, StatusStyle> = {
  pending: { label: 'Waiting', tone: 'neutral', icon: 'circle', description: 'Not started yet.' },
  running: { label: 'Running', tone: 'accent', icon: 'clock', description: 'Reading from AWS now.' },
  ok: { label: 'OK', tone: 'success', icon: 'check-circle', description: 'Everything this collector reads was read.' },
  denied: { label: 'Access denied', tone: 'warning', icon: 'ban', description: 'The scanner’s credentials may not call this API; add it from the scanner policy.' },
  throttled: { label: 'Throttled', tone: 'warning', icon: 'clock', description: 'AWS kept refusing for too many requests, even after retries.' },
  unsupported: { label: 'Not available', tone: 'neutral', icon: 'minus-circle', description: 'The service or API does not exist in this region or partition.' },
  failed: { label: 'Failed', tone: 'danger', icon: 'x-circle', description: 'An error other than a refusal; the message says which.' },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: 'x', description: 'Stopped by Cancel before it finished.' },
};

/** A step still waiting or running when its job ended (the job failed or was cancelled around it). */
export const UNFINISHED_STEP_STYLE: StatusStyle = {
  label: 'Not finished',
  tone: 'neutral',
  icon: 'minus-circle',
  description: 'The job ended before this step did.',
};

export const SCAN_STATUS_STYLES: Record<ScanSummary['status'] | 'running', StatusStyle> = {
  running: { label: 'Running', tone: 'accent', icon: 'clock', description: 'In progress.' },
  completed: { label: 'Completed', tone: 'success', icon: 'check-circle', description: 'The scan ran to the end (some collectors may have been refused).' },
  failed: { label: 'Failed', tone: 'danger', icon: 'x-circle', description: 'No usable result: nothing was written for it.' },
  cancelled: { label: 'Cancelled', tone: 'warning', icon: 'x', description: 'Stopped by Cancel: nothing was written for it.' },
};

export const SOURCE_LABELS: Record<ScanSummary['source'], { label: string; description: string }> = {
  live: { label: 'Live scan', description: 'Read from AWS with your credentials.' },
  import: { label: 'Import', description: 'Read from exported files.' },
  demo: { label: 'Demo', description: 'The built-in demo company.' },
};

export interface OutcomeCount {
  outcome: string;
  count: number;
  style: StatusStyle | null;
}

/** Outcomes in a fixed order (ok first, then problems), any the UI does not know at the end. */
export function outcomeCounts(outcomes: Readonly<Record<string, number>>): OutcomeCount[] {
  const known = COLLECTOR_OUTCOMES.filter((outcome) => (outcomes[outcome] ?? 0) > 0).map((outcome) => ({
    outcome,
    count: outcomes[outcome] ?? 0,
    style: STEP_STATUS_STYLES[outcome],
  }));
  const unknown = Object.entries(outcomes)
    .filter(([outcome, count]) => count > 0 && !(COLLECTOR_OUTCOMES as readonly string[]).includes(outcome))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => ({ outcome, count, style: null }));
  return [...known, ...unknown];
}

/** The word after a count, where the outcome's own name would not read as English. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = { unsupported: 'not available' };

/**
 * One outcome's count, phrased the same in the scan history, a scan's page and a job's outcome:
 * "12 ok", "1 denied", "3 not available".
 */
export function outcomeCountText(outcome: string, count: number): string {
  return `${formatCount(count)} ${OUTCOME_WORDS[outcome] ?? outcome}`;
}

/** "12 ok · 1 denied", or "—" when no collector ran. */
export function outcomeSummary(outcomes: Readonly<Record<string, number>>): string {
  const counts = outcomeCounts(outcomes);
  if (counts.length === 0) return '—';
  return counts.map(({ outcome, count }) => outcomeCountText(outcome, count)).join(' · ');
}

/**
 * How many runs (collector runs of a scan, steps of a job) did not read everything, and why, in one
 * sentence used everywhere: "2 of 14 collector runs did not read everything: 1 denied · 1 failed."
 * or "14 collector runs, all ok." Outcomes still waiting or running are not counted as problems.
 */
export function incompleteRunsText(outcomes: Readonly<Record<string, number>>, noun: { one: string; many: string }): string {
  const counts = outcomeCounts(outcomes).filter(({ outcome }) => outcome !== 'pending' && outcome !== 'running');
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const problems = counts.filter(({ outcome }) => outcome !== 'ok');
  if (problems.length === 0) return `${plural(total, noun.one, noun.many)}, all ok.`;
  const notOk = problems.reduce((sum, { count }) => sum + count, 0);
  const why = problems.map(({ outcome, count }) => outcomeCountText(outcome, count)).join(' · ');
  return `${formatCount(notOk)} of ${plural(total, noun.one, noun.many)} did not read everything: ${why}.`;
}
