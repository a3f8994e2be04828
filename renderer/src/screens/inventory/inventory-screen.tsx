import '../../components/analysis.css';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { DemoOfferButton } from '../../app/demo-offer';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/button';
import { exportFileName } from '@shared/export-file-name';
import { downloadText } from '../../lib/download-file';
import { exportOnly, exportScansText } from '../../lib/export-scope';
import { useToast } from '../../app/toast-context';
import { accountName, accountOptions, ViewLine } from '../../components/view-line';
import { navigate } from '../../hooks/use-hash-path';
import { queryFromHash, useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState } from '../../hooks/use-query';
import { formatCount, plural } from '../../lib/format';
import { toApiError } from '../../api/api-error';
import { countsByAccount, createAgentFilter, facets, indexAgents, queryFromView, sortAgents, viewFromQuery, type InventorySortColumn, type InventoryView } from './inventory-model';
import { firstLandingPending, takeFirstLanding } from './first-landing';
import { InventoryFilters } from './inventory-filters';
import { InventoryTable } from './inventory-table';
import { agentsQuery } from './queries';

/** How long typing pauses before the search is written to the address. */
const SEARCH_SETTLE_MS = 300;

/**
 * `#/inventory`: every non-human identity of the workspace's current state (each account's newest
 * scan; `?scan=ID` shows one scan, a past view when its account has a newer one), searchable,
 * filterable (by account too: `?account=ID`), sortable.
 */
