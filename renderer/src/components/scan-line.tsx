import type { ReactNode } from 'react';
import type { ScanSummary } from '@shared/contract';
import { RelativeTime } from './relative-time';
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
        <RelativeTime at={scan.startedAt} />{' '}
        · <a href={`#/scans/${encodeURIComponent(scan.id)}`}>scan details</a>
      </span>
    </p>
  );
}
