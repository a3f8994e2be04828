/** Whole days between an ISO timestamp and now; null for a missing or unreadable date. */
export const DAY_MS = 86_400_000;

export function daysSince(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.floor((now.getTime() - at) / DAY_MS);
}
