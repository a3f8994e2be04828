/**
 * The loopback server's per-run token arrives in the URL fragment (`#token=…`, optionally followed by
 * `&/route`). It is taken out of the address bar and the history entry at once with `replaceState`.
 *
 * It is also kept in sessionStorage, so that reloading the tab keeps working: without it a reload would
 * land on a page that can no longer talk to its back end. sessionStorage is scoped to this tab and to
 * this origin — `http://127.0.0.1:<random port>`, which only `warden serve`'s own files share (and its
 * CSP forbids any other script) — and is dropped when the tab closes. A script able to read it could
 * read the in-memory token as well, so this adds no exposure that memory alone would not have.
 */
import { isPlausibleToken, splitTokenFragment } from './token-fragment';

const STORAGE_KEY = 'agent-warden.session-token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

/** Read the token from the fragment (removing it from the address bar) or from this tab's storage. */
export function takeSessionToken({ location, history, storage }: TokenSources): string | null {
  if (location.hash.startsWith('#token=')) {
    const { token, rest } = splitTokenFragment(location.hash);
    const route = rest.startsWith('/') ? `#${rest}` : '';
    history.replaceState(history.state, '', `${location.pathname}${location.search}${route}`);
    if (token !== null) {
      try {
        storage?.setItem(STORAGE_KEY, token);
      } catch {
        // Storage may be disabled; the token then lives in memory only and a reload needs the URL again.
      }
      return token;
    }
  }
  try {
    const stored = storage?.getItem(STORAGE_KEY) ?? null;
    return stored !== null && isPlausibleToken(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Forget the stored token (after the server refused it). */
export function forgetSessionToken(storage: TokenSources['storage']): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to forget.
  }
}
