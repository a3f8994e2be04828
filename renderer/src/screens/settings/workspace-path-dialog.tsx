import { useState, type ReactNode } from 'react';
import { toApiError } from '../../api/api-error';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';

export interface WorkspacePathDialogProps {
  title: string;
  description: string;
  label: string;
  hint: string;
  submitLabel: string;
  initialPath: string;
  /** Runs the action with the typed path; an error keeps the dialog open and shows the message. */
  onSubmit: (path: string) => Promise<void>;
  onClose: () => void;
}

/** Browser mode has no native file dialog: the path is typed (the back end checks it). */
export function WorkspacePathDialog({ title, description, label, hint, submitLabel, initialPath, onSubmit, onClose }: WorkspacePathDialogProps): ReactNode {
  const [path, setPath] = useState(initialPath);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (): void => {
    const trimmed = path.trim();
    if (trimmed === '') {
      setError('Enter the full path of a file.');
      return;
    }
    setBusy(true);
    setFailure(null);
    onSubmit(trimmed).then(
      () => setBusy(false),
      (reason: unknown) => {
        setBusy(false);
        setFailure(toApiError(reason).message);
      },
    );
  };

  return (
    <FormDialog
      title={title}
      description={description}
      formLabel={title}
      submitLabel={submitLabel}
      onSubmit={submit}
      onClose={onClose}
      busy={busy}
      error={failure}
      errorTitle="That did not work"
      errorAbove
    >
      <Field label={label} hint={hint} error={error}>
        {(control) => (
          <input
            {...control}
            name="path"
            className="input input--mono"
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            value={path}
            onChange={(event) => {
              setPath(event.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
    </FormDialog>
  );
}
