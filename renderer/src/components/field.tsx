import './field.css';
import { useId, type ReactNode } from 'react';
import { lengthLimitText, nearLengthLimit } from './length-limit';

export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface FieldProps {
  label: string;
  /** Shown under the label; read as the control's description. */
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  /**
   * A text control's length limit (give the control the same `maxLength`): shown under it as
   * "Up to N characters." then "n of N characters.", so the limit is never applied silently.
   */
  limit?: { max: number; length: number };
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and validation message wired for assistive technology. */
export function Field({ label, hint, error, optional = false, limit, children }: FieldProps): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const limitId = `${id}-limit`;
  const hasError = error !== undefined && error !== null && error !== '';
  const describedBy = [hint !== undefined ? hintId : null, limit !== undefined ? limitId : null, hasError ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={hasError ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': hasError ? true : undefined })}
      {hint !== undefined ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {limit !== undefined ? (
        <p id={limitId} className={nearLengthLimit(limit.length, limit.max) ? 'field__limit field__limit--near' : 'field__limit'} data-testid="field-limit">
          {lengthLimitText(limit.length, limit.max)}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
