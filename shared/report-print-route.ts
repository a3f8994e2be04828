/**
 * The print page of a report, as a hash route of the renderer (renderer/src/print/print-route.ts reads it
 * back): the back end's printers load it, and in browser mode, where no printer is found, the Reports
 * screen opens it in a new tab with `&dialog=1` for the browser's own print dialog.
 */
import type { PaperSize, ReportKind } from './contract';

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

/** The renderer's hash route of a report's print page (renderer/src/print/print-route.ts reads it back). */
export function printRoute(request: PrintRequest): string {
  const query = new URLSearchParams({ paper: request.paper });
  if (request.accountId !== null) query.set('account', request.accountId);
  if (request.meetingId !== null) query.set('meeting', request.meetingId);
  if (request.allAgents === true) query.set('all', '1');
  if (request.period !== undefined && request.period !== null) query.set('period', request.period);
  return `/print/${request.report}?${query.toString()}`;
}
