/**
 * The first view of a scan from its analysis before the analysis is stored (issue 8, item 4).
 *
 * Storing a large analysis takes longer than making it (at 10,000 principals ~4 s for ~115,000 texts
 * and ~50,000 rows in seven B-trees, against ~2.5 s to read the facts and analyse them). The listing
 * channels (Inventory, Findings, Shadow AI) need only the rows the store is about to write, so the
 * worker hands them over (`buildFirstView`) and then commits; until the commit lands, `agents:list`
 * and `findings:list` answer from them (`firstViewAgents`, `firstViewFindings`), every other read
 * waits for the commit, and once it lands every read goes to SQLite again.
 *
 * The rows are made by the functions the store writes with (`toAgentRow`, the evidence's text and
 * `findingDetails` as `findingTexts` stores them, `scanLifecycles`) and read back as the stored path
 * reads them (`toFindingRow`; the details, carried as data, by `findingRowWith`), in the stored order,
 * so an answer from here equals the stored answer field by field (a test holds them equal). Where people's decisions (an acceptance, a resolution by hand) touch the scan's findings,
 * the store's own update of them decides what is shown; there is no first view then, and the screens
 * wait for the commit as before. Nothing here is written: a kill before the commit loses only this.
 */
import type { AgentRow, FindingRow } from '@shared/contract';
import type { AnalysisResult, Finding } from '../analysis/types';
import { toAgentRow } from '../analysis/agent-shape';
import type { ReadDb } from '../db/handles';
import {
  anyDecided,
  findingDetails,
  findingRowWith,
  readScanFindings,
  toFindingRow,
  type FindingDetails,
  type FindingFilter,
  type FindingRowOptions,
  type ScanRef,
} from '../db/repositories/findings';
import { scanLifecycles } from '../governance/finding-lifecycle-service';

/** A finding as its stored row reads (the columns `toFindingRow` reads), not yet stored. */
export type FirstViewFinding = {
  fingerprint: string;
  scan_id: string;
  rule_id: string;
  severity: string;
  step: number;
  title: string;
  principal_arn: string | null;
  resource_arn: string;
  status: string;
  first_seen_at: string;
  last_seen_at: string;
  is_new: number;
  evidence_json: string;
  /**
   * The details as data, not their stored text: the answer needs them parsed, so making the text
   * here, copying it across and parsing it again was ~0.3 s on the answer's path at 10,000
   * principals; the store makes the text after the first view is handed over.
   */
  details: FindingDetails;
};

/** What the listing channels need of an analysis that is being stored. Plain data: it crosses from the worker. */
export interface FirstView {
  scan: ScanRef;
  previous: ScanRef | null;
  /** The stamp the analysis is being stored with. */
  stamp: string;
  /** The inventory rows' JSON as stored, in the stored order (name, then ARN). */
  agentRows: string[];
  /** The findings as stored, in the order they are read (severity, rule, resource, then as written). */
  findings: FirstViewFinding[];
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * SQLite's order for TEXT (BINARY: the UTF-8 bytes). JavaScript compares UTF-16 code units, which
 * differs only where a surrogate (a character above U+FFFF) meets U+E000–U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const rank = (c: number): number => (c >= 0xd800 && c <= 0xdfff ? c + 0x10000 : c);
    return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * The first view of `scan`'s analysis, or null when people's decisions touch its findings (the store
 * decides those). Read on the connection that is about to store it, before its transaction.
 */
export function buildFirstView(
  db: ReadDb,
  scan: ScanRef,
  previous: ScanRef | null,
  stamp: string,
  result: AnalysisResult,
  evidenceOf: (finding: Finding) => string = (finding) => JSON.stringify(finding.evidence),
): FirstView | null {
  // As the store's INSERT … ON CONFLICT DO NOTHING keeps them: the first of a fingerprint, of an ARN.
  const seen = new Set<string>();
  const kept = result.findings.filter((finding) => !seen.has(finding.fingerprint) && seen.add(finding.fingerprint) !== undefined);
  if (anyDecided(db, seen)) return null;
  const lifeOf = scanLifecycles(db, scan, previous);
  const findings = kept.map((finding, index) => {
    const life = lifeOf(finding.fingerprint);
    const row: FirstViewFinding = {
      fingerprint: finding.fingerprint,
      scan_id: scan.id,
      rule_id: finding.ruleId,
      severity: finding.severity,
      step: finding.step,
      title: finding.title,
      principal_arn: finding.principalArn,
      resource_arn: finding.resourceArn,
      status: life.status,
      first_seen_at: life.firstSeenAt,
      last_seen_at: scan.startedAt,
      is_new: life.isNew ? 1 : 0,
      evidence_json: evidenceOf(finding),
      details: findingDetails(finding),
    };
    return { row, index };
  });
  findings.sort(
    (a, b) =>
      (SEVERITY_RANK[a.row.severity] ?? 4) - (SEVERITY_RANK[b.row.severity] ?? 4) ||
      compareUtf8(a.row.rule_id, b.row.rule_id) ||
      compareUtf8(a.row.resource_arn, b.row.resource_arn) ||
      a.index - b.index,
  );
  const arns = new Set<string>();
  const agents = result.agents.filter((agent) => !arns.has(agent.arn) && arns.add(agent.arn) !== undefined);
  agents.sort((a, b) => compareUtf8(a.name, b.name) || compareUtf8(a.arn, b.arn));
  return {
    scan: { id: scan.id, accountId: scan.accountId, startedAt: scan.startedAt },
    previous: previous === null ? null : { id: previous.id, accountId: previous.accountId, startedAt: previous.startedAt },
    stamp,
    agentRows: agents.map((agent) => JSON.stringify(toAgentRow(agent))),
    findings: findings.map((each) => each.row),
  };
}

/** `listAgentRows` of the scan once stored. */
export function firstViewAgents(view: FirstView): AgentRow[] {
  const scanId = view.scan.id;
  return view.agentRows.map((row) => ({ ...(JSON.parse(row) as Omit<AgentRow, 'scanId'>), scanId }));
}

/** `listScanFindings` of the scan once stored (no decision touches it: see `buildFirstView`). */
export function firstViewFindings(view: FirstView, filter: FindingFilter, rows: FindingRowOptions = {}): FindingRow[] {
  const arn = filter.arn ?? null;
  const result: FindingRow[] = [];
  for (const row of view.findings) {
    if (filter.severity !== null && row.severity !== filter.severity) continue;
    if (filter.ruleId !== null && row.rule_id !== filter.ruleId) continue;
    if (arn !== null && row.principal_arn !== arn && row.resource_arn !== arn) continue;
    // No decision: the status shown is the one the scan gave it.
    if (filter.status !== null && row.status !== filter.status) continue;
    // Copies of what rows of a stored answer would not share (each parses its own text).
    const { details } = row;
    const own = { ...details, fix: { ...details.fix }, frameworks: [...details.frameworks] };
    result.push(findingRowWith(row, own, row.status as FindingRow['status'], null, rows));
  }
  return result;
}

/** `resolvedSince` of the scan once stored: what the previous scan had and this one lacks. */
export function firstViewResolvedSince(db: ReadDb, view: FirstView, filter: FindingFilter, rows: FindingRowOptions = {}): FindingRow[] {
  if (view.previous === null) return [];
  const here = new Set(view.findings.map((row) => row.fingerprint));
  return readScanFindings(db, view.previous.id, { severity: filter.severity, ruleId: filter.ruleId, status: null })
    .filter((stored) => !here.has(String(stored.row['fingerprint'])))
    .map((stored) => ({ ...toFindingRow(stored.row, 'resolved', null, rows), isNew: false }));
}
