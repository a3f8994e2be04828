/**
 * Stored findings of a scan and the state of each fingerprint: rows in, rows out. The lifecycle's
 * rules (what status a finding has in a scan, what a reader is shown) are decided above, in
 * governance/finding-lifecycle-service.ts, which hands this module the values to write.
 *
 * `findings` holds what each scan saw (status new/open/regressed as of that scan, isNew, details);
 * `finding_states` holds one row per fingerprint: where it stands now, and what people decided
 * (acceptance with reason and end date, resolution by hand).
 */
import type { FindingDetailsView, FindingRow, FindingSummary, SeverityName } from '@shared/contract';
import { StoredJsonObject } from '@shared/stored-json';
import type { Finding } from '../../analysis/types';
import { AppError } from '../../errors';
import type {
  AbsentFromScan,
  Acceptance,
  FindingState,
  FindingStatus,
  HumanDecision,
  ScanFindingStatus,
  ScanLifecycle,
  SeenInScan,
  StateAfterScan,
  StateBefore,
} from '../../governance/finding-lifecycle';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { storeText, type TextStoreOptions } from './analysis-texts';

/** A scan as the lifecycle needs it. */
export interface ScanRef {
  id: string;
  accountId: string | null;
  startedAt: string;
}

/** A finding's fields stored together as its details text. */
export interface FindingDetails {
  resourceId: string | null;
  accountId: string;
  region: string | null;
  remediation: string;
  fix: FindingRow['fix'];
  frameworks: string[];
  explanation: string;
}

// ---------------------------------------------------------------------------------------------
// Writing a scan's findings
// ---------------------------------------------------------------------------------------------

/** Fingerprints of earlier scans of the account, with when each was first seen. */
export function firstSeenBefore(db: ReadDb, scan: ScanRef): Map<string, string> {
  const seen = new Map<string, string>();
  if (scan.accountId === null) return seen;
  const rows = db.iterate(sql`
    SELECT f.fingerprint, min(f.first_seen_at) AS first
    FROM findings f JOIN scans s ON s.id = f.scan_id
    WHERE s.account_id = ${scan.accountId} AND s.status = 'completed'
      AND (s.started_at < ${scan.startedAt} OR (s.started_at = ${scan.startedAt} AND s.id < ${scan.id}))
    GROUP BY f.fingerprint`);
  for (const row of rows) seen.set(String(row['fingerprint']), String(row['first']));
  return seen;
}

export function scanFingerprints(db: ReadDb, scanId: string): Set<string> {
  return new Set(db.all(sql`SELECT fingerprint FROM findings WHERE scan_id = ${scanId}`).map((r) => String(r['fingerprint'])));
}

/** Resolutions by hand not confirmed by a scan (kept after a regression, so re-analysis gives the same answer). */
export function manualResolutions(db: ReadDb): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const row of db.iterate(sql`SELECT fingerprint, resolved_at FROM finding_states WHERE resolved_at IS NOT NULL AND resolved_scan_id IS NULL`)) {
    resolved.set(String(row['fingerprint']), String(row['resolved_at']));
  }
  return resolved;
}

export function deleteScanFindings(db: WriteDb, scanId: string): void {
  db.run(sql`DELETE FROM findings WHERE scan_id = ${scanId}`);
}

/** Stores one finding of `scan` with the lifecycle it was given, seen last at the scan's start. */
export function insertScanFinding(
  db: WriteDb,
  scan: ScanRef,
  finding: Finding,
  life: ScanLifecycle,
  textsOf: FindingTextsOf = findingTexts,
  store: TextStoreOptions = {},
): void {
  const texts = textsOf(finding);
  // Evidence and texts are stored once however many scans repeat them (analysis-texts.ts).
  const evidenceRef = storeText(db, texts.evidenceJson, store);
  const detailsRef = storeText(db, texts.detailsJson, store);
  db.run(sql`
    INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, principal_arn, title, status,
                          first_seen_at, last_seen_at, is_new, evidence_ref, details_ref)
    VALUES (${scan.id}, ${finding.fingerprint}, ${finding.ruleId}, ${finding.severity}, ${finding.step}, ${finding.resourceArn},
            ${finding.principalArn}, ${finding.title}, ${life.status}, ${life.firstSeenAt},
            ${scan.startedAt}, ${life.isNew}, ${evidenceRef}, ${detailsRef})
    ON CONFLICT (scan_id, fingerprint) DO NOTHING`);
}

