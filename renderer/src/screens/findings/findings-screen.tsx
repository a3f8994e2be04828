import '../../components/analysis.css';
import { useMemo, useState, type ReactNode } from 'react';
import { SEVERITY_NAMES, type FindingRow } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { DemoOfferButton } from '../../app/demo-offer';
import { useToast } from '../../app/toast-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { ScanLine } from '../../components/scan-line';
import { SEVERITY_LABELS, SeverityBadge } from '../../components/severity-badge';
import { useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState } from '../../hooks/use-query';
import { formatCount, plural } from '../../lib/format';
import { FindingItem, type TriageAction } from './finding-item';
import { countBy, filterFindings, groupFindings, policyFilterName, queryFromView, viewFromQuery, type FindingsView, type GroupBy } from './findings-model';
import { useReopenFinding } from './mutations';
import { ALL_FINDINGS, findingsQuery } from './queries';
import { AcceptRiskDialog, ResolveDialog } from './triage-dialogs';

const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'rule', label: 'Rule' },
  { value: 'step', label: 'Step' },
  { value: 'severity', label: 'Severity' },
];

/** `#/findings`: every finding of the newest scan, grouped, filtered, expandable, with triage. */
export function FindingsScreen(): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [query, setQuery] = useHashQuery();
  const view = useMemo(() => viewFromQuery(query), [query]);
  const findings = useQueryState(findingsQuery(api, ALL_FINDINGS));
  const reopen = useReopenFinding();
  const [changes, setChanges] = useState<Record<string, Pick<FindingRow, 'status' | 'acceptance'>>>({});
  const [dialog, setDialog] = useState<{ action: 'accept' | 'resolve'; finding: FindingRow } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const change = (patch: Partial<FindingsView>): void => setQuery(queryFromView({ ...view, ...patch }));

  const all = useMemo(() => {
    if (findings.status !== 'ready') return [];
    return findings.data.findings.map((finding) => {
      const changed = changes[finding.fingerprint];
      return changed === undefined ? finding : { ...finding, ...changed };
    });
  }, [findings, changes]);
  const shown = useMemo(() => filterFindings(all, view), [all, view]);
  const groups = useMemo(() => groupFindings(shown, view.groupBy), [shown, view.groupBy]);
  const rules = useMemo(() => [...new Set(all.map((finding) => finding.ruleId))].sort(), [all]);
  const bySeverity = useMemo(() => countBy(all, (finding) => finding.severity), [all]);
  const newCount = useMemo(() => all.filter((finding) => finding.isNew).length, [all]);

  const applied = (changed: Pick<FindingRow, 'fingerprint' | 'status' | 'acceptance'>, message: string): void => {
    setChanges((current) => ({ ...current, [changed.fingerprint]: { status: changed.status, acceptance: changed.acceptance } }));
    setDialog(null);
    toast(message, 'success');
  };

  const act = (finding: FindingRow, action: TriageAction): void => {
    if (action !== 'reopen') {
      setDialog({ action, finding });
      return;
    }
    setBusy(finding.fingerprint);
    reopen.mutateAsync({ fingerprint: finding.fingerprint, reason: '' }).then(
      (changed) => {
        setBusy(null);
        applied(changed, 'Finding reopened; recorded in the audit log.');
      },
      (failure: unknown) => {
        setBusy(null);
        toast(`Could not reopen: ${toApiError(failure).message}`, 'danger');
      },
    );
  };

  return (
    <div className="stack">
      <PageHeader title="Findings" description="Each rule broken by one identity or resource, with why it matters, the evidence and a fix to copy. Accept a risk for a while, or mark it resolved." />
      {findings.status === 'loading' ? (
        <LoadingState label="Loading the findings…" rows={6} />
      ) : findings.status === 'error' ? (
        <ErrorState what="the findings" error={findings.error} onRetry={findings.reload} />
      ) : findings.data.scan === null ? (
        <EmptyState icon="alert" title="Nothing scanned yet" actions={<DemoOfferButton />}>
          <p>Findings come from a scan. Scan an account or import its exports first.</p>
        </EmptyState>
      ) : (
        <>
          <ScanLine scan={findings.data.scan} />
          <div className="findings-summary" aria-label="Findings by severity">
            {SEVERITY_NAMES.map((severity) => (
              <button
                key={severity}
                type="button"
                className={view.severity === severity ? 'severity-tile severity-tile--on' : 'severity-tile'}
                aria-pressed={view.severity === severity}
                onClick={() => change({ severity: view.severity === severity ? null : severity })}
              >
                <SeverityBadge severity={severity} />
                <span className="severity-tile__count">{formatCount(bySeverity[severity] ?? 0)}</span>
              </button>
            ))}
          </div>
          <div className="findings-toolbar">
            <div className="tabs" role="tablist" aria-label="Which findings">
              <button type="button" role="tab" aria-selected={!view.newOnly} className="tabs__tab" onClick={() => change({ newOnly: false })}>
                All <span className="tabs__count">{formatCount(all.length)}</span>
              </button>
              <button type="button" role="tab" aria-selected={view.newOnly} className="tabs__tab" onClick={() => change({ newOnly: true })}>
                New since last scan <span className="tabs__count">{formatCount(newCount)}</span>
              </button>
            </div>
            <div className="segmented" role="radiogroup" aria-label="Group by">
              <span className="filter__label">Group by</span>
              {GROUPS.map((group) => (
                <label key={group.value} className={view.groupBy === group.value ? 'segmented__option segmented__option--on' : 'segmented__option'}>
                  <input type="radio" name="group-by" value={group.value} checked={view.groupBy === group.value} onChange={() => change({ groupBy: group.value })} />
                  {group.label}
                </label>
              ))}
            </div>
          </div>
          <div className="filters" aria-label="Filter the findings" role="search">
            <label className="filter">
              <span className="filter__label">Severity</span>
              <select className="select select--sm" value={view.severity ?? ''} onChange={(event) => change({ severity: SEVERITY_NAMES.find((name) => name === event.target.value) ?? null })}>
                <option value="">Any severity</option>
                {SEVERITY_NAMES.map((severity) => (
                  <option key={severity} value={severity}>
                    {SEVERITY_LABELS[severity]}
                  </option>
                ))}
              </select>
            </label>
            <label className="filter">
              <span className="filter__label">Status</span>
              <select
                className="select select--sm"
                value={view.status ?? ''}
                onChange={(event) => {
                  const value = event.target.value;
                  change({ status: value === 'new' || value === 'open' || value === 'accepted' || value === 'resolved' || value === 'regressed' ? value : null });
                }}
              >
                <option value="">Any status</option>
                <option value="new">New</option>
                <option value="open">Open</option>
                <option value="regressed">Regressed</option>
                <option value="accepted">Accepted</option>
                <option value="resolved">Resolved</option>
              </select>
            </label>
            <label className="filter">
              <span className="filter__label">Rule</span>
              <select className="select select--sm" value={view.rule ?? ''} onChange={(event) => change({ rule: event.target.value === '' ? null : event.target.value, policy: null })}>
                <option value="">Any rule</option>
                {rules.map((rule) => (
                  <option key={rule} value={rule}>
                    {rule}
                  </option>
                ))}
              </select>
            </label>
            {view.policy !== null ? (
              <span className="filter filter--applied" data-testid="policy-filter">
                <span className="filter__label">Policy</span>
                <span className="filter__value">{policyFilterName(all, view.policy)}</span>
                <button type="button" className="btn btn--ghost btn--sm" onClick={() => change({ policy: null })}>
                  Every policy
                </button>
              </span>
            ) : null}
            <p className="findings-count" role="status" data-testid="findings-count">
              {formatCount(shown.length)} of {plural(all.length, 'finding', 'findings')}
            </p>
          </div>
          {groups.length === 0 ? (
            <EmptyState icon="check-circle" title={all.length === 0 ? 'No findings' : 'No finding matches'} headingLevel={2}>
              <p>{all.length === 0 ? 'This scan broke no rule.' : view.newOnly ? 'Nothing new since the previous scan.' : 'Change the filters to see more.'}</p>
            </EmptyState>
          ) : (
            groups.map((group) => (
              <section key={group.key} className="finding-group" aria-labelledby={`group-${group.key}`}>
                <h2 className="finding-group__title" id={`group-${group.key}`}>
                  <span className={group.key === group.title ? 'mono' : undefined}>{group.title}</span>
                  <span className="finding-group__count">{group.findings.length}</span>
                  {group.subtitle !== null ? <span className="finding-group__sub">{group.subtitle}</span> : null}
                </h2>
                <ul className="finding-list">
                  {group.findings.map((finding) => (
                    <FindingItem
                      key={finding.fingerprint}
                      finding={finding}
                      expanded={view.open === finding.fingerprint}
                      onToggle={() => change({ open: view.open === finding.fingerprint ? null : finding.fingerprint })}
                      onAction={(action) => act(finding, action)}
                      busy={busy === finding.fingerprint}
                    />
                  ))}
                </ul>
              </section>
            ))
          )}
          <Panel title="Resolved since the last scan" description="Findings the previous scan had and this one no longer has." flush>
            {findings.data.resolvedSinceLastScan.length === 0 ? (
              <p className="panel__empty">Nothing was resolved since the previous scan.</p>
            ) : (
              <ul className="finding-list finding-list--resolved" data-testid="resolved-since">
                {findings.data.resolvedSinceLastScan.map((finding) => (
                  <li key={finding.fingerprint} className="resolved-item">
                    <SeverityBadge severity={finding.severity} />
                    <span>{finding.title}</span>
                    <span className="mono data-table__muted">{finding.ruleId}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
      {dialog?.action === 'accept' ? (
        <AcceptRiskDialog finding={dialog.finding} onClose={() => setDialog(null)} onDone={(changed) => applied(changed, 'Risk accepted; recorded in the audit log.')} />
      ) : dialog?.action === 'resolve' ? (
        <ResolveDialog finding={dialog.finding} onClose={() => setDialog(null)} onDone={(changed) => applied(changed, 'Marked resolved; recorded in the audit log.')} />
      ) : null}
    </div>
  );
}
