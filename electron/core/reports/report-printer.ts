/**
 * The `ReportPrinter` port: turns a report's print page into PDF bytes. The core decides what is in a
 * report (leadership-report.ts) and which page draws it (`printRoute`); a printer only loads that page
 * in a browser and prints it. Implementations: Chromium through playwright-core (chromium-printer.ts,
 * for `warden report`, `warden serve` and the tests) and the desktop shell's hidden window with
 * `webContents.printToPDF` (electron/main/report-window-printer.ts).
 */

// The request and its print page's route are shared with the renderer (its browser print fallback).
import type { PrintRequest } from '@shared/report-print-route';
export { printRoute, type PrintRequest } from '@shared/report-print-route';

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


/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page (`/Pages` is the tree). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}
