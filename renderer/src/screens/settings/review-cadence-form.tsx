import { useRef, useState, type ReactNode } from 'react';
import type { Settings } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { useUpdateSettings } from './mutations';
import { CADENCE_FIELDS, cadenceValues, isDefaultCadence, validateCadence, type CadenceErrors, type CadenceField, type CadenceValues } from './review-cadence-model';

/** How often each tier's agents are reviewed: days per tier, validated, with a saved confirmation. */
export function ReviewCadenceForm({ settings }: { settings: Settings }): ReactNode {
  const update = useUpdateSettings();
  const [values, setValues] = useState<CadenceValues>(() => cadenceValues(settings.reviewCadence));
  const [errors, setErrors] = useState<CadenceErrors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const change = (field: CadenceField, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setStatus(null);
    if (errors[field] !== undefined) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label="Review cadence"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = validateCadence(values);
        if (!checked.ok) {
          setErrors(checked.errors);
          setStatus(null);
          const first = CADENCE_FIELDS.find(({ field }) => checked.errors[field] !== undefined);
          if (first !== undefined) formRef.current?.querySelector<HTMLElement>(`[name="${first.field}"]`)?.focus();
          return;
        }
        setBusy(true);
        setStatus(null);
        update.mutateAsync({ reviewCadence: checked.cadence }).then(
          (saved) => {
            setBusy(false);
            setValues(cadenceValues(saved.reviewCadence));
            setStatus({ kind: 'saved' });
          },
          (failure: unknown) => {
            setBusy(false);
            setStatus({ kind: 'failed', message: toApiError(failure).message });
          },
        );
      }}
    >
      <div className="thresholds-grid">
        {CADENCE_FIELDS.map(({ field, label, hint }) => (
          <Field key={field} label={label} hint={hint} error={errors[field]}>
            {(control) => (
              <div className="input-suffix">
                <input {...control} name={field} className="input" type="number" inputMode="numeric" min={1} max={3650} step={1} value={values[field]} onChange={(event) => change(field, event.target.value)} />
                <span className="input-suffix__unit" aria-hidden="true">
                  days
                </span>
              </div>
            )}
          </Field>
        ))}
      </div>
      {status?.kind === 'failed' ? (
        <Callout tone="danger" role="alert" title="The review cadence was not saved">
          <p>{status.message}</p>
        </Callout>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save cadence
        </Button>
        <Button
          variant="ghost"
          disabled={isDefaultCadence(values) || busy}
          onClick={() => {
            setValues(cadenceValues(null));
            setErrors({});
            setStatus(null);
          }}
        >
          Reset to defaults
        </Button>
        <span className="form__status" role="status">
          {status?.kind === 'saved' ? (
            <span className="inline-status">
              <Icon name="check-circle" size={14} />
              Review cadence saved. Due dates follow it at once.
            </span>
          ) : null}
        </span>
      </div>
    </form>
  );
}
