/**
 * Reports: choose the report (the leadership report, or the minutes of a held review meeting), its
 * scope (all accounts or one, for the leadership report) and the paper; "Show preview" draws the same
 * page component the PDF prints, here in the app; "Save PDF…": the back end prints the same print page
 * the CLI prints (Chromium in browser mode, the desktop app's own printer) and the file is saved through
 * the browser's download. Where the back end has no printer, it says how else to get one.
 */
import './reports.css';
import '../../print/print.css';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { REPORT_PERIODS, type ChannelOutput, type PaperSize } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { visibleText } from '../../lib/format';
import { LeadershipReportPage } from '../../print/leadership-report-page';
import { MinutesReportPage } from '../../print/minutes-report-page';
import { overviewQuery } from '../overview/queries';
import { meetingsQuery } from '../reviews/queries';
import { printRoute } from '@shared/report-print-route';
import { useWorkspace } from '../../app/workspace-context';
import { downloadPdf } from './pdf-file';
import { ExportsPanel } from './exports-panel';
import { ReportProgress } from './report-progress';

type Printed = ChannelOutput<'reports:print'>;
type State = { status: 'idle' } | { status: 'printing' } | { status: 'done'; printed: Printed } | { status: 'error'; message: string; unavailable: boolean };
/** `leadership`, or `minutes:<meeting id>`. */
type Choice = string;

const LEADERSHIP = 'leadership';
const MINUTES_PREFIX = 'minutes:';

/** The report the screen would print, drawn by the print page's own component. */
function Preview({ choice, accountId, period, allAgents, paper }: { choice: Choice; accountId: string | null; period: string | null; allAgents: boolean; paper: PaperSize }): ReactNode {
  const api = useApi();
  const meetingId = choice.startsWith(MINUTES_PREFIX) ? choice.slice(MINUTES_PREFIX.length) : null;
  const leadership = useQuery({ queryKey: ['reports', 'leadership', accountId, period, allAgents], queryFn: () => api.invoke('reports:leadership', { accountId, period, allAgents }), enabled: meetingId === null });
  const minutes = useQuery({ queryKey: ['reports', 'minutes', meetingId], queryFn: () => api.invoke('reports:minutes', { meetingId: meetingId ?? '' }), enabled: meetingId !== null });
  const query = meetingId === null ? leadership : minutes;
  if (query.error !== null) return <Callout tone="danger" role="alert" title="The preview could not be drawn"><p>{toApiError(query.error).message}</p></Callout>;
  return (
    <div className="reports-preview" data-testid="report-preview" aria-label="Preview">
      {meetingId === null
        ? leadership.data === undefined
          ? <p role="status">Drawing the preview…</p>
          : <LeadershipReportPage report={leadership.data} paper={paper} />
        : minutes.data === undefined
          ? <p role="status">Drawing the preview…</p>
          : <MinutesReportPage report={minutes.data} paper={paper} />}
    </div>
  );
}

