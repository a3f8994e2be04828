/**
 * Findings as SARIF 2.1.0, the one writer behind `warden findings|export --format sarif` and the
 * `exports:findings` channel (the Findings screen's and the Reports screen's SARIF): what code-scanning
 * dashboards (GitHub, Azure DevOps, DefectDojo) ingest. Rules with their help text, results located at
 * the resource's ARN as a logical location, the fingerprint as the partial fingerprint so the dashboard
 * tracks each finding across scans as we do. One run per scan shown, so the file names its scans
 * (`automationDetails.id`, `properties.scan`).
 *
 * Pure: scans, rows and a rule catalogue in, a JSON value out. How the results array is made is the
 * caller's (`asResults`): the CLI leaves it streamed, the channel wants a plain array.
 */
import type { FindingRow, ScanSummary, SeverityName } from '@shared/contract';
import { findingsScanJson } from '@shared/findings-export';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What SARIF needs of a catalogue rule (the shape of the rules' `RuleDefinition`). */
export interface RuleDescription {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: SeverityName;
  readonly step: number;
  readonly frameworks: readonly string[];
  readonly firesWhen: string;
}

/** The tool a run names (`tool.driver`): the product and its version. */
export interface SarifTool {
  readonly name: string;
  readonly version: string;
}

/** Makes a run's `results` from its findings and the mapping of one finding. */
export type SarifResults = (findings: readonly FindingRow[], toJson: (finding: FindingRow) => Record<string, unknown>) => unknown;

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
 * that scan's findings as its results, made by `asResults`.
 */
export function sarifLog(
  tool: SarifTool,
  scans: readonly ScanSummary[],
  findings: readonly FindingRow[],
  catalogue: readonly RuleDescription[],
  asResults: SarifResults,
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
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, rules } },
      automationDetails: { id: `agent-warden/${scan.accountId ?? 'unknown-account'}/${scan.id}` },
      invocations: [{ executionSuccessful: true, startTimeUtc: scan.startedAt, ...(scan.finishedAt !== null && { endTimeUtc: scan.finishedAt }) }],
      results: asResults(byScan.get(scan.id) ?? [], (f) => sarifResult(f, ruleIndex)),
      properties: { scan: findingsScanJson(scan) },
    })),
  };
}

/** The SARIF log with plain result arrays. */
export function findingsSarif(tool: SarifTool, scans: readonly ScanSummary[], findings: readonly FindingRow[], catalogue: readonly RuleDescription[]): Record<string, unknown> {
  return sarifLog(tool, scans, findings, catalogue, (rows, toJson) => rows.map(toJson));
}

/** The SARIF text, as the CLI prints it (two-space indent, a final line break). */
export function findingsSarifText(tool: SarifTool, scans: readonly ScanSummary[], findings: readonly FindingRow[], catalogue: readonly RuleDescription[]): string {
  return `${JSON.stringify(findingsSarif(tool, scans, findings, catalogue), null, 2)}\n`;
}
