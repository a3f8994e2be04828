/**
 * Stored analysis: a scan's agents and findings are derived from its facts (with the registry and
 * settings) on the first read of that scan, stored, and derived again only when what they were
 * computed from has changed (see analysis-inputs.ts). Earlier scans of the same account are analysed
 * first, so each scan's finding lifecycle builds on the one before.
 */
import type { Severity } from '../analysis/types';
import { STORED_PERMISSIONS_JSON, type AnalysedAgent, type AnalysisInput, type AnalysisResult } from '../analysis/types';
import { toAgentRow } from '../analysis/agent-shape';
import type { ReadDb, WriteDb } from '../db/handles';
import { deleteScanAgents, encodePermissionsJson, insertScanAgents, type AgentStorageParts } from '../db/repositories/agents';
import { deleteUnusedTexts } from '../db/repositories/analysis-texts';
import type { ScanRef } from '../db/repositories/findings';
import { updateFindingStates, writeScanFindings } from '../governance/finding-lifecycle-service';
import { enabledUserPolicies } from '../db/repositories/team-policies';
import { prefillOwners, registryForAnalysis } from '../governance/registry-service';
import { loadScanFacts } from '../db/repositories/scans';
import { fromFactRecords, type StoredFactText } from '../db/fact-records';
import type { ScanFacts } from '../discovery/facts';
import { getSettings } from '../db/repositories/settings';
import { sql } from '../db/sql';
import { AppError } from '../errors';
import { formatCount, MAX_IMPORT_GROUPS_AND_POLICIES, MAX_IMPORT_PRINCIPALS } from '../discovery/import/limits';
import { analysisInputsRevision, analysisStamp, ANALYSIS_VERSION, knownAccounts } from './analysis-inputs';
import { canonicalJson } from '../lib/canonical-json';
import { testPause } from '../lib/test-pause';
import { compareUtf8, firstViewFindingColumns, firstViewHead, type FirstView, type FirstViewAgents } from './first-view';
import { computeScanMetrics, decidedStatuses, type MetricsAgent } from '../governance/overview/scan-metrics';
import { decidedRows, fingerprintsOf, lastScanOfEarlierDay, narrowScanFindings, writeScanMetrics } from '../db/repositories/scan-metrics';

export type AnalyzeFn = (input: AnalysisInput) => AnalysisResult;

interface ScanAnalysisRow extends ScanRef {
  status: string;
  finishedAt: string | null;
  stamp: string | null;
}

