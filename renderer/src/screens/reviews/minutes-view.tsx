import { useId, useState, type ReactNode } from 'react';
import type { Minutes, PaperSize } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { downloadPdf } from '../reports/pdf-file';
import { ReportProgress } from '../reports/report-progress';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { TierBadge } from '../../components/tier-badge';
import { useQueryState } from '../../hooks/use-query';
import { formatDateTime, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { decisionLabel } from './meeting-keys';
import { decisionSummary } from './meeting-model';
import { minutesQuery } from './queries';
import { MeetingStatusBadge, OverdueBadge } from './review-badges';
import { meetingPath } from './reviews-route';
import { formatMeetingTime } from './time-zones';

function outcomeText(outcome: Minutes['agenda'][number]['outcome']): string {
  if (outcome === 'carried_over') return 'Carried over to the next meeting';
  if (outcome === 'pending') return 'Not yet decided';
  return decisionLabel(outcome);
}

/** "Save PDF…": the back end prints the minutes' print page (as `warden report minutes` does), saved as a download. */
function SaveMinutesPdf({ meetingId }: { meetingId: string }): ReactNode {
  const api = useApi();
  const [state, setState] = useState<{ status: 'idle' | 'printing' } | { status: 'done'; fileName: string } | { status: 'error'; message: string }>({ status: 'idle' });
  const [paper, setPaper] = useState<PaperSize>('a4');
  const paperId = useId();
  const save = (): void => {
    setState({ status: 'printing' });
    api.invoke('reports:print', { report: 'minutes', accountId: null, meetingId, paper }).then(
      (printed) => {
        downloadPdf(printed.fileName, printed.base64);
        setState({ status: 'done', fileName: printed.fileName });
      },
      (error: unknown) => setState({ status: 'error', message: toApiError(error).message }),
    );
  };
  return (
    <div className="page-header__actions">
      <label htmlFor={paperId}>Paper</label>{' '}
      <select id={paperId} className="input minutes-paper" value={paper} onChange={(event) => setPaper(event.target.value === 'letter' ? 'letter' : 'a4')}>
        <option value="a4">A4</option>
        <option value="letter">US Letter</option>
      </select>{' '}
      <Button variant="secondary" icon="save" busy={state.status === 'printing'} disabled={state.status === 'printing'} onClick={save}>
        Save PDF…
      </Button>
      <ReportProgress active={state.status === 'printing'} />
      {state.status === 'done' ? <p role="status">Saved {state.fileName}</p> : null}
      {state.status === 'error' ? (
        <Callout tone="danger" role="alert" title="The minutes could not be printed">
          <p>{state.message}</p>
        </Callout>
      ) : null}
    </div>
  );
}

/** The minutes, all of it text (names, notes and reasons are people's and AWS's words, never markup). */
function MinutesBody({ minutes }: { minutes: Minutes }): ReactNode {
  return (
    <div className="stack minutes" data-testid="minutes">
      <header className="page-header">
        <div className="page-header__text">
          <a className="back-link" href={`#${meetingPath(minutes.meetingId)}`}>
            <Icon name="arrow-left" size={14} />
            The meeting
          </a>
          <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
            Minutes: {visibleText(minutes.title)}
          </h1>
          <p className="page-header__description">
            <MeetingStatusBadge status={minutes.status} /> Scheduled {formatMeetingTime(minutes.scheduledFor, minutes.timeZone)}
          </p>
        </div>
        {minutes.status === 'held' ? <SaveMinutesPdf meetingId={minutes.meetingId} /> : null}
      </header>

      <Panel title="Meeting">
        <dl className="minutes-facts">
          <div>
            <dt>Held</dt>
            <dd>
              {minutes.startedAt === null ? 'Not started' : formatDateTime(minutes.startedAt)}
              {minutes.endedAt !== null ? ` to ${formatDateTime(minutes.endedAt)}` : minutes.startedAt !== null ? ', still in progress' : ''}
            </dd>
          </div>
          <div>
            <dt>Attendees</dt>
            <dd data-testid="minutes-attendees">{minutes.attendees.length === 0 ? 'None listed' : minutes.attendees.map(visibleText).join(', ')}</dd>
          </div>
          <div>
            <dt>Minutes written</dt>
            <dd>{formatDateTime(minutes.generatedAt)}</dd>
          </div>
        </dl>
      </Panel>

      <Panel title="Agenda" flush>
        {minutes.agenda.length === 0 ? (
          <p className="panel__empty">The agenda was empty.</p>
        ) : (
          <ol className="agenda" data-testid="minutes-agenda">
            {minutes.agenda.map((entry, index) => (
              <li key={entry.arn} className="agenda__item">
                <span className="agenda__position">{index + 1}</span>
                <TierBadge tier={entry.tier} />
                <span className="agenda__text">
                  <span className="agenda__name">{visibleText(entry.name)}</span>
                  <span className="data-table__sub">{visibleText(entry.reason)}</span>
                </span>
                <span className="agenda__outcome">{outcomeText(entry.outcome)}</span>
              </li>
            ))}
          </ol>
        )}
      </Panel>

      <Panel title="Decisions">
        {minutes.decisions.length === 0 ? (
          <p className="data-table__muted">No decision was recorded.</p>
        ) : (
          <ol className="minutes-decisions" data-testid="minutes-decisions">
            {minutes.decisions.map((decision) => (
              <li key={decision.arn} className="minutes-decision">
                <h3 className="minutes-decision__title">
                  <a className="data-table__link" href={`#${agentPath(decision.arn)}`}>
                    {visibleText(decision.agentName)}
                  </a>
                  : {decisionSummary(decision)}
                </h3>
                <dl className="minutes-facts">
                  {decision.reason !== null ? (
                    <div>
                      <dt>Reason</dt>
                      <dd>{visibleText(decision.reason)}</dd>
                    </div>
                  ) : null}
                  {decision.note !== '' ? (
                    <div>
                      <dt>Note</dt>
                      <dd className="minutes-note">{decision.note}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>Decided by</dt>
                    <dd>
                      {decision.deciders.map(visibleText).join(', ')}, {formatDateTime(decision.decidedAt)}
                    </dd>
                  </div>
                  <div>
                    <dt>Evidence hash</dt>
                    <dd className="mono-wrap" data-testid="evidence-hash">
                      {decision.evidenceHash}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        )}
      </Panel>

      <Panel title="Action items" flush>
        {minutes.actionItems.length === 0 ? (
          <p className="panel__empty">No action item.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table data-table--compact" aria-label="Action items">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {minutes.actionItems.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{visibleText(item.text)}</th>
                    <td>{visibleText(item.agentName)}</td>
                    <td>{visibleText(item.owner)}</td>
                    <td>
                      {item.dueDate} {item.overdue ? <OverdueBadge /> : null}
                    </td>
                    <td>{item.status === 'done' ? `Done${item.doneAt !== null ? ` ${formatDateTime(item.doneAt)}` : ''}` : 'Open'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>

      <Panel title="Carried over">
        {minutes.carriedOver.length === 0 ? (
          <p className="data-table__muted">Nothing: every agent on the agenda was decided.</p>
        ) : (
          <>
            <p>Not reached in this meeting; carried to the next one:</p>
            <ul data-testid="minutes-carried-over">
              {minutes.carriedOver.map((entry) => (
                <li key={entry.arn}>
                  {visibleText(entry.name)} (Tier {entry.tier})
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
    </div>
  );
}

/** `#/reviews/<id>/minutes`. */
export function MinutesView({ meetingId }: { meetingId: string }): ReactNode {
  const api = useApi();
  const minutes = useQueryState(minutesQuery(api, meetingId));
  if (minutes.status === 'ready') return <MinutesBody minutes={minutes.data} />;
  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__text">
          <a className="back-link" href="#/reviews">
            <Icon name="arrow-left" size={14} />
            Reviews
          </a>
          <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
            Minutes
          </h1>
        </div>
      </header>
      {minutes.status === 'loading' ? <LoadingState label="Writing the minutes…" rows={5} /> : <ErrorState what="the minutes" error={minutes.error} onRetry={minutes.reload} />}
    </div>
  );
}
