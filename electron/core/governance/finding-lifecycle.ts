/**
 * A finding's life across the scans of one account (pure part). Per fingerprint, in time order:
 *
 * - new: the first scan that has it;
 * - open: seen before and still there;
 * - resolved: a later scan lacks it (or a person marked it resolved and no scan has contradicted it);
 * - regressed: it was resolved (by a scan, or by hand before this scan) and is seen again;
 * - accepted: a person accepted the risk with a reason until a date; once the date has passed it
 *   shows as open again, with the expired acceptance kept so the screen can say so.
 *
 * What a scan saw is stored per scan (new/open/regressed); what people decided is kept per
 * fingerprint and laid over it when findings are read, so an acceptance expires without a write.
 */
import type { FindingRow } from '@shared/contract';

export type ScanFindingStatus = 'new' | 'open' | 'regressed';
export type FindingStatus = FindingRow['status'];

export interface ScanFindingHistory {
  /** When an earlier scan of the account first had it; null when none did. */
  firstSeenAt: string | null;
  /** The previous scan of the account had it. */
  inPreviousScan: boolean;
  /** When the previous scan of the account started (null for the account's first scan). */
  previousScanAt: string | null;
  /** A person marked it resolved at this time (and has not withdrawn it). */
  manualResolvedAt: string | null;
}

export interface ScanLifecycle {
  status: ScanFindingStatus;
  /** Absent from the previous scan of the account. */
  isNew: boolean;
  firstSeenAt: string;
}

/** The status a finding has in a scan that started at `scanAt`, from what came before. */
export function scanLifecycle(history: ScanFindingHistory, scanAt: string): ScanLifecycle {
  if (history.firstSeenAt === null) return { status: 'new', isNew: true, firstSeenAt: scanAt };
  if (!history.inPreviousScan) return { status: 'regressed', isNew: true, firstSeenAt: history.firstSeenAt };
  const resolvedByHandSince =
    history.manualResolvedAt !== null &&
    (history.previousScanAt === null || history.manualResolvedAt >= history.previousScanAt) &&
    history.manualResolvedAt <= scanAt;
  return { status: resolvedByHandSince ? 'regressed' : 'open', isNew: false, firstSeenAt: history.firstSeenAt };
}

export interface Acceptance {
  reason: string;
  /** `YYYY-MM-DD` (accepted through the end of that day, UTC) or an ISO instant. */
  until: string;
  by: string | null;
  at: string;
}

/** The moment an acceptance stops holding. */
export function acceptanceEnds(until: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(until) ? Date.parse(`${until}T23:59:59.999Z`) : Date.parse(until);
}

export function acceptanceHolds(acceptance: Acceptance, now: Date): boolean {
  const ends = acceptanceEnds(acceptance.until);
  return Number.isFinite(ends) && now.getTime() <= ends;
}

/** What people decided about a fingerprint. */
export interface HumanDecision {
  acceptance: Acceptance | null;
  /** Marked resolved by hand at this time, not yet confirmed or contradicted by a scan. */
  manualResolvedAt: string | null;
}

/** The status shown for a finding of a scan, with people's decisions laid over what the scan saw. */
export function displayedStatus(scanStatus: ScanFindingStatus, scanAt: string, decision: HumanDecision | undefined, now: Date): FindingStatus {
  if (decision === undefined) return scanStatus;
  if (decision.acceptance !== null && acceptanceHolds(decision.acceptance, now)) return 'accepted';
  // Resolved by hand after this scan: nothing has contradicted the person yet.
  if (decision.manualResolvedAt !== null && decision.manualResolvedAt >= scanAt) return 'resolved';
  // An expired acceptance reopens: a finding the scan called new or regressed stays so, else open.
  return scanStatus;
}

/** Checks an acceptance's end date is in the future (a past date would accept nothing). */
export function acceptanceUntilProblem(until: string, now: Date): string | null {
  const ends = acceptanceEnds(until);
  if (!Number.isFinite(ends)) return `"${until}" is not a date.`;
  if (ends < now.getTime()) return `the date ${until} has already passed; accept a risk until a future date.`;
  return null;
}

/** Where a fingerprint stands now across the account's scans (a `finding_states` row's state). */
export type FindingState = 'open' | 'accepted' | 'resolved' | 'regressed';

/** A finding as the account's newest scan stored it. */
export interface SeenInScan {
  status: ScanFindingStatus;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** What the lifecycle reads of a fingerprint's state before the newest scan is laid over it. */
export interface StateBefore {
  state: FindingState;
  firstSeenAt: string;
  accepted: boolean;
  resolvedAt: string | null;
  /** The scan that resolved it; null when a person did (or it is not resolved). */
  resolvedScanId: string | null;
  regressedAt: string | null;
}

/** A fingerprint's state once the newest scan, which has it, is laid over it. */
export interface StateAfterScan {
  state: FindingState;
  firstSeenAt: string;
  lastSeenAt: string;
  regressedAt: string | null;
  resolvedAt: string | null;
}

/** The state of a fingerprint the account's newest scan has (`before` undefined: its first state). */
export function stateAfterScan(seen: SeenInScan, before: StateBefore | undefined): StateAfterScan {
  const fromScan: FindingState = seen.status === 'regressed' ? 'regressed' : 'open';
  if (before === undefined) return { state: fromScan, firstSeenAt: seen.firstSeenAt, lastSeenAt: seen.lastSeenAt, regressedAt: null, resolvedAt: null };
  // An acceptance stands whatever the scan says; a resolution by hand after this scan stands until a later one.
  const resolvedByHandSince = before.state === 'resolved' && before.resolvedScanId === null && before.resolvedAt !== null && before.resolvedAt > seen.lastSeenAt;
  const state: FindingState = before.accepted ? 'accepted' : resolvedByHandSince ? 'resolved' : fromScan;
  return {
    state,
    firstSeenAt: before.firstSeenAt < seen.firstSeenAt ? before.firstSeenAt : seen.firstSeenAt,
    lastSeenAt: seen.lastSeenAt,
    regressedAt: fromScan === 'regressed' ? seen.lastSeenAt : before.regressedAt,
    // Seen again: a resolution by a scan no longer holds. One by hand is kept so analysing this scan
    // again still finds the regression it caused.
    resolvedAt: before.resolvedScanId !== null ? null : before.resolvedAt,
  };
}

/** A fingerprint's state that the account's newest scan lacks. */
export interface AbsentFromScan {
  state: FindingState;
  /** An earlier analysis of this same scan had it (the analysis was re-run: a threshold, the registry or a policy changed). */
  lastSeenInThisScan: boolean;
  /** The previous scan of the account had it. */
  inPreviousScan: boolean;
}

/**
 * Whether the newest scan resolves a fingerprint it lacks: what the previous scan had, and what an
 * earlier analysis of this scan had (not left open for a finding no scan shows).
 */
export function resolvedByScan(absent: AbsentFromScan): boolean {
  return absent.inPreviousScan || (absent.lastSeenInThisScan && absent.state !== 'resolved');
}
