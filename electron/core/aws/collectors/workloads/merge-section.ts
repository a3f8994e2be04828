/**
 * Regional collectors run once per region and write into one shared section: each task creates the
 * section when it is still null, adds its region, and merges its items by key, so a resource seen from
 * two regions (a multi-region trail) appears once.
 */

/** The regions of a section with `region` added once. */
export function withRegion(regions: readonly string[], region: string): string[] {
  return regions.includes(region) ? [...regions] : [...regions, region];
}

/**
 * `existing` with `incoming` merged in by key: new keys are appended; for a key already present,
 * `choose` decides which record stays (by default the incoming one).
 */
export function mergeByKey<T>(
  existing: readonly T[],
  incoming: readonly T[],
  keyOf: (item: T) => string,
  choose: (current: T, candidate: T) => T = (_current, candidate) => candidate,
): T[] {
  const merged = [...existing];
  const index = new Map<string, number>();
  merged.forEach((item, i) => index.set(keyOf(item), i));
  for (const item of incoming) {
    const key = keyOf(item);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, merged.length);
      merged.push(item);
    } else {
      merged[at] = choose(merged[at] as T, item);
    }
  }
  return merged;
}
