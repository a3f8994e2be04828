/**
 * `warden agents [--scan latest|ID] --format json|csv|table`: the inventory of one scan, derived from
 * its stored facts and the registry, as JSON (for scripts), CSV (for spreadsheets) or a table.
 */
import type { AgentRow, ScanDetail } from '../../../shared/contract';
import { deriveInventoryReport, type UnattachedWorkload } from '../../core/analysis/inventory/derive-inventory';
import { readRegistryEntries } from '../../core/analysis/inventory/registry-entries';
import type { InventoryAgent, InventoryCredential } from '../../core/analysis/inventory/types';
import type { ReadDb } from '../../core/db/handles';
import { agentTiers } from '../../core/db/repositories/agents';
import { getScan, latestCompletedScanId, listScans, loadScanFacts } from '../../core/db/repositories/scans';
import { isAppError } from '../../core/errors';
import type { CliBackend } from '../backend';
import { toCsv, type CsvValue } from '../csv-output';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, terminalSafeText, type Writer } from '../output';
import { StreamedArray, outputSink, streamCsv, streamJson } from '../stream-output';

export const AGENTS_FORMATS = ['json', 'csv', 'table'] as const;
export type AgentsFormat = (typeof AGENTS_FORMATS)[number];

export interface AgentsOptions {
  /** `latest` (or undefined): the newest completed scan; otherwise a scan ID. */
  scan: string | undefined;
  format: AgentsFormat;
  /** The moment ages and "recent use" are measured from; now by default. */
  clock?: () => Date;
}

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parseAgentsFormat(value: string | undefined): { ok: true; format: AgentsFormat } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, format: 'table' };
  const format = AGENTS_FORMATS.find((f) => f === value.toLowerCase());
  if (format !== undefined) return { ok: true, format };
  return { ok: false, message: `--format takes ${AGENTS_FORMATS.join(', ')}, not "${terminalSafe(value)}".` };
}

/**
 * Prints the inventory of the chosen scan. Exit 1 (with a message) when there is no such scan, no
 * completed scan, or the workspace cannot be read. The work is synchronous (SQLite reads and a pure
 * derivation); the promise keeps the shape of the other commands, and errors reject it.
 */
export async function agentsCommand(backend: CliBackend, io: Writer, options: AgentsOptions): Promise<ExitCode> {
  return await printAgents(backend, io, options, await readAnalysis(backend, options.scan, io));
}

/** Tier, its reasons and finding counts per ARN, from the stored analysis of the scan. */
export interface AgentAnalysis {
  tier: 1 | 2 | 3;
  tierReasons: unknown[];
  findingCounts: AgentRow['findingCounts'];
}

/**
 * The analysis of the chosen scan through `agents:list` (which analyses it on first read), or null
 * when it cannot be had: the inventory is still worth printing, with a note on stderr.
 */
async function readAnalysis(backend: CliBackend, scan: string | undefined, io: Writer): Promise<Map<string, AgentAnalysis> | null> {
  const envelope = await backend.dispatch('agents:list', { scanId: scan === undefined || scan === 'latest' ? null : scan });
  if (!envelope.ok) {
    // No scan or an unknown one is reported by the inventory below; anything else is worth a note.
    if (envelope.error.code !== 'not_found' && envelope.error.code !== 'conflict') {
      io.err(`note: tiers and findings are left out: ${terminalSafe(envelope.error.message)}\n`);
    }
    return null;
  }
  const reply = envelope.value as { scan: { id: string } | null };
  if (reply.scan === null) return null;
  const analysis = new Map<string, AgentAnalysis>();
  for (const [arn, stored] of agentTiers(backend.workspaces.current().read, reply.scan.id)) {
    analysis.set(arn, { tier: stored.tier, tierReasons: stored.reasons, findingCounts: stored.row.findingCounts });
  }
  return analysis;
}

async function printAgents(backend: CliBackend, io: Writer, options: AgentsOptions, analysis: Map<string, AgentAnalysis> | null): Promise<ExitCode> {
  const clock = options.clock ?? ((): Date => new Date());
  let scan: ScanDetail;
  let report: ReturnType<typeof deriveInventoryReport>;
  try {
    const read = backend.workspaces.current().read;
    const chosen = chooseScan(read, options.scan, backend.workspaces.currentPath());
    if (!chosen.ok) {
      io.err(`warden: ${terminalSafe(chosen.message)}\n`);
      return EXIT.failure;
    }
    scan = chosen.scan;
    report = deriveInventoryReport(loadScanFacts(read, scan.id), readRegistryEntries(read), clock);
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(`warden: ${terminalSafe(error.message)}\n`);
    return EXIT.failure;
  }

  // Streamed, one agent at a time: the same text as one string, without building it.
  const sink = outputSink(io);
  switch (options.format) {
    case 'json':
      await streamJson(sink, { scan: scanJson(scan), agents: new StreamedArray(report.agents, (agent) => agentJson(agent, analysis?.get(agent.arn) ?? null)) });
      break;
    case 'csv':
      await streamCsv(sink, AGENTS_CSV_COLUMNS, report.agents, (agent) => agentCsvValues(agent, analysis));
      break;
    case 'table':
      await sink.write(agentsTable(scan, report.agents, analysis));
      break;
  }
  await sink.end();
  reportUnattached(report.unattachedWorkloads, io);
  return EXIT.ok;
}

