/**
 * `warden agents [--account ID] [--scan latest|ID] --format json|csv|table`: the inventory of the
 * workspace's current state (every account's newest completed scan; `--account` narrows it to one
 * account, `--scan` shows one scan) as JSON (for scripts), CSV (for spreadsheets) or a table. It asks
 * `agents:list`, the handler the app's inventory asks (which analyses each scan on first read): the JSON
 * is its answer as it is (`view` and rows carrying `accountId` and `scanId`), so the CLI and the app
 * cannot drift; CSV and the table add columns from the same stored agents (`Agent` in shared/contract/agents.ts).
 * The CSV writer is electron/core/exports/inventory-csv.ts, which the `exports:inventory` channel uses too.
 */
import type { ChannelOutput, ScanSummary, ViewInfo } from '@shared/contract';
import { collectWorkloadRuns } from '@core/analysis/inventory/workloads';
import type { InventoryWorkload } from '@core/analysis/inventory/types';
import type { ReadDb } from '@core/db/handles';
import { AGENTS_CSV_COLUMNS, agentCsvValues, type ListedAgent } from '@core/exports/inventory-csv';
import { listedAgents } from '@core/exports/inventory-rows';
import { listScans, loadScanFacts } from '@core/db/repositories/scans';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';
import { StreamedArray, outputSink, streamCsv, streamJson } from '../stream-output';

export const AGENTS_FORMATS = ['json', 'csv', 'table'] as const;
export type AgentsFormat = (typeof AGENTS_FORMATS)[number];

export interface AgentsOptions {
  /** `latest` (or undefined): the current state (each account's newest completed scan); otherwise a scan ID. */
  scan: string | undefined;
  /** One account only (undefined: every account). */
  account?: string | undefined;
  format: AgentsFormat;
}

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parseAgentsFormat(value: string | undefined): { ok: true; format: AgentsFormat } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, format: 'table' };
  const format = AGENTS_FORMATS.find((f) => f === value.toLowerCase());
  if (format !== undefined) return { ok: true, format };
  return { ok: false, message: `--format takes ${AGENTS_FORMATS.join(', ')}, not "${terminalSafe(value)}".` };
}

/**
 * Prints the inventory of the view asked for. Exit 1 (with a message) when there is no such scan or
 * account, no completed scan, or the workspace cannot be read or analysed.
 */
export async function agentsCommand(backend: CliBackend, io: Writer, options: AgentsOptions): Promise<ExitCode> {
  const scanId = options.scan === undefined || options.scan === 'latest' ? null : options.scan;
  const accountId = options.account ?? null;
  const inventory = await callOrReport<ChannelOutput<'agents:list'>>(backend.dispatch, 'agents:list', { scanId, accountId }, io);
  if (inventory === undefined) return EXIT.failure;
  const read = backend.workspaces.current().read;
  if (inventory.view.scans.length === 0) {
    io.err(`warden: ${terminalSafe(nothingToList(read, backend.workspaces.currentPath(), accountId))}\n`);
    return EXIT.failure;
  }
  const scanIds = inventory.view.scans.map((scan) => scan.id);

  // Streamed, one agent at a time: the same text as one string, without building it.
  const sink = outputSink(io);
  switch (options.format) {
    case 'json':
      await streamJson(sink, { view: inventory.view, agents: new StreamedArray(inventory.agents, (row) => row) });
      break;
    case 'csv':
      await streamCsv(sink, AGENTS_CSV_COLUMNS, [...listedAgents(read, scanIds)], agentCsvValues);
      break;
    case 'table':
      await sink.write(agentsTable(inventory.view, [...listedAgents(read, scanIds)]));
      break;
  }
  await sink.end();
  for (const id of scanIds) reportUnattached(read, id, io);
  return EXIT.ok;
}

function nothingToList(read: ReadDb, workspacePath: string, accountId: string | null): string {
  const scans = listScans(read).filter((scan) => accountId === null || scan.accountId === accountId);
  const of = accountId === null ? '' : ` of account ${accountId}`;
  if (scans.length === 0) {
    return `the workspace ${workspacePath} has no scans${of} yet: run \`warden scan\` or \`warden import --authorization-details FILE\` first.`;
  }
  return `none of the ${scans.length} scans${of} in ${workspacePath} completed, so there are no agents to list; run a new scan.`;
}

