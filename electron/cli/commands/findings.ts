/**
 * `warden findings [--account ID] [--scan latest|ID] [--severity S] [--rule ID] --format json|csv|sarif|table`:
 * the findings of the current state (every account's newest completed scan; `--account` narrows it to
 * one account, `--scan` shows one scan) with their lifecycle, through the same channel as the app
 * (`findings:list`, which analyses a scan on first read).
 *
 * JSON and CSV are shared/findings-export.ts's, which the Findings screen's export uses too; SARIF
 * 2.1.0 is what code-scanning dashboards (GitHub, Azure DevOps, DefectDojo) ingest: rules with their
 * help text, results located at the resource's ARN as a logical location, the fingerprint as the
 * partial fingerprint so the dashboard tracks each finding across scans as we do.
 */
import { RULES } from '@core/analysis/rules';
import { SEVERITY_NAMES, type FindingRow, type ScanSummary, type SeverityName, type ViewInfo } from '@shared/contract';
import { FINDINGS_CSV_COLUMNS, findingCsvValues, findingJson, findingsScanJson } from '@shared/findings-export';
import { callOrReport } from '../call';
import type { CliBackend } from '../backend';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';
import { StreamedArray, outputSink, streamCsv, streamJson } from '../stream-output';
import { APP_NAME, APP_VERSION } from '../version';

export const FINDINGS_FORMATS = ['json', 'csv', 'sarif', 'table'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export interface FindingsOptions {
  /** `latest` (or undefined): the current state (each account's newest completed scan); otherwise a scan ID. */
  scan: string | undefined;
  /** One account's findings only (undefined: every account). */
  account?: string | undefined;
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
  view: ViewInfo;
  findings: FindingRow[];
  resolvedSinceLastScan: FindingRow[];
}

export async function findingsCommand(backend: CliBackend, io: Writer, options: FindingsOptions): Promise<ExitCode> {
  const scanId = options.scan === undefined || options.scan === 'latest' ? null : options.scan;
  const accountId = options.account ?? null;
  const reply = await callOrReport<FindingsReply>(backend.dispatch, 'findings:list', { scanId, accountId, severity: options.severity, ruleId: options.ruleId }, io);
  if (reply === undefined) return EXIT.failure;
  const scans = reply.view.scans;
  if (scans.length === 0) {
    const where = accountId === null ? '' : ` of account ${terminalSafe(accountId)}`;
    io.err(`warden: the workspace ${backend.workspaces.currentPath()} has no completed scan${where} yet: run \`warden scan\` or \`warden import --authorization-details FILE\` first.\n`);
    return EXIT.failure;
  }
  // Streamed, element by element (50,000 findings are ~165 MB of JSON): the same text as one string.
  const sink = outputSink(io);
  switch (options.format) {
    case 'json':
      await streamJson(sink, { scans: scans.map(findingsScanJson), findings: new StreamedArray(reply.findings, findingJson) });
      break;
    case 'csv':
      await streamCsv(sink, FINDINGS_CSV_COLUMNS, reply.findings, findingCsvValues);
      break;
    case 'sarif':
      await streamJson(sink, sarifLog(scans, reply.findings, options.catalogue ?? RULES, (results) => results));
      break;
    case 'table':
      await sink.write(findingsTable(reply.view, reply.findings, reply.resolvedSinceLastScan));
      break;
  }
  await sink.end();
  return EXIT.ok;
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
 * One SARIF run per scan shown (per account: a run is one tool invocation on one target), each with
 * that scan's findings as its results, made by `asResults` from a StreamedArray: left streamed for
 * the CLI, or turned into a plain array for `findingsSarif`.
 */
function sarifLog(
  scans: readonly ScanSummary[],
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
  const byScan = new Map<string, FindingRow[]>(scans.map((scan) => [scan.id, []]));
  for (const finding of findings) byScan.get(finding.scanId)?.push(finding);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: scans.map((scan) => ({
      tool: { driver: { name: APP_NAME, version: APP_VERSION, semanticVersion: APP_VERSION, rules } },
      automationDetails: { id: `agent-warden/${scan.accountId ?? 'unknown-account'}/${scan.id}` },
      invocations: [{ executionSuccessful: true, startTimeUtc: scan.startedAt, ...(scan.finishedAt !== null && { endTimeUtc: scan.finishedAt }) }],
      results: asResults(new StreamedArray(byScan.get(scan.id) ?? [], (f) => sarifResult(f, ruleIndex))),
      properties: { scan: findingsScanJson(scan) },
    })),
  };
}

export function findingsSarif(scans: readonly ScanSummary[], findings: readonly FindingRow[], catalogue: readonly RuleDescription[]): Record<string, unknown> {
  return sarifLog(scans, findings, catalogue, (results) => results.items.map(results.toJson));
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

function accountLabel(scan: ScanSummary): string {
  return `${scan.accountId ?? '?'}${scan.accountAlias !== null ? ` (${terminalSafe(scan.accountAlias)})` : ''}`;
}

export function findingsTable(view: ViewInfo, findings: readonly FindingRow[], resolved: readonly FindingRow[]): string {
  const bySeverity = SEVERITY_NAMES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const newCount = findings.filter((f) => f.isNew).length;
  const accepted = findings.filter((f) => f.status === 'accepted').length;
  const scanLines = view.scans.map((scan) => `scan ${scan.id}  ${scan.source}  account ${accountLabel(scan)}  ${scan.finishedAt ?? scan.startedAt}`);
  const what = view.kind === 'scan' ? (view.past ? 'a past view: one scan, its account has a newer one' : 'one scan') : `current state of ${view.scans.length === 1 ? '1 account' : `${view.scans.length} accounts`}`;
  const heading = terminalSafeText(
    `${what}\n${scanLines.join('\n')}\n` +
      `${findings.length - accepted} open findings${bySeverity !== '' ? ` (${bySeverity} in all)` : ''}, ${accepted} accepted, ${newCount} new since the previous scan, ${resolved.length} resolved\n`,
  );
  if (findings.length === 0) return `${heading}\n(no findings)\n`;
  const rows = findings.map((f) => [f.severity.toUpperCase(), f.ruleId, f.isNew && f.status !== 'new' ? `${f.status} (new)` : f.status, f.accountId, f.resourceArn, f.title]);
  return `${heading}\n${formatTable(['SEVERITY', 'RULE', 'STATUS', 'ACCOUNT', 'RESOURCE', 'TITLE'], rows)}`;
}
