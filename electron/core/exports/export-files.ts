/**
 * The export files of a view, as the `exports:*` channels answer them: the text is the CLI's (the same
 * writers, the same two-space JSON and CRLF CSV), and the name says what it is, which scan it came from
 * (one scan: its ID's first part; several: how many accounts) and the day it was written.
 */
import type { AgentRow, ExportFile, FindingRow, FindingsExportFormat, ScanSummary, ViewInfo } from '@shared/contract';
import { exportFileName } from '@shared/export-file-name';
import { findingsCsv, findingsJsonText } from '@shared/findings-export';
import { ocsfJson, ocsfJsonLines, type OcsfAgentInfo } from '@shared/ocsf-export';
import { findingsSarifText, type RuleDescription, type SarifTool } from './findings-sarif';
import { agentsCsv, type ListedAgent } from './inventory-csv';

const EXTENSION: Readonly<Record<FindingsExportFormat, string>> = { csv: 'csv', json: 'json', sarif: 'sarif', ocsf: 'ocsf.json', 'ocsf-jsonl': 'ocsf.jsonl' };
const MEDIA_TYPE: Readonly<Record<FindingsExportFormat, string>> = {
  csv: 'text/csv',
  json: 'application/json',
  sarif: 'application/sarif+json',
  ocsf: 'application/json',
  'ocsf-jsonl': 'application/x-ndjson',
};

/**
 * Keeps the rows named in `only`, in its order (the order the screen shows them); null keeps every row
 * in the view's order. A key named twice, or naming no row, adds nothing.
 */
export function pickRows<T>(rows: Iterable<T>, keyOf: (row: T) => string, only: readonly string[] | null): T[] {
  if (only === null) return [...rows];
  const byKey = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [row]);
    else same.push(row);
  }
  const picked: T[] = [];
  for (const key of new Set(only)) picked.push(...(byKey.get(key) ?? []));
  return picked;
}

export interface FindingsExportContext {
  tool: SarifTool;
  now: Date;
  catalogue: readonly RuleDescription[];
  /** Owner and tier of each agent (by ARN), for OCSF's resources. */
  agents: ReadonlyMap<string, OcsfAgentInfo>;
}

export function findingsExportFile(format: FindingsExportFormat, scans: readonly ScanSummary[], findings: readonly FindingRow[], context: FindingsExportContext): ExportFile {
  const ocsf = { productName: context.tool.name, productVersion: context.tool.version, now: context.now.getTime(), agents: context.agents, scans: new Map(scans.map((scan) => [scan.id, scan] as const)) };
  const text =
    format === 'csv'
      ? findingsCsv(findings)
      : format === 'json'
        ? findingsJsonText(scans, findings)
        : format === 'sarif'
          ? findingsSarifText(context.tool, scans, findings, context.catalogue)
          : format === 'ocsf'
            ? ocsfJson(findings, ocsf)
            : ocsfJsonLines(findings, ocsf);
  return { fileName: exportFileName('findings', scans, EXTENSION[format], context.now), mediaType: MEDIA_TYPE[format], text, count: findings.length, scanIds: scans.map((scan) => scan.id) };
}

/** The inventory as CSV: the stored agents with their credentials, one row each. */
export function inventoryCsvFile(view: ViewInfo, agents: readonly ListedAgent[], now: Date): ExportFile {
  return { fileName: exportFileName('inventory', view.scans, 'csv', now), mediaType: 'text/csv', text: agentsCsv(agents), count: agents.length, scanIds: view.scans.map((scan) => scan.id) };
}

/** The inventory as JSON: `agents:list`'s answer as it is (the view with its scans, then the rows). */
export function inventoryJsonFile(view: ViewInfo, rows: readonly AgentRow[], now: Date): ExportFile {
  return {
    fileName: exportFileName('inventory', view.scans, 'json', now),
    mediaType: 'application/json',
    text: `${JSON.stringify({ view, agents: rows }, null, 2)}\n`,
    count: rows.length,
    scanIds: view.scans.map((scan) => scan.id),
  };
}
