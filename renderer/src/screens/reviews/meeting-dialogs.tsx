/**
 * Meeting mode's small dialogs, keyboard first: the first field has the focus, Enter records (Ctrl+Enter
 * in a note), Escape cancels. A decision that needs more than its key (keep with changes, re-tier,
 * decommission, defer) asks for it here; nothing is recorded until the dialog is submitted.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { REVIEW_TEXT_LIMITS, type AgendaItemView } from '@shared/contract';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { visibleText } from '../../lib/format';
import { COMMAND_KEYS, DECISION_KEYS, type DecisionKey, type DecisionKind } from './meeting-keys';
import { dateAfter } from './meeting-model';

export interface DraftActionItem {
  text: string;
  owner: string;
  dueDate: string;
}

/** What the room has said about an agent before deciding: sent with the decision. */
export interface Draft {
  note: string;
  actionItems: DraftActionItem[];
}

export const EMPTY_DRAFT: Draft = { note: '', actionItems: [] };

/** What a decision dialog hands back. */
export interface DecisionDetails {
  newTier: 1 | 2 | 3 | null;
  reason: string | null;
  deferUntil: string | null;
  note: string;
  actionItems: DraftActionItem[];
}

const MIN_REASON = 10;

function reasonError(reason: string): string | null {
  return reason.trim().length < MIN_REASON ? `Say why, in at least ${MIN_REASON} characters.` : null;
}

/** Ctrl+Enter (Cmd+Enter) in a text area submits its form: Enter alone is a new line. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

export function NoteDialog({ agentName, initial, onSave, onClose }: { agentName: string; initial: string; onSave: (note: string) => void; onClose: () => void }): ReactNode {
  const [note, setNote] = useState(initial);
  return (
    <FormDialog
      title="Note"
      description={`Recorded with the decision on ${visibleText(agentName)}. Ctrl+Enter saves.`}
      formLabel="Note"
      submitLabel="Save note"
      onSubmit={() => onSave(note.trim())}
      onClose={onClose}
      busy={false}
      error={null}
      errorTitle="The note was not saved"
    >
      <Field label="Note" limit={{ max: REVIEW_TEXT_LIMITS.note, length: note.length }}>
        {(control) => (
          <textarea {...control} className="input textarea" rows={4} value={note} maxLength={REVIEW_TEXT_LIMITS.note} onChange={(event) => setNote(event.target.value)} onKeyDown={submitOnCtrlEnter} />
        )}
      </Field>
    </FormDialog>
  );
}

/** The three fields of an action item; `errors` by field. */
function ActionItemFields({
  value,
  onChange,
  errors,
}: {
  value: DraftActionItem;
  onChange: (value: DraftActionItem) => void;
  errors: Partial<Record<keyof DraftActionItem, string>>;
}): ReactNode {
  return (
    <>
      <Field label="What" error={errors.text}>
        {(control) => (
          // The first field has the focus even when the items already added (with their Remove buttons) come before it.
          <input {...control} data-autofocus className="input" value={value.text} maxLength={REVIEW_TEXT_LIMITS.actionText} onChange={(event) => onChange({ ...value, text: event.target.value })} />
        )}
      </Field>
      <div className="form__row">
        <Field label="Owner" error={errors.owner}>
          {(control) => <input {...control} className="input" value={value.owner} maxLength={REVIEW_TEXT_LIMITS.person} onChange={(event) => onChange({ ...value, owner: event.target.value })} />}
        </Field>
        <Field label="Due" error={errors.dueDate}>
          {(control) => <input {...control} className="input" type="date" value={value.dueDate} onChange={(event) => onChange({ ...value, dueDate: event.target.value })} />}
        </Field>
      </div>
    </>
  );
}