export function ReportsScreen(): ReactNode {
  const api = useApi();
  const [choice, setChoice] = useState<Choice>(LEADERSHIP);
  const [accountId, setAccountId] = useState<string | null>(null);
  /** The leadership report's period (`30d`); null: since the previous scan. */
  const [period, setPeriod] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperSize>('a4');
  /** The leadership report's appendix lists every agent, not only Tier 1 (many more pages). */
  const [allAgents, setAllAgents] = useState(false);
  const [preview, setPreview] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const reportId = useId();
  const scopeId = useId();
  const periodId = useId();
  const paperId = useId();
  const allAgentsId = useId();
  const meetings = useQuery(meetingsQuery(api));
  const overview = useQuery(overviewQuery(api, null));
  const held = (meetings.data?.meetings ?? []).filter((meeting) => meeting.status === 'held');
  const accounts = (overview.data?.scope.accounts ?? []).flatMap((account) => (account.accountId === null ? [] : [{ id: account.accountId, label: account.label ?? account.alias ?? account.accountId }]));
  const minutesOf = choice.startsWith(MINUTES_PREFIX) ? choice.slice(MINUTES_PREFIX.length) : null;

  const { app } = useWorkspace();
  // Only in a browser tab: the desktop app always has its own printer, and opens no windows for pages.
  const browserMode = app.status === 'ready' && app.data.transport === 'http';
  const request = minutesOf === null ? { report: 'leadership' as const, accountId, meetingId: null, paper, period, allAgents } : { report: 'minutes' as const, accountId: null, meetingId: minutesOf, paper };

  // Where the back end has no printer: the same print page in a new tab of this browser, which opens its
  // own print dialog once drawn ("Save as PDF" there). The tab gets this one's session (sessionStorage is
  // copied to a window this page opens), so no token is put in the address.
  const printInBrowser = (): void => {
    window.open(`${window.location.pathname}${window.location.search}#${printRoute(request)}&dialog=1`, '_blank');
  };

  const save = (): void => {
    setState({ status: 'printing' });
    api.invoke('reports:print', request).then(
      (printed) => {
        downloadPdf(printed.fileName, printed.base64);
        setState({ status: 'done', printed });
      },
      (error: unknown) => {
        const apiError = toApiError(error);
        setState({ status: 'error', message: apiError.message, unavailable: apiError.code === 'unavailable' });
      },
    );
  };

  return (
    <div className="stack">
      <PageHeader title="Reports" description="Reports leadership reads in two minutes and an auditor can check, from the same stored data as the screens." />
      <Panel
        title={minutesOf === null ? 'Leadership report' : 'Review minutes'}
        description={
          minutesOf === null
            ? 'Page 1: are our AI agents under control, what changed, the top 5 risks with their owners, the 30-day plan and the decisions we need. Then the charts, shadow AI, the fixes and an appendix of Tier 1 agents (of every agent, when ticked below). Every page names the scans and the audit log head it came from.'
            : 'A held meeting: attendees, agenda, each decision with its note and evidence hash, action items with owners and due dates, what was carried over, and a signature block. Every page names the audit log head.'
        }
      >
        <div className="reports-form">
          <label htmlFor={reportId}>Report</label>{' '}
          <select
            id={reportId}
            className="input reports-form__paper"
            value={choice}
            onChange={(event) => {
              setChoice(event.target.value);
              setState({ status: 'idle' });
            }}
          >
            <option value={LEADERSHIP}>Leadership report</option>
            {held.map((meeting) => (
              <option key={meeting.id} value={`${MINUTES_PREFIX}${meeting.id}`}>
                Minutes: {visibleText(meeting.title)} ({meeting.scheduledFor.slice(0, 10)})
              </option>
            ))}
          </select>{' '}
          {minutesOf === null ? (
            <>
              <label htmlFor={scopeId}>Scope</label>{' '}
              <select id={scopeId} className="input reports-form__paper" value={accountId ?? ''} onChange={(event) => setAccountId(event.target.value === '' ? null : event.target.value)}>
                <option value="">All accounts</option>
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {visibleText(account.label)} ({account.id})
                  </option>
                ))}
              </select>{' '}
              <span className="reports-form__field">
                <label htmlFor={periodId}>Period</label>
                <select id={periodId} className="input reports-form__paper" value={period ?? ''} onChange={(event) => setPeriod(REPORT_PERIODS.find((p) => p === event.target.value) ?? null)}>
                  <option value="">Since the previous scan</option>
                  {REPORT_PERIODS.map((p) => (
                    <option key={p} value={p}>
                      Last {Number.parseInt(p, 10)} days
                    </option>
                  ))}
                </select>
              </span>{' '}
              <span className="reports-form__field">
                <input id={allAgentsId} type="checkbox" checked={allAgents} onChange={(event) => setAllAgents(event.target.checked)} />
                <label htmlFor={allAgentsId}>All agents in the appendix</label>
              </span>{' '}
            </>
          ) : null}
          <label htmlFor={paperId}>Paper</label>{' '}
          <select id={paperId} className="input reports-form__paper" value={paper} onChange={(event) => setPaper(event.target.value === 'letter' ? 'letter' : 'a4')}>
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>{' '}
          <Button variant="secondary" aria-pressed={preview} onClick={() => setPreview((shown) => !shown)}>
            {preview ? 'Hide preview' : 'Show preview'}
          </Button>{' '}
          <Button variant="primary" icon="save" busy={state.status === 'printing'} disabled={state.status === 'printing'} onClick={save}>
            Save PDF…
          </Button>
        </div>
        {state.status === 'printing' ? <p role="status">Printing the report…</p> : null}
        <ReportProgress active={state.status === 'printing'} />
        {state.status === 'done' ? (
          <Callout tone="success" role="status" title={`Saved ${state.printed.fileName}`}>
            <p>
              {state.printed.pages} {state.printed.pages === 1 ? 'page' : 'pages'}, report {state.printed.reportId}, in your downloads folder.
            </p>
          </Callout>
        ) : null}
        {state.status === 'error' ? (
          <Callout tone={state.unavailable ? 'warning' : 'danger'} role="alert" title="The report could not be printed">
            <p>{state.message}</p>
            {state.unavailable && browserMode ? (
              <p>
                <Button variant="secondary" icon="file" onClick={printInBrowser}>
                  Print from this browser…
                </Button>{' '}
                opens the report in a new tab with the browser&apos;s print dialog (choose &ldquo;Save as PDF&rdquo;).
              </p>
            ) : null}
            {state.unavailable ? <p>From a terminal: <code>{minutesOf === null ? `warden report leadership${period === null ? '' : ` --period ${period}`}${allAgents ? ' --all-agents' : ''}${paper === 'a4' ? '' : ` --paper ${paper}`} --out leadership.pdf` : `warden report minutes --meeting ${minutesOf}${paper === 'a4' ? '' : ` --paper ${paper}`} --out minutes.pdf`}</code></p> : null}
          </Callout>
        ) : null}
        {preview ? <Preview choice={choice} accountId={accountId} period={period} allAgents={allAgents} paper={paper} /> : null}
      </Panel>
      <ExportsPanel accountId={accountId} />
    </div>
  );
}
