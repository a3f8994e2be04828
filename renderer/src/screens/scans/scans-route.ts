/** The Scans section's own routes under `#/scans`. */
export type ScansRoute =
  | { view: 'history'; newScan: null | { connectionId: string | null } }
  | { view: 'detail'; scanId: string };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** `/scans` → history; `/scans/new[/CONNECTION]` → history with New scan open; `/scans/ID` → one scan. */
export function parseScansRoute(path: string): ScansRoute {
  const rest = path.replace(/^\/scans\/?/, '');
  const [first, second] = rest.split('/');
  if (first === undefined || first === '') return { view: 'history', newScan: null };
  if (first === 'new') return { view: 'history', newScan: { connectionId: second === undefined || second === '' ? null : decode(second) } };
  const scanId = decode(first);
  return scanId === null ? { view: 'history', newScan: null } : { view: 'detail', scanId };
}

export function scanPath(scanId: string): string {
  return `/scans/${encodeURIComponent(scanId)}`;
}

export function newScanPath(connectionId?: string): string {
  return connectionId === undefined ? '/scans/new' : `/scans/new/${encodeURIComponent(connectionId)}`;
}
