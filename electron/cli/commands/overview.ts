/**
 * `warden overview [--account ID] [--format json|table]`: the Overview (`overview:get`) of every
 * account's newest scan, or of one account. JSON is the channel's answer as it is; the table is the
 * verdict, the score, the KPIs with their change, and the series, for people.
 */
import type { Overview } from '@shared/contract';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafe, type Writer } from '../output';

export type OverviewFormat = 'json' | 'table';

/** `--format` checked for the usage error (exit 2); no `--format` means a table. */
export function parseOverviewFormat(value: string | undefined): { ok: true; value: OverviewFormat } | { ok: false; message: string } {
  if (value === undefined || value === 'table') return { ok: true, value: 'table' };
  if (value === 'json') return { ok: true, value: 'json' };
  return { ok: false, message: `--format for overview is json or table, not "${terminalSafe(value)}".` };
}

const signed = (delta: number | null): string => (delta === null ? '' : delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0');

function rows(table: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of table) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, [...cell].length)));
  return table.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** The overview as people read it in a terminal (every name from AWS through terminalSafe). */
export function overviewTable(overview: Overview): string {
  const accounts = overview.scope.accounts.map((a) => terminalSafe(a.label ?? a.alias ?? a.accountId ?? 'no account') + (a.accountId !== null ? ` (${a.accountId}, scanned ${a.scannedAt.slice(0, 10)})` : ''));
  const lines = [
    `Scope: ${overview.scope.accountId === null ? 'all accounts' : `account ${overview.scope.accountId}`}${accounts.length > 0 ? ` — ${accounts.join('; ')}` : ''}`,
    `Under control? ${terminalSafe(overview.verdict.text)}`,
    ...overview.verdict.reasons.map((reason) => `  - ${terminalSafe(reason)}`),
    `Posture score: ${overview.score.value}/100${overview.score.previous === null ? '' : ` (previous ${overview.score.previous})`}`,
    '',
    rows([['KPI', 'NOW', 'PREVIOUS', 'CHANGE', 'OPENS'], ...overview.kpis.map((k) => [k.label, String(k.value), k.previous === null ? '' : String(k.previous), signed(k.delta), `#/${k.filter.screen}${k.filter.query === '' ? '' : `?${k.filter.query}`}`])]),
    '',
    `Tiers: ${overview.series.tiers.map((t) => `${t.label} ${t.value}`).join(', ')}`,
    `Open findings by step: ${overview.series.findingsByStep.filter((s) => s.value > 0).map((s) => `${s.key}: ${s.value}`).join(', ') || 'none'}`,
    `Identities by their oldest active access key: ${overview.series.keyAges.map((k) => `${k.label} ${k.value}`).join(', ')}`,
    `Ownership: ${overview.series.ownership.aiAgentsOwned} of ${overview.series.ownership.aiAgents} AI agents, ${overview.series.ownership.identitiesOwned} of ${overview.series.ownership.identities} identities have an owner`,
    '',
    rows([['DATE', 'OPEN', 'NEW', 'RESOLVED'], ...overview.series.trend.map((p) => [p.date, String(p.open), String(p.new), String(p.resolved)])]),
    '',
    overview.plan === null
      ? '30-day plan: not started'
      : `30-day plan: started ${overview.plan.startDate}${overview.plan.week === null ? '' : `, week ${overview.plan.week}`} — ${overview.plan.summary.done} of ${overview.plan.summary.total} tasks done (${overview.plan.summary.verifiedPercent}%), ${overview.plan.summary.regressed} regressed, ${overview.plan.summary.late} late`,
    '',
    `How the score is computed: ${overview.score.formula}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function overviewCommand(backend: CliBackend, io: Writer, options: { account: string | undefined; format: OverviewFormat }): Promise<ExitCode> {
  const overview = await callOrReport<Overview>(backend.dispatch, 'overview:get', { accountId: options.account ?? null }, io);
  if (overview === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(overview, null, 2)}\n` : overviewTable(overview));
  return EXIT.ok;
}
