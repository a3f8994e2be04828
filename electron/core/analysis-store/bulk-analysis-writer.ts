/**
 * Writes a scan's analysed agents and findings in bulk, for the analysis store's one transaction.
 *
 * The rows and texts are the same as `insertScanAgents` (db/repositories/agents.ts) and
 * `writeScanFindings` (governance/finding-lifecycle-service.ts) write one by one — a test compares
 * both paths' stored rows — but at 10,000 principals (~10,000 agents, ~50,000 findings, ~115,000
 * distinct texts, ~155 MB) the per-row costs dominated the first view: one statement, one `sql`
 * query object and one statement-cache lookup per row and per text, a SHA-256 object per text, and
 * texts inserted into the hash index in random order. Here rows go in multi-row statements, each text
 * is hashed once with the one-shot hash, and a text repeated within the analysis is inserted once.
 */
import { hash } from 'node:crypto';
import type { AnalysedAgent, Finding } from '../analysis/types';
import type { WriteDb } from '../db/handles';
import type { AgentStorageParts } from '../db/repositories/agents';
import {
  deleteScanFindings,
  firstSeenBefore,
  manualResolutions,
  scanFindingStates,
  scanFingerprints,
  statesAbsentFrom,
  updateStateAfterScan,
  writeResolvedByScan,
  type ScanRef,
} from '../db/repositories/findings';
import { sql, type SqlQuery } from '../db/sql';
import { resolvedByScan, scanLifecycle, stateAfterScan, type ScanLifecycle } from '../governance/finding-lifecycle';

/** Rows per multi-row INSERT: few statements, and well under SQLite's bound-parameter limit (32,766). */
const ROWS_PER_STATEMENT = 64;
/** Texts held before they are written: bounds the memory the batch keeps (~1.4 KB a text on average). */
const TEXTS_PER_FLUSH = 4_096;

/** The reference of a JSON text, as `textHash` (db/repositories/analysis-texts.ts) makes it: base64url of the first 16 bytes of its SHA-256. */
export function bulkTextHash(json: string): string {
  return hash('sha256', json, 'buffer').subarray(0, 16).toString('base64url');
}

/**
 * SQLite's page cache for the store's transaction, in KiB. The default (2 MB) is far smaller than what
 * one analysis writes (~250 MB of pages at 10,000 principals), so the indexes' pages were evicted and
 * read back between random inserts: measured, the store took ~0.4–0.6 s less CPU with 64 MB (of the
 * ~4 s at 10,000 principals), for ~60–80 MB more peak RSS while it runs.
 */
const STORE_CACHE_KIB = 65_536;

/** Runs `work` with the larger page cache, then gives the connection its own cache size back (the memory with it). */
export function withStoreCache<T>(db: WriteDb, work: () => T): T {
  const before = Number(db.value(sql`PRAGMA cache_size`));
  db.exec(sql.raw(`PRAGMA cache_size = ${String(-STORE_CACHE_KIB)}`));
  try {
    return work();
  } finally {
    // A pragma takes no bound parameter; the value is SQLite's own integer, checked before it is spliced.
    if (Number.isSafeInteger(before)) db.exec(sql.raw(`PRAGMA cache_size = ${String(before)}`));
  }
}

/** Runs `INSERT … VALUES (…), (…) …` for `rows`, ROWS_PER_STATEMENT at a time (the statement texts repeat, so the cache prepares two). */
function insertRows<T>(db: WriteDb, head: SqlQuery, tail: SqlQuery, rows: readonly T[], values: (row: T) => SqlQuery): void {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    db.run(sql`${head} ${sql.join(chunk.map(values))} ${tail}`);
  }
}

/** The texts of one analysis: each distinct text written once, in batches. */
export class TextBatch {
  private readonly seen = new Set<string>();
  private pending = new Map<string, string>();

  constructor(private readonly db: WriteDb) {}

  /** Queues `json` unless this analysis has it already; returns its reference. */
  add(json: string): string {
    const ref = bulkTextHash(json);
    if (!this.seen.has(ref)) {
      this.seen.add(ref);
      this.pending.set(ref, json);
      if (this.pending.size >= TEXTS_PER_FLUSH) this.flush();
    }
    return ref;
  }

  /** Writes the queued texts (an equal text stored already, by an earlier scan, is kept). */
  flush(): void {
    // In the order they came (a finding's two texts side by side, findings in the analysis's order), not
    // in hash order: the findings list reads the bodies in about that order, on every visit, so their
    // neighbourhood in the file matters more than the hash index's (tried: hash order made the store no
    // cheaper beyond noise and the read ~0.1 s dearer).
    const texts = [...this.pending];
    this.pending = new Map();
    insertRows(this.db, sql`INSERT INTO analysis_texts (hash, body) VALUES`, sql`ON CONFLICT (hash) DO NOTHING`, texts, ([ref, body]) => sql`(${ref}, ${body})`);
  }
}

/** The agent as stored: its fields as they are, without its permissions (as agents.ts stores it). */
function storedAgent(agent: AnalysedAgent): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(agent)) if (key !== 'permissions') stored[key] = (agent as unknown as Record<string, unknown>)[key];
  return stored;
}

