import './states.css';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import { Button } from './button';
import { Icon } from './icon';

const TITLES: Partial<Record<ApiError['code'], string>> = {
  unavailable: 'The back end is not answering',
  unauthorized: 'This window is no longer connected',
  workspace_error: 'The workspace could not be read',
  // The message says what is too large and what to do: trying again would not help.
  too_large: 'Larger than Agent Warden supports',
};

/** A load that failed: what failed, the back end's message, and a way to try again. */
export function ErrorState({ what, error, onRetry }: { what: string; error: ApiError; onRetry?: () => void }): ReactNode {
  return (
    <div className="error-state" role="alert">
      <Icon name="alert" size={20} className="error-state__icon" />
      <div className="error-state__body">
        <p className="error-state__title">{TITLES[error.code] ?? `Could not load ${what}`}</p>
        <p className="error-state__message">{error.message}</p>
        <p className="error-state__code">Error code: {error.code}</p>
        {onRetry !== undefined && error.code !== 'unauthorized' && error.code !== 'too_large' ? (
          <Button size="sm" icon="refresh" onClick={onRetry} className="error-state__retry">
            Try again
          </Button>
        ) : null}
      </div>
    </div>
  );
}
