/**
 * The workspace that was open before the demo company, so the demo banner can offer the way back.
 * Kept in this origin's localStorage (the desktop app's own origin; in browser mode the port's), and
 * only ever a path the back end told us — never anything from AWS.
 */
const KEY = 'agent-warden.previous-workspace';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberPreviousWorkspace(path: string): void {
  try {
    storage()?.setItem(KEY, path);
  } catch {
    // Storage may be full or disabled: the banner then points to Settings instead.
  }
}

export function previousWorkspace(): string | null {
  try {
    return storage()?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function forgetPreviousWorkspace(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
