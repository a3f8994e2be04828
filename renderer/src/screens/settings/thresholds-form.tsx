import { useRef, useState, type ReactNode } from 'react';
import { DEFAULT_THRESHOLDS, type Settings } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { useUpdateSettings } from './mutations';
import { THRESHOLD_FIELDS, thresholdValues, validateThresholds, type ThresholdErrors, type ThresholdField, type ThresholdValues } from './thresholds-model';

/** The finding thresholds form: whole days per rule, validated, with a saved confirmation. */
export function ThresholdsForm({ settings }: { settings: Settings }): ReactNode {
  const update = useUpdateSettings();
  const [values, setValues] = useState<ThresholdValues>(() => thresholdValues(settings.thresholds));
  const [errors, setErrors] = useState<ThresholdErrors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const change = (field: ThresholdField, value: string): void => {
    setValues((current) => ({ ...current, [field]: value }));
    setStatus(null);
    if (errors[field] !== undefined) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const isDefault = THRESHOLD_FIELDS.every(({ field }) => values[field].trim() === String(DEFAULT_THRESHOLDS[field]));

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label="Finding thresholds"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = validateThresholds(values);
        if (!checked.ok) {
          setErrors(checked.errors);
          setStatus(null);
          const first = THRESHOLD_FIELDS.find(({ field }) => checked.errors[field] !== undefined);
          if (first !== undefined) formRef.current?.querySelector<HTMLElement>(`[name="${first.field}"]`)?.focus();
          return;
        }
        setBusy(true);
        setStatus(null);
        update.mutateAsync({ thresholds: checked.thresholds }).then(
          (saved) => {
            setBusy(false);
            setValues(thresholdValues(saved.thresholds));
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
        {THRESHOLD_FIELDS.map(({ field, label, hint, min, max }) => (
          <Field key={field} label={label} hint={hint} error={errors[field]}>
            {(control) => (
              <div className="input-suffix">
                <input
                  {...control}
                  name={field}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={min}
                  max={max}
                  step={1}
                  value={values[field]}
                  onChange={(event) => change(field, event.target.value)}
                />
                <span className="input-suffix__unit" aria-hidden="true">
                  days
                </span>
              </div>
            )}
          </Field>
        ))}
      </div>
      {status?.kind === 'failed' ? (
        <Callout tone="danger" role="alert" title="The thresholds were not saved">
          <p>{status.message}</p>
        </Callout>
      ) : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save thresholds
        </Button>
        <Button
          variant="ghost"
          disabled={isDefault || busy}
          onClick={() => {
            setValues(thresholdValues(DEFAULT_THRESHOLDS));
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
              Thresholds saved. Findings use them the next time they are shown.
            </span>
          ) : null}
        </span>
      </div>
    </form>
  );
}
