import type { ReactNode } from 'react';
import type { ScanSummary } from '@shared/contract';
import { navigate } from '../../hooks/use-hash-path';
import { RelativeTime } from '../../components/relative-time';
import { formatCount, formatDuration } from '../../lib/format';
import { OutcomeSummary } from './outcome-summary';
import { SCAN_STATUS_STYLES, SOURCE_LABELS } from './outcome-style';
import { scanPath } from './scans-route';
import { StatusBadge } from './status-badge';

/** What a scan is called in lists: its connection, its files, or its source. */
export function scanName(scan: ScanSummary): string {
  return scan.connectionName ?? scan.label ?? SOURCE_LABELS[scan.source].label;
}

function Regions({ scan }: { scan: ScanSummary }): ReactNode {
  const { regions } = scan;
  if (regions.length === 0) {
    // An import holds IAM only (global); a live scan without regions read global services only.
    return scan.source === 'live' ? <span className="data-table__muted">Global only</span> : <span className="data-table__muted">—</span>;
  }
  const [first] = regions;
  const more = regions.length - 1;
  return (
    <span className="data-table__nowrap" title={regions.join(', ')}>
      <span className="mono">{first}</span>
      {more > 0 ? (
        <span className="data-table__muted">
          {' '}+{more}
          <span className="visually-hidden"> more: {regions.slice(1).join(', ')}</span>
        </span>
      ) : null}
    </span>
  );
}

/** The scan history: one row per scan, newest first; the name links to the scan. */
export function ScanHistoryTable({ scans }: { scans: readonly ScanSummary[] }): ReactNode {
  return (
    <div className="table-scroll">
      <table className="data-table data-table--rows-link data-table--history" aria-label="Scan history">
        <thead>
          <tr>
            <th scope="col">Scan</th>
            <th scope="col">Account</th>
            <th scope="col">Regions</th>
            <th scope="col" className="data-table__num">
              Identities
            </th>
            <th scope="col" className="data-table__num">
              Workloads
            </th>
            <th scope="col" className="data-table__num">
              API calls
            </th>
            <th scope="col" className="data-table__num">
              Duration
            </th>
            <th scope="col">Outcomes</th>
          </tr>
        </thead>
        <tbody>
          {scans.map((scan) => (
            <tr
              key={scan.id}
              data-scan-id={scan.id}
              onClick={(event) => {
                // A click anywhere on the row opens the scan; the name's link is the keyboard way.
                if ((event.target as HTMLElement).closest('a, button') === null) navigate(scanPath(scan.id));
              }}
            >
              <th scope="row" className="data-table__name">
                <a href={`#${scanPath(scan.id)}`} className="data-table__link">
                  {scanName(scan)}
                </a>
                <span className="data-table__sub">
                  <StatusBadge style={SCAN_STATUS_STYLES[scan.status]} />
                  <span title={SOURCE_LABELS[scan.source].description}>{SOURCE_LABELS[scan.source].label}</span>
                  <span aria-hidden="true">·</span>
                  <RelativeTime at={scan.startedAt} />
                </span>
                {scan.error !== null && scan.status !== 'completed' ? <span className="data-table__error">{scan.error}</span> : null}
              </th>
              <td>
                {scan.accountId !== null ? <span className="mono">{scan.accountId}</span> : <span className="data-table__muted">Unknown</span>}
                {scan.accountAlias !== null ? <span className="data-table__sub">{scan.accountAlias}</span> : null}
              </td>
              <td>
                <Regions scan={scan} />
              </td>
              <td className="data-table__num">{formatCount(scan.identityCount)}</td>
              <td className="data-table__num">{formatCount(scan.workloadCount)}</td>
              <td className="data-table__num">{formatCount(scan.apiCallCount)}</td>
              <td className="data-table__num">{scan.durationMs !== null ? formatDuration(scan.durationMs) : '—'}</td>
              <td>
                <OutcomeSummary outcomes={scan.outcomes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
