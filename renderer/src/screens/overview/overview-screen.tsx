import './overview.css';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { DemoOfferButton } from '../../app/demo-offer';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { RelativeTime } from '../../components/relative-time';
import { accountName, accountOptions } from '../../components/view-line';
import { navigate } from '../../hooks/use-hash-path';
import { useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState } from '../../hooks/use-query';
import type { Overview, OverviewKpi } from '@shared/contract';
// The app opens on the first section; the Overview is it now, so it decides the first landing.
import { firstLandingPending, takeFirstLanding } from '../inventory/first-landing';
import { PlanCard } from '../plan/plan-card';
import { OverviewChangesPanel } from './overview-changes-panel';
import { OverviewCharts } from './overview-charts';
import { BLOCKING_KPIS, changeView, filterHref, goodDirectionWords, KPI_GOOD_DIRECTION, orderedKpis, scoreChange, type ChangeView } from './overview-model';
import { overviewQuery } from './queries';

function Change({ change, testId }: { change: ChangeView; testId?: string }): ReactNode {
  return (
    <span className={`overview-change overview-change--${change.tone}`} title={change.words} data-testid={testId}>
      <span aria-hidden="true">
        {change.arrow !== null ? `${change.arrow} ` : ''}
        {change.text}
      </span>
      <span className="visually-hidden">{change.words}</span>
    </span>
  );
}

function KpiTile({ kpi }: { kpi: OverviewKpi }): ReactNode {
  const good = KPI_GOOD_DIRECTION[kpi.id];
  const change = changeView(kpi.delta, good);
  const hint = goodDirectionWords(good);
  return (
    <li>
      <a className="kpi-tile" href={filterHref(kpi.filter)} data-testid={`kpi-${kpi.id}`}>
        <span className="kpi-tile__label">{kpi.label}</span>
        <span className="kpi-tile__value" data-testid="kpi-value">
          {kpi.value.toLocaleString('en-GB')}
        </span>
        <span className="kpi-tile__change">
          <Change change={change} />
          {hint !== '' ? <span className="kpi-tile__hint">{hint}</span> : null}
        </span>
      </a>
    </li>
  );
}

