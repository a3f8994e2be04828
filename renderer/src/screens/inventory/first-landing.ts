/**
 * The inventory is the first section, but an empty workspace has nothing to inventory: the app then
 * starts on Connections, where the first-run guide is. Only when the app was opened on no route at
 * all (its plain address, `#token=…` in browser mode): a bookmark, a link or a reload of any route,
 * the inventory's included, shows what it asked for, and a later click on Inventory shows the
 * inventory (with its own empty state). Once per page load.
 */
import { splitTokenFragment } from '../../api/token-fragment';

// Read as the bundle loads, before the session token is taken out of the address bar.
const initialHash = typeof window === 'undefined' ? '' : window.location.hash;
let consumed = false;

/** Whether an address names no route: `''`, `#`, `#/`, `#token=…`; not `#/settings` nor `#token=…&/inventory`. */
export function isDefaultLanding(hash: string): boolean {
  const { rest } = splitTokenFragment(hash);
  const route = rest.split('?')[0] ?? '';
  return route === '' || route === '/';
}

/**
 * Whether the landing is still to be decided: the app was opened on no route and the inventory has
 * not answered yet. Until then the inventory shows a neutral loading state, not its own heading, so
 * an empty workspace goes to Connections without showing "Inventory" first.
 */
export function firstLandingPending(): boolean {
  return !consumed && isDefaultLanding(initialHash);
}

/** True once, on the inventory's first answer, when the app was opened on no route. */
export function takeFirstLanding(): boolean {
  if (consumed) return false;
  consumed = true;
  return isDefaultLanding(initialHash);
}