/** A finding's evidence and details as stored JSON texts. */
export interface FindingTexts {
  evidenceJson: string;
  detailsJson: string;
}

/** How a writer gets a finding's texts (`findingTexts` unless a caller has them already). */
export type FindingTextsOf = (finding: Finding) => FindingTexts;

/** The fields of a finding stored as its details text. */
export function findingDetails(finding: Finding): FindingDetails {
  return {
    resourceId: finding.resourceId,
    accountId: finding.accountId,
    region: finding.region,
    remediation: finding.remediation,
    fix: finding.fix,
    frameworks: finding.frameworks,
    explanation: finding.explanation,
  };
}

/** A finding's evidence and texts as they are stored. */
export function findingTexts(finding: Finding): FindingTexts {
  return { evidenceJson: JSON.stringify(finding.evidence), detailsJson: JSON.stringify(findingDetails(finding)) };
}

/**
 * Whether people decided anything about one of `fingerprints` that a reader would see laid over a
 * scan's findings: an acceptance, or a resolution by hand. (A resolution by a scan is no decision.)
 */
export function anyDecided(db: ReadDb, fingerprints: ReadonlySet<string>): boolean {
  for (const row of db.iterate(sql`
    SELECT fingerprint FROM finding_states WHERE accepted_reason IS NOT NULL OR (state = 'resolved' AND resolved_scan_id IS NULL)`)) {
    if (fingerprints.has(String(row['fingerprint']))) return true;
  }
  return false;
}

