/** Pure helpers of meeting mode: what the slide says, who decides, and the dialogs' defaults. */
import type { AgendaItemView, Meeting, ReviewDecision, ReviewEvidence } from '@shared/contract';
import { decisionLabel } from './meeting-keys';

/** One line per service of "what it can do", the riskiest first: permissions management, then write. */
export interface PermissionLine {
  service: string;
  levels: string[];
  anyResource: boolean;
  /** Write or permissions management: what the room should look at. */
  hot: boolean;
}

const LEVEL_ORDER = ['Permissions management', 'Write', 'Read', 'List', 'Tagging'];

export function permissionLines(permissions: ReviewEvidence['permissions']): PermissionLine[] {
  const weight = (levels: readonly string[]): number => (levels.includes('Permissions management') ? 2 : 0) + (levels.includes('Write') ? 1 : 0);
  return permissions
    .map((permission) => ({
      service: permission.service,
      levels: [...permission.levels].sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b)),
      anyResource: permission.anyResource,
      hot: weight(permission.levels) > 0,
    }))
    .sort((a, b) => weight(b.levels) - weight(a.levels) || Number(b.anyResource) - Number(a.anyResource) || a.service.localeCompare(b.service));
}

/** The first `max` lines and how many were left out (a projector shows a screenful, not a database). */
export function firstLines<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** Who decides: the meeting's attendees, else the person at the keyboard (as the audit log names them). */
export function decidersFor(meeting: Pick<Meeting, 'attendees'>, you: string): string[] {
  const attendees = meeting.attendees.map((name) => name.trim()).filter((name) => name !== '');
  return attendees.length > 0 ? attendees : [you];
}

/** A date `days` after `from`, as YYYY-MM-DD (due dates, deferrals). */
export function dateAfter(days: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Keep", "Re-tier to Tier 2", "Defer to 2027-01-05": a decision in words. */
export function decisionSummary(decision: Pick<ReviewDecision, 'decision' | 'newTier' | 'deferUntil'>): string {
  if (decision.decision === 'retier' && decision.newTier !== null) return `Re-tier to Tier ${decision.newTier}`;
  if (decision.decision === 'defer' && decision.deferUntil !== null) return `Defer to ${decision.deferUntil}`;
  return decisionLabel(decision.decision);
}

/** Anything to say under "What changed since its last review". */
export function hasChanges(changes: AgendaItemView['changes']): boolean {
  return (
    changes.newFindings.length > 0 ||
    changes.resolvedFindings.length > 0 ||
    changes.newPermissions.length > 0 ||
    changes.newWorkloads.length > 0 ||
    changes.ownerChange !== null ||
    changes.tierChange !== null
  );
}

/** Where meeting mode opens: where the meeting stopped (the first agent without a decision), else the first. */
export function resumeArn(meeting: Pick<Meeting, 'agenda' | 'nextArn'>): string | null {
  return meeting.nextArn ?? meeting.agenda[0]?.arn ?? null;
}
