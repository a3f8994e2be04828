/**
 * Whether the demo banner is collapsed to its slim line. Kept in this origin's localStorage (like the
 * previous workspace), so a reload or the next visit keeps the user's choice; storage that is full
 * or disabled only means the banner opens in full again.
 */
const KEY = 'agent-warden.demo-banner-collapsed';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function demoBannerCollapsed(): boolean {
  try {
    return storage()?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberDemoBannerCollapsed(collapsed: boolean): void {
  try {
    if (collapsed) storage()?.setItem(KEY, '1');
    else storage()?.removeItem(KEY);
  } catch {
    // Not remembered: the choice still holds until the page is reloaded.
  }
}
