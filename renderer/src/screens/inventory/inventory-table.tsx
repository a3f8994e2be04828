import type { ReactNode } from 'react';
import type { AgentRow } from '@shared/contract';
import { AgentKindIcon, AiUseBadge } from '../../components/agent-kind';
import { SeverityCounts } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { VirtualTable, type SortState, type VirtualColumn } from '../../components/virtual-table';
import { navigate } from '../../hooks/use-hash-path';
import { RelativeTime } from '../../components/relative-time';
import { formatCount, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';

const STATUS_LABELS: Record<AgentRow['status'], string> = {
  registered: 'Registered',
  unregistered: 'Unregistered',
  decommissioned: 'Decommissioned',
};

function columns(scanId: string | null, accountNames: ReadonlyMap<string, string>): VirtualColumn<AgentRow>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(180px, 3fr)',
      sortable: true,
      render: (row) => (
        <span className="inventory__name">
          <AgentKindIcon kind={row.kind} />
          <a className="data-table__link inventory__link" href={`#${agentPath(row.arn, scanId)}`} tabIndex={-1} title={row.arn}>
            {visibleText(row.name)}
          </a>
          <AiUseBadge access={row.access} aiUse={row.aiUse} />
          {row.awsManaged ? (
            <span className="inventory__managed" title="Created and managed by an AWS service">
              AWS
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'account',
      header: 'Account',
      width: 'minmax(96px, 1fr)',
      sortable: true,
      // The name people know the account by; its ID on hover.
      render: (row) => {
        const name = accountNames.get(row.accountId) ?? row.accountId;
        return (
          <span className={name === row.accountId ? 'mono' : undefined} title={name === row.accountId ? row.accountId : `${visibleText(name)} (${row.accountId})`} data-testid="inventory-account">
            {visibleText(name)}
          </span>
        );
      },
    },
    { id: 'tier', header: 'Tier', width: '44px', sortable: true, render: (row) => <TierBadge tier={row.tier} overridden={row.tierOverridden} /> },
    {
      id: 'owner',
      header: 'Owner',
      width: 'minmax(96px, 1.2fr)',
      sortable: true,
      render: (row) =>
        row.owner === null ? (
          <span className="inventory__no-owner">No owner</span>
        ) : (
          <span className="inventory__ellipsis" title={visibleText(row.owner)}>
            {visibleText(row.owner)}
          </span>
        ),
    },
    {
      id: 'status',
      header: 'Status',
      width: '104px',
      sortable: true,
      render: (row) => <span className={`inventory__status inventory__status--${row.status}`}>{STATUS_LABELS[row.status]}</span>,
    },
    { id: 'workloads', header: 'Workloads', width: '88px', align: 'end', sortable: true, render: (row) => formatCount(row.workloadCount) },
    {
      id: 'keys',
      header: 'Keys',
      width: '44px',
      align: 'end',
      sortable: true,
      render: (row) => (row.activeKeyCount > 0 ? <span className="inventory__keys">{row.activeKeyCount}</span> : <span className="data-table__muted">0</span>),
    },
    { id: 'findings', header: 'Findings', width: '104px', sortable: true, render: (row) => <SeverityCounts counts={row.findingCounts} /> },
    {
      id: 'lastUsed',
      header: 'Last used',
      width: '96px',
      sortable: true,
      render: (row) =>
        row.lastUsedAt === null ? (
          <span className="data-table__muted">Never seen</span>
        ) : (
          <RelativeTime at={row.lastUsedAt} />
        ),
    },
  ];
}

/** The inventory as a windowed table: thousands of rows, only the visible ones in the page. */
export function InventoryTable({
  rows,
  scanId,
  accountNames,
  sort,
  onSort,
  empty,
}: {
  rows: readonly AgentRow[];
  /** Named in the links to agents only in a past view (else the agent's page shows its newest scan). */
  scanId: string | null;
  /** Each account's name by ID (label, alias). */
  accountNames: ReadonlyMap<string, string>;
  sort: SortState;
  onSort: (column: string) => void;
  empty: ReactNode;
}): ReactNode {
  return (
    <VirtualTable
      label="Agents and non-human identities"
      rows={rows}
      columns={columns(scanId, accountNames)}
      rowKey={(row) => row.arn}
      sort={sort}
      onSort={onSort}
      onOpen={(row) => navigate(agentPath(row.arn, scanId))}
      empty={empty}
    />
  );
}
