/**
 * `warden reviews due|list|minutes|ics`: review meetings from the command line, through the same
 * channels as the app. `due [--by DATE] [--tier N] --format json|table`: agents due for review;
 * `list --format json`: every meeting; `minutes ID --format json|md`: a meeting's minutes (Markdown with
 * every name escaped, minutes.ts); `ics [--tier N | --combined]`: the review series as an iCalendar file.
 */
import type { ChannelOutput, Meeting, Minutes } from '@shared/contract';
import { minutesMarkdown } from '@core/governance/reviews/minutes';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafe, type Writer } from '../output';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `--format` of a reviews subcommand (no `--format`: the first allowed). */
export function parseReviewsFormat<F extends string>(sub: string, value: string | undefined, allowed: readonly [F, ...F[]]): Parsed<F> {
  if (value === undefined) return { ok: true, value: allowed[0] };
  const found = allowed.find((format) => format === value);
  if (found !== undefined) return { ok: true, value: found };
  return { ok: false, message: `--format for reviews ${sub} is ${allowed.join(' or ')}, not "${terminalSafe(value)}".` };
}

export function parseReviewTier(value: string | undefined): Parsed<1 | 2 | 3 | null> {
  if (value === undefined) return { ok: true, value: null };
  if (value === '1' || value === '2' || value === '3') return { ok: true, value: Number(value) as 1 | 2 | 3 };
  return { ok: false, message: `--tier is 1, 2 or 3, not "${terminalSafe(value)}".` };
}

export function parseByDate(value: string | undefined): Parsed<string | null> {
  if (value === undefined) return { ok: true, value: null };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { ok: true, value };
  return { ok: false, message: `--by takes a date (YYYY-MM-DD), not "${terminalSafe(value)}".` };
}

function rows(table: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of table) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, [...cell].length)));
  return table.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** Agents due as people read them in a terminal (every name through terminalSafe). */
export function dueTable(due: ChannelOutput<'reviews:due'>): string {
  const cadence = `${due.cadence.tier1Days} / ${due.cadence.tier2Days} / ${due.cadence.tier3Days} days${due.cadence.set ? '' : ' (defaults: not set in Settings)'}`;
  const head = `Due by ${due.by}: ${due.agents.length} agent${due.agents.length === 1 ? '' : 's'}. Cadence Tier 1 / 2 / 3: ${cadence}.`;
  if (due.agents.length === 0) return `${head}\n`;
  const table = rows([
    ['DUE', 'TIER', 'NAME', 'ACCOUNT', 'OWNER', 'LAST REVIEW', 'OPEN CRIT/HIGH', 'REASON'],
    ...due.agents.map((a) => [
      a.dueDate === null ? 'now' : `${a.dueDate}${a.overdue ? ' (overdue)' : ''}`,
      String(a.tier),
      terminalSafe(a.name),
      a.accountId ?? '',
      terminalSafe(a.owner ?? '—'),
      a.lastReviewAt?.slice(0, 10) ?? 'never',
      String(a.openCriticalHigh),
      terminalSafe(a.reason),
    ]),
  ]);
  return `${head}\n\n${table}\n`;
}

export async function reviewsDueCommand(backend: CliBackend, io: Writer, options: { by: string | null; tier: 1 | 2 | 3 | null; format: 'json' | 'table' }): Promise<ExitCode> {
  const due = await callOrReport<ChannelOutput<'reviews:due'>>(backend.dispatch, 'reviews:due', { by: options.by, tiers: options.tier === null ? [] : [options.tier], accountIds: [] }, io);
  if (due === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(due, null, 2)}\n` : dueTable(due));
  return EXIT.ok;
}

export async function reviewsListCommand(backend: CliBackend, io: Writer): Promise<ExitCode> {
  const list = await callOrReport<{ meetings: Meeting[] }>(backend.dispatch, 'reviews:list', {}, io);
  if (list === undefined) return EXIT.failure;
  io.out(`${JSON.stringify(list, null, 2)}\n`);
  return EXIT.ok;
}

export async function reviewsMinutesCommand(backend: CliBackend, io: Writer, options: { id: string; format: 'json' | 'md' }): Promise<ExitCode> {
  const minutes = await callOrReport<Minutes>(backend.dispatch, 'reviews:minutes', { id: options.id }, io);
  if (minutes === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(minutes, null, 2)}\n` : minutesMarkdown(minutes));
  return EXIT.ok;
}

/** The calendar file on stdout as the channel made it (CRLF lines: RFC 5545), for `> team.ics`. */
export async function reviewsIcsCommand(backend: CliBackend, io: Writer, options: { tier: 1 | 2 | 3 | null; combined: boolean }): Promise<ExitCode> {
  const calendar = await callOrReport<ChannelOutput<'reviews:calendar'>>(backend.dispatch, 'reviews:calendar', { mode: options.combined ? 'combined' : 'per-tier', tier: options.tier }, io);
  if (calendar === undefined) return EXIT.failure;
  io.out(calendar.text);
  return EXIT.ok;
}