function actionItemErrors(item: DraftActionItem): Partial<Record<keyof DraftActionItem, string>> {
  const errors: Partial<Record<keyof DraftActionItem, string>> = {};
  if (item.text.trim() === '') errors.text = 'Say what is to be done.';
  if (item.owner.trim() === '') errors.owner = 'Name who does it.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(item.dueDate)) errors.dueDate = 'Give a due date.';
  return errors;
}

export function newActionItem(owner: string | null): DraftActionItem {
  return { text: '', owner: owner ?? '', dueDate: dateAfter(14) };
}

export function ActionItemDialog({ agentName, owner, onAdd, onClose }: { agentName: string; owner: string | null; onAdd: (item: DraftActionItem) => void; onClose: () => void }): ReactNode {
  const [item, setItem] = useState<DraftActionItem>(() => newActionItem(owner));
  const [errors, setErrors] = useState<Partial<Record<keyof DraftActionItem, string>>>({});
  return (
    <FormDialog
      title="Action item"
      description={`For ${visibleText(agentName)}; recorded with the decision and tracked afterwards.`}
      formLabel="Action item"
      submitLabel="Add action item"
      onSubmit={() => {
        const found = actionItemErrors(item);
        setErrors(found);
        if (Object.keys(found).length === 0) onAdd({ text: item.text.trim(), owner: item.owner.trim(), dueDate: item.dueDate });
      }}
      onClose={onClose}
      busy={false}
      error={null}
      errorTitle="The action item was not added"
    >
      <ActionItemFields value={item} onChange={setItem} errors={errors} />
    </FormDialog>
  );
}