/** As `insertScanAgents`: each agent's row, its stored JSON and permissions by reference, and its workloads. */
export function writeAgentsInBulk(db: WriteDb, texts: TextBatch, scanId: string, agents: readonly AnalysedAgent[], partsOf: (agent: AnalysedAgent) => AgentStorageParts): void {
  const agentRows: SqlQuery[] = [];
  const workloadRows: SqlQuery[] = [];
  for (const agent of agents) {
    const { row, permissionsJson } = partsOf(agent);
    const dataRef = texts.add(JSON.stringify(storedAgent(agent)));
    const permissionsRef = texts.add(permissionsJson);
    agentRows.push(sql`(${scanId}, ${agent.arn}, ${agent.kind}, ${agent.name}, ${agent.accountId}, ${agent.ai},
      ${JSON.stringify(agent.aiSignals)}, ${agent.tier.tier}, ${JSON.stringify(agent.tier.reasons)}, ${JSON.stringify(row)}, ${dataRef}, ${permissionsRef})`);
    for (const workload of agent.workloads) {
      workloadRows.push(sql`(${scanId}, ${workload.arn}, ${workload.type}, ${workload.name}, ${workload.region}, ${agent.arn}, ${JSON.stringify(workload)})`);
    }
  }
  insertRows(
    db,
    sql`INSERT INTO agents (scan_id, arn, kind, name, account_id, is_ai, signals, tier, tier_reasons, row, data_ref, permissions_ref) VALUES`,
    sql`ON CONFLICT (scan_id, arn) DO NOTHING`,
    agentRows,
    (row) => row,
  );
  insertRows(db, sql`INSERT INTO workloads (scan_id, arn, type, name, region, identity_arn, data) VALUES`, sql`ON CONFLICT (scan_id, arn) DO NOTHING`, workloadRows, (row) => row);
}

/** As `writeScanFindings`: the scan's findings replaced, each with the lifecycle it has in this scan. */
export function writeFindingsInBulk(db: WriteDb, texts: TextBatch, scan: ScanRef, previous: ScanRef | null, findings: readonly Finding[]): void {
  deleteScanFindings(db, scan.id);
  const earlier = firstSeenBefore(db, scan);
  const inPrevious = previous === null ? new Set<string>() : scanFingerprints(db, previous.id);
  const manual = manualResolutions(db);
  const rows: SqlQuery[] = [];
  const flushRows = (): void => {
    insertRows(
      db,
      sql`INSERT INTO findings (scan_id, fingerprint, rule_id, severity, step, resource_arn, principal_arn, title, status,
                                first_seen_at, last_seen_at, is_new, evidence_ref, details_ref) VALUES`,
      sql`ON CONFLICT (scan_id, fingerprint) DO NOTHING`,
      rows,
      (row) => row,
    );
    rows.length = 0;
  };
  for (const finding of findings) {
    const life: ScanLifecycle = scanLifecycle(
      {
        firstSeenAt: earlier.get(finding.fingerprint) ?? null,
        inPreviousScan: inPrevious.has(finding.fingerprint),
        previousScanAt: previous?.startedAt ?? null,
        manualResolvedAt: manual.get(finding.fingerprint) ?? null,
      },
      scan.startedAt,
    );
    // The details' keys in the order findings.ts writes them: the same text, so the same reference.
    const details = {
      resourceId: finding.resourceId,
      accountId: finding.accountId,
      region: finding.region,
      remediation: finding.remediation,
      fix: finding.fix,
      frameworks: finding.frameworks,
      explanation: finding.explanation,
    };
    const evidenceRef = texts.add(JSON.stringify(finding.evidence));
    const detailsRef = texts.add(JSON.stringify(details));
    rows.push(sql`(${scan.id}, ${finding.fingerprint}, ${finding.ruleId}, ${finding.severity}, ${finding.step}, ${finding.resourceArn},
      ${finding.principalArn}, ${finding.title}, ${life.status}, ${life.firstSeenAt}, ${scan.startedAt}, ${life.isNew}, ${evidenceRef}, ${detailsRef})`);
    // The first of two equal fingerprints wins, as row by row: ON CONFLICT keeps the row inserted first.
    if (rows.length >= TEXTS_PER_FLUSH) flushRows();
  }
  flushRows();
}

/**
 * As `updateFindingStates` (governance/finding-lifecycle-service.ts): the state rows of the account's
 * newest scan. The fingerprints seen for the first time (all of them on a first import) get their
 * state rows in multi-row statements; the rest are updated and resolved row by row, as there.
 */
export function updateFindingStatesInBulk(db: WriteDb, scan: ScanRef, previous: ScanRef | null, now: string): void {
  const firsts: SqlQuery[] = [];
  for (const finding of scanFindingStates(db, scan.id)) {
    const after = stateAfterScan(finding.seen, finding.before);
    if (finding.before === undefined) {
      firsts.push(sql`(${finding.fingerprint}, ${finding.ruleId}, ${finding.resourceArn}, ${after.state}, ${after.firstSeenAt}, ${after.lastSeenAt},
        ${scan.id}, ${scan.id}, ${after.regressedAt}, ${after.resolvedAt}, ${now})`);
    } else updateStateAfterScan(db, scan, finding.fingerprint, after, now);
  }
  insertRows(
    db,
    sql`INSERT INTO finding_states (fingerprint, rule_id, resource_arn, state, first_seen_at, last_seen_at, first_seen_scan_id,
                                    last_seen_scan_id, regressed_at, resolved_at, updated_at) VALUES`,
    sql``,
    firsts,
    (row) => row,
  );
  for (const absent of statesAbsentFrom(db, scan, previous)) {
    if (resolvedByScan(absent)) writeResolvedByScan(db, absent.fingerprint, scan, now);
  }
}