export function InventoryScreen(): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [query, setQuery] = useHashQuery();
  const scanId = query.get('scan');
  const agents = useQueryState(agentsQuery(api, scanId));
  const queryText = query.toString();
  const addressView = useMemo(() => viewFromQuery(query), [query]);
  // The search box filters on every keystroke; the address follows once typing pauses (browsers
  // throttle address updates, and a reload or a link needs only the settled text). A typed text holds
  // while the address it was typed over is the current one: Back or a link wins over it.
  const [typed, setTyped] = useState<{ search: string; over: string } | null>(null);
  const view = useMemo(() => (typed !== null && typed.over === queryText ? { ...addressView, search: typed.search } : addressView), [addressView, typed, queryText]);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; search: string; over: string } | null>(null);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current.timer);
    },
    [],
  );

  const empty = agents.status === 'ready' && agents.data.view.scans.length === 0;
  useEffect(() => {
    if (agents.status === 'loading') return;
    if (takeFirstLanding() && empty) navigate('/connections', { replace: true });
  }, [agents.status, empty]);

  // Opened on the plain address: nothing of the inventory until it is known whether there is one.
  const [landing] = useState(firstLandingPending);
  const rows = agents.status === 'ready' ? agents.data.agents : null;
  const viewInfo = agents.status === 'ready' ? agents.data.view : null;
  const accountNames = useMemo(() => new Map((viewInfo?.accounts ?? []).map((account) => [account.accountId, accountName(account)])), [viewInfo]);
  // Indexing and sorting run when the data or the sort change; a keystroke only filters.
  const indexed = useMemo(() => (rows === null ? [] : indexAgents(rows, accountNames)), [rows, accountNames]);
  const sorted = useMemo(() => sortAgents(indexed, view.sort, view.direction), [indexed, view.sort, view.direction]);
  const [filter] = useState(createAgentFilter);
  const shown = useMemo(() => filter(sorted, view), [filter, sorted, view]);
  const { owners, accounts } = useMemo(() => facets(rows ?? []), [rows]);
  // The account filter names each account (label, alias) from the view; an account only the rows know
  // (a role of another account) is offered by its ID.
  const accountChoices = useMemo(() => {
    const known = accountOptions(viewInfo?.accounts ?? []);
    return [...known, ...accounts.filter((id) => !known.some((option) => option.value === id)).map((id) => ({ value: id, label: id }))];
  }, [viewInfo, accounts]);
  const perAccount = useMemo(() => countsByAccount(shown, accountChoices.map((option) => option.value)), [shown, accountChoices]);
  // A link to an agent names the scan only in a past view: otherwise the agent's page shows its
  // account's newest scan, which is the one listed.
  const agentScanId = viewInfo !== null && viewInfo.kind === 'scan' && viewInfo.past ? scanId : null;
  const currentQuery = new URLSearchParams(queryText);
  currentQuery.delete('scan');
  const currentHref = `#/inventory${currentQuery.size > 0 ? `?${currentQuery.toString()}` : ''}`;

  const cancelSearch = (): void => {
    if (pending.current !== null) clearTimeout(pending.current.timer);
    pending.current = null;
  };
  const change = (patch: Partial<InventoryView>): void => {
    cancelSearch();
    setTyped(null);
    const next = queryFromView({ ...view, ...patch });
    if (scanId !== null) next.set('scan', scanId);
    setQuery(next);
  };
  /** Writes a search still waiting to the address, unless the address has moved on since it was typed. */
  const flushSearch = (): void => {
    const waiting = pending.current;
    if (waiting === null) return;
    cancelSearch();
    if (new URLSearchParams(queryFromHash(window.location.hash)).toString() !== waiting.over) return;
    const over = new URLSearchParams(waiting.over);
    const next = queryFromView({ ...viewFromQuery(over), search: waiting.search });
    const scan = over.get('scan');
    if (scan !== null) next.set('scan', scan);
    setQuery(next);
  };
  const typeSearch = (search: string): void => {
    cancelSearch();
    setTyped({ search, over: queryText });
    pending.current = { timer: setTimeout(flushSearch, SEARCH_SETTLE_MS), search, over: queryText };
  };
  const changeFilters = (patch: Partial<InventoryView>): void => {
    if (patch.search !== undefined && Object.keys(patch).length === 1) typeSearch(patch.search);
    else change(patch);
  };
  const sortBy = (column: string): void => {
    const sort = column as InventorySortColumn;
    change({ sort, direction: view.sort === sort && view.direction === 'asc' ? 'desc' : 'asc' });
  };

  // The identities shown (after filters and search) in the shape `warden export inventory --format json`
  // writes: the view with the scans it came from, then the rows, pretty-printed the same way.
  const exportJson = (): void => {
    if (agents.status !== 'ready') return;
    downloadText(exportFileName('inventory', agents.data.view.scans, 'json', new Date()), 'application/json', `${JSON.stringify({ view: agents.data.view, agents: shown }, null, 2)}\n`);
  };

  // CSV is written in the back end, from the stored agents (credentials included), by the CLI's
  // writer: the identities shown are named by ARN (none when the screen shows the whole view).
  const exportCsv = (): void => {
    if (agents.status !== 'ready') return;
    const rows = exportOnly(
      shown.map((row) => row.arn),
      shown.length === agents.data.agents.length,
    );
    if (rows === 'too-many') {
      toast(`${formatCount(shown.length)} identities are too many to name one by one: narrow the filters, or export them all from Reports or with warden export inventory --format csv.`, 'danger');
      return;
    }
    api.invoke('exports:inventory', { scanId, accountId: null, format: 'csv', ...rows }).then(
      (file) => {
        downloadText(file.fileName, file.mediaType, file.text);
        toast(`Exported ${plural(file.count, 'identity', 'identities')} as CSV.`, 'success');
      },
      (failure: unknown) => toast(`Could not export: ${toApiError(failure).message}`, 'danger'),
    );
  };

  if (landing && (agents.status === 'loading' || empty)) return <LoadingState label="Opening the workspace…" rows={6} />;

  return (
    <div className="stack page--wide">
      <PageHeader
        title="Inventory"
        description="Every AI agent and non-human identity of every account, with its risk tier, owner and findings. Open one to see why."
        actions={
          agents.status === 'ready' && agents.data.view.scans.length > 0 ? (
            <div className="export-actions">
              <div className="export-actions__buttons">
                <Button size="sm" icon="file" onClick={exportCsv} disabled={shown.length === 0} title="The identities shown, as warden export inventory --format csv writes them (credentials and finding counts; formulas neutralised)">
                  Export CSV
                </Button>
                <Button size="sm" icon="file" onClick={exportJson} disabled={shown.length === 0} title="The identities shown, as warden export inventory --format json writes them (view and its scans, then the rows)">
                  Export JSON
                </Button>
              </div>
              <p className="export-actions__hint" data-testid="inventory-export-hint">
                Exports the {plural(shown.length, 'identity', 'identities')} shown, from {exportScansText(agents.data.view.scans)}
              </p>
            </div>
          ) : undefined
        }
      />
      {agents.status === 'loading' ? (
        <LoadingState label="Loading the inventory…" rows={6} />
      ) : agents.status === 'error' ? (
        <ErrorState what="the inventory" error={agents.error} onRetry={agents.reload} />
      ) : agents.data.view.scans.length === 0 ? (
        <EmptyState
          icon="database"
          title="Nothing scanned yet"
          actions={
            <>
              <a className="btn btn--primary btn--md" href="#/scans/new">
                <Icon name="scan" size={16} />
                New scan
              </a>
              <a className="btn btn--secondary btn--md" href="#/import">
                <Icon name="upload" size={16} />
                Import files
              </a>
              <DemoOfferButton />
            </>
          }
        >
          <p>The inventory is built from a scan. Scan an account, import its exports, or explore the demo company.</p>
        </EmptyState>
      ) : (
        <section className="inventory" aria-label="Inventory">
          <ViewLine view={agents.data.view} currentHref={currentHref} />
          <InventoryFilters view={view} owners={owners} accounts={accountChoices} onChange={changeFilters} onSearchSettled={flushSearch} />
          <p className="inventory__count" role="status" data-testid="inventory-count">
            <strong>{formatCount(shown.length)}</strong> of {formatCount(agents.data.agents.length)}
            {' '}
            {agents.data.agents.length === 1 ? 'identity' : 'identities'}
            {perAccount.length > 1 ? (
              <span data-testid="inventory-account-counts">
                {' '}
                ({perAccount.map((part) => `${accountNames.get(part.accountId) ?? part.accountId} ${formatCount(part.count)}`).join(', ')})
              </span>
            ) : null}
            {!view.showAwsManaged ? <span className="data-table__muted"> · AWS-managed roles hidden</span> : null}
          </p>
          <InventoryTable
            rows={shown}
            scanId={agentScanId}
            accountNames={accountNames}
            sort={{ column: view.sort, direction: view.direction }}
            onSort={sortBy}
            empty={
              <EmptyState icon="compass" title="No identity matches" headingLevel={3}>
                <p>Change the search or clear the filters to see more.</p>
              </EmptyState>
            }
          />
          <p className="inventory__hint">
            Arrow keys move through the rows, Enter opens one. <kbd>T1</kbd> touches sensitive data or can take high-impact actions; a
            star marks a tier set by a person.
          </p>
        </section>
      )}
    </div>
  );
}
