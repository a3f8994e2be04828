/**
 * The one way out of the app to the user's browser. Which links pass is shared/external-url.ts's rule
 * (plain `https:` to a public DNS name, nothing that reads as something else); the screens make links
 * of only those, so a click in the app always opens what it shows. This file is the only caller of
 * `shell.openExternal` (a lint rule bans it everywhere else).
 */
import { shell } from 'electron';
import { isSafeExternalUrl } from '@shared/external-url';

export { isSafeExternalUrl };

/**
 * Opens a URL in the user's browser if `isSafeExternalUrl` allows it; resolves to whether it did.
 * Never throws: a refused or failed link is logged and ignored.
 */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) {
    console.warn(`Agent Warden: refused to open an external link that is not a public https URL: ${JSON.stringify(String(url).slice(0, 200))}`);
    return false;
  }
  try {
    // The canonical form, so the browser gets exactly what the predicate judged.
    await shell.openExternal(new URL(url).href);
    return true;
  } catch (error) {
    console.warn(`Agent Warden: could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
