/**
 * The first view of a scan from its analysis before the analysis is stored (issue 8, item 4).
 *
 * Storing a large analysis takes longer than making it (at 10,000 principals ~4 s for ~115,000 texts
 * and ~50,000 rows in seven B-trees, against ~2.5 s to read the facts and analyse them). The listing
 * channels (Inventory, Findings, Shadow AI) need only the rows the store is about to write, so the
 * worker hands them over (`buildFirstView`) and then commits; until the commit lands, `agents:list`
 * and `findings:summaries` answer from them (`firstViewAgents`, `firstViewSummaries`), every other
 * read (`findings:list` and `findings:details` among them: they need the evidence and the texts, which
 * the first view leaves out) waits for the commit, and once it lands every read goes to SQLite again.
 *
 * The rows are made by the functions the store writes with (`toAgentRow`, `findingDetails` as
 * `findingTexts` stores them, `scanLifecycles`) and read as the stored path reads them (a summary as
 * `toFindingSummary` makes it of `toFindingRow`'s row), in the stored order, so an answer from here
 * equals the stored answer field by field (a test holds them equal). Where people's decisions (an acceptance, a resolution by hand) touch the scan's findings,
 * the store's own update of them decides what is shown; there is no first view then, and the screens
 * wait for the commit as before. Nothing here is written: a kill before the commit loses only this.
 */
import type { AgentRow, FindingRow, FindingSummary } from '@shared/contract';
import type { AnalysisResult, Finding } from '../analysis/types';
import { toAgentRow } from '../analysis/agent-shape';
import type { ReadDb } from '../db/handles';
import {
  anyDecided,
  findingDetails,
  policyOfEvidence,
  readScanFindings,
  toFindingRow,
  toFindingSummary,
  type FindingFilter,
  type ScanRef,
} from '../db/repositories/findings';
import { scanLifecycles } from '../governance/finding-lifecycle-service';

/**
 * Values of one column that repeat (a rule's title, a severity, a date): each distinct value once,
 * and per finding its number in that list.
 */
export interface CodedColumn<T> {
  values: T[];
  codes: Uint32Array;
}

/**
 * The findings of a first view as columns, in the stored order: one array per field rather than one
 * object per finding. What crosses from the worker is a structured clone, whose cost follows the
 * number of objects and strings more than their bytes: at 10,000 principals (~37,000 findings) rows
 * as objects took ~0.17 s to serialise and ~0.29 s to deserialise on the back end's thread, these
 * columns ~0.09 s and ~0.14 s (bench/README.md, g). The scan's ID is the view's. Only what a summary
 * shows (`findings:summaries`): the evidence, explanation, remediation and fix — most of a finding's
 * size, ~0.3 s of making, copying and reading at 10,000 principals — are read from the store once a
 * finding is opened (`findings:details`).
 */
export interface FirstViewFindings {
  count: number;
  fingerprint: string[];
  ruleId: CodedColumn<string>;
  severity: CodedColumn<string>;
  step: CodedColumn<number>;
  title: CodedColumn<string>;
  principalArn: (string | null)[];
  resourceArn: string[];
  status: CodedColumn<string>;
  firstSeenAt: CodedColumn<string>;
  lastSeenAt: CodedColumn<string>;
  isNew: Uint8Array;
  resourceId: (string | null)[];
  accountId: CodedColumn<string>;
  region: CodedColumn<string | null>;
  frameworks: CodedColumn<string[]>;
  /** The governance policy the evidence names (`policyOfEvidence`): its ID and name, or null. */
  policyId: CodedColumn<string | null>;
  policyName: CodedColumn<string | null>;
}

/**
 * The inventory part of a first view: what `agents:list` needs. The worker hands it over as soon as
 * it is made, before the findings' columns (~0.3 s at 10,000 principals), so the Inventory is answered
 * while those are made and copied across.
 */
export interface FirstViewAgents {
  scan: ScanRef;
  previous: ScanRef | null;
  /** The stamp the analysis is being stored with. */
  stamp: string;
  /** The inventory rows' JSON as stored, in the stored order (name, then ARN). */
  agentRows: string[];
}

/** What the listing channels need of an analysis that is being stored. Plain data: it crosses from the worker. */
export interface FirstView extends FirstViewAgents {
  /** The findings as stored, in the order they are read (severity, rule, resource, then as written). */
  findings: FirstViewFindings;
}

