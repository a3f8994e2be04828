import { useEffect, useRef, type ReactNode } from 'react';
import { useHashPath } from '../../hooks/use-hash-path';
import { ScanDetailView } from './scan-detail';
import { ScanHistory } from './scan-history';
import { parseScansRoute } from './scans-route';

/** `#/scans` (history, New scan) and `#/scans/<id>` (one scan). */
export function ScansScreen(): ReactNode {
  const route = parseScansRoute(useHashPath());
  const view = route.view === 'detail' ? `detail:${route.scanId}` : 'history';
  const first = useRef(true);

  // Between the history and a scan the section stays the same: move the focus to the new heading here.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('#main-content [data-screen-heading]')?.focus();
  }, [view]);

  return route.view === 'detail' ? <ScanDetailView key={route.scanId} scanId={route.scanId} /> : <ScanHistory newScan={route.newScan} />;
}
