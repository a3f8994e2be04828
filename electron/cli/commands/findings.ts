/**
 * `warden findings [--account ID] [--scan latest|ID] [--severity S] [--rule ID] --format json|csv|sarif|table`:
 * the findings of the current state (every account's newest completed scan; `--account` narrows it to
 * one account, `--scan` shows one scan) with their lifecycle, through the same channel as the app
 * (`findings:list`, which analyses a scan on first read).
 *
 * JSON and CSV are shared/findings-export.ts's, which the Findings screen's export uses too; SARIF
 * 2.1.0 (what code-scanning dashboards ingest) is electron/core/exports/findings-sarif.ts's, which the
 * `exports:findings` channel (the screens' SARIF) writes with too.
 */
import { RULES } from '@core/analysis/rules';
import { findingsSarif as coreFindingsSarif, sarifLog, type RuleDescription } from '@core/exports/findings-sarif';
import { SEVERITY_NAMES, type FindingRow, type ScanSummary, type SeverityName, type ViewInfo } from '@shared/contract';
import { FINDINGS_CSV_COLUMNS, findingCsvValues, findingJson, findingsScanJson } from '@shared/findings-export';
import { callOrReport } from '../call';
import type { CliBackend } from '../backend';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';
import { StreamedArray, outputSink, streamCsv, streamJson } from '../stream-output';
import { APP_NAME, APP_VERSION } from '../version';

/** The tool SARIF's runs name. */
const TOOL = { name: APP_NAME, version: APP_VERSION };

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
      // The results streamed, one finding at a time: the same text as findingsSarif's.
      await streamJson(sink, sarifLog(TOOL, scans, reply.findings, options.catalogue ?? RULES, (rows, toJson) => new StreamedArray(rows, toJson)));
      break;
    case 'table':
      await sink.write(findingsTable(reply.view, reply.findings, reply.resolvedSinceLastScan));
      break;
  }
  await sink.end();
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0: electron/core/exports/findings-sarif.ts, the writer the `exports:findings` channel uses too.
// ---------------------------------------------------------------------------------------------

export { SARIF_SCHEMA, sarifLevel, type RuleDescription } from '@core/exports/findings-sarif';

export function findingsSarif(scans: readonly ScanSummary[], findings: readonly FindingRow[], catalogue: readonly RuleDescription[]): Record<string, unknown> {
  return coreFindingsSarif(TOOL, scans, findings, catalogue);
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
