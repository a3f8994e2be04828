/**
 * The print pages' routes: `#/print/leadership?paper=a4&account=111122223333`. The back end's printers
 * load them (shared/report-print-route.ts writes them with `printRoute`); the Reports screen opens one
 * in a new tab, with `&dialog=1`, only where the back end has no printer.
 */
import { PAPER_SIZES, reportPeriodSchema, type PaperSize, type ReportKind } from '@shared/contract';

export interface PrintRoute {
  report: ReportKind;
  paper: PaperSize;
  accountId: string | null;
  /** `minutes`: the meeting (`#/print/minutes?meeting=ID`); null for the leadership report. */
  meetingId: string | null;
  /** The leadership report's appendix lists every agent (`&all=1`); false: Tier 1 only. */
  allAgents: boolean;
  /** The leadership report's period (`&period=30d`); null: since the previous scan (and any other value). */
  period: string | null;
  /**
   * Open the browser's print dialog once the page is drawn (`&dialog=1`): the Reports screen opens the
   * page so in a new tab when the back end has no printer (browser mode without Chromium).
   */
  dialog: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/** The print page a route names, or null when it is not one (an unknown report is not a print route). */
export function parsePrintRoute(route: string): PrintRoute | null {
  const path = route.replace(/^#/, '');
  const [pathname = '', query = ''] = path.split('?', 2);
  const params = new URLSearchParams(query);
  const paperParam = params.get('paper');
  const paper = PAPER_SIZES.find((size) => size === paperParam) ?? 'a4';
  const dialog = params.get('dialog') === '1';
  if (pathname === '/print/minutes') {
    const meeting = params.get('meeting');
    // Minutes of no meeting is not a page: the back end would answer "not found" anyway.
    return meeting === null || meeting === '' ? null : { report: 'minutes', paper, accountId: null, meetingId: meeting, period: null, allAgents: false, dialog };
  }
  if (pathname !== '/print/leadership') return null;
  const account = params.get('account');
  const period = reportPeriodSchema.safeParse(params.get('period'));
  return { report: 'leadership', paper, accountId: account !== null && ACCOUNT_ID.test(account) ? account : null, meetingId: null, period: period.success ? period.data : null, allAgents: params.get('all') === '1', dialog };
}

/**
 * A CSS string literal for any text (the @page header and footer take text only as CSS strings):
 * every character but letters and digits is written as a six-digit hex escape (spaces too: a space after an escape would be eaten as its terminator), so no name can close the
 * string or the rule.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += /[A-Za-z0-9]/.test(char) ? char : `\\${code.toString(16).padStart(6, '0')}`;
  }
  return `${out}"`;
}