function scanRow(db: ReadDb, scanId: string): ScanAnalysisRow {
  const row = db.get(sql`SELECT id, account_id, started_at, finished_at, status, analysis_inputs FROM scans WHERE id = ${scanId}`);
  if (row === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return {
    id: String(row['id']),
    accountId: typeof row['account_id'] === 'string' ? row['account_id'] : null,
    startedAt: String(row['started_at']),
    finishedAt: typeof row['finished_at'] === 'string' ? row['finished_at'] : null,
    status: String(row['status']),
    stamp: typeof row['analysis_inputs'] === 'string' ? row['analysis_inputs'] : null,
  };
}

/** The completed scans of the scan's account up to and including it, oldest first. */
function accountScansUpTo(db: ReadDb, scan: ScanAnalysisRow): ScanAnalysisRow[] {
  if (scan.accountId === null) return [scan];
  return db
    .all(sql`
      SELECT id FROM scans
      WHERE account_id = ${scan.accountId} AND status = 'completed'
        AND (started_at < ${scan.startedAt} OR (started_at = ${scan.startedAt} AND id <= ${scan.id}))
      ORDER BY started_at, id`)
    .map((row) => scanRow(db, String(row['id'])));
}

function isNewestOfAccount(db: ReadDb, scan: ScanRef): boolean {
  if (scan.accountId === null) return true;
  const later = db.value(sql`
    SELECT count(*) FROM scans WHERE account_id = ${scan.accountId} AND status = 'completed'
      AND (started_at > ${scan.startedAt} OR (started_at = ${scan.startedAt} AND id > ${scan.id}))`);
  return Number(later) === 0;
}

/** The previous completed scan of the same account, or null. */
export function previousScan(db: ReadDb, scan: ScanRef): ScanRef | null {
  if (scan.accountId === null) return null;
  const row = db.get(sql`
    SELECT id, account_id, started_at FROM scans
    WHERE account_id = ${scan.accountId} AND status = 'completed'
      AND (started_at < ${scan.startedAt} OR (started_at = ${scan.startedAt} AND id < ${scan.id}))
    ORDER BY started_at DESC, id DESC LIMIT 1`);
  return row === undefined ? null : { id: String(row['id']), accountId: scan.accountId, startedAt: String(row['started_at']) };
}

export interface AnalysisStoreOptions {
  analyze: AnalyzeFn;
  /** The moment decisions are stamped with. */
  clock: () => Date;
  /** The supported size (discovery/import/limits.ts by default; tests lower it). */
  limits?: AnalysisLimits;
  /**
   * Given the chosen scan's first view (first-view.ts) once it is analysed and before it is stored,
   * when it has one; the analysis worker hands it to the back end so the screens need not wait for
   * the commit.
   */
  onFirstView?: (view: FirstView) => void;
  /**
   * Given the chosen scan's first view's inventory part as soon as it is made, before its findings'
   * columns (then `onFirstView` receives the whole view): the worker hands the two over apart.
   */
  onFirstViewAgents?: (agents: FirstViewAgents) => void;
  /**
   * The facts of one scan as the import that wrote them has just written them (`insertScan`'s texts),
   * handed over so that scan's analysis does not read them back from the file and validate them again
   * (~0.35 s at 10,000 principals: the validation is most of it). Trusted: they never left this
   * process (analysis-runner.ts). Any other scan's facts are read from the file as before.
   */
  handedFacts?: HandedFacts;
  /**
   * The chosen scan analysed before its import committed it (`prepareAnalysis`): used instead of
   * analysing again when what it was computed from still holds (`preparedKey`), else ignored.
   */
  prepared?: PreparedAnalysis | null;
}

/**
 * A scan analysed from its import's facts while the import was still writing them (analysis-runner.ts,
 * `handOver` with the scan's moment): the worker starts as soon as the file is read, instead of once
 * the scan is saved and a screen asks. Nothing of it is stored until the scan is committed and its
 * analysis asked for; `key` says what it was computed from.
 */
export interface PreparedAnalysis {
  scanId: string;
  /** The accounts of the scan's own facts (its account, its organisation's). */
  accounts: string[];
  key: string;
  result: AnalysisResult;
}

/** A scan's facts handed over by the import that wrote them. */
export interface HandedFacts {
  scanId: string;
  records: StoredFactText[];
}

/** The facts of a handed-over scan; each text is let go once parsed. */
function handedScanFacts(handed: HandedFacts): ScanFacts {
  const { records } = handed;
  // In the order the file gives them back (loadScanFacts: kind, then key, SQLite's BINARY order), so
  // the facts' lists, and every tie the analysis breaks by them, are the same either way.
  records.sort((a, b) => compareUtf8(a.kind, b.kind) || compareUtf8(a.key, b.key));
  const facts = fromFactRecords(
    (function* () {
      for (let i = 0; i < records.length; i += 1) {
        const record = records[i] as StoredFactText;
        // Dropped from the array as it is parsed: the texts and the facts are not all held at once.
        (records as (StoredFactText | undefined)[])[i] = undefined;
        yield { kind: record.kind, key: record.key, payload: JSON.parse(record.json) as unknown };
      }
    })(),
    { trusted: true },
  );
  // Used once: a later analysis of the scan reads the file, as any other.
  records.length = 0;
  return facts;
}

export interface AnalysisLimits {
  /** Users + roles of one scan. */
  principals: number;
  /** Groups + managed policies of one scan. */
  groupsAndPolicies: number;
}

/**
 * What an analysis of `facts` taken at `moment` is computed from, besides the facts: the inputs
 * revision (registry and team policies bump it), the thresholds and review cadence, and the accounts
 * trusts are judged against (the workspace's and the scan's own, as `analyzeScan` joins them, so the
 * scan's own commit, which adds its account to the workspace's, does not change it).
 */
export function preparedKey(db: ReadDb, accounts: readonly string[], moment: Date): string {
  const settings = getSettings(db);
  const known = new Set([...knownAccounts(db), ...accounts]);
  return canonicalJson({
    revision: analysisInputsRevision(db),
    thresholds: settings.thresholds,
    reviewCadence: settings.reviewCadence ?? null,
    known: [...known].sort(),
    moment: moment.toISOString(),
  });
}

/** The accounts a scan's facts add to the known ones in `analyzeScan` (its own, its organisation's). */
function ownAccounts(facts: ScanFacts): string[] {
  const own = [facts.account.id, ...(facts.organizations?.accounts ?? []).map((account) => account.id)];
  const management = facts.organizations?.organization?.managementAccountId;
  if (management !== null && management !== undefined) own.push(management);
  return own;
}

function analysisInput(db: ReadDb, facts: ScanFacts, moment: Date): AnalysisInput {
  const settings = getSettings(db);
  return {
    facts,
    registry: registryForAnalysis(db),
    settings: { thresholds: settings.thresholds, reviewCadence: settings.reviewCadence, knownAccounts: knownAccounts(db) },
    clock: () => new Date(moment.getTime()),
    policies: enabledUserPolicies(db),
  };
}

/**
 * Analyses a scan its import is still writing, from the facts it handed over (the worker, on its own
 * connection: the settings, registry and policies as committed now). Null when the scan is above the
 * supported size (its analysis, when asked for, refuses it in words).
 */
export function prepareAnalysis(db: ReadDb, handed: HandedFacts, moment: Date, options: { analyze: AnalyzeFn; limits?: AnalysisLimits }): PreparedAnalysis | null {
  const limits = options.limits ?? SUPPORTED;
  const facts = handedScanFacts(handed);
  const principals = (facts.iam?.users.length ?? 0) + (facts.iam?.roles.length ?? 0);
  const others = (facts.iam?.groups.length ?? 0) + (facts.iam?.policies.length ?? 0);
  if (principals > limits.principals || others > limits.groupsAndPolicies) return null;
  const accounts = ownAccounts(facts);
  const key = preparedKey(db, accounts, moment);
  return { scanId: handed.scanId, accounts, key, result: options.analyze(analysisInput(db, facts, moment)) };
}

const SUPPORTED: AnalysisLimits = { principals: MAX_IMPORT_PRINCIPALS, groupsAndPolicies: MAX_IMPORT_GROUPS_AND_POLICIES };

/**
 * Refuses a scan above the supported size before its facts are read: the analysis's memory grows with
 * the principals (~25 KB each live, more at its peak), and above the supported size it would run the
 * worker out of memory, on every view. Imports are refused at that size already; a live scan of a
 * larger account is stored (its facts are the record of what was read) and refused here, in words.
 */
function refuseAboveSupportedSize(db: ReadDb, scanId: string, limits: AnalysisLimits): void {
  const row = db.get(sql`
    SELECT sum(kind IN ('iam.user', 'iam.role')) AS principals, sum(kind IN ('iam.group', 'iam.policy')) AS others
    FROM scan_facts WHERE scan_id = ${scanId} AND kind IN ('iam.user', 'iam.role', 'iam.group', 'iam.policy')`);
  const principals = Number(row?.['principals'] ?? 0);
  const others = Number(row?.['others'] ?? 0);
  if (principals <= limits.principals && others <= limits.groupsAndPolicies) return;
  const what =
    principals > limits.principals
      ? `${formatCount(principals)} users and roles; Agent Warden analyses at most ${formatCount(limits.principals)} per scan`
      : `${formatCount(others)} groups and managed policies; Agent Warden analyses at most ${formatCount(limits.groupsAndPolicies)} per scan`;
  throw new AppError(
    'too_large',
    `This scan is too large to analyse: it holds ${what}. Scan or import each account on its own; if one account really is this large, please file an issue with its counts, so the supported size can be raised.`,
  );
}

function countBy<T extends string | number>(values: Iterable<T>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

interface AnalysisStep {
  scan: ScanAnalysisRow;
  previous: ScanRef | null;
  stamp: string;
}

/** The scans (the chosen one and the earlier ones of its account) whose stored analysis is stale, oldest first. */
function planAnalysis(db: ReadDb, scanId: string): { scan: ScanAnalysisRow; steps: AnalysisStep[] } {
  const scan = scanRow(db, scanId);
  if (scan.status !== 'completed') {
    throw new AppError('conflict', `Scan ${scanId} did not complete (${scan.status}), so it has no agents or findings; choose a completed scan.`);
  }
  const settings = getSettings(db);
  const accounts = knownAccounts(db);
  const revision = analysisInputsRevision(db);
  const steps: AnalysisStep[] = [];
  let previous: ScanRef | null = null;
  for (const each of accountScansUpTo(db, scan)) {
    const stamp = analysisStamp({
      revision,
      thresholds: settings.thresholds,
      ...(settings.reviewCadence === null ? {} : { reviewCadence: settings.reviewCadence }),
      knownAccounts: accounts,
      previousScanId: previous?.id ?? null,
    });
    if (each.stamp !== stamp) steps.push({ scan: each, previous, stamp });
    previous = each;
  }
  return { scan, steps };
}

const refOf = (scan: ScanAnalysisRow): ScanRef => ({ id: scan.id, accountId: scan.accountId, startedAt: scan.startedAt });

/**
 * The scan as the lifecycle knows it when its stored analysis (and that of the earlier scans of its
 * account) is current, else null: nothing to analyse. Read-only and cheap (stamp comparisons).
 */
export function currentAnalysis(db: ReadDb, scanId: string): ScanRef | null {
  const { scan, steps } = planAnalysis(db, scanId);
  return steps.length === 0 ? refOf(scan) : null;
}

/**
 * Makes sure `scanId` (and the earlier scans of its account) have a current stored analysis; returns
 * the scan as the lifecycle knows it. Cheap when nothing changed: one stamp comparison per scan.
 */
export function ensureAnalysed(db: WriteDb, scanId: string, options: AnalysisStoreOptions): ScanRef {
  const { scan, steps } = planAnalysis(db, scanId);
  for (const step of steps) analyseOne(db, step.scan, step.previous, step.stamp, options, step.scan.id === scan.id ? options.onFirstView : undefined);
  // A replaced analysis may leave texts no scan refers to any more: one sweep for all of them.
  if (steps.some((step) => step.scan.stamp !== null)) db.transaction((tx) => deleteUnusedTexts(tx));
  return refOf(scan);
}

function analyseOne(
  db: WriteDb,
  scan: ScanAnalysisRow,
  previous: ScanRef | null,
  stamp: string,
  options: AnalysisStoreOptions,
  onFirstView: ((view: FirstView) => void) | undefined,
): void {
  refuseAboveSupportedSize(db, scan.id, options.limits ?? SUPPORTED);
  // The scan's own moment: ages and overdue reviews as they stood when the scan was taken, so a
  // stored analysis does not go stale by the calendar alone.
  const scanMoment = new Date(scan.finishedAt ?? scan.startedAt);
  // The input is not kept in a variable: once the analysis returns, the scan's facts (~7 KB per
  // principal) can be collected while its result is written.
  const handed = options.handedFacts;
  const prepared = options.prepared;
  let result: AnalysisResult | null = null;
  if (prepared !== undefined && prepared !== null && prepared.scanId === scan.id) {
    // Analysed while the import wrote the scan: used if nothing it was computed from changed since.
    if (prepared.key === preparedKey(db, prepared.accounts, scanMoment)) result = prepared.result;
  }
  result ??= options.analyze(
    analysisInput(db, handed !== undefined && handed.scanId === scan.id && handed.records.length > 0 ? handedScanFacts(handed) : loadScanFacts(db, scan.id), scanMoment),
  );
  // The first view carries no evidence or texts (first-view.ts): the store makes them after it is handed over.
  if (onFirstView !== undefined) {
    const head = firstViewHead(db, scan, previous, stamp, result);
    if (head !== null) {
      options.onFirstViewAgents?.(head.agents);
      onFirstView({ ...head.agents, findings: firstViewFindingColumns(db, scan, previous, head.kept) });
    }
  }
  const now = options.clock().toISOString();
  db.transaction((tx) => {
    // Analysed before, or an account scanned before: most texts are stored already (analysis-texts.ts).
    const texts = { likelyStored: scan.stamp !== null || previous !== null };
    deleteScanAgents(tx, scan.id);
    insertScanAgents(tx, scan.id, result.agents, storageParts, texts);
    writeScanFindings(tx, scan, previous, result.findings, undefined, texts);
    if (isNewestOfAccount(tx, scan)) {
      updateFindingStates(tx, scan, previous, now);
      const tagOwners = new Map<string, string | null>();
      for (const agent of result.agents) tagOwners.set(agent.arn, agent.ownerSource === 'tag' ? agent.owner : null);
      prefillOwners(tx, tagOwners, options.clock());
    }
    const totals = {
      tiers: countBy(result.agents.map((a) => a.tier.tier)),
      severities: countBy<Severity>(result.findings.map((f) => f.severity)),
      steps: countBy(result.findings.map((f) => f.step)),
      ruleCounts: result.ruleCounts,
      // How each enabled user policy fared on this scan (the Policies screen reads it).
      policies: result.policyEvaluations ?? [],
    };
    tx.run(sql`
      UPDATE scans SET analyzed_at = ${now}, analysis_version = ${ANALYSIS_VERSION}, analysis_inputs = ${stamp},
        agent_count = ${result.agents.length}, ai_agent_count = ${result.agents.filter((a) => a.ai).length},
        finding_count = ${result.findings.length}, totals = json_set(totals, '$.analysis', json(${JSON.stringify(totals)}))
      WHERE id = ${scan.id}`);
    storeScanMetrics(tx, scan, previous, stamp, result.agents, options.clock());
    testPause('analysis-write');
  });
}

/**
 * The Overview's metrics record of the scan (governance/overview/scan-metrics.ts), from the agents
 * just analysed and the findings just written with their lifecycle, statuses as people's decisions
 * stand at `now`; replaced with the analysis.
 */
function storeScanMetrics(tx: WriteDb, scan: ScanRef, previous: ScanRef | null, stamp: string, agents: readonly AnalysedAgent[], now: Date): void {
  const findings = narrowScanFindings(tx, scan.id);
  const scanStatus = new Map(findings.map((f) => [f.fingerprint, f.scanStatus]));
  const decided = decidedStatuses(decidedRows(tx, scan, []), scan.startedAt, now);
  const previousDayId = lastScanOfEarlierDay(tx, scan);
  const previousFingerprints = fingerprintsOf(tx, previous?.id ?? null);
  const metrics = computeScanMetrics({
    agents: agents.map(metricsAgent),
    findings: findings.map((f) => ({ ...f, status: decided.get(f.fingerprint) ?? f.scanStatus })),
    scanStatusOf: (fingerprint) => scanStatus.get(fingerprint) ?? 'open',
    previousFingerprints,
    previousDayFingerprints: previousDayId === (previous?.id ?? null) ? previousFingerprints : fingerprintsOf(tx, previousDayId),
  });
  writeScanMetrics(tx, scan.id, stamp, metrics);
}

function metricsAgent(agent: AnalysedAgent): MetricsAgent {
  const row = toAgentRow(agent);
  return {
    arn: row.arn,
    tier: row.tier,
    ai: row.ai,
    awsManaged: row.awsManaged,
    owner: row.owner,
    status: row.status,
    activeKeyCount: row.activeKeyCount,
    activeKeyAges: agent.credentials.flatMap((c) => (c.type === 'access-key' && c.active ? [c.ageDays] : [])),
  };
}

/** An analysed agent's inventory row and permissions' JSON (written by the analysis where it can: no rows made). */
function storageParts(agent: AnalysedAgent): AgentStorageParts {
  const written = agent[STORED_PERMISSIONS_JSON];
  return { row: toAgentRow(agent), permissionsJson: written !== undefined ? written() : encodePermissionsJson(agent.permissions) };
}
