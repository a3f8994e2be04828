/**
 * `warden findings [--scan latest|ID] [--severity S] [--rule ID] --format json|csv|sarif|table`: the
 * findings of one scan with their lifecycle, through the same channel as the app (`findings:list`,
 * which analyses the scan on first read).
 *
 * JSON keeps the documented keys in the documented order; CSV neutralises formula injection; SARIF
 * 2.1.0 is what code-scanning dashboards (GitHub, Azure DevOps, DefectDojo) ingest: rules with their
 * help text, results located at the resource's ARN as a logical location, the fingerprint as the
 * partial fingerprint so the dashboard tracks each finding across scans as we do.
 */
import { RULES } from '@core/analysis/rules';
import { SEVERITY_NAMES, type FindingRow, type ScanSummary, type SeverityName } from '@shared/contract';
import { callOrReport } from '../call';
import type { CliBackend } from '../backend';
import { toCsv, type CsvValue } from '../csv-output';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';
import { StreamedArray, outputSink, streamCsv, streamJson } from '../stream-output';
import { APP_NAME, APP_VERSION } from '../version';

export const FINDINGS_FORMATS = ['json', 'csv', 'sarif', 'table'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export interface FindingsOptions {
  /** `latest` (or undefined): the newest completed scan; otherwise a scan ID. */
  scan: string | undefined;
  severity: SeverityName | null;
  ruleId: string | null;
  format: FindingsFormat;
  /** Rule descriptions for SARIF's `tool.driver.rules`: the rule catalogue by default; rules missing from it are described from their findings. */
  catalogue?: readonly RuleDescription[];
}

/** What SARIF needs of a catalogue rule (the shape of the rules' `RuleDefinition`). */
export interface RuleDescription {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: SeverityName;
  readonly step: number;
  readonly frameworks: readonly string[];
  readonly firesWhen: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parseFindingsFormat(value: string | undefined): Parsed<FindingsFormat> {
  if (value === undefined) return { ok: true, value: 'table' };
  const format = FINDINGS_FORMATS.find((f) => f === value.toLowerCase());
  if (format !== undefined) return { ok: true, value: format };
  return { ok: false, message: `--format takes ${FINDINGS_FORMATS.join(', ')}, not "${terminalSafe(value)}".` };
}

export function parseSeverity(value: string | undefined): Parsed<SeverityName | null> {
  if (value === undefined) return { ok: true, value: null };
  const severity = SEVERITY_NAMES.find((s) => s === value.toLowerCase());
  if (severity !== undefined) return { ok: true, value: severity };
  return { ok: false, message: `--severity takes ${SEVERITY_NAMES.join(', ')}, not "${terminalSafe(value)}".` };
}

interface FindingsReply {
  scan: ScanSummary | null;
  findings: FindingRow[];
  resolvedSinceLastScan: FindingRow[];
}

export async function findingsCommand(backend: CliBackend, io: Writer, options: FindingsOptions): Promise<ExitCode> {
  const scanId = options.scan === undefined || options.scan === 'latest' ? null : options.scan;
  const reply = await callOrReport<FindingsReply>(backend.dispatch, 'findings:list', { scanId, severity: options.severity, ruleId: options.ruleId }, io);
  if (reply === undefined) return EXIT.failure;
  if (reply.scan === null) {
    io.err(`warden: the workspace ${backend.workspaces.currentPath()} has no completed scan yet: run \`warden scan\` or \`warden import --authorization-details FILE\` first.\n`);
    return EXIT.failure;
  }
  // Streamed, element by element (50,000 findings are ~165 MB of JSON): the same text as one string.
  const sink = outputSink(io);
  switch (options.format) {
    case 'json':
      await streamJson(sink, { scan: findingsScanJson(reply.scan), findings: new StreamedArray(reply.findings, findingJson) });
      break;
    case 'csv':
      await streamCsv(sink, FINDINGS_CSV_COLUMNS, reply.findings, findingCsvValues);
      break;
    case 'sarif':
      await streamJson(sink, sarifDocument(reply.scan, reply.findings, options.catalogue ?? RULES, (results) => results));
      break;
    case 'table':
      await sink.write(findingsTable(reply.scan, reply.findings, reply.resolvedSinceLastScan));
      break;
  }
  await sink.end();
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// JSON: explicit objects, so the keys are exactly the documented ones, in order.
// ---------------------------------------------------------------------------------------------

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

export function findingsJson(scan: ScanSummary, findings: readonly FindingRow[]): { scan: Record<string, unknown>; findings: Record<string, unknown>[] } {
  return { scan: findingsScanJson(scan), findings: findings.map(findingJson) };
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

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

/** One finding's CSV row, in FINDINGS_CSV_COLUMNS order. */
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

export function findingsCsv(findings: readonly FindingRow[]): string {
  return toCsv(FINDINGS_CSV_COLUMNS, findings.map(findingCsvValues));
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0
// ---------------------------------------------------------------------------------------------

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: SeverityName): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning ranks security results by this CVSS-like score. */
const SECURITY_SEVERITY: Readonly<Record<SeverityName, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; step: number; 'security-severity': string; precision: 'high' };
}

function pascalName(id: string): string {
  return id
    .split(/[_-]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function describeRule(id: string, catalogue: ReadonlyMap<string, RuleDescription>, example: FindingRow | undefined): SarifRule {
  const known = catalogue.get(id);
  const severity = known?.defaultSeverity ?? example?.severity ?? 'medium';
  const title = known?.title ?? example?.title ?? id;
  const firesWhen = known?.firesWhen ?? example?.explanation ?? title;
  const remediation = example?.remediation ?? '';
  const frameworks = [...(known?.frameworks ?? example?.frameworks ?? [])];
  const helpText = [`${title}.`, `Fires when: ${firesWhen}`, example !== undefined && example.explanation !== firesWhen ? `Why it matters: ${example.explanation}` : '', remediation !== '' ? `What to do: ${remediation}` : '', frameworks.length > 0 ? `References: ${frameworks.join(', ')}` : '']
    .filter((line) => line !== '')
    .join('\n');
  return {
    id,
    name: pascalName(id),
    shortDescription: { text: title },
    fullDescription: { text: firesWhen },
    help: { text: helpText, markdown: helpText.split('\n').join('\n\n') },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: { tags: ['security', ...frameworks], step: known?.step ?? example?.step ?? 0, 'security-severity': SECURITY_SEVERITY[severity], precision: 'high' },
  };
}

/** One SARIF result: the finding located at its resource (and principal) ARN, with its fingerprint. */
function sarifResult(f: FindingRow, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  const logicalLocations = [{ name: f.resourceId ?? f.resourceArn.split(/[:/]/).at(-1) ?? f.resourceArn, fullyQualifiedName: f.resourceArn, kind: 'resource' }];
  if (f.principalArn !== null && f.principalArn !== f.resourceArn) {
    logicalLocations.push({ name: f.principalArn.split('/').at(-1) ?? f.principalArn, fullyQualifiedName: f.principalArn, kind: 'principal' });
  }
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
    level: sarifLevel(f.severity),
    message: { text: `${f.title}. ${f.remediation}`.trim() },
    locations: [{ logicalLocations }],
    partialFingerprints: { 'agentWardenFingerprint/v1': f.fingerprint },
    ...(f.status === 'accepted' && f.acceptance !== null && {
      suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.acceptance.reason} (until ${f.acceptance.until})` }],
    }),
    properties: {
      severity: f.severity,
      'security-severity': SECURITY_SEVERITY[f.severity],
      step: f.step,
      status: f.status,
      isNew: f.isNew,
      accountId: f.accountId,
      region: f.region,
      principalArn: f.principalArn,
      evidence: f.evidence,
      fix: f.fix,
      frameworks: f.frameworks,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
    },
  };
}

/**
 * The SARIF log, with `results` made by `asResults` from a StreamedArray of the results: left
 * streamed for the CLI, or turned into a plain array for `findingsSarif`.
 */
function sarifDocument(
  scan: ScanSummary,
  findings: readonly FindingRow[],
  catalogue: readonly RuleDescription[],
  asResults: (results: StreamedArray<FindingRow>) => unknown,
): Record<string, unknown> {
  const byId = new Map(catalogue.map((rule) => [rule.id, rule]));
  const examples = new Map<string, FindingRow>();
  for (const finding of findings) if (!examples.has(finding.ruleId)) examples.set(finding.ruleId, finding);
  const ruleIds = [...new Set([...byId.keys(), ...examples.keys()])].sort();
  const rules = ruleIds.map((id) => describeRule(id, byId, examples.get(id)));
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: APP_NAME, version: APP_VERSION, semanticVersion: APP_VERSION, rules } },
        automationDetails: { id: `agent-warden/${scan.accountId ?? 'unknown-account'}/${scan.id}` },
        invocations: [{ executionSuccessful: true, startTimeUtc: scan.startedAt, ...(scan.finishedAt !== null && { endTimeUtc: scan.finishedAt }) }],
        results: asResults(new StreamedArray(findings, (f) => sarifResult(f, ruleIndex))),
        properties: { scan: findingsScanJson(scan) },
      },
    ],
  };
}

export function findingsSarif(scan: ScanSummary, findings: readonly FindingRow[], catalogue: readonly RuleDescription[]): Record<string, unknown> {
  return sarifDocument(scan, findings, catalogue, (results) => results.items.map(results.toJson));
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

export function findingsTable(scan: ScanSummary, findings: readonly FindingRow[], resolved: readonly FindingRow[]): string {
  const account = `${scan.accountId ?? '?'}${scan.accountAlias !== null ? ` (${terminalSafe(scan.accountAlias)})` : ''}`;
  const bySeverity = SEVERITY_NAMES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const newCount = findings.filter((f) => f.isNew).length;
  const heading = terminalSafeText(
    `scan ${scan.id}  ${scan.source}  account ${account}  ${scan.finishedAt ?? scan.startedAt}\n` +
      `${findings.length} findings${bySeverity !== '' ? ` (${bySeverity})` : ''}, ${newCount} new since the previous scan, ${resolved.length} resolved\n`,
  );
  if (findings.length === 0) return `${heading}\n(no findings)\n`;
  const rows = findings.map((f) => [f.severity.toUpperCase(), f.ruleId, f.isNew && f.status !== 'new' ? `${f.status} (new)` : f.status, f.resourceArn, f.title]);
  return `${heading}\n${formatTable(['SEVERITY', 'RULE', 'STATUS', 'RESOURCE', 'TITLE'], rows)}`;
}
