/**
 * Scans: the history of discovery runs, imports and demo loads, each written in ONE transaction with
 * its per-collector outcomes, API-call counts and raw facts. A scan is immutable once written; a
 * crashed scan writes nothing at all, so it can never damage earlier ones or pass for complete.
 */
import { z } from 'zod';
import type { CollectorRunInfo, ScanDetail, ScanSummary } from '@shared/contract';
import { fromFactRecords, toFactRecords, type StoredFactText } from '../fact-records';
import type { ScanFacts } from '../../discovery/facts';
import { AppError } from '../../errors';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { testPause } from '../../lib/test-pause';

export interface CollectorRunRecord {
  collectorId: string;
  label: string;
  region: string | null;
  outcome: CollectorRunInfo['outcome'];
  message: string | null;
  calls: number;
  startedAt: string | null;
  durationMs: number;
}

export interface ScanRecordInput {
  id: string;
  source: ScanSummary['source'];
  label: string | null;
  connectionId: string | null;
  connectionName: string | null;
  accountId: string | null;
  accountAlias: string | null;
  scannerArn: string | null;
  regions: string[];
  status: ScanSummary['status'];
  startedAt: string;
  finishedAt: string;
  error: string | null;
  appVersion: string;
  collectors: CollectorRunRecord[];
  /** Calls per IAM action, e.g. { 'iam:GetAccountAuthorizationDetails': 3 }. */
  apiCalls: Record<string, number>;
  /** The raw facts; null for a scan that did not complete (cancelled, failed). */
  facts: ScanFacts | null;
}

const GLOBAL = 'global';

function countWorkloads(facts: ScanFacts): number {
  return (
    (facts.lambda?.functions.length ?? 0) +
    (facts.sageMaker ? facts.sageMaker.endpoints.length + facts.sageMaker.models.length + facts.sageMaker.notebookInstances.length : 0) +
    (facts.bedrockAgents ? facts.bedrockAgents.agents.length + facts.bedrockAgents.knowledgeBases.length : 0) +
    (facts.bedrock?.customModels.length ?? 0)
  );
}

/**
 * The identities a scan read, counted as the inventory lists them: each IAM user once (whether the
 * authorization details, the credential report or a service-specific credential such as a Bedrock
 * API key names it: a key is a credential of its user, not an identity) and each role. The inventory
 * may add roles a workload runs as that the scan saw only referenced; the scan page says so.
 */
function countIdentities(facts: ScanFacts): number {
  const users = new Set(facts.iam?.users.map((user) => user.name) ?? []);
  for (const row of facts.credentialReport?.rows ?? []) if (!row.isRoot) users.add(row.user);
  for (const credential of facts.serviceSpecificCredentials ?? []) users.add(credential.userName);
  return users.size + (facts.iam?.roles.length ?? 0);
}

/**
 * Writes a finished scan and everything it saw, all or nothing. With `keepFactTexts`, returns the fact
 * records as written (their JSON texts, made here anyway): an import hands them to the analysis, which
 * then need not read them back (analysis-runner.ts); otherwise each text is dropped once written.
 */
/** A fact record with its payload as the JSON text `insertScan` stores. */
export interface FactText extends StoredFactText {
  region: string;
}

/** The facts' records as `insertScan` writes them, made ahead of its transaction (an import hands them to the analysis first). */
export function factTextsOf(facts: ScanFacts): FactText[] {
  return toFactRecords(facts).map((record) => ({ kind: record.kind, key: record.key, region: record.region, json: JSON.stringify(record.payload) }));
}

