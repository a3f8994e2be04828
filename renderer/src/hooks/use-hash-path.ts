import { useSyncExternalStore } from 'react';

/** The route part of the address: `#/settings` → `/settings`; anything else → ''. */
export function routeFromHash(hash: string): string {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  return fragment.startsWith('/') ? fragment : '';
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** The current route of the tiny hash router. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

/** Go to a route, adding a history entry (or replacing the current one). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = `#${path}`;
  if (options.replace === true) {
    window.history.replaceState(window.history.state, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (window.location.hash !== target) {
    window.location.hash = target;
  }
}
