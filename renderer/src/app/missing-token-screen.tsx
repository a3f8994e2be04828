import type { ReactNode } from 'react';
import { Icon } from '../components/icon';

/**
 * Browser mode without a usable session: opened without the URL `warden serve` printed (`missing`),
 * or the server refused the token (`refused`: it was restarted, so its address changed).
 */
export function MissingTokenScreen({ reason }: { reason: 'missing' | 'refused' }): ReactNode {
  return (
    <main className="standalone" id="main-content">
      <div className="standalone__card">
        <span className="standalone__logo">
          <Icon name="lock" size={22} />
        </span>
        <h1 className="standalone__title">
          {reason === 'missing' ? 'Open Agent Warden from its own link' : 'This window is no longer connected'}
        </h1>
        {reason === 'refused' ? <p>The back end on this computer did not accept this window’s key.</p> : null}
        <p>
          This page talks to a back end running on this computer, and only accepts the browser that holds its one-time
          key. Open the address that <code>warden serve</code> printed in the terminal (it starts with{' '}
          <code>http://127.0.0.1:</code> and ends with <code>#token=…</code>).
        </p>
        <p className="standalone__hint">If the server was restarted, its address changed: copy the new one.</p>
      </div>
    </main>
  );
}
