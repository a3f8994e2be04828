/**
 * `warden export inventory|findings --format csv|json|sarif|ocsf|ocsf-jsonl [--account ID] [--scan ID]`:
 * the exports of issue 13 in one place. Inventory CSV/JSON and findings CSV/JSON/SARIF are the
 * `warden agents` / `warden findings` formatters as they are (so the two commands and the export cannot
 * drift); findings as OCSF 1.3.0 Detection Findings (JSON array or JSON Lines) are shared/ocsf-export.ts's.
 * Every export names the scans it came from: the `scanId` CSV column, the JSON's `view.scans`/`scans`,
 * SARIF's run per scan (`automationDetails.id`, `properties.scan`), OCSF's `metadata.correlation_uid`
 * and `unmapped.scan_id`.
 */
import type { ChannelOutput } from '@shared/contract';
import { ocsfDetectionFinding, type OcsfAgentInfo, type OcsfContext } from '@shared/ocsf-export';
import { callOrReport } from '../call';
import type { CliBackend } from '../backend';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafe, type Writer } from '../output';
import { StreamedArray, outputSink, streamJson } from '../stream-output';
import { APP_NAME, APP_VERSION } from '../version';
import { agentsCommand } from './agents';
import { findingsCommand } from './findings';

export const EXPORT_SUBJECTS = ['inventory', 'findings'] as const;
export type ExportSubject = (typeof EXPORT_SUBJECTS)[number];
export const EXPORT_FORMATS = ['csv', 'json', 'sarif', 'ocsf', 'ocsf-jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which formats each subject has: SARIF and OCSF describe findings, not identities. */
const FORMATS_OF: Readonly<Record<ExportSubject, readonly ExportFormat[]>> = {
  inventory: ['csv', 'json'],
  findings: ['csv', 'json', 'sarif', 'ocsf', 'ocsf-jsonl'],
};

export interface ExportOptions {
  subject: ExportSubject;
  format: ExportFormat;
  scan: string | undefined;
  account: string | undefined;
  /** The export's `time` (epoch ms); the clock by default. */
  now?: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The subject and `--format` checked together for the usage error (exit 2). */
export function parseExport(subject: string | undefined, format: string | undefined): Parsed<{ subject: ExportSubject; format: ExportFormat }> {
  const s = EXPORT_SUBJECTS.find((x) => x === subject);
  if (s === undefined) return { ok: false, message: `usage: warden export ${EXPORT_SUBJECTS.join('|')} --format ${EXPORT_FORMATS.join('|')} [--account ID] [--scan ID]` };
  if (format === undefined) return { ok: false, message: `warden export ${s} needs --format ${FORMATS_OF[s].join('|')}.` };
  const f = FORMATS_OF[s].find((x) => x === format.toLowerCase());
  if (f === undefined) return { ok: false, message: `warden export ${s} takes --format ${FORMATS_OF[s].join(', ')}, not "${terminalSafe(format)}".` };
  return { ok: true, value: { subject: s, format: f } };
}

export async function exportCommand(backend: CliBackend, io: Writer, options: ExportOptions): Promise<ExitCode> {
  const { subject, format } = options;
  if (subject === 'inventory') {
    return agentsCommand(backend, io, { scan: options.scan, account: options.account, format: format === 'csv' ? 'csv' : 'json' });
  }
  if (format === 'csv' || format === 'json' || format === 'sarif') {
    return findingsCommand(backend, io, { scan: options.scan, account: options.account, severity: null, ruleId: null, format });
  }
  const scanId = options.scan === undefined || options.scan === 'latest' ? null : options.scan;
  const accountId = options.account ?? null;
  const reply = await callOrReport<ChannelOutput<'findings:list'>>(backend.dispatch, 'findings:list', { scanId, accountId, severity: null, ruleId: null }, io);
  if (reply === undefined) return EXIT.failure;
  if (reply.view.scans.length === 0) {
    io.err(`warden: the workspace ${backend.workspaces.currentPath()} has no completed scan${accountId === null ? '' : ` of account ${terminalSafe(accountId)}`} yet: run \`warden scan\` first.\n`);
    return EXIT.failure;
  }
  // Owner and tier ride on each finding's resources: the inventory of the same view.
  const inventory = await callOrReport<ChannelOutput<'agents:list'>>(backend.dispatch, 'agents:list', { scanId, accountId }, io);
  if (inventory === undefined) return EXIT.failure;
  const agents = new Map<string, OcsfAgentInfo>(inventory.agents.map((a) => [a.arn, { name: a.name, owner: a.owner, tier: a.tier }]));
  const context: OcsfContext = {
    productName: APP_NAME,
    productVersion: APP_VERSION,
    now: options.now ?? Date.now(),
    agents,
    scans: new Map(reply.view.scans.map((scan) => [scan.id, scan])),
  };
  const sink = outputSink(io);
  if (format === 'ocsf') {
    await streamJson(sink, new StreamedArray(reply.findings, (f) => ocsfDetectionFinding(f, context)));
  } else {
    for (const f of reply.findings) await sink.write(`${JSON.stringify(ocsfDetectionFinding(f, context))}\n`);
  }
  await sink.end();
  return EXIT.ok;
}
