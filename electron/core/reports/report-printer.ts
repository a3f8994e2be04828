/**
 * The `ReportPrinter` port: turns a report's print page into PDF bytes. The core decides what is in a
 * report (leadership-report.ts) and which page draws it (`printRoute`); a printer only loads that page
 * in a browser and prints it. Implementations: Chromium through playwright-core (chromium-printer.ts,
 * for `warden report`, `warden serve` and the tests) and the desktop shell's hidden window with
 * `webContents.printToPDF` (electron/main/report-window-printer.ts).
 */
import type { PaperSize, ReportKind } from '@shared/contract';

export interface PrintRequest {
  report: ReportKind;
  accountId: string | null;
  /** The meeting whose minutes print (`minutes` only). */
  meetingId: string | null;
  paper: PaperSize;
  /** The leadership report's appendix lists every agent (`&all=1`); absent or false: Tier 1 only. */
  allAgents?: boolean;
  /** The leadership report's period (`30d`); null or absent: since the previous scan. */
  period?: string | null;
}

export interface PrintHooks {
  drawn?: () => void;
}

export interface ReportPrinter {
  /**
   * The PDF of the report's print page, every page with its header and footer. `hooks.drawn` is called
   * once the page says it is drawn, before printing starts (the job's progress); a printer that cannot
   * tell may never call it.
   */
  print(request: PrintRequest, hooks?: PrintHooks): Promise<Uint8Array>;
}

/**
 * Where the back end's printer is, set by the shell once it has one (the loopback server knows its URL
 * only after it listens; the desktop app after its window exists). Empty: `reports:print` is unavailable.
 */
export class ReportPrinterSlot {
  current: ReportPrinter | null = null;
}

/** The renderer's hash route of a report's print page (renderer/src/print/print-route.ts reads it back). */
export function printRoute(request: PrintRequest): string {
  const query = new URLSearchParams({ paper: request.paper });
  if (request.accountId !== null) query.set('account', request.accountId);
  if (request.meetingId !== null) query.set('meeting', request.meetingId);
  if (request.allAgents === true) query.set('all', '1');
  if (request.period !== undefined && request.period !== null) query.set('period', request.period);
  return `/print/${request.report}?${query.toString()}`;
}

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page (`/Pages` is the tree). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}
