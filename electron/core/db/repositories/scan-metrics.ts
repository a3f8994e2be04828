/**
 * The per-scan metrics records (migration 0005) and the narrow reads the Overview lays today's
 * decisions with: rows in, rows out; what the figures mean is governance/overview/scan-metrics.ts's.
 */
import type { SeverityName } from '@shared/contract';
import type { ScanMetrics, MetricsStatus, DecidedFinding, DecidedFindingRow, AffectedIdentity, SeverityCounts } from '../../governance/overview/scan-metrics';
import type { HumanDecision } from '../../governance/finding-lifecycle';
import type { PostureTier } from '../../governance/overview/posture';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import type { ScanRef } from './findings';

export function writeScanMetrics(db: WriteDb, scanId: string, stamp: string, metrics: ScanMetrics): void {
  db.run(sql`
    INSERT INTO scan_metrics (scan_id, analysis_stamp, metrics) VALUES (${scanId}, ${stamp}, ${JSON.stringify(metrics)})
    ON CONFLICT (scan_id) DO UPDATE SET analysis_stamp = excluded.analysis_stamp, metrics = excluded.metrics`);
}

export interface StoredScanMetrics {
  scanId: string;
  accountId: string | null;
  startedAt: string;
  metrics: ScanMetrics;
}

/** The records of every completed scan (of one account), oldest first. Scans without one are left out. */
export function readScanMetrics(db: ReadDb, accountId: string | null): StoredScanMetrics[] {
  const filter = accountId === null ? sql`` : sql`AND s.account_id = ${accountId}`;
  return db
    .all(sql`
      SELECT s.id, s.account_id, s.started_at, m.metrics FROM scan_metrics m JOIN scans s ON s.id = m.scan_id
      WHERE s.status = 'completed' ${filter} ORDER BY s.started_at, s.id`)
    .map((row) => ({
      scanId: String(row['id']),
      accountId: typeof row['account_id'] === 'string' ? row['account_id'] : null,
      startedAt: String(row['started_at']),
      metrics: JSON.parse(String(row['metrics'])) as ScanMetrics,
    }));
}

/** The fingerprints of a scan's findings (empty for none). */
export function fingerprintsOf(db: ReadDb, scanId: string | null): Set<string> | null {
  if (scanId === null) return null;
  return new Set(db.all(sql`SELECT fingerprint FROM findings WHERE scan_id = ${scanId}`).map((row) => String(row['fingerprint'])));
}

/** The last completed scan of the account started on a day before the scan's (the trend's "previous day"). */
export function lastScanOfEarlierDay(db: ReadDb, scan: ScanRef): string | null {
  if (scan.accountId === null) return null;
  const value = db.value(sql`
    SELECT id FROM scans WHERE account_id = ${scan.accountId} AND status = 'completed' AND substr(started_at, 1, 10) < ${scan.startedAt.slice(0, 10)}
    ORDER BY started_at DESC, id DESC LIMIT 1`);
  return typeof value === 'string' ? value : null;
}

/** A scan's findings as the metrics read them: narrow columns, no texts. */
export interface NarrowFinding {
  fingerprint: string;
  ruleId: string;
  severity: SeverityName;
  step: number;
  identityArn: string | null;
  scanStatus: MetricsStatus;
  isNew: boolean;
}

function narrow(row: Row): NarrowFinding {
  return {
    fingerprint: String(row['fingerprint']),
    ruleId: String(row['rule_id']),
    severity: String(row['severity']) as SeverityName,
    step: Number(row['step']),
    identityArn: typeof row['principal_arn'] === 'string' ? row['principal_arn'] : null,
    scanStatus: String(row['status']) as MetricsStatus,
    isNew: row['is_new'] === 1,
  };
}

export function narrowScanFindings(db: ReadDb, scanId: string): NarrowFinding[] {
  return db.all(sql`SELECT fingerprint, rule_id, severity, step, principal_arn, status, is_new FROM findings WHERE scan_id = ${scanId}`).map(narrow);
}

