import type { ReactNode } from 'react';
import type { ScanDetail } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { Icon } from '../../components/icon';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { useQueryState } from '../../hooks/use-query';
import { formatCount } from '../../lib/format';
import { scansQuery } from './queries';
import { newerScanOf, scanResultLinks } from './scan-onward';

/**
 * A completed scan's own results, onward: its inventory and findings (a past view when its account
 * has a newer scan, said here and on those screens) and the findings it raised first.
 */
export function ScanResultsPanel({ scan }: { scan: ScanDetail }): ReactNode {
  const api = useApi();
  const scans = useQueryState(scansQuery(api));
  if (scan.status !== 'completed') return null;
  const links = scanResultLinks(scan.id);
  const newer = scans.status === 'ready' ? newerScanOf(scans.data, scan) : null;
  return (
    <Panel
      title="Results of this scan"
      description={
        newer === null
          ? 'This is the newest scan of its account: its results are what the Inventory and Findings show for it.'
          : 'A newer scan of this account exists: these links show this scan’s results as a past view.'
      }
    >
      <ul className="scan-results" data-testid="scan-results">
        <li>
          <a href={links.inventory} data-testid="scan-inventory-link">
            <Icon name="database" size={14} />
            Its inventory
          </a>{' '}
          <span className="data-table__muted">({formatCount(scan.identityCount)} identities)</span>
        </li>
        <li>
          <a href={links.findings} data-testid="scan-findings-link">
            <Icon name="alert" size={14} />
            Its findings
          </a>
        </li>
        <li>
          <a href={links.newFindings} data-testid="scan-new-findings-link">
            What changed: the findings this scan raised first
          </a>
        </li>
      </ul>
      {newer !== null ? (
        <p className="scan-line scan-line--past" data-testid="scan-past-note">
          <span>
            <strong>A past view: </strong>this account was scanned again <RelativeTime at={newer.startedAt} /> (
            <a href={`#/scans/${encodeURIComponent(newer.id)}`}>that scan</a>) · the current state:{' '}
            <a href="#/inventory">Inventory</a>, <a href="#/findings">Findings</a>
          </span>
        </p>
      ) : null}
    </Panel>
  );
}