type ChosenScan = { ok: true; scan: ScanDetail } | { ok: false; message: string };

function chooseScan(read: ReadDb, requested: string | undefined, workspacePath: string): ChosenScan {
  if (requested === undefined || requested === 'latest') {
    const id = latestCompletedScanId(read);
    if (id !== null) return { ok: true, scan: getScan(read, id) };
    const scans = listScans(read);
    if (scans.length === 0) {
      return {
        ok: false,
        message: `the workspace ${workspacePath} has no scans yet: run \`warden scan\` or \`warden import --authorization-details FILE\` first.`,
      };
    }
    return { ok: false, message: `none of the ${scans.length} scans in ${workspacePath} completed, so there are no agents to list; run a new scan.` };
  }
  const scan = getScan(read, requested);
  if (scan.status !== 'completed') {
    return { ok: false, message: `scan ${scan.id} did not complete (${scan.status}), so it has no agents to list; choose a completed scan or \`--scan latest\`.` };
  }
  return { ok: true, scan };
}

// ---------------------------------------------------------------------------------------------
// JSON: explicit objects, so the key order is the documented one whatever the inventory adds.
// ---------------------------------------------------------------------------------------------

export function scanJson(scan: ScanDetail): Record<string, unknown> {
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

export function agentJson(agent: InventoryAgent, analysis: AgentAnalysis | null = null): Record<string, unknown> {
  return {
    arn: agent.arn,
    name: agent.name,
    kind: agent.kind,
    accountId: agent.accountId,
    ai: agent.ai,
    aiSignals: agent.aiSignals.map((s) => ({ signal: s.signal, source: s.source, detail: s.detail })),
    owner: agent.owner,
    status: agent.status,
    workloads: agent.workloads.map((w) => ({ arn: w.arn, type: w.type, name: w.name, region: w.region })),
    credentials: agent.credentials,
    createdAt: agent.createdAt,
    lastUsedAt: agent.lastUsedAt,
    ownerSource: agent.ownerSource,
    ownerTag: agent.ownerTag,
    path: agent.path,
    awsManaged: agent.awsManaged,
    managedBy: agent.managedBy,
    groups: agent.groups,
    tags: agent.tags,
    trust: agent.trust,
    credentialsKnown: agent.credentialsKnown,
    // From the stored analysis; null when the scan could not be analysed.
    tier: analysis?.tier ?? null,
    tierReasons: analysis?.tierReasons ?? [],
    findingCounts: analysis?.findingCounts ?? null,
  };
}

export function agentsJson(
  scan: ScanDetail,
  agents: readonly InventoryAgent[],
  analysis: ReadonlyMap<string, AgentAnalysis> | null = null,
): { scan: Record<string, unknown>; agents: Record<string, unknown>[] } {
  return { scan: scanJson(scan), agents: agents.map((agent) => agentJson(agent, analysis?.get(agent.arn) ?? null)) };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per agent, lists joined by ';'.
// ---------------------------------------------------------------------------------------------

export const AGENTS_CSV_COLUMNS = [
  'arn',
  'name',
  'kind',
  'accountId',
  'ai',
  'aiSignals',
  'owner',
  'ownerSource',
  'status',
  'awsManaged',
  'managedBy',
  'path',
  'workloadCount',
  'workloads',
  'workloadTypes',
  'activeAccessKeys',
  'oldestActiveKeyAgeDays',
  'consolePassword',
  'mfaActive',
  'bedrockApiKeys',
  'createdAt',
  'lastUsedAt',
  'tier',
  'tierReasons',
  'criticalFindings',
  'highFindings',
  'mediumFindings',
  'lowFindings',
  'infoFindings',
] as const;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function credentialColumns(agent: InventoryAgent): { activeKeys: CsvValue; oldestKey: CsvValue; password: CsvValue; mfa: CsvValue; bedrockKeys: CsvValue } {
  if (agent.kind !== 'iam-user' || !agent.credentialsKnown) {
    const bedrockKeys = agent.kind === 'iam-user' ? countBedrockKeys(agent.credentials) : null;
    return { activeKeys: null, oldestKey: null, password: null, mfa: null, bedrockKeys };
  }
  const activeKeys = agent.credentials.filter((c) => c.type === 'access-key' && c.active);
  const ages = activeKeys.map((c) => (c.type === 'access-key' ? c.ageDays : null)).filter((a): a is number => a !== null);
  const password = agent.credentials.find((c) => c.type === 'console-password');
  return {
    activeKeys: activeKeys.length,
    oldestKey: ages.length > 0 ? Math.max(...ages) : null,
    password: password?.type === 'console-password' ? password.enabled : null,
    mfa: password?.type === 'console-password' ? password.mfaActive : null,
    bedrockKeys: countBedrockKeys(agent.credentials),
  };
}

function countBedrockKeys(credentials: readonly InventoryCredential[]): number {
  return credentials.filter((c) => c.type === 'bedrock-api-key').length;
}

function reasonText(reason: unknown): string {
  return typeof reason === 'object' && reason !== null && typeof (reason as { reason?: unknown }).reason === 'string'
    ? (reason as { reason: string }).reason
    : JSON.stringify(reason);
}

/** One agent's CSV row, in AGENTS_CSV_COLUMNS order. */
export function agentCsvValues(agent: InventoryAgent, analysis: ReadonlyMap<string, AgentAnalysis> | null = null): CsvValue[] {
  const credentials = credentialColumns(agent);
  const analysed = analysis?.get(agent.arn) ?? null;
  const counts = analysed?.findingCounts ?? null;
  return [
    agent.arn,
    agent.name,
    agent.kind,
    agent.accountId,
    agent.ai,
    unique(agent.aiSignals.map((s) => s.signal)).join(';'),
    agent.owner,
    agent.ownerSource,
    agent.status,
    agent.awsManaged,
    agent.managedBy,
    agent.path,
    agent.workloads.length,
    agent.workloads.map((w) => w.arn).join(';'),
    unique(agent.workloads.map((w) => w.type)).join(';'),
    credentials.activeKeys,
    credentials.oldestKey,
    credentials.password,
    credentials.mfa,
    credentials.bedrockKeys,
    agent.createdAt,
    agent.lastUsedAt,
    analysed?.tier ?? null,
    analysed?.tierReasons.map(reasonText).join(';') ?? null,
    counts?.critical ?? null,
    counts?.high ?? null,
    counts?.medium ?? null,
    counts?.low ?? null,
    counts?.info ?? null,
  ];
}

export function agentsCsv(agents: readonly InventoryAgent[], analysis: ReadonlyMap<string, AgentAnalysis> | null = null): string {
  return toCsv(AGENTS_CSV_COLUMNS, agents.map((agent) => agentCsvValues(agent, analysis)));
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

function lastUsedText(agent: InventoryAgent): string {
  if (agent.lastUsedAt !== null) return agent.lastUsedAt.slice(0, 10);
  // "never" only where AWS would have told us: a role's RoleLastUsed, a user's credential report row.
  if (agent.kind === 'iam-role' || (agent.kind === 'iam-user' && agent.credentialsKnown)) return 'never';
  return '-';
}

function workloadsText(agent: InventoryAgent): string {
  if (agent.workloads.length === 0) return '-';
  const types = unique(agent.workloads.map((w) => w.type));
  return `${agent.workloads.length} (${types.join(', ')})`;
}

function findingsText(counts: AgentRow['findingCounts'] | undefined): string {
  if (counts === undefined) return '-';
  const parts = (['critical', 'high', 'medium', 'low'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]}${s.charAt(0).toUpperCase()}`);
  return parts.length > 0 ? parts.join(' ') : '0';
}

export function agentsTable(scan: ScanDetail, agents: readonly InventoryAgent[], analysis: ReadonlyMap<string, AgentAnalysis> | null = null): string {
  const aiCount = agents.filter((a) => a.ai).length;
  const account = `${scan.accountId ?? '?'}${scan.accountAlias !== null ? ` (${terminalSafe(scan.accountAlias)})` : ''}`;
  const heading = terminalSafeText(
    `scan ${scan.id}  ${scan.source}  account ${account}  ${scan.finishedAt ?? scan.startedAt}\n` +
      `${agents.length} agents, ${aiCount} with AI signals\n`,
  );
  if (agents.length === 0) return `${heading}\n(this scan has no identities)\n`;
  const rows = agents.map((agent) => [
    agent.name,
    agent.managedBy === 'aws-service' ? `${agent.kind} (aws)` : agent.managedBy === 'identity-center' ? `${agent.kind} (sso)` : agent.kind,
    agent.ai ? 'yes' : '-',
    agent.owner ?? '-',
    workloadsText(agent),
    lastUsedText(agent),
    analysis?.get(agent.arn)?.tier.toString() ?? '-',
    findingsText(analysis?.get(agent.arn)?.findingCounts),
  ]);
  return `${heading}\n${formatTable(['NAME', 'KIND', 'AI', 'OWNER', 'WORKLOADS', 'LAST USED', 'TIER', 'FINDINGS'], rows)}`;
}

function reportUnattached(unattached: readonly UnattachedWorkload[], io: Writer): void {
  if (unattached.length === 0) return;
  io.err(`note: ${unattached.length} workload${unattached.length === 1 ? '' : 's'} run${unattached.length === 1 ? 's' : ''} as no identity this scan contains:\n`);
  for (const { workload, reason } of unattached) {
    io.err(`  ${workload.type} ${terminalSafe(workload.name)} (${terminalSafe(workload.region)}): ${terminalSafe(reason)}\n`);
  }
}