export function insertScan(db: WriteDb, scan: ScanRecordInput, options: { keepFactTexts?: boolean; texts?: readonly FactText[] } = {}): StoredFactText[] {
  const apiCallCount = Object.values(scan.apiCalls).reduce((sum, n) => sum + n, 0);
  const facts = scan.facts;
  const totals = { workloadCount: facts !== null ? countWorkloads(facts) : 0, warnings: facts?.warnings ?? [] };
  const written: StoredFactText[] = [];
  db.transaction((tx) => {
    tx.run(sql`
      INSERT INTO scans (id, connection_id, connection_name, source, label, account_id, account_alias, scanner_arn,
                         regions, status, started_at, finished_at, error, app_version, identity_count, api_call_count, totals)
      VALUES (${scan.id}, ${scan.connectionId}, ${scan.connectionName}, ${scan.source}, ${scan.label}, ${scan.accountId},
              ${scan.accountAlias}, ${scan.scannerArn}, ${JSON.stringify(scan.regions)}, ${scan.status}, ${scan.startedAt},
              ${scan.finishedAt}, ${scan.error}, ${scan.appVersion}, ${facts !== null ? countIdentities(facts) : 0},
              ${apiCallCount}, ${JSON.stringify(totals)})`);
    for (const run of scan.collectors) {
      tx.run(sql`
        INSERT INTO scan_collectors (scan_id, collector, region, outcome, message, call_count, started_at, duration_ms)
        VALUES (${scan.id}, ${run.collectorId}, ${run.region ?? GLOBAL}, ${run.outcome}, ${run.message}, ${run.calls},
                ${run.startedAt}, ${Math.max(0, Math.round(run.durationMs))})
        ON CONFLICT (scan_id, collector, region) DO UPDATE SET
          outcome = excluded.outcome, message = excluded.message, call_count = call_count + excluded.call_count`);
    }
    for (const [operation, count] of Object.entries(scan.apiCalls)) {
      tx.run(sql`INSERT INTO scan_api_calls (scan_id, operation, region, count) VALUES (${scan.id}, ${operation}, ${GLOBAL}, ${count})`);
    }
    if (options.texts !== undefined) {
      // Made by factTextsOf from these facts before the transaction.
      for (const text of options.texts) {
        tx.run(sql`
          INSERT INTO scan_facts (scan_id, kind, key, region, payload)
          VALUES (${scan.id}, ${text.kind}, ${text.key}, ${text.region}, ${text.json})`);
      }
    } else if (facts !== null) {
      for (const record of toFactRecords(facts)) {
        const json = JSON.stringify(record.payload);
        tx.run(sql`
          INSERT INTO scan_facts (scan_id, kind, key, region, payload)
          VALUES (${scan.id}, ${record.kind}, ${record.key}, ${record.region}, ${json})`);
        if (options.keepFactTexts === true) written.push({ kind: record.kind, key: record.key, json });
      }
    }
    testPause('scan-write');
  });
  return written;
}

const summaryRowSchema = z.object({
  id: z.string(),
  source: z.enum(['live', 'import', 'demo']),
  label: z.string().nullable(),
  connection_id: z.string().nullable(),
  connection_name: z.string().nullable(),
  account_id: z.string().nullable(),
  account_alias: z.string().nullable(),
  scanner_arn: z.string().nullable(),
  regions: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  error: z.string().nullable(),
  api_call_count: z.number().int(),
  identity_count: z.number().int(),
  totals: z.string(),
});

const totalsSchema = z.object({ workloadCount: z.number().int().default(0), warnings: z.array(z.string()).default([]) });

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function toSummary(row: Row, outcomes: Record<string, number>): ScanSummary & { scannerArn: string | null; warnings: string[] } {
  const parsed = summaryRowSchema.safeParse(row);
  if (!parsed.success) throw new AppError('workspace_error', `A scan record in this workspace is damaged (${parsed.error.issues[0]?.message ?? 'bad row'}).`);
  const r = parsed.data;
  const totals = parseJson(r.totals, totalsSchema, { workloadCount: 0, warnings: [] });
  const durationMs = r.finished_at !== null ? Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at)) : null;
  return {
    id: r.id,
    source: r.source,
    label: r.label,
    connectionId: r.connection_id,
    connectionName: r.connection_name,
    accountId: r.account_id,
    accountAlias: r.account_alias,
    regions: parseJson(r.regions, z.array(z.string()), []),
    // A 'running' row is never written by this app; one from elsewhere did not finish.
    status: r.status === 'running' ? 'failed' : r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: durationMs !== null && Number.isFinite(durationMs) ? durationMs : null,
    error: r.status === 'running' ? 'The scan never finished.' : r.error,
    apiCallCount: r.api_call_count,
    identityCount: r.identity_count,
    workloadCount: totals.workloadCount,
    outcomes,
    scannerArn: r.scanner_arn,
    warnings: totals.warnings,
  };
}

const SELECT_SCAN = sql`
  SELECT id, source, label, connection_id, connection_name, account_id, account_alias, scanner_arn, regions, status,
         started_at, finished_at, error, api_call_count, identity_count, totals
  FROM scans`;