/** The decision dialog: only what this decision needs, then the note (already typed with `n`, editable). */
export function DecisionDialog({
  entry,
  item,
  draft,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  entry: DecisionKey;
  item: AgendaItemView;
  draft: Draft;
  busy: boolean;
  error: string | null;
  onSubmit: (details: DecisionDetails) => void;
  onClose: () => void;
}): ReactNode {
  const currentTier = item.evidence.tier;
  const [tier, setTier] = useState<1 | 2 | 3 | null>(null);
  const [reason, setReason] = useState('');
  const [deferUntil, setDeferUntil] = useState(dateAfter(30));
  const [note, setNote] = useState(draft.note);
  const [items, setItems] = useState<DraftActionItem[]>(draft.actionItems);
  const [newItem, setNewItem] = useState<DraftActionItem>(() => newActionItem(item.evidence.owner));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [itemErrors, setItemErrors] = useState<Partial<Record<keyof DraftActionItem, string>>>({});

  const submit = (): void => {
    const found: Record<string, string> = {};
    let allItems = items;
    if (entry.asks === 'tier-and-reason' && tier === null) found['tier'] = 'Choose the new tier.';
    if (entry.asks === 'tier-and-reason' || entry.asks === 'reason' || entry.asks === 'date-and-reason') {
      const message = reasonError(reason);
      if (message !== null) found['reason'] = message;
    }
    if (entry.asks === 'date-and-reason' && !/^\d{4}-\d{2}-\d{2}$/.test(deferUntil)) found['deferUntil'] = 'Give the date it is due again.';
    if (entry.asks === 'action-items') {
      const typed = newItem.text.trim() !== '';
      if (typed) {
        const problems = actionItemErrors(newItem);
        setItemErrors(problems);
        if (Object.keys(problems).length > 0) found['item'] = 'The action item is incomplete.';
        else allItems = [...items, { text: newItem.text.trim(), owner: newItem.owner.trim(), dueDate: newItem.dueDate }];
      } else if (items.length === 0) {
        setItemErrors({ text: 'Keep with changes needs at least one action item: say what is to change.' });
        found['item'] = 'missing';
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({
      newTier: entry.asks === 'tier-and-reason' ? tier : null,
      reason: entry.asks === 'nothing' || entry.asks === 'action-items' ? null : reason.trim(),
      deferUntil: entry.asks === 'date-and-reason' ? deferUntil : null,
      note: note.trim(),
      actionItems: allItems,
    });
  };

  return (
    <FormDialog
      title={entry.label}
      description={visibleText(item.evidence.name)}
      formLabel={entry.label}
      submitLabel={`Record: ${entry.label}`}
      onSubmit={submit}
      onClose={onClose}
      busy={busy}
      error={error}
      errorTitle="The decision was not recorded"
    >
      {entry.asks === 'tier-and-reason' ? (
        <fieldset className="fieldset" aria-describedby={errors['tier'] !== undefined ? 'retier-error' : undefined}>
          <legend className="field__label">New tier (now Tier {currentTier})</legend>
          <div className="meeting-tier-choices">
            {([1, 2, 3] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="new-tier" value={value} checked={tier === value} disabled={value === currentTier} onChange={() => setTier(value)} />
                <span>Tier {value}</span>
              </label>
            ))}
          </div>
          {errors['tier'] !== undefined ? (
            <p id="retier-error" className="field__error">
              {errors['tier']}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {entry.asks === 'tier-and-reason' || entry.asks === 'reason' || entry.asks === 'date-and-reason' ? (
        <Field label="Reason" error={errors['reason']} hint="Recorded in the minutes and the audit log.">
          {(control) => <input {...control} className="input" value={reason} maxLength={REVIEW_TEXT_LIMITS.reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
      ) : null}
      {entry.asks === 'date-and-reason' ? (
        <Field label="Due again on" error={errors['deferUntil']} hint="Proposed: 30 days from today.">
          {(control) => <input {...control} className="input" type="date" value={deferUntil} onChange={(event) => setDeferUntil(event.target.value)} />}
        </Field>
      ) : null}
      {entry.asks === 'action-items' ? (
        <>
          {items.length > 0 ? (
            <ul className="meeting-draft-items" aria-label="Action items already added">
              {items.map((added, index) => (
                <li key={index}>
                  {visibleText(added.text)} — {visibleText(added.owner)}, due {added.dueDate}{' '}
                  <button type="button" className="link-button" onClick={() => setItems(items.filter((_, at) => at !== index))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <ActionItemFields value={newItem} onChange={setNewItem} errors={itemErrors} />
        </>
      ) : null}
      <Field label="Note" optional limit={{ max: REVIEW_TEXT_LIMITS.note, length: note.length }}>
        {(control) => <input {...control} className="input" value={note} maxLength={REVIEW_TEXT_LIMITS.note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}

/** `?`: every key of meeting mode, from the same tables the keys are read from. */
export function KeysDialog({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <Dialog open title="Meeting keys" description="One key per decision; it is recorded at once. Press ? or Escape to close." onClose={onClose} size="md">
      <div className="meeting-keys-help">
        <table className="meeting-keys-table">
          <caption>Decisions</caption>
          <tbody>
            {DECISION_KEYS.map((entry) => (
              <tr key={entry.key}>
                <th scope="row">
                  <kbd>{entry.key.toUpperCase()}</kbd>
                </th>
                <td>
                  {entry.label}
                  {entry.asks !== 'nothing' ? <span className="meeting-keys-table__asks"> — {ASKS[entry.asks]}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="meeting-keys-table">
          <caption>Moving and the rest</caption>
          <tbody>
            {COMMAND_KEYS.map((entry) => (
              <tr key={entry.label}>
                <th scope="row">
                  {entry.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ' ' : null}
                      <kbd>{key.length === 1 ? key.toUpperCase() : key}</kbd>
                    </span>
                  ))}
                </th>
                <td>{entry.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog__footer">
        <button type="button" className="btn btn--primary btn--md" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}

const ASKS: Record<Exclude<DecisionKey['asks'], 'nothing'>, string> = {
  'action-items': 'asks for the action items',
  'tier-and-reason': 'asks for the tier and a reason',
  'date-and-reason': 'asks for a date and a reason',
  reason: 'asks for a reason',
};

export function isDecisionKind(value: string): value is DecisionKind {
  return DECISION_KEYS.some((entry) => entry.decision === value);
}
