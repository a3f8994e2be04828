import type { ReactNode } from 'react';
import type { AgentDetail } from '@shared/contract';
import { Icon } from '../../components/icon';
import { RelativeTime } from '../../components/relative-time';
import { visibleText } from '../../lib/format';
import { agentPath } from './agent-route';

/** The account an identity belongs to, as people name it: its alias with the ID, or the ID. */
export function agentAccountName(scan: AgentDetail['scan']): string {
  if (scan.accountId === null) return 'an unknown account';
  return scan.accountAlias === null ? scan.accountId : `${visibleText(scan.accountAlias)} (${scan.accountId})`;
}

/**
 * Which scan the page shows the identity from. From a past scan (`?scan=` naming one its account has
 * a newer scan after) it says so, with a link to the identity as it is now.
 */
export function AgentViewLine({ detail }: { detail: AgentDetail }): ReactNode {
  const { scan } = detail;
  const source = scan.source === 'import' ? 'import' : scan.source === 'demo' ? 'demo scan' : 'scan';
  const scanLink = <a href={`#/scans/${encodeURIComponent(scan.id)}`}>scan details</a>;
  if (detail.isCurrent) {
    return (
      <p className="scan-line" data-testid="view-line">
        <Icon name="scan" size={14} />
        <span>
          From the newest {source} of <span className="mono">{agentAccountName(scan)}</span>, <RelativeTime at={scan.startedAt} /> · {scanLink}
        </span>
      </p>
    );
  }
  return (
    <p className="scan-line scan-line--past" data-testid="view-line">
      <Icon name="scan" size={14} />
      <span>
        <strong>A past view: </strong>this identity as the {source} of <span className="mono">{agentAccountName(scan)}</span> saw it,{' '}
        <RelativeTime at={scan.startedAt} /> · {scanLink} · a newer scan of this account exists:{' '}
        <a href={`#${agentPath(detail.agent.arn, null)}`} data-testid="agent-current-link">
          show it as it is now
        </a>
      </span>
    </p>
  );
}
