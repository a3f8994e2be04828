import { useState, type ReactNode } from 'react';
import { DEFAULT_NOTIFICATIONS, NOTIFICATION_KINDS, type NotificationKind, type NotificationSettings, type Settings } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Icon } from '../../components/icon';
import { useUpdateSettings } from './mutations';

/** Each kind of change a digest can announce, as the form names it. */
export const NOTIFICATION_LABELS: Readonly<Record<NotificationKind, string>> = {
  newShadowAi: 'New shadow AI (unregistered AI agents)',
  newCriticalHigh: 'New critical or high findings',
  regressed: 'Critical or high findings that came back',
  resolved: 'Resolved findings',
  identitiesChanged: 'Identities added or removed',
};

const sameAs = (a: NotificationSettings, b: NotificationSettings): boolean => NOTIFICATION_KINDS.every((kind) => a[kind] === b[kind]);

/** Which kinds of change a scan's digest (notification or toast) announces: checkboxes saved together. */
export function NotificationsForm({ settings }: { settings: Settings }): ReactNode {
  const update = useUpdateSettings();
  const [values, setValues] = useState<NotificationSettings>(settings.notifications);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | null>(null);

  return (
    <form
      className="form"
      aria-label="Notifications"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setStatus(null);
        update.mutateAsync({ notifications: values }).then(
          (saved) => {
            setBusy(false);
            setValues(saved.notifications);
            setStatus({ kind: 'saved' });
          },
          (failure: unknown) => {
            setBusy(false);
            setStatus({ kind: 'failed', message: toApiError(failure).message });
          },
        );
      }}
    >
      <fieldset className="fieldset">
        <legend>Announce after a scan or import</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="checkbox"
              name={kind}
              checked={values[kind]}
              onChange={(event) => {
                const checked = event.target.checked;
                setValues((current) => ({ ...current, [kind]: checked }));
                setStatus(null);
              }}
            />
            {NOTIFICATION_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      {status?.kind === 'failed' ? (
        <Callout tone="danger" role="alert" title="The notifications were not saved">
          <p>{status.message}</p>
        </Callout>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save notifications
        </Button>
        <Button
          variant="ghost"
          disabled={sameAs(values, DEFAULT_NOTIFICATIONS) || busy}
          onClick={() => {
            setValues(DEFAULT_NOTIFICATIONS);
            setStatus(null);
          }}
        >
          Reset to defaults
        </Button>
        <span className="form__status" role="status">
          {status?.kind === 'saved' ? (
            <span className="inline-status">
              <Icon name="check-circle" size={14} />
              Notifications saved. The next scan or import follows them.
            </span>
          ) : null}
        </span>
      </div>
    </form>
  );
}
