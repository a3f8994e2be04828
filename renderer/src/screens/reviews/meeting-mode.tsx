import './meeting-mode.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AgendaItemView, Meeting } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { ProgressBar } from '../../components/progress-bar';
import { navigate } from '../../hooks/use-hash-path';
import { useQueryState } from '../../hooks/use-query';
import { formatDateTime, plural, visibleText } from '../../lib/format';
import { settingsQuery } from '../settings/queries';
import { AgentSlide } from './agent-slide';
import { ActionItemDialog, DecisionDialog, EMPTY_DRAFT, KeysDialog, NoteDialog, type DecisionDetails, type Draft } from './meeting-dialogs';
import { commandForKey, DECISION_KEYS, moveIndex, type DecisionKey, type MeetingCommand } from './meeting-keys';
import { decidersFor, decisionSummary, resumeArn } from './meeting-model';
import { useDecide, useEndMeeting, useStartMeeting } from './mutations';
import { agendaItemQuery, meetingQuery } from './queries';
import { meetingPath, minutesPath } from './reviews-route';

type OpenDialog = { kind: 'help' } | { kind: 'note' } | { kind: 'action-item' } | { kind: 'decide'; entry: DecisionKey } | { kind: 'end' } | null;

/** Keys typed into a field are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** The bar of decision keys at the foot of the screen, one line: the keys the room sees, also buttons for a mouse. */
function KeyLegend({ disabled, onCommand }: { disabled: boolean; onCommand: (command: MeetingCommand) => void }): ReactNode {
  return (
    <nav className="meeting-legend" aria-label="Decisions and keys">
      <ul className="meeting-legend__decisions">
        {DECISION_KEYS.map((entry) => (
          <li key={entry.key}>
            <button type="button" className="meeting-key" aria-keyshortcuts={entry.key} disabled={disabled} onClick={() => onCommand({ kind: 'decide', decision: entry.decision })}>
              <kbd>{entry.key.toUpperCase()}</kbd>
              <span>{entry.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The decision once made (or what is waiting to go with it): shown above the agent, never hidden. */
function DecisionState({ item, draft }: { item: AgendaItemView; draft: Draft }): ReactNode {
  const decision = item.decision;
  if (decision !== null) {
    return (
      <section className="meeting-decided" aria-label="Decision" data-testid="meeting-decision">
        <p className="meeting-decided__what">
          <span className="meeting-decided__label">Decided:</span> {decisionSummary(decision)}
        </p>
        <p className="meeting-decided__meta">
          By {decision.deciders.map(visibleText).join(', ')} · {formatDateTime(decision.decidedAt)} · evidence <span className="mono">{decision.evidenceHash.slice(0, 12)}</span>
        </p>
        {decision.reason !== null ? <p className="meeting-decided__text">Reason: {visibleText(decision.reason)}</p> : null}
        {decision.note !== '' ? <p className="meeting-decided__text">Note: {visibleText(decision.note)}</p> : null}
        {decision.actionItems.length > 0 ? (
          <ul className="meeting-decided__items">
            {decision.actionItems.map((action) => (
              <li key={action.id}>
                {visibleText(action.text)} — {visibleText(action.owner)}, due {action.dueDate}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    );
  }
  if (draft.note === '' && draft.actionItems.length === 0) return null;
  return (
    <section className="meeting-draft" aria-label="To be recorded with the decision">
      <p className="meeting-draft__title">Goes with the decision:</p>
      {draft.note !== '' ? <p>Note: {visibleText(draft.note)}</p> : null}
      {draft.actionItems.length > 0 ? (
        <ul>
          {draft.actionItems.map((action, index) => (
            <li key={index}>
              Action item: {visibleText(action.text)} — {visibleText(action.owner)}, due {action.dueDate}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function MeetingRunner({ meeting, you }: { meeting: Meeting; you: string }): ReactNode {
  const api = useApi();
  const client = useQueryClient();
  const decide = useDecide();
  const end = useEndMeeting();
  const [arn, setArn] = useState<string | null>(() => resumeArn(meeting));
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);

  const index = Math.max(0, meeting.agenda.findIndex((entry) => entry.arn === arn));
  const current = meeting.agenda[index] ?? null;
  const item = useQueryState(agendaItemQuery(api, meeting.id, current?.arn ?? ''));
  const draft = (current !== null ? drafts.get(current.arn) : undefined) ?? EMPTY_DRAFT;
  const decided = meeting.decisions.length;
  const total = meeting.agenda.length;

  // The neighbours are read ahead, so moving on shows the next agent at once.
  useEffect(() => {
    for (const neighbour of [meeting.agenda[index + 1], meeting.agenda[index - 1]]) {
      if (neighbour !== undefined) void client.prefetchQuery(agendaItemQuery(api, meeting.id, neighbour.arn));
    }
  }, [api, client, index, meeting.agenda, meeting.id]);

  // A new agent starts at the top, with the focus on the page so the arrows up and down scroll it.
  useEffect(() => {
    stage.current?.scrollTo({ top: 0 });
    stage.current?.focus({ preventScroll: true });
  }, [arn]);

  const setDraft = useCallback(
    (target: string, change: (draft: Draft) => Draft) =>
      setDrafts((all) => {
        const next = new Map(all);
        next.set(target, change(all.get(target) ?? EMPTY_DRAFT));
        return next;
      }),
    [],
  );

  const record = useCallback(
    (entry: DecisionKey, details: DecisionDetails, fromDialog: boolean): void => {
      if (current === null) return;
      setBusy(true);
      setDialogError(null);
      decide
        .mutateAsync({
          id: meeting.id,
          arn: current.arn,
          decision: entry.decision,
          newTier: details.newTier,
          reason: details.reason,
          deferUntil: details.deferUntil,
          note: details.note,
          deciders: decidersFor(meeting, you),
          actionItems: details.actionItems,
          // What the room saw: refused if the agent's evidence changed since it was shown.
          evidenceHash: item.status === 'ready' ? item.data.evidenceHash : null,
        })
        .then(
          () => {
            setBusy(false);
            setDrafts((all) => {
              const next = new Map(all);
              next.delete(current.arn);
              return next;
            });
            setDialog(null);
            setStatus({ tone: 'ok', text: `Recorded: ${entry.label} for ${visibleText(current.name)}.` });
          },
          (failure: unknown) => {
            setBusy(false);
            const error = toApiError(failure);
            const message = error.code === 'conflict' ? `${error.message} The agent is shown again as it is now.` : error.message;
            // A conflict may be evidence that changed while it was shown: show the agent as it is now.
            if (error.code === 'conflict') item.reload();
            if (fromDialog) setDialogError(message);
            else setStatus({ tone: 'error', text: `Not recorded: ${message}` });
          },
        );
    },
    [current, decide, item, meeting, you],
  );

  const run = useCallback(
    (command: MeetingCommand): void => {
      switch (command.kind) {
        case 'next':
        case 'previous':
        case 'first':
        case 'last': {
          const target = meeting.agenda[moveIndex(command, index, total)];
          if (target !== undefined) setArn(target.arn);
          setStatus(null);
          return;
        }
        case 'decide': {
          const entry = DECISION_KEYS.find((candidate) => candidate.decision === command.decision);
          if (entry === undefined || current === null || item.status !== 'ready' || busy) return;
          if (item.data.decision !== null) {
            setStatus({ tone: 'error', text: `${visibleText(current.name)} is decided already (${decisionSummary(item.data.decision)}): decisions are final once made.` });
            return;
          }
          if (entry.asks === 'nothing') record(entry, { newTier: null, reason: null, deferUntil: null, note: draft.note, actionItems: draft.actionItems }, false);
          else {
            setDialogError(null);
            setDialog({ kind: 'decide', entry });
          }
          return;
        }
        case 'note':
        case 'action-item':
          if (current === null || item.status !== 'ready') return;
          if (item.data.decision !== null) {
            setStatus({ tone: 'error', text: `${visibleText(current.name)} is decided already: a note or an action item goes with a decision.` });
            return;
          }
          setDialog({ kind: command.kind });
          return;
        case 'help':
          setDialog({ kind: 'help' });
          return;
        case 'end':
          setDialog({ kind: 'end' });
          return;
        case 'leave':
          navigate(meetingPath(meeting.id));
          return;
      }
    },
    [busy, current, draft, index, item, meeting.agenda, meeting.id, record, total],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (dialog !== null) {
        // `?` toggles the key list; every other key belongs to the open dialog.
        if (dialog.kind === 'help' && event.key === '?') {
          event.preventDefault();
          setDialog(null);
        }
        return;
      }
      if (event.defaultPrevented || isTyping(event.target)) return;
      const command = commandForKey(event);
      if (command === null) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, run]);

  const agentName = current?.name ?? '';
  return (
    <div className="meeting">
      <header className="meeting-bar">
        <div className="meeting-bar__title">
          <p className="meeting-bar__meeting">{visibleText(meeting.title)}</p>
          <p className="meeting-bar__position" data-testid="meeting-position">
            Agent {total === 0 ? 0 : index + 1} of {total}
          </p>
        </div>
        <div className="meeting-bar__progress">
          <ProgressBar value={total === 0 ? 0 : decided / total} label="Agenda progress" tone={decided === total ? 'success' : 'accent'} />
          <p className="meeting-bar__count" data-testid="meeting-progress">
            {decided} of {plural(total, 'agent', 'agents')} decided
          </p>
        </div>
        <div className="meeting-bar__actions">
          <button type="button" className="meeting-key meeting-key--quiet" aria-keyshortcuts="n" onClick={() => run({ kind: 'note' })}>
            <kbd>N</kbd>
            <span>Note</span>
          </button>
          <button type="button" className="meeting-key meeting-key--quiet" aria-keyshortcuts="a" onClick={() => run({ kind: 'action-item' })}>
            <kbd>A</kbd>
            <span>Action item</span>
          </button>
          <button type="button" className="meeting-key meeting-key--quiet" aria-keyshortcuts="Shift+?" onClick={() => run({ kind: 'help' })}>
            <kbd>?</kbd>
            <span>Keys</span>
          </button>
          <button type="button" className="meeting-key meeting-key--quiet" aria-keyshortcuts="Escape" onClick={() => run({ kind: 'leave' })}>
            <kbd>Esc</kbd>
            <span>Leave</span>
          </button>
          <button type="button" className="meeting-key meeting-key--quiet" aria-keyshortcuts="e" onClick={() => run({ kind: 'end' })}>
            <kbd>E</kbd>
            <span>End meeting</span>
          </button>
        </div>
      </header>

      <div className="meeting-status" role="status" aria-live="polite" data-testid="meeting-status">
        {status !== null ? <p className={status.tone === 'error' ? 'meeting-status__error' : 'meeting-status__ok'}>{status.text}</p> : null}
      </div>

      <div className="meeting-stage" ref={stage} tabIndex={0} aria-label={`Agent ${index + 1} of ${total}: ${visibleText(agentName)}`}>
        {current === null ? (
          <p className="slide-callout">The agenda is empty: there is nothing to decide. End the meeting with E.</p>
        ) : item.status === 'loading' ? (
          <LoadingState label={`Loading ${visibleText(current.name)}…`} rows={6} />
        ) : item.status === 'error' ? (
          <ErrorState what="this agent" error={item.error} onRetry={item.reload} />
        ) : (
          <>
            <DecisionState item={item.data} draft={draft} />
            <AgentSlide item={item.data} />
          </>
        )}
      </div>

      <KeyLegend disabled={item.status !== 'ready' || item.data.decision !== null || busy} onCommand={run} />

      {dialog?.kind === 'help' ? <KeysDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'note' && current !== null ? (
        <NoteDialog
          agentName={agentName}
          initial={draft.note}
          onClose={() => setDialog(null)}
          onSave={(note) => {
            setDraft(current.arn, (old) => ({ ...old, note }));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'action-item' && current !== null ? (
        <ActionItemDialog
          agentName={agentName}
          owner={item.status === 'ready' ? item.data.evidence.owner : null}
          onClose={() => setDialog(null)}
          onAdd={(action) => {
            setDraft(current.arn, (old) => ({ ...old, actionItems: [...old.actionItems, action] }));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'decide' && item.status === 'ready' ? (
        <DecisionDialog entry={dialog.entry} item={item.data} draft={draft} busy={busy} error={dialogError} onClose={() => setDialog(null)} onSubmit={(details) => record(dialog.entry, details, true)} />
      ) : null}
      <ConfirmDialog
        open={dialog?.kind === 'end'}
        title="End the meeting?"
        description={
          decided >= total
            ? 'Every agent on the agenda has a decision. The minutes are written next.'
            : `${plural(total - decided, 'agent has', 'agents have')} no decision yet: ${total - decided === 1 ? 'it is' : 'they are'} carried over to the next meeting, and the minutes say so.`
        }
        confirmLabel="End meeting"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          await end.mutateAsync({ id: meeting.id });
          navigate(minutesPath(meeting.id));
        }}
      />
    </div>
  );
}

/** A planned meeting opened in meeting mode: start it here (Enter), or go back. */
function NotStarted({ meeting }: { meeting: Meeting }): ReactNode {
  const start = useStartMeeting();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="meeting meeting--message">
      <h1 className="slide-header__name" tabIndex={-1} data-screen-heading>
        {visibleText(meeting.title)}
      </h1>
      <p className="slide-lead">This meeting has not started. {plural(meeting.agenda.length, 'agent is', 'agents are')} on its agenda.</p>
      {error !== null ? (
        <p className="meeting-status__error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="meeting-message__actions">
        <button
          type="button"
          className="btn btn--primary btn--md"
          autoFocus
          disabled={start.isPending}
          onClick={() => void start.mutateAsync({ id: meeting.id }).catch((failure: unknown) => setError(toApiError(failure).message))}
        >
          Start meeting
        </button>
        <a className="btn btn--secondary btn--md" href={`#${meetingPath(meeting.id)}`}>
          Back to the agenda
        </a>
      </p>
    </div>
  );
}

/** `#/reviews/<id>/meeting`: meeting mode, full screen, one agent at a time, driven from the keyboard. */
export function MeetingMode({ meetingId }: { meetingId: string }): ReactNode {
  const api = useApi();
  const meeting = useQueryState(meetingQuery(api, meetingId));
  const settings = useQueryState(settingsQuery(api));

  if (meeting.status === 'loading' || settings.status === 'loading') {
    return (
      <div className="meeting meeting--message">
        <LoadingState label="Opening the meeting…" rows={4} />
      </div>
    );
  }
  if (meeting.status === 'error') {
    return (
      <div className="meeting meeting--message">
        <ErrorState what="the meeting" error={meeting.error} onRetry={meeting.reload} />
        <a className="btn btn--secondary btn--md" href="#/reviews">
          Back to Reviews
        </a>
      </div>
    );
  }
  if (meeting.data.status === 'planned') return <NotStarted meeting={meeting.data} />;
  if (meeting.data.status === 'held') {
    return (
      <div className="meeting meeting--message">
        <h1 className="slide-header__name" tabIndex={-1} data-screen-heading>
          {visibleText(meeting.data.title)}
        </h1>
        <p className="slide-lead">This meeting was held and ended.</p>
        <p className="meeting-message__actions">
          <a className="btn btn--primary btn--md" href={`#${minutesPath(meetingId)}`}>
            Read the minutes
          </a>
        </p>
      </div>
    );
  }
  const you = settings.status === 'ready' ? (settings.data.displayName ?? settings.data.defaultDisplayName) : 'Reviewer';
  return <MeetingRunner meeting={meeting.data} you={you} />;
}
