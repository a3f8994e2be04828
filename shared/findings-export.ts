/**
 * Findings as `warden findings --format json|csv` writes them, and as the Findings screen exports
 * them: one module, so the two files are the same. Pure (no Node, no DOM): the CLI streams these
 * rows, the renderer joins them into a Blob.
 *
 * JSON keeps the documented keys in the documented order; CSV goes through shared/csv.ts, which
 * neutralises formula injection (every text here can come from an AWS account others write to).
 */
import type { FindingRow, ScanSummary } from './contract';
import { toCsv, type CsvValue } from './csv';

/** A scan as the JSON document names it (one per account shown). */
export function findingsScanJson(scan: ScanSummary): Record<string, unknown> {
  return {
    id: scan.id,
    source: scan.source,
    label: scan.label,
    accountId: scan.accountId,
    accountAlias: scan.accountAlias,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    status: scan.status,
  };
}

/** One finding: explicit keys, so they are exactly the documented ones, in order. */
export function findingJson(finding: FindingRow): Record<string, unknown> {
  return {
    id: finding.fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    step: finding.step,
    title: finding.title,
    principalArn: finding.principalArn,
    resourceArn: finding.resourceArn,
    resourceId: finding.resourceId,
    accountId: finding.accountId,
    scanId: finding.scanId,
    region: finding.region,
    evidence: finding.evidence,
    remediation: finding.remediation,
    fix: finding.fix,
    frameworks: finding.frameworks,
    status: finding.status,
    firstSeenAt: finding.firstSeenAt,
    lastSeenAt: finding.lastSeenAt,
  };
}

/** The whole JSON document: the scans the findings come from (one per account), then the findings. */
export function findingsJson(scans: readonly ScanSummary[], findings: readonly FindingRow[]): { scans: Record<string, unknown>[]; findings: Record<string, unknown>[] } {
  return { scans: scans.map(findingsScanJson), findings: findings.map(findingJson) };
}

/** The JSON text, as the CLI prints it (two-space indent, a final line break). */
export function findingsJsonText(scans: readonly ScanSummary[], findings: readonly FindingRow[]): string {
  return `${JSON.stringify(findingsJson(scans, findings), null, 2)}\n`;
}

export const FINDINGS_CSV_COLUMNS = [
  'id',
  'ruleId',
  'severity',
  'step',
  'title',
  'principalArn',
  'resourceArn',
  'resourceId',
  'accountId',
  'scanId',
  'region',
  'status',
  'isNew',
  'firstSeenAt',
  'lastSeenAt',
  'frameworks',
  'remediation',
  'fixKind',
  'fix',
  'acceptedUntil',
  'acceptedReason',
  'evidence',
] as const;

/** One finding's CSV row, in FINDINGS_CSV_COLUMNS order (unquoted: the CSV writer quotes and neutralises). */
export function findingCsvValues(f: FindingRow): CsvValue[] {
  return [
    f.fingerprint,
    f.ruleId,
    f.severity,
    f.step,
    f.title,
    f.principalArn,
    f.resourceArn,
    f.resourceId,
    f.accountId,
    f.scanId,
    f.region,
    f.status,
    f.isNew,
    f.firstSeenAt,
    f.lastSeenAt,
    f.frameworks.join(';'),
    f.remediation,
    f.fix.kind,
    f.fix.text,
    f.acceptance?.until ?? null,
    f.acceptance?.reason ?? null,
    JSON.stringify(f.evidence),
  ];
}

/** The whole CSV document (header, then one CRLF-ended row per finding). */
export function findingsCsv(findings: readonly FindingRow[]): string {
  return toCsv(FINDINGS_CSV_COLUMNS, findings.map(findingCsvValues));
}
