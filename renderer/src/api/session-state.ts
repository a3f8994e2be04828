/**
 * Whether the loopback server has refused this window's token (it was restarted, or the URL was
 * wrong). Once refused, nothing else will work: the shell shows one clear page instead of an error on
 * every panel.
 */
export interface SessionState {
  readonly isRefused: () => boolean;
  readonly markRefused: () => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createSessionState(): SessionState {
  let refused = false;
  const listeners = new Set<() => void>();
  return {
    isRefused: () => refused,
    markRefused: () => {
      if (refused) return;
      refused = true;
      for (const listener of [...listeners]) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
