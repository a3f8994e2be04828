import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AgendaEntry, Meeting } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { TierBadge } from '../../components/tier-badge';
import { navigate } from '../../hooks/use-hash-path';
import { useQueryState } from '../../hooks/use-query';
import { plural, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { addArn, focusAfter, moveItem, removeItem } from './agenda-edit';
import { dateAfter, decisionSummary } from './meeting-model';
import { useStartMeeting, useUpdateAgenda } from './mutations';
import { dueByQuery, meetingQuery } from './queries';
import { MeetingStatusBadge } from './review-badges';
import { meetingModePath, minutesPath } from './reviews-route';
import { formatMeetingTime } from './time-zones';

/** A planned meeting's agenda: reorder, remove and add with buttons (each change saved at once). */
function AgendaEditor({ meeting }: { meeting: Meeting }): ReactNode {
  const api = useApi();
  const update = useUpdateAgenda();
  // Who a room would add: every agent due within eighteen months (Tier 3's default cadence is six).
  const candidates = useQueryState(dueByQuery(api, dateAfter(550)));
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const pendingFocus = useRef<{ index: number; action: 'up' | 'down' | 'remove' } | null>(null);
  const arns = meeting.agenda.map((entry) => entry.arn);

  useEffect(() => {
    const pending = pendingFocus.current;
    if (pending === null) return;
    pendingFocus.current = null;
    const at = focusAfter(pending.action, pending.index, meeting.agenda.length);
    if (at === null) return;
    const row = list.current?.children[at];
    const selector = pending.action === 'remove' ? '[data-action="remove"]' : `[data-action="${pending.action}"]:not([disabled])`;
    (row?.querySelector<HTMLElement>(selector) ?? row?.querySelector<HTMLElement>('button:not([disabled])'))?.focus();
  }, [meeting.agenda]);

  const save = (next: string[], focus: { index: number; action: 'up' | 'down' | 'remove' } | null): void => {
    setError(null);
    pendingFocus.current = focus;
    update.mutateAsync({ id: meeting.id, arns: next }).catch((failure: unknown) => setError(toApiError(failure).message));
  };

  const addable = candidates.status === 'ready' ? candidates.data.agents.filter((agent) => !arns.includes(agent.arn)) : [];

  return (
    <Panel title="Agenda" description="Never reviewed first, then by tier, then by open critical and high findings. Change it before the meeting starts." flush>
      {error !== null ? (
        <Callout tone="danger" role="alert" title="The agenda was not changed">
          <p>{error}</p>
        </Callout>
      ) : null}
      {meeting.agenda.length === 0 ? <p className="panel__empty">The agenda is empty: add an agent below.</p> : null}
      <ol className="agenda" ref={list} data-testid="agenda">
        {meeting.agenda.map((entry, index) => (
          <li key={entry.arn} className="agenda__item">
            <span className="agenda__position">{index + 1}</span>
            <TierBadge tier={entry.tier} />
            <span className="agenda__text">
              <a className="data-table__link" href={`#${agentPath(entry.arn)}`}>
                {visibleText(entry.name)}
              </a>
              <span className="data-table__sub">{visibleText(entry.reason)}</span>
            </span>
            <span className="agenda__buttons">
              <Button size="sm" data-action="up" aria-label={`Move ${visibleText(entry.name)} up`} disabled={index === 0 || update.isPending} onClick={() => save(moveItem(arns, index, -1), { index, action: 'up' })}>
                Up
              </Button>
              <Button
                size="sm"
                data-action="down"
                aria-label={`Move ${visibleText(entry.name)} down`}
                disabled={index === meeting.agenda.length - 1 || update.isPending}
                onClick={() => save(moveItem(arns, index, 1), { index, action: 'down' })}
              >
                Down
              </Button>
              <Button size="sm" variant="ghost" icon="x" data-action="remove" aria-label={`Remove ${visibleText(entry.name)}`} disabled={update.isPending} onClick={() => save(removeItem(arns, index), { index, action: 'remove' })}>
                Remove
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className="agenda__add inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (adding === '') return;
          save(addArn(arns, adding), null);
          setAdding('');
        }}
      >
        <label className="visually-hidden" htmlFor="agenda-add">
          Add an agent to the agenda
        </label>
        <select id="agenda-add" className="select" value={adding} onChange={(event) => setAdding(event.target.value)} disabled={candidates.status !== 'ready'}>
          <option value="">{candidates.status === 'ready' ? `Add an agent (${addable.length} more due within 18 months)…` : 'Loading the agents…'}</option>
          {addable.map((agent) => (
            <option key={agent.arn} value={agent.arn}>
              {visibleText(agent.name)} · Tier {agent.tier}
              {agent.dueDate !== null ? ` · due ${agent.dueDate}` : ' · never reviewed'}
            </option>
          ))}
        </select>
        <Button type="submit" icon="plus" disabled={adding === '' || update.isPending}>
          Add
        </Button>
      </form>
    </Panel>
  );
}

function AgendaOutcomes({ meeting }: { meeting: Meeting }): ReactNode {
  const decided = new Map(meeting.decisions.map((decision) => [decision.arn, decision]));
  return (
    <Panel title="Agenda" flush>
      <ol className="agenda" data-testid="agenda">
        {meeting.agenda.map((entry: AgendaEntry, index) => {
          const decision = decided.get(entry.arn);
          return (
            <li key={entry.arn} className="agenda__item">
              <span className="agenda__position">{index + 1}</span>
              <TierBadge tier={entry.tier} />
              <span className="agenda__text">
                <a className="data-table__link" href={`#${agentPath(entry.arn)}`}>
                  {visibleText(entry.name)}
                </a>
                <span className="data-table__sub">{visibleText(entry.reason)}</span>
              </span>
              <span className="agenda__outcome">{decision !== undefined ? decisionSummary(decision) : meeting.status === 'held' ? 'Carried over' : 'Not yet decided'}</span>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

function MeetingView({ meeting }: { meeting: Meeting }): ReactNode {
  const start = useStartMeeting();
  const [error, setError] = useState<string | null>(null);
  const decided = meeting.decisions.length;
  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__text">
          <a className="back-link" href="#/reviews">
            <Icon name="arrow-left" size={14} />
            Reviews
          </a>
          <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
            {visibleText(meeting.title)}
          </h1>
          <p className="page-header__description">
            <MeetingStatusBadge status={meeting.status} /> {formatMeetingTime(meeting.scheduledFor, meeting.timeZone)} ·{' '}
            {meeting.attendees.length === 0 ? 'No attendees listed' : `Attendees: ${meeting.attendees.map(visibleText).join(', ')}`}
          </p>
        </div>
        <div className="page-header__actions">
          {meeting.status === 'planned' ? (
            <Button
              variant="primary"
              icon="arrow-right"
              busy={start.isPending}
              disabled={meeting.agenda.length === 0}
              onClick={() =>
                void start
                  .mutateAsync({ id: meeting.id })
                  .then(() => navigate(meetingModePath(meeting.id)))
                  .catch((failure: unknown) => setError(toApiError(failure).message))
              }
            >
              Start meeting
            </Button>
          ) : meeting.status === 'in_progress' ? (
            <a className="btn btn--primary btn--md" href={`#${meetingModePath(meeting.id)}`}>
              Resume meeting
            </a>
          ) : (
            <a className="btn btn--primary btn--md" href={`#${minutesPath(meeting.id)}`}>
              Read the minutes
            </a>
          )}
        </div>
      </header>
      {error !== null ? (
        <Callout tone="danger" role="alert" title="The meeting did not start">
          <p>{error}</p>
        </Callout>
      ) : null}
      {meeting.status === 'in_progress' ? (
        <Callout tone="info" title="In progress">
          <p>
            {decided} of {plural(meeting.agenda.length, 'agent', 'agents')} decided. Every decision is saved as it is made: resume where the room stopped, in meeting mode, where E ends the meeting.
          </p>
        </Callout>
      ) : null}
      {meeting.status === 'planned' ? <AgendaEditor meeting={meeting} /> : <AgendaOutcomes meeting={meeting} />}
    </div>
  );
}

/** `#/reviews/<id>`: one meeting; while planned, its agenda is edited here. */
export function MeetingPage({ meetingId }: { meetingId: string }): ReactNode {
  const api = useApi();
  const meeting = useQueryState(meetingQuery(api, meetingId));
  if (meeting.status === 'ready') return <MeetingView meeting={meeting.data} />;
  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__text">
          <a className="back-link" href="#/reviews">
            <Icon name="arrow-left" size={14} />
            Reviews
          </a>
          <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
            Meeting
          </h1>
        </div>
      </header>
      {meeting.status === 'loading' ? <LoadingState label="Loading the meeting…" rows={4} /> : <ErrorState what="the meeting" error={meeting.error} onRetry={meeting.reload} />}
    </div>
  );
}
