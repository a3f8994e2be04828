/**
 * The inventory is the first section, but an empty workspace has nothing to inventory: the app then
 * starts on Connections, where the first-run guide is. Only when the inventory was not asked for by
 * its address (a bookmark or a link still shows the empty inventory), and only once per page load.
 */
const initialHash = typeof window === 'undefined' ? '' : window.location.hash;
let consumed = false;

export function takeFirstLanding(): boolean {
  if (consumed) return false;
  consumed = true;
  return !initialHash.startsWith('#/inventory');
}