function outcomesByScan(db: ReadDb, scanId: string | null): Map<string, Record<string, number>> {
  const rows =
    scanId === null
      ? db.all(sql`SELECT scan_id, outcome, count(*) AS n FROM scan_collectors GROUP BY scan_id, outcome`)
      : db.all(sql`SELECT scan_id, outcome, count(*) AS n FROM scan_collectors WHERE scan_id = ${scanId} GROUP BY scan_id, outcome`);
  const byScan = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const id = String(row['scan_id']);
    const entry = byScan.get(id) ?? {};
    entry[String(row['outcome'])] = Number(row['n']);
    byScan.set(id, entry);
  }
  return byScan;
}

/**
 * Newest first: by start, then by ID descending, the order in which the analysis store and
 * `currentScanIds` decide which scan of an account is the newest (two scans can start in one second).
 */
export function listScans(db: ReadDb): ScanSummary[] {
  return db.snapshot((snap) => {
    const outcomes = outcomesByScan(snap, null);
    return snap.all(sql`${SELECT_SCAN} ORDER BY started_at DESC, id DESC`).map((row) => {
      const { scannerArn: _scannerArn, warnings: _warnings, ...summary } = toSummary(row, outcomes.get(String(row['id'])) ?? {});
      return summary;
    });
  });
}

export function getScan(db: ReadDb, id: string): ScanDetail {
  return db.snapshot((snap) => {
    const row = snap.get(sql`${SELECT_SCAN} WHERE id = ${id}`);
    if (row === undefined) throw new AppError('not_found', `There is no scan ${id} in this workspace.`);
    const summary = toSummary(row, outcomesByScan(snap, id).get(id) ?? {});
    const collectors = snap
      .all(sql`SELECT collector, region, outcome, message, call_count, duration_ms FROM scan_collectors WHERE scan_id = ${id} ORDER BY rowid`)
      .map((r) => ({
        collector: String(r['collector']),
        label: String(r['collector']),
        region: r['region'] === GLOBAL ? null : String(r['region']),
        outcome: String(r['outcome']) as CollectorRunInfo['outcome'],
        message: typeof r['message'] === 'string' ? r['message'] : null,
        calls: Number(r['call_count']),
        durationMs: Number(r['duration_ms']),
      }));
    const apiCalls = snap
      .all(sql`SELECT operation, sum(count) AS n FROM scan_api_calls WHERE scan_id = ${id} GROUP BY operation ORDER BY operation`)
      .map((r) => ({ operation: String(r['operation']), count: Number(r['n']) }));
    return { ...summary, collectors, apiCalls };
  });
}

/** The raw facts of a completed scan, validated as they are read back. */
export function loadScanFacts(db: ReadDb, id: string): ScanFacts {
  return db.snapshot((snap) => {
    const status = snap.value(sql`SELECT status FROM scans WHERE id = ${id}`);
    if (status === undefined) throw new AppError('not_found', `There is no scan ${id} in this workspace.`);
    if (status !== 'completed') throw new AppError('conflict', `Scan ${id} did not complete (${typeof status === 'string' ? status : 'unknown'}); it has no facts to read.`);
    return fromFactRecords(
      (function* () {
        // In the primary key's order (no sort: its index gives it), a defined order for the facts' lists.
        for (const row of snap.iterate(sql`SELECT kind, key, payload FROM scan_facts WHERE scan_id = ${id} ORDER BY kind, key`)) {
          yield { kind: String(row['kind']), key: String(row['key']), payload: JSON.parse(String(row['payload'])) as unknown };
        }
      })(),
    );
  });
}

/** The newest completed scan (optionally of one account), or null. */
export function latestCompletedScanId(db: ReadDb, accountId: string | null = null): string | null {
  const value =
    accountId === null
      ? db.value(sql`SELECT id FROM scans WHERE status = 'completed' ORDER BY started_at DESC, id DESC LIMIT 1`)
      : db.value(sql`SELECT id FROM scans WHERE status = 'completed' AND account_id = ${accountId} ORDER BY started_at DESC, id DESC LIMIT 1`);
  return typeof value === 'string' ? value : null;
}

/**
 * The workspace's current state: the newest completed scan of each account (scans that name no account
 * count as one account), by account ID; `accountId` narrows it to that account's.
 */
export function currentScanIds(db: ReadDb, accountId: string | null = null): string[] {
  const filter = accountId === null ? sql`` : sql`AND account_id = ${accountId}`;
  return db
    .all(
      sql`SELECT id FROM (
        SELECT id, account_id, row_number() OVER (PARTITION BY coalesce(account_id, '') ORDER BY started_at DESC, id DESC) AS n
        FROM scans WHERE status = 'completed' ${filter})
      WHERE n = 1 ORDER BY coalesce(account_id, ''), id`,
    )
    .map((row) => String(row['id']));
}
