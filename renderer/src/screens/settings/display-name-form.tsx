import './display-name-form.css';
import { useState, type ReactNode } from 'react';
import { DISPLAY_NAME_MAX, displayNameSchema, type SettingsView } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { useUpdateSettings } from './mutations';

/**
 * The name the audit log records as the actor of every change made from here on. Empty: the computer's
 * user name. The limit is shown and enforced by the same schema the core checks, never cut silently.
 */
export function DisplayNameForm({ settings }: { settings: SettingsView }): ReactNode {
  const update = useUpdateSettings();
  const [value, setValue] = useState(settings.displayName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved'; name: string } | { kind: 'failed'; message: string } | null>(null);
  const length = [...value.trim()].length;

  return (
    <form
      className="form"
      noValidate
      aria-label="Your name"
      onSubmit={(event) => {
        event.preventDefault();
        const typed = value.trim();
        let displayName: string | null = null;
        if (typed !== '') {
          const checked = displayNameSchema.safeParse(typed);
          if (!checked.success) {
            setError(checked.error.issues[0]?.message ?? 'This name cannot be saved.');
            setStatus(null);
            return;
          }
          displayName = checked.data;
        }
        setBusy(true);
        setStatus(null);
        update.mutateAsync({ displayName }).then(
          (saved) => {
            setBusy(false);
            setValue(saved.displayName ?? '');
            setStatus({ kind: 'saved', name: saved.displayName ?? saved.defaultDisplayName });
          },
          (failure: unknown) => {
            setBusy(false);
            setStatus({ kind: 'failed', message: toApiError(failure).message });
          },
        );
      }}
    >
      <Field
        label="Your name (recorded in the audit log)"
        hint={
          <>
            At most {DISPLAY_NAME_MAX} characters ({length} used). Leave it empty to be recorded as your computer user name,{' '}
            <strong>{settings.defaultDisplayName}</strong>. Entries already written keep the name they were written with.
          </>
        }
        error={error}
        optional
      >
        {(control) => (
          <input
            {...control}
            name="displayName"
            className="input display-name__input"
            type="text"
            autoComplete="name"
            placeholder={settings.defaultDisplayName}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setStatus(null);
              setError(null);
            }}
          />
        )}
      </Field>
      {status?.kind === 'failed' ? (
        <Callout tone="danger" role="alert" title="Your name was not saved">
          <p>{status.message}</p>
        </Callout>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save name
        </Button>
        <span className="form__status" role="status">
          {status?.kind === 'saved' ? (
            <span className="inline-status">
              <Icon name="check-circle" size={14} />
              Saved. New audit entries are recorded as {status.name}.
            </span>
          ) : null}
        </span>
      </div>
    </form>
  );
}
