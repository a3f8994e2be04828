import { useMemo, useState, type ReactNode } from 'react';
import { REVIEW_TEXT_LIMITS } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { navigate } from '../../hooks/use-hash-path';
import { usePlanMeeting } from './mutations';
import { meetingPath } from './reviews-route';
import { browserTimeZone, nowInZone, timeZoneChoices } from './time-zones';

/** "Ana, Ben\nCleo" → ["Ana", "Ben", "Cleo"]: one name per line or comma. */
export function parseAttendees(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((name) => name.trim()).filter((name) => name !== ''))];
}

/** Tomorrow at 10:00 in the zone: a sensible first proposal. */
export function defaultMeetingTime(zone: string, now: Date = new Date()): string {
  const tomorrow = nowInZone(zone, new Date(now.getTime() + 86_400_000));
  return `${tomorrow.slice(0, 10)}T10:00`;
}

/** Plan a meeting: title, local date and time in a chosen zone, attendees, which tiers and accounts. */
export function PlanMeetingDialog({ accountIds, onClose }: { accountIds: readonly string[]; onClose: () => void }): ReactNode {
  const plan = usePlanMeeting();
  const initialZone = useMemo(() => browserTimeZone(), []);
  const zones = useMemo(() => timeZoneChoices(initialZone), [initialZone]);
  const [title, setTitle] = useState(() => `Agent review, ${new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' }).format(new Date())}`);
  const [zone, setZone] = useState(initialZone);
  const [when, setWhen] = useState(() => defaultMeetingTime(initialZone));
  const [attendees, setAttendees] = useState('');
  const [tiers, setTiers] = useState<ReadonlySet<1 | 2 | 3>>(new Set());
  const [accounts, setAccounts] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const toggle = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  return (
    <FormDialog
      title="Plan a meeting"
      description="Its agenda is drawn from the agents due by its date, and those carried over; you can change it before the meeting starts."
      formLabel="Plan a meeting"
      submitLabel="Plan meeting"
      size="md"
      busy={plan.isPending}
      error={error}
      errorTitle="The meeting was not planned"
      onClose={onClose}
      onSubmit={() => {
        const found: Record<string, string> = {};
        if (title.trim() === '') found['title'] = 'Give the meeting a title.';
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when)) found['when'] = 'Give a date and a time.';
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        setError(null);
        plan
          .mutateAsync({ title: title.trim(), scheduledFor: when, timeZone: zone, attendees: parseAttendees(attendees), tiers: [...tiers].sort(), accountIds: [...accounts].sort() })
          .then((meeting) => {
            onClose();
            navigate(meetingPath(meeting.id));
          })
          .catch((failure: unknown) => setError(toApiError(failure).message));
      }}
    >
      <Field label="Title" error={errors['title']} limit={{ max: REVIEW_TEXT_LIMITS.title, length: title.length }}>
        {(control) => <input {...control} className="input" value={title} maxLength={REVIEW_TEXT_LIMITS.title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      <div className="form__row">
        <Field label="Date and time" error={errors['when']} hint="In the time zone beside it.">
          {(control) => <input {...control} className="input" type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} />}
        </Field>
        <Field label="Time zone" hint="A repeating meeting keeps its hour across daylight-saving changes.">
          {(control) => (
            <select {...control} className="select" value={zone} onChange={(event) => setZone(event.target.value)}>
              {zones.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Attendees" optional hint="One per line, or separated by commas. They are the deciders in the minutes.">
        {(control) => <textarea {...control} className="input textarea" rows={3} value={attendees} onChange={(event) => setAttendees(event.target.value)} />}
      </Field>
      <fieldset className="fieldset">
        <legend className="field__label">Tiers (none ticked: all)</legend>
        <div className="meeting-tier-choices">
          {([1, 2, 3] as const).map((tier) => (
            <label key={tier} className="choice">
              <input type="checkbox" checked={tiers.has(tier)} onChange={() => setTiers((old) => toggle(old, tier))} />
              <span>Tier {tier}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {accountIds.length > 1 ? (
        <fieldset className="fieldset">
          <legend className="field__label">Accounts (none ticked: all)</legend>
          <div className="plan-accounts">
            {accountIds.map((account) => (
              <label key={account} className="choice">
                <input type="checkbox" checked={accounts.has(account)} onChange={() => setAccounts((old) => toggle(old, account))} />
                <span className="mono">{account}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </FormDialog>
  );
}
