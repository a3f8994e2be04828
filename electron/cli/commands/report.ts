/**
 * `warden report leadership --out FILE.pdf [--paper a4|letter] [--account ID] [--period Nd]`: the leadership report
 * as a PDF (`warden report minutes --meeting ID --out FILE.pdf`: a meeting's minutes), printed by the machine's Chrome or Chromium (found on PATH or named by WARDEN_CHROME) from
 * the built UI's print page, served for the moment by a loopback server on a random port with its own
 * token. Exit 1, saying how to fix it, when no browser or no built UI is there.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAPER_SIZES, reportPeriodSchema, type ChannelOutput, type PaperSize, type ReportKind } from '@shared/contract';
import { isAppError } from '@core/errors';
import { createChromiumPrinter, findBrowser, NO_BROWSER_MESSAGE } from '@core/reports/chromium-printer';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { startLoopbackServer } from '../loopback-server';
import { terminalSafe, type Writer } from '../output';
import { findRendererDir } from './serve';


/** `--paper` checked for the usage error (exit 2); none means A4. */
export function parsePaper(value: string | undefined): { ok: true; value: PaperSize } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: 'a4' };
  const paper = PAPER_SIZES.find((size) => size === value.toLowerCase());
  return paper === undefined ? { ok: false, message: `--paper is a4 or letter, not "${terminalSafe(value)}".` } : { ok: true, value: paper };
}

/**
 * `--period Nd` checked for the usage error (exit 2): the last N days (1–365), what the changes compare
 * with. None: null, since each account's previous scan (the default).
 */
export function parsePeriod(value: string | undefined): { ok: true; value: string | null } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: null };
  const period = reportPeriodSchema.safeParse(value.toLowerCase());
  return period.success
    ? { ok: true, value: period.data }
    : { ok: false, message: `--period is a number of days from 1d to 365d, such as 7d, 30d or 90d, not "${terminalSafe(value)}" (without it, the changes are since each account's previous scan).` };
}

export interface ReportOptions {
  report: ReportKind;
  /** The PDF; undefined when only `--html` is asked for. */
  out: string | undefined;
  /** `--html FILE`: the same page as one self-contained HTML file (fonts inlined, no script, no URL). */
  html: string | undefined;
  paper: PaperSize;
  account: string | undefined;
  /** `leadership`: `--period Nd` (null: since the previous scan). */
  period: string | null;
  /** `leadership`: `--all-agents`, the appendix lists every agent (default: Tier 1 only). */
  allAgents: boolean;
  /** `minutes`: the meeting. */
  meeting: string | undefined;
  env: NodeJS.ProcessEnv;
  moduleDir: string;
}

export async function reportCommand(backend: CliBackend, io: Writer, options: ReportOptions): Promise<ExitCode> {
  let browser: string | null;
  try {
    browser = findBrowser(options.env);
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(`warden: ${terminalSafe(error.message)}\n`);
    return EXIT.failure;
  }
  if (browser === null) {
    io.err(`warden: ${NO_BROWSER_MESSAGE}\n`);
    return EXIT.failure;
  }
  const staticDir = findRendererDir(options.moduleDir);
  if (staticDir === null) {
    io.err('warden: the user interface is not built, and the report is drawn by it; run `npm run build` first.\n');
    return EXIT.failure;
  }
  const server = await startLoopbackServer({ dispatch: backend.dispatch, events: backend.events, staticDir, port: 0 });
  try {
    const printer = createChromiumPrinter({ executablePath: browser, appUrl: server.url });
    backend.reportPrinter.current = printer;
    const request = { report: options.report, accountId: options.account ?? null, meetingId: options.meeting ?? null, paper: options.paper, period: options.period, allAgents: options.allAgents };
    if (options.out !== undefined) {
      const printed = await callOrReport<ChannelOutput<'reports:print'>>(backend.dispatch, 'reports:print', request, io);
      if (printed === undefined) return EXIT.failure;
      const out = resolve(options.out);
      writeFileSync(out, Buffer.from(printed.base64, 'base64'));
      io.out(`${terminalSafe(out)}: ${options.report} report ${printed.reportId}, ${printed.pages} ${printed.pages === 1 ? 'page' : 'pages'} (${options.paper === 'a4' ? 'A4' : 'US Letter'})\n`);
    }
    if (options.html !== undefined) {
      // The model first, through the back end: an unknown meeting is its "not found", before a browser starts.
      const model =
        request.report === 'minutes' && request.meetingId !== null
          ? await callOrReport<ChannelOutput<'reports:minutes'>>(backend.dispatch, 'reports:minutes', { meetingId: request.meetingId }, io)
          : await callOrReport<ChannelOutput<'reports:leadership'>>(backend.dispatch, 'reports:leadership', { accountId: request.accountId, period: request.period, allAgents: request.allAgents }, io);
      if (model === undefined) return EXIT.failure;
      const html = await printer.html(request);
      const out = resolve(options.html);
      writeFileSync(out, html, 'utf8');
      io.out(`${terminalSafe(out)}: ${options.report} report ${model.reportId}, self-contained HTML\n`);
    }
    return EXIT.ok;
  } finally {
    backend.reportPrinter.current = null;
    await server.close();
  }
}
