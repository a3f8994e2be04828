/**
 * Reports: the leadership report as a PDF. Choose the paper, "Save PDF…": the back end prints the same
 * print page the CLI prints (Chromium in browser mode, the desktop app's own printer) and the file is
 * saved through the browser's download. Where the back end has no printer, it says how else to get one.
 * Review-minutes PDFs and the OCSF exports come later (docs/reports.md).
 */
import './reports.css';
import { useId, useState, type ReactNode } from 'react';
import type { ChannelOutput, PaperSize } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { downloadPdf } from './pdf-file';

type Printed = ChannelOutput<'reports:print'>;
type State = { status: 'idle' } | { status: 'printing' } | { status: 'done'; printed: Printed } | { status: 'error'; message: string; unavailable: boolean };

export function ReportsScreen(): ReactNode {
  const api = useApi();
  const [paper, setPaper] = useState<PaperSize>('a4');
  const [state, setState] = useState<State>({ status: 'idle' });
  const paperId = useId();

  const save = (): void => {
    setState({ status: 'printing' });
    api.invoke('reports:print', { report: 'leadership', accountId: null, paper }).then(
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
        title="Leadership report"
        description="Page 1: are our AI agents under control, what changed, the top 5 risks with their owners, the 30-day plan and the decisions we need. Then the charts, shadow AI, the fixes and every Tier 1 agent. Every page names the scans and the audit log head it came from."
      >
        <div className="reports-form">
          <label htmlFor={paperId}>Paper</label>{' '}
          <select id={paperId} className="input reports-form__paper" value={paper} onChange={(event) => setPaper(event.target.value === 'letter' ? 'letter' : 'a4')}>
            <option value="a4">A4</option>
            <option value="letter">US Letter</option>
          </select>{' '}
          <Button variant="primary" icon="save" busy={state.status === 'printing'} disabled={state.status === 'printing'} onClick={save}>
            Save PDF…
          </Button>
        </div>
        {state.status === 'printing' ? <p role="status">Printing the report…</p> : null}
        {state.status === 'done' ? (
          <Callout tone="success" role="status" title={`Saved ${state.printed.fileName}`}>
            <p>
              {state.printed.pages} pages, report {state.printed.reportId}, in your downloads folder.
            </p>
          </Callout>
        ) : null}
        {state.status === 'error' ? (
          <Callout tone={state.unavailable ? 'warning' : 'danger'} role="alert" title="The report could not be printed">
            <p>{state.message}</p>
            {state.unavailable ? <p>From a terminal: warden report leadership --out leadership.pdf</p> : null}
          </Callout>
        ) : null}
      </Panel>
    </div>
  );
}
