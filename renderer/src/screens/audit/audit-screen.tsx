import '../../components/analysis.css';
import { useState, type ReactNode } from 'react';
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
import { useQueryState } from '../../hooks/use-query';
import { formatDateTime, plural } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { AUDIT_PAGE as PAGE, auditFirstPageQuery } from './queries';


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

function Target({ target }: { target: string }): ReactNode {
  if (target.startsWith('arn:') && target.includes(':iam::')) {
    return (
      <a className="mono-wrap" href={`#${agentPath(target)}`}>
        {target}
      </a>
    );
  }
  return <span className="mono-wrap">{target}</span>;
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
  { header: 'Target', cell: (entry) => <Target target={entry.target} /> },
  { header: 'Details', cell: (entry) => <Details details={entry.details} /> },
];

/** `#/audit`: every human change, newest first, and a check of the hash chain. */
export function AuditScreen(): ReactNode {
  const api = useApi();
  const first = useQueryState(auditFirstPageQuery(api));
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
    api.invoke('audit:list', { limit: PAGE, beforeSeq: lastSeq }).then(
      (page) => {
        setLoadingMore(false);
        if (first.status !== 'ready') return;
        setMore({ after: first.data, entries: [...older, ...page], exhausted: page.length < PAGE });
      },
      () => setLoadingMore(false),
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
      {first.status === 'loading' ? (
        <LoadingState label="Loading the audit log…" rows={5} />
      ) : first.status === 'error' ? (
        <ErrorState what="the audit log" error={first.error} onRetry={first.reload} />
      ) : entries.length === 0 ? (
        <EmptyState icon="lock" title="No changes recorded yet">
          <p>When someone sets an owner, overrides a tier or accepts a risk, it is written here.</p>
        </EmptyState>
      ) : (
        <Panel title="Entries" description={plural(entries.length, 'entry', 'entries') + ' shown.'} flush>
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