function decisionOf(row: Row): HumanDecision {
  const reason = row['accepted_reason'];
  const until = row['accepted_until'];
  return {
    acceptance:
      typeof reason === 'string' && typeof until === 'string'
        ? { reason, until, by: typeof row['accepted_by'] === 'string' ? row['accepted_by'] : null, at: String(row['accepted_at']) }
        : null,
    manualResolvedAt: row['state'] === 'resolved' && row['resolved_scan_id'] === null && typeof row['resolved_at'] === 'string' ? row['resolved_at'] : null,
  };
}

/**
 * The scan's findings that people decided on: the few with an acceptance or a resolution, found from
 * `finding_states` (as the findings list reads them), and those named in `alsoFingerprints` (decided
 * when the record was stored). The status shown now is decided above (governance/overview/scan-metrics.ts).
 */
export function decidedRows(db: ReadDb, scan: ScanRef, alsoFingerprints: readonly string[]): DecidedFindingRow[] {
  const result: DecidedFindingRow[] = [];
  const seen = new Set<string>();
  const rows = db.all(sql`
    SELECT f.fingerprint, f.status AS scan_status, st.state, st.accepted_reason, st.accepted_until, st.accepted_by, st.accepted_at,
           st.resolved_at, st.resolved_scan_id
    FROM finding_states st CROSS JOIN findings f ON f.scan_id = ${scan.id} AND f.fingerprint = st.fingerprint
    WHERE st.accepted_reason IS NOT NULL OR st.state = 'resolved'`);
  // CROSS JOIN keeps the decided few (partial index finding_states_decided) as the outer loop; left to
  // itself SQLite walked the scan's ~30,000 findings and looked each up (~18 ms a scan at 10,000 agents).
  for (const row of rows) {
    const fingerprint = String(row['fingerprint']);
    seen.add(fingerprint);
    result.push({ fingerprint, scanStatus: String(row['scan_status']) as DecidedFindingRow['scanStatus'], decision: decisionOf(row) });
  }
  for (const fingerprint of alsoFingerprints) {
    if (seen.has(fingerprint)) continue;
    const status = db.value(sql`SELECT status FROM findings WHERE scan_id = ${scan.id} AND fingerprint = ${fingerprint}`);
    if (typeof status === 'string') result.push({ fingerprint, scanStatus: status as DecidedFindingRow['scanStatus'], decision: null });
  }
  return result;
}

/** The decided findings with their stored columns, and the identities they are about with all their findings in the scan. */
export function decidedDetails(db: ReadDb, scanId: string, statuses: ReadonlyMap<string, MetricsStatus>): { decided: DecidedFinding[]; affected: AffectedIdentity[] } {
  if (statuses.size === 0) return { decided: [], affected: [] };
  const decided: DecidedFinding[] = [];
  const identities = new Set<string>();
  const fingerprints = [...statuses.keys()];
  for (let at = 0; at < fingerprints.length; at += 500) {
    const part = fingerprints.slice(at, at + 500);
    const rows = db.all(sql`
      SELECT fingerprint, rule_id, severity, step, principal_arn, status, is_new FROM findings
      WHERE scan_id = ${scanId} AND fingerprint IN ${sql.list(part)}`);
    for (const row of rows) {
      const finding = narrow(row);
      decided.push({ ...finding, statusNow: statuses.get(finding.fingerprint) ?? finding.scanStatus });
      if (finding.identityArn !== null) identities.add(finding.identityArn);
    }
  }
  // Each identity's tier and finding counts from its inventory row (primary key): no pass over the scan's findings.
  const affected: AffectedIdentity[] = [];
  for (const arn of identities) {
    const agent = db.get(sql`
      SELECT tier, json_extract(row, '$.awsManaged') AS managed, json_extract(row, '$.findingCounts') AS counts
      FROM agents WHERE scan_id = ${scanId} AND arn = ${arn}`);
    if (agent === undefined) continue;
    const counts = JSON.parse(typeof agent['counts'] === 'string' ? agent['counts'] : '{}') as Partial<SeverityCounts>;
    affected.push({
      arn,
      tier: Number(agent['tier']) as PostureTier,
      scored: agent['managed'] !== 1,
      counts: { critical: counts.critical ?? 0, high: counts.high ?? 0, medium: counts.medium ?? 0, low: counts.low ?? 0, info: counts.info ?? 0 },
    });
  }
  return { decided, affected };
}
