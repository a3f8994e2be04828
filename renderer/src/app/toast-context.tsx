import './toasts.css';
import { createContext, use, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon } from '../components/icon';

export type ToastTone = 'success' | 'danger' | 'info';

/** A toast that says more than one line: a title above the message, a link to where it is about, a longer stay. */
export interface ToastOptions {
  title?: string;
  link?: { href: string; label: string };
  timeoutMs?: number;
}

interface Toast extends ToastOptions {
  id: number;
  tone: ToastTone;
  message: string;
}

type ShowToast = (message: string, tone?: ToastTone, options?: ToastOptions) => void;

const ToastContext = createContext<ShowToast | null>(null);

const TIMEOUT_MS = 6000;

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }): ReactNode {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), toast.timeoutMs ?? TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs, onDismiss]);
  return (
    <li className={`toast toast--${toast.tone}`}>
      <Icon name={toast.tone === 'danger' ? 'x-circle' : toast.tone === 'success' ? 'check-circle' : 'info'} className="toast__icon" />
      <div className="toast__text">
        {toast.title !== undefined && <p className="toast__title">{toast.title}</p>}
        <p className="toast__message">{toast.message}</p>
        {toast.link !== undefined && (
          <a className="toast__link" href={toast.link.href} onClick={() => onDismiss(toast.id)}>
            {toast.link.label}
          </a>
        )}
      </div>
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </li>
  );
}

/**
 * Short confirmations ("Connection added.") that outlive the screen that raised them. They are read
 * out by a polite live region and disappear after a few seconds.
 */
export function ToastProvider({ children }: { children: ReactNode }): ReactNode {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback<ShowToast>((message, tone = 'success', options = {}) => {
    const id = nextId.current;
    nextId.current += 1;
    setToasts((current) => [...current.slice(-2), { ...options, id, tone, message }]);
  }, []);

  return (
    <ToastContext value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        <ol className="toasts__list">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </ol>
      </div>
    </ToastContext>
  );
}

export function useToast(): ShowToast {
  const show = use(ToastContext);
  if (show === null) throw new Error('useToast() outside <ToastProvider>.');
  return show;
}
