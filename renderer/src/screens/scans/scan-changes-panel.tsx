import './scan-changes.css';
import type { ReactNode } from 'react';
import type { ScanDetail } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { useQueryState } from '../../hooks/use-query';
import { formatCount, formatDateTime } from '../../lib/format';
import { scanChangesQuery } from './queries';
import { changeFigures, type ChangeFigure } from './scan-changes-model';

/** How many rows of a figure are listed before "and N more". */
const LISTED = 12;

export function Figure({ figure }: { figure: ChangeFigure }): ReactNode {
  const value = formatCount(figure.value);
  const marked = figure.worse && figure.value > 0;
  return (
    <div className={marked ? 'scan-change scan-change--worse' : 'scan-change'} data-testid={`change-${figure.key}`}>
      <dt className="scan-change__label">{figure.label}</dt>
      <dd className="scan-change__value">
        {figure.href !== null ? (
          <a href={figure.href} aria-label={`${value} ${figure.label.toLowerCase()}: open the list`}>
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

function FigureList({ figure }: { figure: ChangeFigure }): ReactNode {
  const shown = figure.items.slice(0, LISTED);
  return (
    <div className="scan-change-list" data-testid={`change-list-${figure.key}`}>
      <h3 className="scan-change-list__title">{figure.label}</h3>
      <ul aria-label={figure.label}>
        {shown.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.text}</a>
            {item.detail !== undefined ? <span className="scan-change-list__detail"> {item.detail}</span> : null}
          </li>
        ))}
      </ul>
      {figure.items.length > shown.length ? <p className="scan-change-list__more">and {formatCount(figure.items.length - shown.length)} more</p> : null}
    </div>
  );
}

/**
 * What a completed scan changed since the previous scan of its account (read-only): new shadow AI,
 * findings new, regressed and resolved (each opening the Findings screen on this scan, so narrowed),
 * AI agents and identities added and removed, owner and tier changes (each identity opening its page).
 */
export function ScanChangesPanel({ scan }: { scan: ScanDetail }): ReactNode {
  const api = useApi();
  const changes = useQueryState({ ...scanChangesQuery(api, scan.id), enabled: scan.status === 'completed' });
  if (scan.status !== 'completed') return null;
  if (changes.status === 'loading') {
    return (
      <Panel title="What changed">
        <LoadingState label="Comparing with the previous scan…" rows={2} />
      </Panel>
    );
  }
  if (changes.status === 'error') {
    return (
      <Panel title="What changed">
        <ErrorState what="what changed" error={changes.error} onRetry={changes.reload} />
      </Panel>
    );
  }
  const diff = changes.data;
  const figures = changeFigures(diff);
  const listed = figures.filter((figure) => figure.items.length > 0);
  const description =
    diff.from === null ? (
      'The first scan of this account: everything in it counts as new.'
    ) : (
      <>
        Since the previous scan of this account, <a href={`#/scans/${encodeURIComponent(diff.from.scanId)}`}>{formatDateTime(diff.from.at)}</a>.
      </>
    );
  return (
    <Panel title="What changed" description={description}>
      <div data-testid="scan-changes">
        <dl className="scan-changes">
          {figures.map((figure) => (
            <Figure key={figure.key} figure={figure} />
          ))}
        </dl>
        {listed.length > 0 ? (
          <div className="scan-change-lists">
            {listed.map((figure) => (
              <FigureList key={figure.key} figure={figure} />
            ))}
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