// ---------------------------------------------------------------------------------------------
// CSV: electron/core/exports/inventory-csv.ts, the writer the `exports:inventory` channel uses too.
// ---------------------------------------------------------------------------------------------

export { AGENTS_CSV_COLUMNS, agentCsvValues, agentsCsv, type ListedAgent } from '@core/exports/inventory-csv';

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

function lastUsedText(agent: ListedAgent): string {
  if (agent.lastUsedAt !== null) return agent.lastUsedAt.slice(0, 10);
  // "never" only where AWS would have told us: a role's RoleLastUsed, a user's credential report row.
  if (agent.kind === 'iam-role' || (agent.kind === 'iam-user' && agent.credentialsKnown)) return 'never';
  return '-';
}

function workloadsText(agent: ListedAgent): string {
  if (agent.workloads.length === 0) return '-';
  const types = unique(agent.workloads.map((w) => w.type));
  return `${agent.workloads.length} (${types.join(', ')})`;
}

function findingsText(counts: ListedAgent['findingCounts']): string {
  const parts = (['critical', 'high', 'medium', 'low'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]}${s.charAt(0).toUpperCase()}`);
  return parts.length > 0 ? parts.join(' ') : '0';
}

function accountLabel(view: ViewInfo, accountId: string): string {
  const account = view.accounts.find((a) => a.accountId === accountId);
  const name = account?.label ?? account?.alias ?? null;
  return name === null ? accountId : `${name} (${accountId})`;
}

function scanHeading(view: ViewInfo, scan: ScanSummary): string {
  const account = scan.accountId === null ? '?' : terminalSafe(accountLabel(view, scan.accountId));
  return `scan ${scan.id}  ${scan.source}  account ${account}  ${scan.finishedAt ?? scan.startedAt}`;
}

/** The heading says what the rows are (the current state of N accounts, or one scan, past or not); then one row per agent with its account. */
export function agentsTable(view: ViewInfo, agents: readonly ListedAgent[]): string {
  const aiCount = agents.filter((a) => a.ai).length;
  const what =
    view.kind === 'scan'
      ? `${view.past ? 'a past view: a newer scan of this account exists' : 'one scan (its account\'s newest)'}\n`
      : `current state of ${view.scans.length === 1 ? 'the account' : `${view.scans.length} accounts`}, each from its newest completed scan\n`;
  const heading = terminalSafeText(`${what}${view.scans.map((scan) => `${scanHeading(view, scan)}\n`).join('')}${agents.length} agents, ${aiCount} with AI signals\n`);
  if (agents.length === 0) return `${heading}\n(no identities)\n`;
  const rows = agents.map((agent) => [
    agent.name,
    accountLabel(view, agent.accountId),
    agent.managedBy === 'aws-service' ? `${agent.kind} (aws)` : agent.managedBy === 'identity-center' ? `${agent.kind} (sso)` : agent.kind,
    agent.ai ? 'yes' : '-',
    agent.owner ?? '-',
    workloadsText(agent),
    lastUsedText(agent),
    agent.tier.tier.toString(),
    findingsText(agent.findingCounts),
  ]);
  return `${heading}\n${formatTable(['NAME', 'ACCOUNT', 'KIND', 'AI', 'OWNER', 'WORKLOADS', 'LAST USED', 'TIER', 'FINDINGS'], rows)}`;
}

/**
 * Workloads that run as no identity of the scan are in no agent's row: said on stderr, so the list is
 * not taken for the whole account. Read from the scan's facts, as the analysis reads them.
 */
function reportUnattached(read: ReadDb, scanId: string, io: Writer): void {
  const unattached = collectWorkloadRuns(loadScanFacts(read, scanId))
    .filter((run) => run.roleArn === null)
    .map((run): { workload: InventoryWorkload; reason: string } => ({ workload: run.workload, reason: run.unattachedReason ?? 'names no identity' }));
  if (unattached.length === 0) return;
  io.err(`note: ${unattached.length} workload${unattached.length === 1 ? '' : 's'} run${unattached.length === 1 ? 's' : ''} as no identity this scan contains:\n`);
  for (const { workload, reason } of unattached) {
    io.err(`  ${workload.type} ${terminalSafe(workload.name)} (${terminalSafe(workload.region)}): ${terminalSafe(reason)}\n`);
  }
}
