/**
 * `warden diff [--from ID] [--to ID] [--account ID] [--format json|table]`: what changed between two
 * scans of one account (`changes:get`; default: the account's newest scan against the one before it).
 * JSON is the channel's answer as it is; the table is the counts, then each list, for people. Every
 * name from AWS goes through terminalSafe (formatTable does it for cells).
 */
import type { DiffFinding, DiffIdentity, ScanDiff } from '@shared/contract';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, type Writer } from '../output';

export type DiffFormat = 'json' | 'table';

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parseDiffFormat(value: string | undefined): { ok: true; value: DiffFormat } | { ok: false; message: string } {
  if (value === undefined || value === 'table') return { ok: true, value: 'table' };
  if (value === 'json') return { ok: true, value: 'json' };
  return { ok: false, message: `--format for diff is json or table, not "${terminalSafe(value)}".` };
}

const day = (at: string): string => at.slice(0, 10);

function identities(title: string, rows: readonly (DiffIdentity & { createdBy?: string | null })[]): string[] {
  if (rows.length === 0) return [];
  // Added identities say who created them (CloudTrail); removed ones have no such column.
  const created = rows.some((r) => r.createdBy !== undefined);
  return [
    `${title}:`,
    formatTable(
      ['NAME', 'KIND', 'TIER', 'OWNER', 'STATUS', ...(created ? ['CREATED BY'] : []), 'ARN'],
      rows.map((r) => [r.name, r.kind, String(r.tier), r.owner ?? '—', r.status, ...(created ? [r.createdBy ?? '—'] : []), r.arn]),
    ),
  ];
}

function findings(title: string, rows: readonly DiffFinding[]): string[] {
  if (rows.length === 0) return [];
  return [`${title}:`, formatTable(['SEVERITY', 'RULE', 'TITLE', 'RESOURCE'], rows.map((r) => [r.severity, r.ruleId, r.title, r.resourceArn]))];
}

const severities = (counts: ScanDiff['findings']['counts']['new']): string => {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${severity} ${n}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
};

/** The change as people read it in a terminal. */
export function diffTable(diff: ScanDiff): string {
  const from = diff.from === null ? 'nothing before it (the account’s first scan: everything in it counts as added)' : `scan ${terminalSafe(diff.from.scanId)} (${day(diff.from.at)})`;
  const { counts } = diff;
  const lines = [
    `What changed in account ${diff.accountId ?? 'unknown'}: ${from} → scan ${terminalSafe(diff.to.scanId)} (${day(diff.to.at)})`,
    '',
    formatTable(
      ['CHANGE', 'COUNT'],
      [
        ['identities added', String(counts.identitiesAdded)],
        ['identities removed', String(counts.identitiesRemoved)],
        ['AI agents added', String(counts.aiAgentsAdded)],
        ['AI agents removed', String(counts.aiAgentsRemoved)],
        ['new shadow AI (unregistered)', String(counts.shadowAiAdded)],
        ['findings new', `${counts.findingsNew}${severities(diff.findings.counts.new)}`],
        ['findings regressed', `${counts.findingsRegressed}${severities(diff.findings.counts.regressed)}`],
        ['findings resolved', `${counts.findingsResolved}${severities(diff.findings.counts.resolved)}`],
        ['owner changes', String(counts.ownerChanges)],
        ['tier changes', String(counts.tierChanges)],
      ],
    ),
  ];
  if (diff.shadowAi.added.length > 0) {
    lines.push(
      'New shadow AI (unregistered AI agents):',
      formatTable(
        ['NAME', 'CREATED BY', 'SIGNALS', 'ARN'],
        diff.shadowAi.added.map((s) => [s.name, s.createdBy ?? '—', [...new Set(s.signals.map((signal) => signal.signal))].join(', '), s.arn]),
      ),
    );
  }
  lines.push(
    ...identities('Identities added', diff.identities.added),
    ...identities('Identities removed', diff.identities.removed),
    ...identities('AI agents added', diff.aiAgents.added),
    ...identities('AI agents removed', diff.aiAgents.removed),
    ...findings('New critical and high findings', diff.findings.new),
    ...findings('Regressed critical and high findings', diff.findings.regressed),
    ...findings('Resolved findings', diff.findings.resolved),
  );
  if (diff.owners.changed.length > 0) {
    lines.push('Owner changes:', formatTable(['NAME', 'FROM', 'TO'], diff.owners.changed.map((c) => [c.name, c.from ?? '—', c.to ?? '—'])));
  }
  if (diff.tiers.changed.length > 0) {
    lines.push('Tier changes:', formatTable(['NAME', 'FROM', 'TO'], diff.tiers.changed.map((c) => [c.name, `Tier ${c.from}`, `Tier ${c.to}`])));
  }
  // A table's text ends with its own newline, so each section ends with a blank line.
  return lines.map((line) => `${line}\n`).join('');
}

export interface DiffOptions {
  from: string | undefined;
  to: string | undefined;
  account: string | undefined;
  format: DiffFormat;
}

export async function diffCommand(backend: CliBackend, io: Writer, options: DiffOptions): Promise<ExitCode> {
  const diff = await callOrReport<ScanDiff>(backend.dispatch, 'changes:get', { from: options.from ?? null, to: options.to ?? null, accountId: options.account ?? null }, io);
  if (diff === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : diffTable(diff));
  return EXIT.ok;
}
