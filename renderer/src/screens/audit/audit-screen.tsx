import '../../components/analysis.css';
import './audit-screen.css';
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { AuditEntry, ChannelOutput } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { FilterLimit } from '../../components/filter-limit';
import { useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState } from '../../hooks/use-query';
import { CopyButton } from '../../components/copy-button';
import { downloadText } from '../../lib/download-file';
import { formatDateTime, plural } from '../../lib/format';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { agentPath } from '../agent/agent-route';
import { auditFilterOf, auditViewFromQuery, queryFromAuditView, type AuditView } from './audit-view';
import { AUDIT_PAGE as PAGE, auditFiltersQuery, auditFirstPageQuery } from './queries';

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

function plain(value: unknown): string {
  return value === null || value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** `{owner: {from, to}}` as "owner: a → b", one line per field; anything else as text. */
function Value({ value }: { value: unknown }): ReactNode {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isChange)) {
    return (
      <ul className="audit-changes">
        {Object.entries(value as Record<string, { from: unknown; to: unknown }>).map(([field, change]) => (
          <li key={field}>
            <span className="data-table__muted">{field}:</span> {plain(change.from)} → {plain(change.to)}
          </li>
        ))}
      </ul>
    );
  }
  return <>{plain(value)}</>;
}

function Details({ details }: { details: Record<string, unknown> }): ReactNode {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="data-table__muted">—</span>;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A long ID (a 64-character fingerprint) shortened for the eye; the whole ID is on hover and copied. */
function shortId(target: string): string {
  return target.length > 24 && !target.startsWith('arn:') ? `${target.slice(0, 12)}…` : target;
}

/** What the entry changed, by name (an agent, a finding's title, a policy); the full ID on hover and to copy. */
function Target({ entry }: { entry: AuditEntry }): ReactNode {
  const { target, targetName } = entry;
  const isAgent = target.startsWith('arn:') && target.includes(':iam::');
  const label = targetName ?? (target === 'settings' ? 'Settings' : shortId(target));
  const named = targetName !== null || target === 'settings';
  return (
    <div className="audit-target" title={target}>
      <span className="audit-target__name">{isAgent ? <a href={`#${agentPath(target)}`}>{label}</a> : <span className={named ? undefined : 'mono'}>{label}</span>}</span>
      {target !== 'settings' ? (
        <span className="audit-target__id">
          {named ? <span className="mono data-table__muted audit-target__short">{shortId(target)}</span> : null}
          <CopyButton text={target} label={`Copy the ID of ${label}`} />
        </span>
      ) : null}
    </div>
  );
}

const AUDIT_COLUMNS: DataTableColumn<AuditEntry>[] = [
  {
    header: '#',
    headerClassName: 'data-table__num',
    className: 'data-table__num mono',
    title: (entry) => `hash ${entry.hash}`,
    cell: (entry) => entry.seq,
  },
  { header: 'Time', className: 'data-table__nowrap', cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> },
  { header: 'Actor', cell: (entry) => entry.actor },
  { header: 'Action', rowHeader: true, className: 'mono', cell: (entry) => entry.action },
  { header: 'Target', className: 'audit-table__target', cell: (entry) => <Target entry={entry} /> },
  { header: 'Details', cell: (entry) => <Details details={entry.details} /> },
];

/** A filter menu's choices, with the address's value among them even when the log does not hold it (it still shows what is filtered). */
function choicesWith(choices: readonly string[], current: string): readonly string[] {
  return current === '' || choices.includes(current) ? choices : [current, ...choices];
}

/**
 * `#/audit`: every human change, newest first, and a check of the hash chain. The filters live in
 * the address (`?actor=&kind=&target=`), so a reload or a link keeps them.
 */
export function AuditScreen(): ReactNode {
  const api = useApi();
  const [query, setQuery] = useHashQuery();
  const view = useMemo(() => auditViewFromQuery(query), [query]);
  const change = (patch: Partial<AuditView>): void => setQuery(queryFromAuditView({ ...view, ...patch }));
  // Typing asks the core once the text settles, not on every key.
  const target = useDeferredValue(view.target);
  const filter = auditFilterOf(view, target);
  const filtered = filter.actor !== null || filter.action !== null || filter.target !== null;
  const first = useQueryState(auditFirstPageQuery(api, filter));
  const options = useQueryState(auditFiltersQuery(api));
  const [exporting, setExporting] = useState<{ busy: 'csv' | 'json' | null; message: string | null; error: string | null }>({ busy: null, message: null, error: null });
  // Older pages continue the first page they were read after; a new first page (a change was
  // recorded) starts the list again, so no entry is skipped or shown twice.
  const [more, setMore] = useState<{ after: AuditEntry[]; entries: AuditEntry[]; exhausted: boolean } | null>(null);
  const current = first.status === 'ready' && more !== null && more.after === first.data ? more : null;
  const older = current?.entries ?? [];
  const exhausted = current?.exhausted ?? false;
  const [loadingMore, setLoadingMore] = useState(false);
  const [verify, setVerify] = useState<{ busy: boolean; result: ChannelOutput<'audit:verify'> | null; error: string | null }>({ busy: false, result: null, error: null });

  const entries = first.status === 'ready' ? [...first.data, ...older] : [];
  const lastSeq = entries[entries.length - 1]?.seq ?? null;

  const loadMore = (): void => {
    if (lastSeq === null) return;
    setLoadingMore(true);
    api.invoke('audit:list', { limit: PAGE, beforeSeq: lastSeq, ...filter }).then(
      (page) => {
        setLoadingMore(false);
        if (first.status !== 'ready') return;
        setMore({ after: first.data, entries: [...older, ...page], exhausted: page.length < PAGE });
      },
      () => setLoadingMore(false),
    );
  };

  /** Every entry the filters select (not only the pages loaded), as a file. */
  const runExport = (format: 'csv' | 'json'): void => {
    setExporting({ busy: format, message: null, error: null });
    api.invoke('audit:export', { format, ...filter }).then(
      (file) => {
        downloadText(file.fileName, file.mediaType, file.text);
        setExporting({ busy: null, message: `Exported ${plural(file.entries, 'entry', 'entries')} to ${file.fileName}.`, error: null });
      },
      (failure: unknown) => setExporting({ busy: null, message: null, error: toApiError(failure).message }),
    );
  };

  const runVerify = (): void => {
    setVerify({ busy: true, result: null, error: null });
    api.invoke('audit:verify', {}).then(
      (result) => setVerify({ busy: false, result, error: null }),
      (failure: unknown) => setVerify({ busy: false, result: null, error: toApiError(failure).message }),
    );
  };

  return (
    <div className="stack">
      <PageHeader
        title="Audit log"
        description="Every change people made (owners, tier overrides, acceptances, resolutions), newest first. Each entry carries the hash of the one before, so tampering shows."
        actions={
          <Button icon="lock" onClick={runVerify} busy={verify.busy}>
            Verify chain
          </Button>
        }
      />
      <div aria-live="polite">
        {verify.result !== null ? (
          verify.result.ok ? (
            <Callout tone="success" title="The chain is intact" role="status">
              <p data-testid="verify-result">
                {verify.result.message} ({plural(verify.result.entries, 'entry', 'entries')} checked.)
              </p>
            </Callout>
          ) : (
            <Callout tone="danger" title="The chain is broken" role="alert">
              <p data-testid="verify-result">
                {verify.result.message}
                {verify.result.firstBrokenSeq !== null ? ` First broken entry: #${verify.result.firstBrokenSeq}.` : ''}
              </p>
            </Callout>
          )
        ) : verify.error !== null ? (
          <Callout tone="danger" title="Could not verify" role="alert">
            <p>{verify.error}</p>
          </Callout>
        ) : null}
      </div>
      <div className="filters" role="search" aria-label="Filter the audit log">
        <label className="filter">
          <span className="filter__label">Actor</span>
          <select className="select select--sm" value={view.actor} onChange={(event) => change({ actor: event.target.value })}>
            <option value="">Anyone</option>
            {choicesWith(options.status === 'ready' ? options.data.actors : [], view.actor).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="filter__label">Kind</span>
          <select className="select select--sm" value={view.kind} onChange={(event) => change({ kind: event.target.value })}>
            <option value="">Any change</option>
            {choicesWith(options.status === 'ready' ? options.data.actions : [], view.kind).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter--search">
          <span className="filter__label">Target</span>
          <input
            className="input input--sm"
            type="search"
            placeholder="Name or ID"
            maxLength={TEXT_LIMITS.auditTarget}
            value={view.target}
            onChange={(event) => change({ target: event.target.value })}
            aria-describedby="audit-target-limit"
            data-testid="audit-target"
          />
          <FilterLimit id="audit-target-limit" length={view.target.length} max={TEXT_LIMITS.auditTarget} testId="audit-target-limit" />
        </label>
        <div className="audit-export" role="group" aria-label="Export">
          <Button size="sm" icon="file" onClick={() => runExport('csv')} busy={exporting.busy === 'csv'} disabled={exporting.busy !== null}>
            Export CSV
          </Button>
          <Button size="sm" icon="file" onClick={() => runExport('json')} busy={exporting.busy === 'json'} disabled={exporting.busy !== null}>
            Export JSON
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {exporting.message !== null ? (
          <p className="data-table__muted" role="status" data-testid="export-result">
            {exporting.message}
          </p>
        ) : exporting.error !== null ? (
          <Callout tone="danger" title="Could not export" role="alert">
            <p>{exporting.error}</p>
          </Callout>
        ) : null}
      </div>
      {first.status === 'loading' ? (
        <LoadingState label="Loading the audit log…" rows={5} />
      ) : first.status === 'error' ? (
        <ErrorState what="the audit log" error={first.error} onRetry={first.reload} />
      ) : entries.length === 0 && filtered ? (
        <EmptyState icon="lock" title="No entry matches">
          <p>Change the filters to see more.</p>
        </EmptyState>
      ) : entries.length === 0 ? (
        <EmptyState icon="lock" title="No changes recorded yet">
          <p>When someone sets an owner, overrides a tier or accepts a risk, it is written here.</p>
        </EmptyState>
      ) : (
        <Panel title="Entries" description={plural(entries.length, 'entry', 'entries') + (filtered ? (entries.length === 1 ? ' matches the filters.' : ' match the filters.') : ' shown.')} flush>
          <DataTable
            label="Audit log"
            testId="audit-table"
            compact
            className="audit-table"
            columns={AUDIT_COLUMNS}
            rows={entries}
            rowKey={(entry) => entry.seq}
            rowProps={(entry) => ({ className: verify.result?.firstBrokenSeq === entry.seq ? 'audit-table__broken' : undefined })}
          />
          {first.data.length === PAGE && !exhausted ? (
            <div className="panel__footer">
              <Button onClick={loadMore} busy={loadingMore}>
                Load older entries
              </Button>
            </div>
          ) : null}
        </Panel>
      )}
    </div>
  );
}
