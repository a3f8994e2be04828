/**
 * OCSF 1.3.0 Detection Finding (class_uid 2004) from findings: a pure mapper, shared by the CLI's
 * `warden export findings --format ocsf|ocsf-jsonl` (and usable by the renderer, which has no Node).
 * The field mapping is documented in docs/exports.md; test/fixtures/ocsf holds the 1.3.0 schema the
 * tests validate every exported object against.
 *
 * Choices the schema leaves open:
 * - The agent's owner goes in `resources[].owner` (a `user` object, "the identity of the service or
 *   user account that owns the resource": our owner is a person or team name, so `owner.name`), and its
 *   tier in `resources[].labels` (free strings, `tier:1`) plus `resources[].criticality` (`Tier 1`):
 *   both are defined attributes of resource_details, so consumers (Security Lake, SIEMs) index them
 *   without reading `unmapped`. `unmapped` keeps only what OCSF has no field for (the scan ID, status
 *   name in our terms, step, frameworks, evidence).
 * - Times are epoch milliseconds (OCSF timestamp_t).
 */
import type { FindingRow, ScanSummary, SeverityName } from './contract';

export const OCSF_VERSION = '1.3.0';
export const DETECTION_FINDING_CLASS_UID = 2004;
export const FINDINGS_CATEGORY_UID = 2;

/** What the export needs to know of an agent to carry its owner and tier. */
export interface OcsfAgentInfo {
  readonly name: string;
  readonly owner: string | null;
  readonly tier: 1 | 2 | 3;
}

export interface OcsfContext {
  readonly productName: string;
  readonly productVersion: string;
  /** The time of the export, epoch ms (`time`: when the event was produced). */
  readonly now: number;
  /** Agents by ARN (the principal's or the resource's), for owner and tier. */
  readonly agents: ReadonlyMap<string, OcsfAgentInfo>;
  /** The scans the findings come from, by ID. */
  readonly scans: ReadonlyMap<string, ScanSummary>;
}

type Status = FindingRow['status'];

/** OCSF 1.3.0 finding `status_id`: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved. */
export const OCSF_STATUS: Readonly<Record<Status, { id: 1 | 2 | 3 | 4; name: string }>> = {
  new: { id: 1, name: 'New' },
  open: { id: 2, name: 'In Progress' },
  regressed: { id: 2, name: 'In Progress' },
  accepted: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' },
};

/** OCSF 1.3.0 finding `activity_id`: 1 Create (first seen), 2 Update (still there), 3 Close (resolved). */
export const OCSF_ACTIVITY: Readonly<Record<Status, { id: 1 | 2 | 3; name: string }>> = {
  new: { id: 1, name: 'Create' },
  open: { id: 2, name: 'Update' },
  regressed: { id: 2, name: 'Update' },
  accepted: { id: 2, name: 'Update' },
  resolved: { id: 3, name: 'Close' },
};

/** OCSF `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
export const OCSF_SEVERITY: Readonly<Record<SeverityName, { id: 1 | 2 | 3 | 4 | 5; name: string }>> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

function epochMs(iso: string | null | undefined, fallback: number): number {
  if (iso === null || iso === undefined) return fallback;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : fallback;
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the ARN (`arn:PARTITION:...`). */
function partition(arn: string): string | null {
  const part = arn.split(':')[1];
  return part !== undefined && part.startsWith('aws') ? part : null;
}

function resourceType(arn: string): string {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const kind = (parts[5] ?? '').split('/')[0] ?? '';
  return service !== '' && kind !== '' ? `AWS::${service.toUpperCase()}::${kind}` : 'AWS resource';
}

function resource(arn: string, role: 'principal' | 'resource', region: string | null, context: OcsfContext): Record<string, unknown> {
  const agent = context.agents.get(arn);
  const labels = [`agent-warden:${role}`];
  if (agent !== undefined) labels.push(`tier:${agent.tier}`);
  const cloudPartition = partition(arn);
  return {
    uid: arn,
    name: agent?.name ?? arn.split(/[:/]/).at(-1) ?? arn,
    type: resourceType(arn),
    ...(cloudPartition !== null && { cloud_partition: cloudPartition }),
    ...(region !== null && { region }),
    ...(agent?.owner !== null && agent?.owner !== undefined && { owner: { name: agent.owner } }),
    ...(agent !== undefined && { criticality: `Tier ${agent.tier}` }),
    labels,
  };
}

/** One finding as an OCSF 1.3.0 Detection Finding event. */
export function ocsfDetectionFinding(f: FindingRow, context: OcsfContext): Record<string, unknown> {
  const status = OCSF_STATUS[f.status];
  const activity = OCSF_ACTIVITY[f.status];
  const severity = OCSF_SEVERITY[f.severity];
  const scan = context.scans.get(f.scanId);
  const firstSeen = epochMs(f.firstSeenAt, context.now);
  const lastSeen = epochMs(f.lastSeenAt, firstSeen);
  const resources = [resource(f.resourceArn, 'resource', f.region, context)];
  if (f.principalArn !== null && f.principalArn !== f.resourceArn) resources.push(resource(f.principalArn, 'principal', f.region, context));
  return {
    class_uid: DETECTION_FINDING_CLASS_UID,
    class_name: 'Detection Finding',
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: DETECTION_FINDING_CLASS_UID * 100 + activity.id,
    type_name: `Detection Finding: ${activity.name}`,
    time: context.now,
    severity_id: severity.id,
    severity: severity.name,
    status_id: status.id,
    status: status.name,
    message: f.title,
    metadata: {
      version: OCSF_VERSION,
      product: { name: context.productName, vendor_name: context.productName, version: context.productVersion },
      event_code: f.ruleId,
      uid: `${f.scanId}:${f.fingerprint}`,
      correlation_uid: f.scanId,
      profiles: ['cloud'],
      ...(scan?.finishedAt !== null && scan?.finishedAt !== undefined && { logged_time: epochMs(scan.finishedAt, context.now) }),
    },
    finding_info: {
      uid: f.fingerprint,
      title: f.title,
      desc: f.explanation,
      first_seen_time: firstSeen,
      last_seen_time: lastSeen,
      types: [f.ruleId],
      analytic: { uid: f.ruleId, name: f.ruleId, type_id: 1, type: 'Rule' },
    },
    cloud: {
      provider: 'AWS',
      account: { uid: f.accountId, type_id: 10, type: 'AWS Account', ...(scan?.accountAlias !== null && scan?.accountAlias !== undefined && { name: scan.accountAlias }) },
      ...(f.region !== null && { region: f.region }),
    },
    resources,
    remediation: { desc: f.remediation },
    unmapped: {
      scan_id: f.scanId,
      triage_status: f.status,
      is_new: f.isNew,
      step: f.step,
      frameworks: f.frameworks,
      evidence: f.evidence,
      fix: f.fix,
      ...(f.acceptance !== null && { acceptance: f.acceptance }),
    },
  };
}

/** The findings as a JSON array of Detection Findings (`--format ocsf`). */
export function ocsfJson(findings: readonly FindingRow[], context: OcsfContext): string {
  return `${JSON.stringify(findings.map((f) => ocsfDetectionFinding(f, context)), null, 2)}\n`;
}

/** The findings as JSON Lines, one Detection Finding a line (`--format ocsf-jsonl`). */
export function ocsfJsonLines(findings: readonly FindingRow[], context: OcsfContext): string {
  return findings.map((f) => `${JSON.stringify(ocsfDetectionFinding(f, context))}\n`).join('');
}
