import './dialog.css';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keep Tab inside the dialog: the native modal makes the page inert, but Tab past the last control
 * would still leave for the browser's own UI. Wrap around instead.
 */
function trapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.offsetParent !== null || element === document.activeElement,
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (first === undefined || last === undefined) return;
  if (event.shiftKey && (document.activeElement === first || !event.currentTarget.contains(document.activeElement))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

export interface DialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Wider dialogs for forms (`md`) and documents (`lg`). */
  size?: 'sm' | 'md' | 'lg';
  /** Role `alertdialog` for confirmations that interrupt. */
  alert?: boolean;
}

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert (so
 * focus stays inside), Escape closes it, and focus returns to whatever opened it.
 */
export function Dialog({ open, title, description, onClose, children, size = 'sm', alert = false }: DialogProps): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Focus the element marked `data-autofocus`, else the first field or button. (React's autoFocus
    // fires before showModal(), while the dialog is still hidden, so it cannot be used here.)
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to what opened the dialog; if that is gone (e.g. the row was removed), to the screen's heading.
      if (opener !== null && opener.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('[data-screen-heading]')?.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      role={alert ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: let React own the open state instead of the browser closing it behind our back.
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog__content">
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {description !== undefined ? (
            <div id={descriptionId} className="dialog__description">
              {description}
            </div>
          ) : null}
        </header>
        {children}
      </div>
    </dialog>
  );
}
