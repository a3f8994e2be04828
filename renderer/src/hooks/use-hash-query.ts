import { useCallback, useMemo, useSyncExternalStore } from 'react';

/** The query part of the hash route: `#/inventory?q=x&tier=1` → `q=x&tier=1`. */
export function queryFromHash(hash: string): string {
  const index = hash.indexOf('?');
  return index === -1 ? '' : hash.slice(index + 1);
}

/** The route without its query: `#/inventory?q=x` → `/inventory`. */
export function routeWithoutQuery(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/**
 * A screen's state kept in the address (`#/route?key=value`), so a link or a reload restores it.
 * Updates replace the history entry (typing in a search box does not fill the Back button).
 */
export function useHashQuery(): [URLSearchParams, (next: URLSearchParams) => void] {
  const query = useSyncExternalStore(subscribe, () => queryFromHash(window.location.hash));
  const set = useCallback((next: URLSearchParams) => {
    const hash = window.location.hash;
    const route = routeWithoutQuery(hash.startsWith('#') ? hash.slice(1) : hash);
    const text = next.toString();
    const target = `#${route}${text === '' ? '' : `?${text}`}`;
    if (target === window.location.hash) return;
    window.history.replaceState(window.history.state, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  const params = useMemo(() => new URLSearchParams(query), [query]);
  return [params, set];
}