/** A finding of a scan with the state row of its fingerprint (undefined when it has none yet). */
export interface ScanFindingState {
  fingerprint: string;
  ruleId: string;
  resourceArn: string;
  seen: SeenInScan;
  before: StateBefore | undefined;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function scanFindingStates(db: ReadDb, scanId: string): ScanFindingState[] {
  const result: ScanFindingState[] = [];
  const rows = db.iterate(sql`
    SELECT f.fingerprint, f.rule_id, f.resource_arn, f.status, f.first_seen_at, f.last_seen_at,
           st.fingerprint AS st_fingerprint, st.state AS st_state, st.first_seen_at AS st_first_seen_at,
           st.accepted_reason AS st_accepted_reason, st.resolved_at AS st_resolved_at,
           st.resolved_scan_id AS st_resolved_scan_id, st.regressed_at AS st_regressed_at
    FROM findings f LEFT JOIN finding_states st ON st.fingerprint = f.fingerprint
    WHERE f.scan_id = ${scanId}`);
  for (const row of rows) {
    result.push({
      fingerprint: String(row['fingerprint']),
      ruleId: String(row['rule_id']),
      resourceArn: String(row['resource_arn']),
      seen: { status: String(row['status']) as ScanFindingStatus, firstSeenAt: String(row['first_seen_at']), lastSeenAt: String(row['last_seen_at']) },
      before:
        row['st_fingerprint'] === null
          ? undefined
          : {
              state: String(row['st_state']) as FindingState,
              firstSeenAt: String(row['st_first_seen_at']),
              accepted: row['st_accepted_reason'] !== null,
              resolvedAt: optionalText(row['st_resolved_at']),
              resolvedScanId: optionalText(row['st_resolved_scan_id']),
              regressedAt: optionalText(row['st_regressed_at']),
            },
    });
  }
  return result;
}

/** The first state row of a fingerprint, first and last seen in `scan`. */
export function insertFindingState(db: WriteDb, scan: ScanRef, finding: Pick<ScanFindingState, 'fingerprint' | 'ruleId' | 'resourceArn'>, after: StateAfterScan, now: string): void {
  db.run(sql`
    INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at, first_seen_scan_id,
                                last_seen_scan_id, regressed_at, resolved_at, updated_at)
    VALUES (${finding.fingerprint}, ${finding.ruleId}, ${finding.resourceArn}, ${after.state}, ${after.firstSeenAt}, ${after.lastSeenAt},
            ${scan.id}, ${scan.id}, ${after.regressedAt}, ${after.resolvedAt}, ${now})`);
}

/** A fingerprint's state row once `scan`, which has it, is laid over it (people's decisions kept). */
export function updateStateAfterScan(db: WriteDb, scan: ScanRef, fingerprint: string, after: StateAfterScan, now: string): void {
  db.run(sql`
    UPDATE finding_states SET state = ${after.state}, first_seen_at = ${after.firstSeenAt}, last_seen_at = ${after.lastSeenAt},
      last_seen_scan_id = ${scan.id}, regressed_at = ${after.regressedAt}, resolved_at = ${after.resolvedAt}, resolved_scan_id = NULL,
      updated_at = ${now}
    WHERE fingerprint = ${fingerprint}`);
}

/**
 * The state rows `scan` lacks that it could resolve: those an earlier analysis of this same scan
 * last saw, and those of the previous scan of the account.
 */
export function statesAbsentFrom(db: ReadDb, scan: ScanRef, previous: ScanRef | null): (AbsentFromScan & { fingerprint: string })[] {
  const previousId = previous?.id ?? null;
  return db
    .all(sql`
      SELECT st.fingerprint, st.state, st.last_seen_scan_id IS ${scan.id} AS last_seen_here,
             EXISTS (SELECT 1 FROM findings p WHERE p.scan_id = ${previousId} AND p.fingerprint = st.fingerprint) AS in_previous
      FROM finding_states st
      WHERE (st.last_seen_scan_id = ${scan.id} OR st.fingerprint IN (SELECT fingerprint FROM findings WHERE scan_id = ${previousId}))
        AND st.fingerprint NOT IN (SELECT fingerprint FROM findings WHERE scan_id = ${scan.id})`)
    .map((row) => ({
      fingerprint: String(row['fingerprint']),
      state: String(row['state']) as FindingState,
      lastSeenInThisScan: row['last_seen_here'] === 1,
      inPreviousScan: row['in_previous'] === 1,
    }));
}

export function writeResolvedByScan(db: WriteDb, fingerprint: string, scan: ScanRef, now: string): void {
  db.run(sql`
    UPDATE finding_states SET state = 'resolved', resolved_scan_id = ${scan.id}, resolved_at = ${scan.startedAt}, updated_at = ${now}
    WHERE fingerprint = ${fingerprint}`);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

interface StateRow {
  state: string;
  decision: HumanDecision;
}

function decisionOf(row: Row): StateRow {
  const reason = row['accepted_reason'];
  const acceptance: Acceptance | null =
    typeof reason === 'string' && typeof row['accepted_until'] === 'string'
      ? { reason, until: String(row['accepted_until']), by: typeof row['accepted_by'] === 'string' ? row['accepted_by'] : null, at: String(row['accepted_at']) }
      : null;
  const state = String(row['state']);
  const pendingManual = state === 'resolved' && row['resolved_scan_id'] === null && typeof row['resolved_at'] === 'string' ? row['resolved_at'] : null;
  return { state, decision: { acceptance, manualResolvedAt: pendingManual } };
}

function statesFor(db: ReadDb, scanId: string): Map<string, StateRow> {
  const states = new Map<string, StateRow>();
  // The decided few, then whether the scan has them: asked the other way round (each of the scan's
  // fingerprints looked up in finding_states) it took ~55 ms per read at 50,000 findings, this ~5 ms.
  const rows = db.iterate(sql`
    SELECT st.* FROM finding_states st
    WHERE (st.accepted_reason IS NOT NULL OR st.state = 'resolved')
      AND EXISTS (SELECT 1 FROM findings f WHERE f.scan_id = ${scanId} AND f.fingerprint = st.fingerprint)`);
  for (const row of rows) states.set(String(row['fingerprint']), decisionOf(row));
  return states;
}

function parseObject(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A stored finding as the contract shows it, with the status and acceptance decided for it. */
/** How a row's evidence is made: parsed (the default), or its stored text unparsed (`storedEvidence`). */
export interface FindingRowOptions {
  /**
   * The evidence as its stored text, for a reply the loopback server writes as JSON
   * (shared/stored-json.ts, dispatch.ts `json`): not parsed here only to be serialised again. A
   * text that is not an object's is read as before.
   */
  storedEvidence?: boolean;
}

/**
 * The governance policy a finding's evidence names (`governance_policy_violation`: `policy`, its ID,
 * and `policyName`), or null: what a list of summaries filters by.
 */
export function policyOfEvidence(evidence: Readonly<Record<string, unknown>>): FindingSummary['policy'] {
  const id = evidence['policy'];
  if (typeof id !== 'string') return null;
  const name = evidence['policyName'];
  return { id, name: typeof name === 'string' ? name : null };
}

/** A row as a list shows it (`findings:summaries`): without what only an opened finding shows. */
export function toFindingSummary(row: FindingRow): FindingSummary {
  const { evidence, explanation: _explanation, remediation: _remediation, fix: _fix, ...summary } = row;
  return { ...summary, policy: policyOfEvidence(evidence) };
}

/**
 * `toFindingSummary(toFindingRow(…))` of a row read with `readScanFindings(…, { summary: true })`,
 * which carries the few values a summary takes from the texts instead of the texts.
 */
export function toFindingSummaryRow(row: Row, status: FindingStatus, acceptance: Acceptance | null): FindingSummary {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const policyId = text(row['s_policy']);
  const frameworks = text(row['s_frameworks']);
  return {
    fingerprint: String(row['fingerprint']),
    scanId: String(row['scan_id']),
    ruleId: String(row['rule_id']),
    severity: String(row['severity']) as SeverityName,
    step: Number(row['step']),
    title: String(row['title']),
    principalArn: text(row['principal_arn']),
    resourceArn: String(row['resource_arn']),
    resourceId: text(row['s_resource_id']),
    accountId: text(row['s_account_id']) ?? '',
    region: text(row['s_region']),
    frameworks: frameworks === null ? [] : (JSON.parse(frameworks) as string[]),
    status,
    isNew: row['is_new'] === 1,
    firstSeenAt: String(row['first_seen_at']),
    lastSeenAt: String(row['last_seen_at']),
    acceptance,
    policy: policyId === null ? null : { id: policyId, name: text(row['s_policy_name']) },
  };
}

/** What an opened finding shows beyond its summary (`findings:details`). */
export function toFindingDetails(row: FindingRow): FindingDetailsView {
  return { evidence: row.evidence, explanation: row.explanation, remediation: row.remediation, fix: row.fix };
}

export function toFindingRow(row: Row, status: FindingStatus, acceptance: Acceptance | null, options: FindingRowOptions = {}): FindingRow {
  return findingRowWith(row, parseObject(row['details_json']), status, acceptance, options);
}

/** `toFindingRow` of a row whose details are at hand as data (a first view's: first-view.ts). */
export function findingRowWith(row: Row, details: Partial<FindingDetails>, status: FindingStatus, acceptance: Acceptance | null, options: FindingRowOptions = {}): FindingRow {
  const evidenceText = row['evidence_json'];
  const stored = options.storedEvidence === true && typeof evidenceText === 'string' ? StoredJsonObject.of(evidenceText) : null;
  return {
    fingerprint: String(row['fingerprint']),
    scanId: String(row['scan_id']),
    ruleId: String(row['rule_id']),
    severity: String(row['severity']) as SeverityName,
    step: Number(row['step']),
    title: String(row['title']),
    principalArn: typeof row['principal_arn'] === 'string' ? row['principal_arn'] : null,
    resourceArn: String(row['resource_arn']),
    resourceId: details.resourceId ?? null,
    accountId: details.accountId ?? '',
    region: details.region ?? null,
    // Typed as the object it stands for: only a JSON writer receives it (FindingRowOptions).
    evidence: stored !== null ? (stored as unknown as Record<string, unknown>) : parseObject(evidenceText),
    remediation: details.remediation ?? '',
    fix: details.fix ?? { kind: 'aws-cli', text: '' },
    frameworks: details.frameworks ?? [],
    explanation: details.explanation ?? '',
    status,
    isNew: row['is_new'] === 1,
    firstSeenAt: String(row['first_seen_at']),
    lastSeenAt: String(row['last_seen_at']),
    acceptance,
  };
}

export interface FindingFilter {
  severity: SeverityName | null;
  ruleId: string | null;
  status: FindingStatus | null;
  /** Findings naming this identity (as principal or resource). */
  arn?: string | null;
}

/**
 * A finding's columns as `f`, with its evidence and texts read through their references as
 * `evidence_json` and `details_json` (rows stored before schema 4 hold them inline).
 */
const FINDINGS_WITH_TEXTS = sql.raw(`
  findings f
  LEFT JOIN analysis_texts ev ON ev.hash = f.evidence_ref
  LEFT JOIN analysis_texts dt ON dt.hash = f.details_ref`);
const TEXT_COLUMNS = sql.raw(`coalesce(ev.body, f.evidence) AS evidence_json, coalesce(dt.body, f.details) AS details_json`);
/**
 * What a summary reads of the texts (`toFindingSummaryRow`): the details' resource ID, account,
 * region and frameworks, and the governance policy the evidence names — picked out by SQLite, so
 * neither text (most of a row's bytes) is copied out or parsed. A text that is not an object's
 * gives NULLs, as `toFindingRow` reads it as `{}`.
 */
const SUMMARY_COLUMNS = sql.raw(`
  json_extract(coalesce(dt.body, f.details), '$.resourceId') AS s_resource_id,
  json_extract(coalesce(dt.body, f.details), '$.accountId') AS s_account_id,
  json_extract(coalesce(dt.body, f.details), '$.region') AS s_region,
  CASE json_type(coalesce(dt.body, f.details), '$.frameworks') WHEN 'array' THEN json_extract(coalesce(dt.body, f.details), '$.frameworks') END AS s_frameworks,
  CASE json_type(coalesce(ev.body, f.evidence), '$.policy') WHEN 'text' THEN json_extract(coalesce(ev.body, f.evidence), '$.policy') END AS s_policy,
  CASE json_type(coalesce(ev.body, f.evidence), '$.policyName') WHEN 'text' THEN json_extract(coalesce(ev.body, f.evidence), '$.policyName') END AS s_policy_name`);

const SEVERITY_ORDER = sql.raw(`CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`);

/** A finding as its scan stored it, with what people decided on its fingerprint (if anything). */
export interface StoredScanFinding {
  /** The stored row with its texts (`toFindingRow` makes it a FindingRow). */
  row: Row;
  scanStatus: ScanFindingStatus;
  decision: HumanDecision | undefined;
}

/**
 * The findings of a scan, most severe first, each with the decision stored on its fingerprint
 * (`filter.status` is not applied here: the status shown is decided above).
 */
export function readScanFindings(db: ReadDb, scanId: string, filter: FindingFilter, read: { summary?: boolean } = {}): StoredScanFinding[] {
  return db.snapshot((snap) => {
    const states = statesFor(snap, scanId);
    const conditions = [sql`f.scan_id = ${scanId}`];
    if (filter.severity !== null) conditions.push(sql`f.severity = ${filter.severity}`);
    if (filter.ruleId !== null) conditions.push(sql`f.rule_id = ${filter.ruleId}`);
    if (filter.arn !== undefined && filter.arn !== null) conditions.push(sql`(f.principal_arn = ${filter.arn} OR f.resource_arn = ${filter.arn})`);
    const where = sql.join(conditions, sql` AND `);
    // The order from the narrow rows, then the rows with their texts in any order, placed by it: an
    // ORDER BY over the joined rows made SQLite sort ~110 MB of evidence and texts at 50,000
    // findings (~0.35 s of the ~0.7 s this read took). Both queries see one snapshot.
    const order = new Map<unknown, number>();
    snap.all(sql`SELECT f.rowid AS rid FROM findings f WHERE ${where} ORDER BY ${SEVERITY_ORDER}, f.rule_id, f.resource_arn, f.rowid`).forEach((row, index) => order.set(row['rid'], index));
    const rows: (Row | undefined)[] = new Array<Row | undefined>(order.size);
    const columns = read.summary === true ? SUMMARY_COLUMNS : TEXT_COLUMNS;
    for (const row of snap.all(sql`SELECT f.rowid AS rid, f.*, ${columns} FROM ${FINDINGS_WITH_TEXTS} WHERE ${where}`)) {
      const at = order.get(row['rid']);
      if (at !== undefined) rows[at] = row;
    }
    const result: StoredScanFinding[] = [];
    for (const row of rows) {
      if (row === undefined) continue;
      result.push({ row, scanStatus: String(row['status']) as ScanFindingStatus, decision: states.get(String(row['fingerprint']))?.decision });
    }
    return result;
  });
}

/** A finding of a scan without its texts: what a count or a criterion over many findings reads. */
export interface StoredFindingStatus {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  principalArn: string | null;
  scanStatus: ScanFindingStatus;
  decision: HumanDecision | undefined;
}

/**
 * The findings of `scanId` whose rule is one of `ruleIds`, narrow (no evidence, details or title:
 * what made reading a 10,000-principal scan's ~37,000 findings cost ~0.7 s and its garbage), each
 * with the decision stored on its fingerprint, in no particular order. Served by findings_scan_rule.
 */
export function readScanFindingStatuses(db: ReadDb, scanId: string, ruleIds: readonly string[]): StoredFindingStatus[] {
  if (ruleIds.length === 0) return [];
  return db.snapshot((snap) => {
    const states = statesFor(snap, scanId);
    const rows = snap.all(sql`
      SELECT f.fingerprint, f.rule_id, f.severity, f.principal_arn, f.status FROM findings f
      WHERE f.scan_id = ${scanId} AND f.rule_id IN (SELECT value FROM json_each(${JSON.stringify(ruleIds)}))`);
    return rows.map((row) => {
      const fingerprint = String(row['fingerprint']);
      return {
        fingerprint,
        ruleId: String(row['rule_id']),
        severity: String(row['severity']) as SeverityName,
        principalArn: typeof row['principal_arn'] === 'string' ? row['principal_arn'] : null,
        scanStatus: String(row['status']) as ScanFindingStatus,
        decision: states.get(fingerprint)?.decision,
      };
    });
  });
}

/** The stored findings of `scanId` with these fingerprints, with their texts (a few: the ones a page names). */
export function readScanFindingsByFingerprint(db: ReadDb, scanId: string, fingerprints: readonly string[]): StoredScanFinding[] {
  if (fingerprints.length === 0) return [];
  return db.snapshot((snap) => {
    const states = statesFor(snap, scanId);
    const rows = snap.all(sql`
      SELECT f.*, ${TEXT_COLUMNS} FROM ${FINDINGS_WITH_TEXTS}
      WHERE f.scan_id = ${scanId} AND f.fingerprint IN (SELECT value FROM json_each(${JSON.stringify(fingerprints)}))
      ORDER BY f.rowid`);
    return rows.map((row) => ({ row, scanStatus: String(row['status']) as ScanFindingStatus, decision: states.get(String(row['fingerprint']))?.decision }));
  });
}

/** The stored rows of `previous` whose fingerprint `scan` lacks, most severe first. */
export function rowsMissingFrom(db: ReadDb, scan: ScanRef, previous: ScanRef, filter: FindingFilter): Row[] {
  const conditions = [sql`f.scan_id = ${previous.id}`, sql`f.fingerprint NOT IN (SELECT fingerprint FROM findings WHERE scan_id = ${scan.id})`];
  if (filter.severity !== null) conditions.push(sql`f.severity = ${filter.severity}`);
  if (filter.ruleId !== null) conditions.push(sql`f.rule_id = ${filter.ruleId}`);
  return db.all(sql`
    SELECT f.*, ${TEXT_COLUMNS} FROM ${FINDINGS_WITH_TEXTS}
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ${SEVERITY_ORDER}, f.rule_id, f.resource_arn, f.rowid`);
}

// ---------------------------------------------------------------------------------------------
// Decisions by people: the rows the finding-triage service (governance/finding-triage-service.ts)
// writes, with its checks and audit entries, in one transaction
// ---------------------------------------------------------------------------------------------

/** Makes sure the fingerprint has a state row (a finding only seen in a scan not yet the newest). */
export function ensureFindingState(db: WriteDb, fingerprint: string, now: string): Row {
  const existing = db.get(sql`SELECT * FROM finding_states WHERE fingerprint = ${fingerprint}`);
  if (existing !== undefined) return existing;
  const seen = db.get(sql`
    SELECT f.* FROM findings f JOIN scans s ON s.id = f.scan_id WHERE f.fingerprint = ${fingerprint}
    ORDER BY s.started_at DESC LIMIT 1`);
  if (seen === undefined) throw new AppError('not_found', `There is no finding ${fingerprint} in this workspace.`);
  db.run(sql`
    INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at, first_seen_scan_id,
                                last_seen_scan_id, updated_at)
    VALUES (${fingerprint}, ${String(seen['rule_id'])}, ${String(seen['resource_arn'])}, 'open', ${String(seen['first_seen_at'])},
            ${String(seen['last_seen_at'])}, ${String(seen['scan_id'])}, ${String(seen['scan_id'])}, ${now})`);
  const created = db.get(sql`SELECT * FROM finding_states WHERE fingerprint = ${fingerprint}`);
  if (created === undefined) throw new AppError('internal', `The state of finding ${fingerprint} could not be recorded.`);
  return created;
}

/** How a person names a finding (its title and resource, from the newest scan that has it), for error messages. */
export function findingLabel(db: ReadDb, fingerprint: string): { title: string; resourceArn: string } | undefined {
  const row = db.get(sql`
    SELECT f.title, f.resource_arn FROM findings f JOIN scans s ON s.id = f.scan_id WHERE f.fingerprint = ${fingerprint}
    ORDER BY s.started_at DESC LIMIT 1`);
  return row === undefined ? undefined : { title: String(row['title']), resourceArn: String(row['resource_arn']) };
}

/** The status the newest scan that has the fingerprint gave it (open when none is stored). */
export function scanStatusNow(db: ReadDb, fingerprint: string): ScanFindingStatus {
  const status = db.value(sql`
    SELECT f.status FROM findings f JOIN scans s ON s.id = f.scan_id WHERE f.fingerprint = ${fingerprint}
    ORDER BY s.started_at DESC LIMIT 1`);
  return status === 'new' || status === 'regressed' ? status : 'open';
}

/** The state row of a fingerprint with the decision people made on it; undefined when it has none. */
export function findingState(db: ReadDb, fingerprint: string): (StateRow & { row: Row }) | undefined {
  const row = db.get(sql`SELECT * FROM finding_states WHERE fingerprint = ${fingerprint}`);
  return row === undefined ? undefined : { ...decisionOf(row), row };
}

export function writeAcceptance(db: WriteDb, fingerprint: string, acceptance: { reason: string; by: string; at: string; until: string }): void {
  db.run(sql`
    UPDATE finding_states SET state = 'accepted', accepted_reason = ${acceptance.reason}, accepted_by = ${acceptance.by}, accepted_at = ${acceptance.at},
      accepted_until = ${acceptance.until},
      -- Accepting withdraws a resolution by hand that no scan has confirmed.
      resolved_at = CASE WHEN resolved_scan_id IS NULL THEN NULL ELSE resolved_at END,
      updated_at = ${acceptance.at}
    WHERE fingerprint = ${fingerprint}`);
}

/** Withdraws an acceptance or a resolution by hand, leaving the finding in `state`. */
export function writeDecisionWithdrawn(db: WriteDb, fingerprint: string, state: 'resolved' | 'regressed' | 'open', at: string): void {
  db.run(sql`
    UPDATE finding_states SET state = ${state}, accepted_reason = NULL, accepted_by = NULL, accepted_at = NULL, accepted_until = NULL,
      resolved_at = CASE WHEN resolved_scan_id IS NULL THEN NULL ELSE resolved_at END, updated_at = ${at}
    WHERE fingerprint = ${fingerprint}`);
}

export function writeResolvedByHand(db: WriteDb, fingerprint: string, at: string): void {
  db.run(sql`
    UPDATE finding_states SET state = 'resolved', resolved_at = ${at}, resolved_scan_id = NULL,
      accepted_reason = NULL, accepted_by = NULL, accepted_at = NULL, accepted_until = NULL, updated_at = ${at}
    WHERE fingerprint = ${fingerprint}`);
}