/** Builds a coded column value by value; `key` tells equal values apart (identity by default). */
class CodedBuilder<T> {
  readonly values: T[] = [];
  readonly codes: Uint32Array;
  private readonly index = new Map<unknown, number>();

  constructor(
    length: number,
    private readonly key: (value: T) => unknown = (value) => value,
  ) {
    this.codes = new Uint32Array(length);
  }

  set(position: number, value: T): void {
    const key = this.key(value);
    let code = this.index.get(key);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(key, code);
    }
    this.codes[position] = code;
  }

  column(): CodedColumn<T> {
    return { values: this.values, codes: this.codes };
  }
}

const valueAt = <T>(column: CodedColumn<T>, position: number): T => column.values[column.codes[position] ?? 0] as T;

/** The finding at `position` of a first view's columns, as `toFindingSummary` makes it of the stored row. */
function firstViewSummaryAt(view: FirstView, position: number, status: FindingRow['status']): FindingSummary {
  const f = view.findings;
  const policyId = valueAt(f.policyId, position);
  return {
    fingerprint: f.fingerprint[position] as string,
    scanId: view.scan.id,
    ruleId: valueAt(f.ruleId, position),
    severity: valueAt(f.severity, position) as FindingRow['severity'],
    step: valueAt(f.step, position),
    title: valueAt(f.title, position),
    principalArn: f.principalArn[position] ?? null,
    resourceArn: f.resourceArn[position] as string,
    resourceId: f.resourceId[position] ?? null,
    accountId: valueAt(f.accountId, position),
    region: valueAt(f.region, position),
    // A copy, as rows of a stored answer do not share one (each parses its own text).
    frameworks: [...valueAt(f.frameworks, position)],
    status,
    isNew: f.isNew[position] === 1,
    firstSeenAt: valueAt(f.firstSeenAt, position),
    lastSeenAt: valueAt(f.lastSeenAt, position),
    acceptance: null,
    policy: policyId === null ? null : { id: policyId, name: valueAt(f.policyName, position) },
  };
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

/** A first view's inventory part, and the findings its columns are to be made of. */
export interface FirstViewHead {
  agents: FirstViewAgents;
  /** The findings as the store keeps them (the first of each fingerprint), in the analysis's order. */
  kept: Finding[];
}

/**
 * The inventory part of `scan`'s first view, or null when people's decisions touch its findings (the
 * store decides those: no first view). Read on the connection that is about to store it, before its
 * transaction.
 */
export function firstViewHead(db: ReadDb, scan: ScanRef, previous: ScanRef | null, stamp: string, result: AnalysisResult): FirstViewHead | null {
  // As the store's INSERT … ON CONFLICT DO NOTHING keeps them: the first of a fingerprint, of an ARN.
  const seen = new Set<string>();
  const kept = result.findings.filter((finding) => !seen.has(finding.fingerprint) && seen.add(finding.fingerprint) !== undefined);
  if (anyDecided(db, seen)) return null;
  const arns = new Set<string>();
  const agents = result.agents.filter((agent) => !arns.has(agent.arn) && arns.add(agent.arn) !== undefined);
  agents.sort((a, b) => compareUtf8(a.name, b.name) || compareUtf8(a.arn, b.arn));
  return {
    agents: {
      scan: { id: scan.id, accountId: scan.accountId, startedAt: scan.startedAt },
      previous: previous === null ? null : { id: previous.id, accountId: previous.accountId, startedAt: previous.startedAt },
      stamp,
      agentRows: agents.map((agent) => JSON.stringify(toAgentRow(agent))),
    },
    kept,
  };
}

/** The findings' columns of a first view (`firstViewHead`'s `kept`), in the stored order. */
export function firstViewFindingColumns(db: ReadDb, scan: ScanRef, previous: ScanRef | null, kept: readonly Finding[]): FirstViewFindings {
  const lifeOf = scanLifecycles(db, scan, previous);
  const order = kept.map((finding, index) => ({ finding, index }));
  order.sort(
    (a, b) =>
      (SEVERITY_RANK[a.finding.severity] ?? 4) - (SEVERITY_RANK[b.finding.severity] ?? 4) ||
      compareUtf8(a.finding.ruleId, b.finding.ruleId) ||
      compareUtf8(a.finding.resourceArn, b.finding.resourceArn) ||
      a.index - b.index,
  );
  const count = order.length;
  const ruleId = new CodedBuilder<string>(count);
  const severity = new CodedBuilder<string>(count);
  const step = new CodedBuilder<number>(count);
  const title = new CodedBuilder<string>(count);
  const status = new CodedBuilder<string>(count);
  const firstSeenAt = new CodedBuilder<string>(count);
  const lastSeenAt = new CodedBuilder<string>(count);
  const accountId = new CodedBuilder<string>(count);
  const region = new CodedBuilder<string | null>(count);
  const frameworks = new CodedBuilder<string[]>(count, (list) => list.join('\u0000'));
  const policyId = new CodedBuilder<string | null>(count);
  const policyName = new CodedBuilder<string | null>(count);
  const findings: FirstViewFindings = {
    count,
    fingerprint: new Array<string>(count),
    ruleId: ruleId.column(),
    severity: severity.column(),
    step: step.column(),
    title: title.column(),
    principalArn: new Array<string | null>(count),
    resourceArn: new Array<string>(count),
    status: status.column(),
    firstSeenAt: firstSeenAt.column(),
    lastSeenAt: lastSeenAt.column(),
    isNew: new Uint8Array(count),
    resourceId: new Array<string | null>(count),
    accountId: accountId.column(),
    region: region.column(),
    frameworks: frameworks.column(),
    policyId: policyId.column(),
    policyName: policyName.column(),
  };
  for (let i = 0; i < count; i += 1) {
    const { finding } = order[i] as { finding: Finding };
    const life = lifeOf(finding.fingerprint);
    const details = findingDetails(finding);
    findings.fingerprint[i] = finding.fingerprint;
    ruleId.set(i, finding.ruleId);
    severity.set(i, finding.severity);
    step.set(i, finding.step);
    title.set(i, finding.title);
    findings.principalArn[i] = finding.principalArn;
    findings.resourceArn[i] = finding.resourceArn;
    status.set(i, life.status);
    firstSeenAt.set(i, life.firstSeenAt);
    lastSeenAt.set(i, scan.startedAt);
    findings.isNew[i] = life.isNew ? 1 : 0;
    findings.resourceId[i] = details.resourceId;
    accountId.set(i, details.accountId);
    region.set(i, details.region);
    frameworks.set(i, details.frameworks);
    const policy = policyOfEvidence(finding.evidence);
    policyId.set(i, policy?.id ?? null);
    policyName.set(i, policy?.name ?? null);
  }
  return findings;
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
): FirstView | null {
  const head = firstViewHead(db, scan, previous, stamp, result);
  if (head === null) return null;
  return { ...head.agents, findings: firstViewFindingColumns(db, scan, previous, head.kept) };
}

/** `listAgentRows` of the scan once stored. */
export function firstViewAgents(view: FirstViewAgents): AgentRow[] {
  const scanId = view.scan.id;
  return view.agentRows.map((row) => ({ ...(JSON.parse(row) as Omit<AgentRow, 'scanId'>), scanId }));
}

/** `listScanFindings` of the scan once stored, as summaries (no decision touches it: see `buildFirstView`). */
export function firstViewSummaries(view: FirstView, filter: FindingFilter): FindingSummary[] {
  const arn = filter.arn ?? null;
  const f = view.findings;
  const result: FindingSummary[] = [];
  for (let i = 0; i < f.count; i += 1) {
    if (filter.severity !== null && valueAt(f.severity, i) !== filter.severity) continue;
    if (filter.ruleId !== null && valueAt(f.ruleId, i) !== filter.ruleId) continue;
    if (arn !== null && f.principalArn[i] !== arn && f.resourceArn[i] !== arn) continue;
    // No decision: the status shown is the one the scan gave it.
    const status = valueAt(f.status, i) as FindingRow['status'];
    if (filter.status !== null && status !== filter.status) continue;
    result.push(firstViewSummaryAt(view, i, status));
  }
  return result;
}

/** `resolvedSince` of the scan once stored, as summaries: what the previous scan had and this one lacks. */
export function firstViewResolvedSince(db: ReadDb, view: FirstView, filter: FindingFilter): FindingSummary[] {
  if (view.previous === null) return [];
  const here = new Set(view.findings.fingerprint);
  return readScanFindings(db, view.previous.id, { severity: filter.severity, ruleId: filter.ruleId, status: null })
    .filter((stored) => !here.has(String(stored.row['fingerprint'])))
    .map((stored) => toFindingSummary({ ...toFindingRow(stored.row, 'resolved', null), isNew: false }));
}
