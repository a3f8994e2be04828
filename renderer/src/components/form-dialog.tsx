import type { FormEvent, ReactNode, Ref } from 'react';
import { Button } from './button';
import { Callout } from './callout';
import { Dialog, type DialogProps } from './dialog';

export interface FormDialogProps extends Pick<DialogProps, 'title' | 'description' | 'size'> {
  /** The form's accessible name. */
  formLabel: string;
  submitLabel: string;
  /** Called with the default prevented; validate, then start the mutation. */
  onSubmit: () => void;
  onClose: () => void;
  /** While the change is saved: Cancel is disabled, Escape does nothing, the submit button spins. */
  busy: boolean;
  /** The back end's refusal, shown above the buttons under `errorTitle`. */
  error: string | null;
  errorTitle: string;
  /** The refusal above the fields instead (forms whose own field errors sit below it). */
  errorAbove?: boolean;
  /** The form element, for moving the focus to a field. */
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}

/** A dialog holding one form: fields, the back end's refusal if any, Cancel and a primary submit. */
export function FormDialog({ title, description, size = 'md', formLabel, submitLabel, onSubmit, onClose, busy, error, errorTitle, errorAbove = false, formRef, children }: FormDialogProps): ReactNode {
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };
  const refusal =
    error !== null ? (
      <Callout tone="danger" role="alert" title={errorTitle}>
        <p>{error}</p>
      </Callout>
    ) : null;
  return (
    <Dialog open title={title} description={description} onClose={() => (busy ? undefined : onClose())} size={size}>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={formLabel}>
        {errorAbove ? refusal : null}
        {children}
        {errorAbove ? null : refusal}
        <div className="dialog__footer">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
