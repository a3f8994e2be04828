/**
 * What a screen's export holds, said the same way on every screen: which rows (the ones shown, so the
 * filters apply) and which scans they come from. The back end writes the file (`exports:*`, the CLI's
 * writers); the screen names the rows it shows in `only`, or none when it shows the whole view.
 */
import { EXPORT_ONLY_MAX, type ScanSummary } from '@shared/contract';

/**
 * The loopback transport (browser mode) refuses a request body over 1 MiB; the keys stay well under it
 * (10,000 fingerprints are about 670 kB).
 */
const ONLY_MAX_CHARS = 900_000;

/** `only` for an export channel: null when every row of the view is shown; the shown keys otherwise; `too-many` past what one request carries. */
export function exportOnly(shownKeys: readonly string[], showsEverything: boolean): { only: string[] | null } | 'too-many' {
  if (showsEverything) return { only: null };
  if (shownKeys.length > EXPORT_ONLY_MAX) return 'too-many';
  let chars = 2;
  for (const key of shownKeys) chars += key.length + 3;
  return chars > ONLY_MAX_CHARS ? 'too-many' : { only: [...shownKeys] };
}

/** The scans an export comes from, in words: one scan's short ID, or the newest scans of N accounts. */
export function exportScansText(scans: readonly ScanSummary[]): string {
  const [only] = scans;
  if (only === undefined) return 'no scan';
  if (scans.length === 1) return `scan ${only.id.slice(0, 8)}`;
  return `the newest scans of ${scans.length} accounts`;
}