function Verdict({ overview }: { overview: Overview }): ReactNode {
  const { verdict, score } = overview;
  const change = scoreChange(score);
  return (
    <section className={`overview-verdict ${verdict.ok ? 'overview-verdict--ok' : 'overview-verdict--not-yet'}`} aria-labelledby="overview-verdict-title">
      <div className="overview-verdict__main">
        <h2 id="overview-verdict-title" className="visually-hidden">
          Are our AI agents under control?
        </h2>
        <p className="overview-verdict__text" data-testid="overview-verdict">
          <Icon name={verdict.ok ? 'check' : 'alert'} size={22} />
          <span>{verdict.text}</span>
        </p>
        {verdict.reasons.length > 0 ? (
          <ul className="overview-verdict__reasons" aria-label="Reasons" data-testid="overview-reasons">
            {verdict.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="overview-score" data-testid="overview-score">
        <p className="overview-score__label">Posture score</p>
        <p className="overview-score__value">
          <span data-testid="overview-score-value">{score.value}</span>
          <span className="overview-score__of"> / 100</span>
        </p>
        <p className="overview-score__change">
          <Change change={change} testId="overview-score-change" />
          {score.previous !== null ? <span className="kpi-tile__hint">was {score.previous}</span> : null}
        </p>
        <details className="overview-score__how">
          <summary>How is this computed?</summary>
          <p data-testid="overview-formula">{score.formula}</p>
        </details>
      </div>
    </section>
  );
}

function Scope({ overview, accountId, choices, onAccount }: { overview: Overview; accountId: string | null; choices: { value: string; label: string }[]; onAccount: (accountId: string | null) => void }): ReactNode {
  const accounts = accountId === null ? overview.scope.accounts : overview.scope.accounts.filter((account) => account.accountId === accountId);
  const chosen = accounts[0];
  const newest = accounts.reduce<string | null>((latest, account) => (latest === null || account.scannedAt > latest ? account.scannedAt : latest), null);
  return (
    <div className="overview-scope">
      <p className="scan-line" data-testid="view-line">
        <Icon name="scan" size={14} />
        <span>
          {accountId === null
            ? `Current state of ${accounts.length === 1 ? 'the account' : `${accounts.length} accounts`}, each from its newest scan`
            : `Current state of ${chosen === undefined ? accountId : accountName({ accountId: chosen.accountId ?? accountId, alias: chosen.alias, label: chosen.label })}, from its newest scan`}
          {newest !== null ? (
            <>
              {' '}
              · newest <RelativeTime at={newest} />
            </>
          ) : null}
        </span>
      </p>
      {choices.length > 1 || accountId !== null ? (
        <label className="filter overview-scope__account">
          <span className="filter__label">Account</span>
          <select className="select select--sm" value={accountId ?? ''} onChange={(event) => onAccount(event.target.value === '' ? null : event.target.value)}>
            <option value="">All accounts</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}

/**
 * `#/overview`: "are our AI agents under control?" — a verdict with its reasons, the posture score and
 * how it is computed, KPIs with their change since the previous scan (each opening the list it
 * counts), and charts with tables. All accounts, or one (`?account=ID`). The landing screen: an empty
 * workspace opened on its plain address goes to Connections instead.
 */
export function OverviewScreen(): ReactNode {
  const api = useApi();
  const [query, setQuery] = useHashQuery();
  const accountId = query.get('account');
  const overview = useQueryState(overviewQuery(api, accountId));
  const empty = overview.status === 'ready' && overview.data.scope.accounts.length === 0 && accountId === null;
  useEffect(() => {
    if (overview.status === 'loading') return;
    if (takeFirstLanding() && empty) navigate('/connections', { replace: true });
  }, [overview.status, empty]);
  const [landing] = useState(firstLandingPending);
  const choices = useMemo(
    () =>
      // The scope lists every account of the workspace, also when one is chosen: the choices.
      overview.status === 'ready'
        ? accountOptions(overview.data.scope.accounts.flatMap((account) => (account.accountId === null ? [] : [{ ...account, accountId: account.accountId }])))
        : [],
    [overview],
  );
  const chooseAccount = (next: string | null): void => {
    const params = new URLSearchParams(query);
    if (next === null) params.delete('account');
    else params.set('account', next);
    setQuery(params);
  };

  if (landing && (overview.status === 'loading' || empty)) return <LoadingState label="Opening the workspace…" rows={6} />;

  return (
    <div className="stack page--wide overview">
      <PageHeader title="Overview" description="Are our AI agents under control? The verdict, the posture score and what changed since the previous scan." />
      {overview.status === 'loading' ? (
        <LoadingState label="Loading the overview…" rows={6} />
      ) : overview.status === 'error' ? (
        <ErrorState what="the overview" error={overview.error} onRetry={overview.reload} />
      ) : overview.data.scope.accounts.length === 0 ? (
        <EmptyState
          icon="pulse"
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
          <p>The overview is built from scans. Scan an account, import its exports, or explore the demo company.</p>
        </EmptyState>
      ) : (
        <>
          <Scope overview={overview.data} accountId={accountId} choices={choices} onAccount={chooseAccount} />
          <Verdict overview={overview.data} />
          <OverviewChangesPanel overview={overview.data} accountId={accountId} />
          <PlanCard plan={overview.data.plan} />
          <section aria-labelledby="overview-blocking-title">
            <h2 id="overview-blocking-title" className="overview__section-title">
              In the way of a yes <span className="overview__section-note">change since the previous scan</span>
            </h2>
            <ul className="overview__kpis">
              {orderedKpis(overview.data.kpis)
                .filter((kpi) => BLOCKING_KPIS.has(kpi.id))
                .map((kpi) => (
                  <KpiTile key={kpi.id} kpi={kpi} />
                ))}
            </ul>
          </section>
          <section aria-labelledby="overview-estate-title">
            <h2 id="overview-estate-title" className="overview__section-title">
              The estate and the last scan
            </h2>
            <ul className="overview__kpis overview__kpis--six">
              {orderedKpis(overview.data.kpis)
                .filter((kpi) => !BLOCKING_KPIS.has(kpi.id))
                .map((kpi) => (
                  <KpiTile key={kpi.id} kpi={kpi} />
                ))}
            </ul>
          </section>
          <OverviewCharts overview={overview.data} />
        </>
      )}
    </div>
  );
}
