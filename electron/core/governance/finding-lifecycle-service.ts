/**
 * The finding lifecycle over the findings repository: the rules (finding-lifecycle.ts) decide what
 * status each finding has in a scan when the scan's findings are written, and what a reader is
 * shown once people's decisions are laid over it; the repository only stores and reads the rows.
 * Writes run inside the caller's transaction (the analysis store's, one per analysed scan).
 */
import type { FindingRow, FindingSummary, SeverityName } from '@shared/contract';
import type { Finding } from '../analysis/types';
import type { ReadDb, WriteDb } from '../db/handles';
import {
  deleteScanFindings,
  firstSeenBefore,
  insertScanFinding,
  manualResolutions,
  readScanFindingStatuses,
  readScanFindings,
  readScanFindingsByFingerprint,
  rowsMissingFrom,
  scanFindingStates,
  scanFingerprints,
  statesAbsentFrom,
  toFindingRow,
  toFindingSummaryRow,
  insertFindingState,
  updateStateAfterScan,
  writeResolvedByScan,
  type FindingFilter,
  type FindingRowOptions,
  type FindingTextsOf,
  type ScanRef,
} from '../db/repositories/findings';
import type { TextStoreOptions } from '../db/repositories/analysis-texts';
import { displayedStatus, resolvedByScan, scanLifecycle, stateAfterScan, type Acceptance, type FindingStatus, type ScanLifecycle } from './finding-lifecycle';

/**
 * Replaces the findings stored for `scan` with `findings`, each with its lifecycle as of that scan.
 * Earlier scans of the account must already be stored (the store analyses them in order).
 */
export function writeScanFindings(
  db: WriteDb,
  scan: ScanRef,
  previous: ScanRef | null,
  findings: readonly Finding[],
  textsOf?: FindingTextsOf,
  store: TextStoreOptions = {},
): void {
  deleteScanFindings(db, scan.id);
  const lifeOf = scanLifecycles(db, scan, previous);
  for (const finding of findings) insertScanFinding(db, scan, finding, lifeOf(finding.fingerprint), textsOf, store);
}

/**
 * Each finding's lifecycle in `scan` from what the earlier scans of its account stored (read before
 * this scan's findings are written): what `writeScanFindings` stores, and what an unstored first view
 * shows (analysis-store.ts).
 */
export function scanLifecycles(db: ReadDb, scan: ScanRef, previous: ScanRef | null): (fingerprint: string) => ScanLifecycle {
  const earlier = firstSeenBefore(db, scan);
  const inPrevious = previous === null ? new Set<string>() : scanFingerprints(db, previous.id);
  const manual = manualResolutions(db);
  return (fingerprint) =>
    scanLifecycle(
      {
        firstSeenAt: earlier.get(fingerprint) ?? null,
        inPreviousScan: inPrevious.has(fingerprint),
        previousScanAt: previous?.startedAt ?? null,
        manualResolvedAt: manual.get(fingerprint) ?? null,
      },
      scan.startedAt,
    );
}

/**
 * Brings `finding_states` up to date with the newest scan of an account: what it has is open,
 * accepted or regressed; what the previous scan had and it lacks is resolved by that scan, and so is
 * what an earlier analysis of this same scan had and this one lacks.
 */
export function updateFindingStates(db: WriteDb, scan: ScanRef, previous: ScanRef | null, now: string): void {
  for (const finding of scanFindingStates(db, scan.id)) {
    const after = stateAfterScan(finding.seen, finding.before);
    if (finding.before === undefined) insertFindingState(db, scan, finding, after, now);
    else updateStateAfterScan(db, scan, finding.fingerprint, after, now);
  }
  for (const absent of statesAbsentFrom(db, scan, previous)) {
    if (resolvedByScan(absent)) writeResolvedByScan(db, absent.fingerprint, scan, now);
  }
}

/** The findings of a scan with their displayed lifecycle, most severe first. */
export function listScanFindings(db: ReadDb, scan: ScanRef, filter: FindingFilter, now: Date, rows: FindingRowOptions = {}): FindingRow[] {
  const result: FindingRow[] = [];
  for (const stored of readScanFindings(db, scan.id, filter)) {
    const status = displayedStatus(stored.scanStatus, scan.startedAt, stored.decision, now);
    // Filtered before the row is built: its evidence and texts are parsed only for what is shown.
    if (filter.status !== null && status !== filter.status) continue;
    result.push(toFindingRow(stored.row, status, stored.decision?.acceptance ?? null, rows));
  }
  return result;
}

/**
 * `listScanFindings` as summaries (`findings:summaries`): the same rows, read without their evidence
 * and texts (`readScanFindings`' summary columns), ~half the read's time at 10,000 principals.
 */
export function listScanFindingSummaries(db: ReadDb, scan: ScanRef, filter: FindingFilter, now: Date): FindingSummary[] {
  const result: FindingSummary[] = [];
  for (const stored of readScanFindings(db, scan.id, filter, { summary: true })) {
    const status = displayedStatus(stored.scanStatus, scan.startedAt, stored.decision, now);
    if (filter.status !== null && status !== filter.status) continue;
    result.push(toFindingSummaryRow(stored.row, status, stored.decision?.acceptance ?? null));
  }
  return result;
}

/** A finding of a scan with its displayed lifecycle, without its texts (`listScanFindingStatuses`). */
export interface FindingStatusRow {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  principalArn: string | null;
  status: FindingStatus;
  acceptance: Acceptance | null;
}

/**
 * The findings of these rules in a scan with the status `listScanFindings` shows for them (same rules:
 * `displayedStatus`), without their texts, in no particular order: for criteria that count findings.
 */
export function listScanFindingStatuses(db: ReadDb, scan: ScanRef, ruleIds: readonly string[], now: Date): FindingStatusRow[] {
  return readScanFindingStatuses(db, scan.id, ruleIds).map((stored) => ({
    fingerprint: stored.fingerprint,
    ruleId: stored.ruleId,
    severity: stored.severity,
    principalArn: stored.principalArn,
    status: displayedStatus(stored.scanStatus, scan.startedAt, stored.decision, now),
    acceptance: stored.decision?.acceptance ?? null,
  }));
}

/** The findings of a scan with these fingerprints, as `listScanFindings` shows them (for the few a page names). */
export function listScanFindingsByFingerprint(db: ReadDb, scan: ScanRef, fingerprints: readonly string[], now: Date): FindingRow[] {
  return readScanFindingsByFingerprint(db, scan.id, fingerprints).map((stored) =>
    toFindingRow(stored.row, displayedStatus(stored.scanStatus, scan.startedAt, stored.decision, now), stored.decision?.acceptance ?? null),
  );
}

/** What the previous scan of the account had and this one lacks: resolved since. */
export function resolvedSince(db: ReadDb, scan: ScanRef, previous: ScanRef | null, filter: FindingFilter, rows: FindingRowOptions = {}): FindingRow[] {
  if (previous === null) return [];
  return rowsMissingFrom(db, scan, previous, filter).map((row) => ({ ...toFindingRow(row, 'resolved', null, rows), isNew: false }));
}
