import type { ReactNode } from 'react';
import type { ScanSummary } from '../../../shared/contract';
import { formatDateTime, formatRelativeTime } from '../lib/format';
import { Icon } from './icon';

/** Which scan a screen shows: "From the scan of 123456789012 (alias), 3 hours ago". */
export function ScanLine({ scan }: { scan: ScanSummary }): ReactNode {
  const account = scan.accountAlias !== null ? `${scan.accountId ?? ''} (${scan.accountAlias})` : (scan.accountId ?? 'an unknown account');
  const source = scan.source === 'import' ? 'import' : scan.source === 'demo' ? 'demo scan' : 'scan';
  return (
    <p className="scan-line">
      <Icon name="scan" size={14} />
      <span>
        From the {source} of <span className="mono">{account}</span>,{' '}
        <time dateTime={scan.startedAt} title={formatDateTime(scan.startedAt)}>
          {formatRelativeTime(scan.startedAt)}
        </time>{' '}
        · <a href={`#/scans/${encodeURIComponent(scan.id)}`}>scan details</a>
      </span>
    </p>
  );
}
