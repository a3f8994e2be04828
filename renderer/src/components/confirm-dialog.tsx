import { useState, type ReactNode } from 'react';
import { toApiError } from '../api/api-error';
import { Button } from './button';
import { Callout } from './callout';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog stays open with the error if it fails. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" for destructive actions. Cancel has the focus first, so Enter never destroys by accident. */
export function ConfirmDialog({ open, title, description, confirmLabel, onConfirm, onClose }: ConfirmDialogProps): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = (): void => {
    if (busy) return;
    setError(null);
    onClose();
  };

  return (
    <Dialog open={open} title={title} description={description} onClose={close} alert>
      {error !== null ? (
        <Callout tone="danger" role="alert" title="That did not work">
          <p>{error}</p>
        </Callout>
      ) : null}
      <div className="dialog__footer">
        <Button data-autofocus onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="danger"
          busy={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            onConfirm().then(
              () => {
                setBusy(false);
                onClose();
              },
              (failure: unknown) => {
                setBusy(false);
                setError(toApiError(failure).message);
              },
            );
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
