import './scan-detail.css';
import { useState, type ReactNode } from 'react';
import type { CollectorRunInfo, ScanDetail } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Callout } from '../../components/callout';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useQueryState } from '../../hooks/use-query';
import { formatCount, formatDateTime, formatDuration, plural } from '../../lib/format';
import { OutcomeSummary } from './outcome-summary';
import { scanQuery } from './queries';
import { SCAN_STATUS_STYLES, SOURCE_LABELS, STEP_STATUS_STYLES, incompleteRunsText } from './outcome-style';
import { scanName } from './scan-history-table';
import { ScanResultsPanel } from './scan-results-panel';
import { ScanChangesPanel } from './scan-changes-panel';
import { StatusBadge } from './status-badge';

function BackLink(): ReactNode {
  return (
    <a className="back-link" href="#/scans">
      <Icon name="arrow-left" size={14} />
      All scans
    </a>
  );
}

function Facts({ scan }: { scan: ScanDetail }): ReactNode {
  return (
    <div className="facts-columns">
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge style={SCAN_STATUS_STYLES[scan.status]} />
        </dd>
        <dt>Source</dt>
        <dd>{SOURCE_LABELS[scan.source].label}</dd>
        <dt>Account</dt>
        <dd>
          {scan.accountId !== null ? <span className="mono">{scan.accountId}</span> : 'Unknown'}
          {scan.accountAlias !== null ? <span className="facts__aside"> ({scan.accountAlias})</span> : null}
        </dd>
        {scan.connectionName !== null ? (
          <>
            <dt>Connection</dt>
            <dd>{scan.connectionName}</dd>
          </>
        ) : null}
        {scan.label !== null && scan.label !== scan.connectionName ? (
          <>
            <dt>{scan.source === 'import' ? 'Files' : 'Label'}</dt>
            <dd className="mono">{scan.label}</dd>
          </>
        ) : null}
        <dt>Scanned as</dt>
        <dd className={scan.scannerArn !== null ? 'mono' : undefined}>{scan.scannerArn ?? (scan.source === 'live' ? 'Unknown' : 'Not applicable (no AWS calls)')}</dd>
        <dt>Regions</dt>
        <dd>
          {scan.regions.length === 0 ? (
            'None (global services only)'
          ) : (
            <ul className="chip-list" aria-label="Regions">
              {scan.regions.map((region) => (
                <li key={region}>
                  <Badge>{region}</Badge>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <dl className="facts">
        <dt>Started</dt>
        <dd>{formatDateTime(scan.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{scan.finishedAt !== null ? formatDateTime(scan.finishedAt) : '—'}</dd>
        <dt>Duration</dt>
        <dd>{scan.durationMs !== null ? formatDuration(scan.durationMs) : '—'}</dd>
        <dt>Found</dt>
        <dd>
          {plural(scan.identityCount, 'identity', 'identities')}, {plural(scan.workloadCount, 'workload', 'workloads')}
        </dd>
        <dt>API calls</dt>
        <dd>{formatCount(scan.apiCallCount)}</dd>
        <dt>Collector outcomes</dt>
        <dd>
          <OutcomeSummary outcomes={scan.outcomes} />
        </dd>
      </dl>
    </div>
  );
}

function CollectorsTable({ collectors }: { collectors: readonly CollectorRunInfo[] }): ReactNode {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Collectors">
        <thead>
          <tr>
            <th scope="col">Collector</th>
            <th scope="col">Region</th>
            <th scope="col">Outcome</th>
            <th scope="col">Message</th>
            <th scope="col" className="data-table__num">
              Calls
            </th>
            <th scope="col" className="data-table__num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {collectors.map((run, index) => (
            <tr key={`${run.collector}:${run.region ?? ''}:${index}`} data-outcome={run.outcome}>
              <th scope="row" className="data-table__name">
                {run.label}
                {run.label !== run.collector ? <span className="data-table__sub mono">{run.collector}</span> : null}
              </th>
              <td className="data-table__nowrap">{run.region !== null ? <span className="mono">{run.region}</span> : <span className="data-table__muted">Global</span>}</td>
              <td>
                <StatusBadge style={STEP_STATUS_STYLES[run.outcome]} />
              </td>
              <td className="data-table__message">{run.message ?? ''}</td>
              <td className="data-table__num">{formatCount(run.calls)}</td>
              <td className="data-table__num">{formatDuration(run.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApiCallsTable({ calls }: { calls: ScanDetail['apiCalls'] }): ReactNode {
  const sorted = [...calls].sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation));
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="API calls per operation">
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col" className="data-table__num">
              Calls
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((call) => (
            <tr key={call.operation}>
              <th scope="row" className="data-table__name mono">
                {call.operation}
              </th>
              <td className="data-table__num">{formatCount(call.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COLLECTOR_RUNS = { one: 'collector run', many: 'collector runs' };

function outcomesOf(runs: readonly CollectorRunInfo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of runs) counts[run.outcome] = (counts[run.outcome] ?? 0) + 1;
  return counts;
}

function ScanDetailBody({ scan }: { scan: ScanDetail }): ReactNode {
  const [problemsOnly, setProblemsOnly] = useState(false);
  // Global collectors first, then each collector region by region (runs finish in any order).
  const ordered = [...scan.collectors].sort(
    (a, b) => Number(a.region !== null) - Number(b.region !== null) || a.label.localeCompare(b.label) || (a.region ?? '').localeCompare(b.region ?? ''),
  );
  const problems = ordered.filter((run) => run.outcome !== 'ok');
  const shown = problemsOnly ? problems : ordered;
  const totalCalls = scan.apiCalls.reduce((sum, call) => sum + call.count, 0);
  return (
    <>
      {scan.status !== 'completed' ? (
        <Callout tone={scan.status === 'failed' ? 'danger' : 'warning'} title={scan.status === 'failed' ? 'This scan failed' : 'This scan was cancelled'}>
          <p>{scan.error ?? 'It did not finish; it is not counted as a complete picture of the account.'}</p>
        </Callout>
      ) : null}
      {scan.warnings.length > 0 ? (
        <Callout tone="warning" title={scan.warnings.length === 1 ? 'One warning' : `${scan.warnings.length} warnings`}>
          <ul className="plain-list" aria-label="Warnings">
            {scan.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
      <Panel title="Summary">
        <Facts scan={scan} />
      </Panel>
      <ScanResultsPanel scan={scan} />
      <ScanChangesPanel scan={scan} />
      <Panel
        title="Collectors"
        description={`${incompleteRunsText(outcomesOf(scan.collectors), COLLECTOR_RUNS)}${problems.length > 0 ? ' Each one’s message says why.' : ''}`}
        actions={
          problems.length > 0 && problems.length < scan.collectors.length ? (
            <label className="choice choice--compact">
              <input type="checkbox" checked={problemsOnly} onChange={(event) => setProblemsOnly(event.target.checked)} />
              <span>Only those not ok</span>
            </label>
          ) : undefined
        }
        flush
      >
        {scan.collectors.length === 0 ? <p className="panel__empty">No collector ran for this scan.</p> : <CollectorsTable collectors={shown} />}
      </Panel>
      <Panel
        title="API calls"
        description={scan.apiCalls.length === 0 ? 'No AWS API was called (files were read instead).' : `${plural(totalCalls, 'call', 'calls')} to AWS, per operation.`}
        flush
      >
        {scan.apiCalls.length > 0 ? <ApiCallsTable calls={scan.apiCalls} /> : null}
      </Panel>
    </>
  );
}

/** One scan: its summary, every collector's outcome, the API calls it made and its warnings. */
export function ScanDetailView({ scanId }: { scanId: string }): ReactNode {
  const api = useApi();
  const scan = useQueryState(scanQuery(api, scanId));
  // The heading stays one element while the scan loads, so the focus put on it stays too.
  const title = scan.status === 'ready' ? scanName(scan.data) : scan.status === 'error' && scan.error.code === 'not_found' ? 'Scan not found' : 'Scan';
  const description =
    scan.status === 'ready'
      ? `${SOURCE_LABELS[scan.data.source].label} of ${scan.data.accountId !== null ? `account ${scan.data.accountId}` : 'an unknown account'}, ${formatDateTime(scan.data.startedAt)}.`
      : undefined;
  return (
    <div className="stack">
      <BackLink />
      <PageHeader title={title} description={description} />
      {scan.status === 'loading' ? (
        <Panel title="Summary">
          <LoadingState label="Loading the scan…" rows={3} />
        </Panel>
      ) : scan.status === 'error' ? (
        <Panel title="Summary">
          <ErrorState what="this scan" error={scan.error} onRetry={scan.error.code === 'not_found' ? undefined : scan.reload} />
        </Panel>
      ) : (
        <ScanDetailBody scan={scan.data} />
      )}
    </div>
  );
}
