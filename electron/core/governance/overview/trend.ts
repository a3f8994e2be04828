/**
 * The Overview's trend across scans: per scan date (UTC day of the scan's start), the open findings
 * of the whole scope and what was new and resolved that day. Accounts are scanned on different days:
 * on a day an account was not scanned, its last state is carried forward (its open findings count,
 * nothing new or resolved). Several scans of one account on one day count once: the day's last scan
 * gives the state, and new/resolved are counted against the account's last scan of an earlier day
 * (`newSincePreviousDay`, stored with each scan's metrics), so a finding that came and went within
 * the day is in neither.
 */

export interface TrendScan {
  scanId: string;
  /** The account (or '' for scans without one): each is carried forward on its own. */
  accountKey: string;
  startedAt: string;
  open: number;
  newSincePreviousDay: number;
  resolvedSincePreviousDay: number;
}

export interface TrendPoint {
  date: string;
  open: number;
  new: number;
  resolved: number;
  /** The day's last scan of each account scanned that day (where a point can be opened). */
  scans: { accountKey: string; scanId: string }[];
}

/** Scans in any order; "last of the day" is by start time, then scan ID (the store's order). */
export function trendOf(scans: readonly TrendScan[]): TrendPoint[] {
  const ordered = [...scans].sort((a, b) => (a.startedAt === b.startedAt ? (a.scanId < b.scanId ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1));
  // account → date → that day's last scan
  const lastOfDay = new Map<string, Map<string, TrendScan>>();
  const dates = new Set<string>();
  for (const scan of ordered) {
    const date = scan.startedAt.slice(0, 10);
    dates.add(date);
    let days = lastOfDay.get(scan.accountKey);
    if (days === undefined) lastOfDay.set(scan.accountKey, (days = new Map<string, TrendScan>()));
    days.set(date, scan);
  }
  const carried = new Map<string, number>();
  const points: TrendPoint[] = [];
  for (const date of [...dates].sort()) {
    let fresh = 0;
    let resolved = 0;
    const scans: TrendPoint['scans'] = [];
    for (const [account, days] of lastOfDay) {
      const scan = days.get(date);
      if (scan === undefined) continue;
      scans.push({ accountKey: account, scanId: scan.scanId });
      carried.set(account, scan.open);
      fresh += scan.newSincePreviousDay;
      resolved += scan.resolvedSincePreviousDay;
    }
    let open = 0;
    for (const value of carried.values()) open += value;
    points.push({ date, open, new: fresh, resolved, scans });
  }
  return points;
}
