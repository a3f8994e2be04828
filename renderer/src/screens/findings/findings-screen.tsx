import '../../components/analysis.css';
import './findings.css';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FINDING_STATUSES, SEVERITY_NAMES, type FindingRow, type FindingSummary } from '@shared/contract';
import { tierLookup } from '@shared/overview-filters';
import { findingsCsv, findingsJsonText } from '@shared/findings-export';
import { ocsfJson, ocsfJsonLines } from '@shared/ocsf-export';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { DemoOfferButton } from '../../app/demo-offer';
import { useToast } from '../../app/toast-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { FilterLimit } from '../../components/filter-limit';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Button } from '../../components/button';
import { accountNameOf, accountOptions, ViewLine } from '../../components/view-line';
import { SEVERITY_LABELS, SeverityBadge } from '../../components/severity-badge';
import { queryFromHash, useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState } from '../../hooks/use-query';
import { exportFileName } from '@shared/export-file-name';
import { downloadText } from '../../lib/download-file';
import { exportOnly, exportScansText } from '../../lib/export-scope';
import { formatCount, plural } from '../../lib/format';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { FindingItem, type TriageAction } from './finding-item';
import { countFindings, filterFindings, groupFindings, policyFilterName, queryFromView, STEP_NAMES, viewFromQuery, type FindingsView, type GroupBy } from './findings-model';
import { useReopenFinding } from './mutations';
import { agentRowsQuery, findingsQuery, ownersQuery } from './queries';
import { AcceptRiskDialog, ResolveDialog } from './triage-dialogs';

/** How long typing pauses before the search is written to the address. */
const SEARCH_SETTLE_MS = 300;

/** The label of a list of statuses or severities an address (an Overview figure) may name. */
function listLabel(values: readonly string[]): string {
  if (values.length === 3 && ['new', 'open', 'regressed'].every((value) => values.includes(value))) return 'Open (new, open or regressed)';
  return values.map((value) => value.charAt(0).toUpperCase() + value.slice(1)).join(', ');
}

const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'rule', label: 'Rule' },
  { value: 'step', label: 'Step' },
  { value: 'severity', label: 'Severity' },
];

/**
 * `#/findings`: every finding of every account's newest scan (or of one account, `?account=`, or of
 * one scan, `?scan=`, a past view said so), grouped, filtered, searched, expandable, with triage of
 * one finding or of a selection, and an export of what is shown as the CLI writes it.
 */
export function FindingsScreen(): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [query, setQuery] = useHashQuery();
  const queryText = query.toString();
  const addressView = useMemo(() => viewFromQuery(query), [query]);
  // The search filters on every keystroke; the address follows once typing pauses. A typed text holds
  // while the address it was typed over is the current one: Back or a link wins over it.
  const [typed, setTyped] = useState<{ search: string; over: string } | null>(null);
  const view = useMemo(() => (typed !== null && typed.over === queryText ? { ...addressView, search: typed.search } : addressView), [addressView, typed, queryText]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
  const choice = { scanId: view.scan, accountId: view.account };
  const findings = useQueryState(findingsQuery(api, { ...choice, severity: null, ruleId: null, status: null }));
  const owners = useQuery(ownersQuery(api, choice));
  // The tier of each finding's principal, from the same view's inventory rows: only asked for when a tier filter is on.
  const agentRows = useQuery({ ...agentRowsQuery(api, choice), enabled: view.tier !== null });
  const reopen = useReopenFinding();
  const [changes, setChanges] = useState<Record<string, Pick<FindingSummary, 'status' | 'acceptance'>>>({});
  const [dialog, setDialog] = useState<{ action: 'accept' | 'resolve'; findings: FindingSummary[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const change = (patch: Partial<FindingsView>): void => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
    setTyped(null);
    setQuery(queryFromView({ ...view, ...patch }));
  };
  const typeSearch = (search: string): void => {
    if (pending.current !== null) clearTimeout(pending.current);
    setTyped({ search, over: queryText });
    const base = addressView;
    pending.current = setTimeout(() => {
      pending.current = null;
      // The address moved on (Back, a link) since the text was typed: it wins.
      if (new URLSearchParams(queryFromHash(window.location.hash)).toString() !== queryText) return;
      setQuery(queryFromView({ ...base, search }));
    }, SEARCH_SETTLE_MS);
  };

  const ownerByArn = owners.data;
  const ownerOf = useMemo(() => (finding: FindingSummary): string | null => (finding.principalArn === null ? null : (ownerByArn?.get(finding.principalArn) ?? null)), [ownerByArn]);

  const all = useMemo(() => {
    if (findings.status !== 'ready') return [];
    return findings.data.findings.map((finding) => {
      const changed = changes[finding.fingerprint];
      return changed === undefined ? finding : { ...finding, ...changed };
    });
  }, [findings, changes]);
  const tierOf = useMemo(() => (agentRows.data === undefined ? undefined : tierLookup(agentRows.data)), [agentRows.data]);
  const resolvedSince = useMemo(() => (findings.status === 'ready' ? findings.data.resolvedSinceLastScan : []), [findings]);
  const listed = view.resolvedSince ? resolvedSince : all;
  // A tier filter waits for the inventory rows rather than show a wrong count.
  const tiersPending = view.tier !== null && tierOf === undefined;
  const shown = useMemo(() => (tiersPending ? [] : filterFindings(listed, view, ownerOf, tierOf)), [listed, view, ownerOf, tierOf, tiersPending]);
  const groups = useMemo(() => groupFindings(shown, view.groupBy), [shown, view.groupBy]);
  const rules = useMemo(() => [...new Set(all.map((finding) => finding.ruleId))].sort(), [all]);
  const counts = useMemo(() => countFindings(all), [all]);
  const newCount = useMemo(() => all.filter((finding) => finding.isNew).length, [all]);
  // Only what is shown can be selected: a filter change leaves hidden findings out of the next decision.
  const shownSelected = useMemo(() => shown.filter((finding) => selected.has(finding.fingerprint)), [shown, selected]);
  const allShownSelected = shown.length > 0 && shownSelected.length === shown.length;
  const accounts = findings.status === 'ready' ? findings.data.view.accounts : [];
  const accountOf = (finding: FindingSummary): string => accountNameOf(accounts, finding.accountId);

  const applied = (changed: readonly Pick<FindingSummary, 'fingerprint' | 'status' | 'acceptance'>[], message: string): void => {
    setChanges((current) => {
      const next = { ...current };
      for (const one of changed) next[one.fingerprint] = { status: one.status, acceptance: one.acceptance };
      return next;
    });
    setDialog(null);
    setSelected(new Set());
    toast(message, 'success');
  };

  const select = (fingerprint: string, on: boolean): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(fingerprint);
      else next.delete(fingerprint);
      return next;
    });

  const act = (finding: FindingSummary, action: TriageAction): void => {
    if (action !== 'reopen') {
      setDialog({ action, findings: [finding] });
      return;
    }
    setBusy(finding.fingerprint);
    reopen.mutateAsync({ fingerprint: finding.fingerprint, reason: '' }).then(
      (changed) => {
        setBusy(null);
        applied([changed], 'Finding reopened; recorded in the audit log.');
      },
      (failure: unknown) => {
        setBusy(null);
        toast(`Could not reopen: ${toApiError(failure).message}`, 'danger');
      },
    );
  };

  // The list holds summaries: an export reads the whole rows of the view (evidence, texts) at the
  // click and writes those of the findings shown, in the order shown, with the decisions made here.
  const wholeRowsOf = async (rows: readonly FindingSummary[]): Promise<FindingRow[]> => {
    const reply = await api.invoke('findings:list', { ...choice, severity: null, ruleId: null, status: null });
    const byKey = new Map([...reply.findings, ...reply.resolvedSinceLastScan].map((row) => [`${row.scanId}\n${row.fingerprint}`, row] as const));
    return rows.flatMap((row) => {
      const whole = byKey.get(`${row.scanId}\n${row.fingerprint}`);
      return whole === undefined ? [] : [{ ...whole, status: row.status, acceptance: row.acceptance }];
    });
  };

  const exportShown = (format: 'csv' | 'json'): void => {
    if (findings.status !== 'ready') return;
    const scans = findings.data.view.scans;
    wholeRowsOf(shown).then(
      (rows) => {
        if (format === 'csv') downloadText(exportFileName('findings', scans, 'csv', new Date()), 'text/csv', findingsCsv(rows));
        else downloadText(exportFileName('findings', scans, 'json', new Date()), 'application/json', findingsJsonText(scans, rows));
        toast(`Exported ${plural(rows.length, 'finding', 'findings')} as ${format.toUpperCase()}.`, 'success');
      },
      (failure: unknown) => toast(`Could not export: ${toApiError(failure).message}`, 'danger'),
    );
  };

  // OCSF as `warden export findings --format ocsf|ocsf-jsonl` writes it, for the findings shown; the
  // owner and tier of each agent come from the inventory of the same view, asked at the click.
  const exportOcsf = (format: 'ocsf' | 'ocsf-jsonl'): void => {
    if (findings.status !== 'ready') return;
    const scans = findings.data.view.scans;
    Promise.all([wholeRowsOf(shown), api.invoke('agents:list', choice), api.invoke('app:info', {})]).then(
      ([rows, inventory, info]) => {
        const context = {
          productName: info.name,
          productVersion: info.version,
          now: Date.now(),
          agents: new Map(inventory.agents.map((a) => [a.arn, { name: a.name, owner: a.owner, tier: a.tier }] as const)),
          scans: new Map(scans.map((scan) => [scan.id, scan] as const)),
        };
        if (format === 'ocsf') downloadText(exportFileName('findings', scans, 'ocsf.json', new Date()), 'application/json', ocsfJson(rows, context));
        else downloadText(exportFileName('findings', scans, 'ocsf.jsonl', new Date()), 'application/x-ndjson', ocsfJsonLines(rows, context));
        toast(`Exported ${plural(rows.length, 'finding', 'findings')} as OCSF ${format === 'ocsf' ? 'JSON' : 'JSON Lines'}.`, 'success');
      },
      (failure: unknown) => toast(`Could not export: ${toApiError(failure).message}`, 'danger'),
    );
  };

  // SARIF is written in the back end, where the rule catalogue is, by the CLI's writer: the findings
  // shown are named by fingerprint (none when the screen shows the whole view).
  const exportSarif = (): void => {
    if (findings.status !== 'ready') return;
    const rows = exportOnly(
      shown.map((finding) => finding.fingerprint),
      !view.resolvedSince && shown.length === all.length,
    );
    if (rows === 'too-many') {
      toast(`${formatCount(shown.length)} findings are too many to name one by one: narrow the filters, or export them all from Reports or with warden export findings --format sarif.`, 'danger');
      return;
    }
    api.invoke('exports:findings', { ...choice, format: 'sarif', ...rows }).then(
      (file) => {
        downloadText(file.fileName, file.mediaType, file.text);
        toast(`Exported ${plural(file.count, 'finding', 'findings')} as SARIF.`, 'success');
      },
      (failure: unknown) => toast(`Could not export: ${toApiError(failure).message}`, 'danger'),
    );
  };

  const decidable = shownSelected.filter((finding) => finding.status !== 'accepted' && finding.status !== 'resolved');

  return (
    <div className="stack">
      <PageHeader title="Findings" description="Each rule broken by one identity or resource, with why it matters, the evidence and a fix to copy. Accept a risk for a while, or mark it resolved." />
      {findings.status === 'loading' ? (
        <LoadingState label="Loading the findings…" rows={6} />
      ) : findings.status === 'error' ? (
        <ErrorState what="the findings" error={findings.error} onRetry={findings.reload} />
      ) : findings.data.view.scans.length === 0 ? (
        <EmptyState icon="alert" title="Nothing scanned yet" actions={<DemoOfferButton />}>
          <p>Findings come from a scan. Scan an account or import its exports first.</p>
        </EmptyState>
      ) : (
        <>
          <ViewLine view={findings.data.view} currentHref="#/findings" />
          <p className="findings-totals" data-testid="findings-totals">
            <strong>{formatCount(counts.open)} open</strong> · {formatCount(counts.accepted)} accepted{counts.resolved > 0 ? ` · ${formatCount(counts.resolved)} resolved by hand` : ''}
            {findings.data.view.scans.length > 1 ? `, across ${findings.data.view.scans.length} accounts` : ''}
            <span className="findings-totals__note"> · the severity counts are open findings only; accepted risks are counted apart</span>
          </p>
          <div className="findings-summary" aria-label="Open findings by severity (accepted risks counted apart)">
            {SEVERITY_NAMES.map((severity) => (
              <button
                key={severity}
                type="button"
                className={view.severities.includes(severity) ? 'severity-tile severity-tile--on' : 'severity-tile'}
                aria-pressed={view.severities.includes(severity)}
                onClick={() => change({ severities: view.severities.length === 1 && view.severities[0] === severity ? [] : [severity] })}
                data-testid={`severity-${severity}`}
              >
                <SeverityBadge severity={severity} />
                <span className="severity-tile__count">{formatCount(counts.openBySeverity[severity] ?? 0)}</span>
                <span className="severity-tile__accepted">{(counts.acceptedBySeverity[severity] ?? 0) > 0 ? `+${formatCount(counts.acceptedBySeverity[severity] ?? 0)} accepted` : 'open'}</span>
              </button>
            ))}
          </div>
          <div className="findings-toolbar">
            <div className="tabs" role="tablist" aria-label="Which findings">
              <button type="button" role="tab" aria-selected={!view.newOnly && !view.resolvedSince} className="tabs__tab" onClick={() => change({ newOnly: false, resolvedSince: false })}>
                All <span className="tabs__count">{formatCount(all.length)}</span>
              </button>
              <button type="button" role="tab" aria-selected={view.newOnly && !view.resolvedSince} className="tabs__tab" onClick={() => change({ newOnly: true, resolvedSince: false })}>
                New since last scan <span className="tabs__count">{formatCount(newCount)}</span>
              </button>
              <button type="button" role="tab" aria-selected={view.resolvedSince} className="tabs__tab" onClick={() => change({ newOnly: false, resolvedSince: true })} data-testid="tab-resolved-since">
                Resolved since last scan <span className="tabs__count">{formatCount(resolvedSince.length)}</span>
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
            <label className="filter filter--search">
              <span className="filter__label">Search</span>
              <input
                type="search"
                className="input input--sm"
                placeholder="Title, rule, identity or resource, owner"
                value={view.search}
                onChange={(event) => typeSearch(event.target.value)}
                maxLength={TEXT_LIMITS.findingsSearch}
                aria-describedby="findings-search-limit"
                data-testid="findings-search"
              />
              <FilterLimit id="findings-search-limit" length={view.search.length} max={TEXT_LIMITS.findingsSearch} testId="findings-search-limit" />
            </label>
            {accounts.length > 1 || view.account !== null ? (
              <label className="filter">
                <span className="filter__label">Account</span>
                <select
                  className="select select--sm"
                  value={view.account ?? ''}
                  onChange={(event) => change({ account: event.target.value === '' ? null : event.target.value, open: null })}
                  data-testid="findings-account"
                >
                  <option value="">All accounts</option>
                  {accountOptions(accounts).map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="filter">
              <span className="filter__label">Severity</span>
              <select
                className="select select--sm"
                value={view.severities.join(',')}
                onChange={(event) => change({ severities: SEVERITY_NAMES.filter((name) => event.target.value.split(',').includes(name)) })}
                data-testid="findings-severity"
              >
                <option value="">Any severity</option>
                {view.severities.length > 1 ? <option value={view.severities.join(',')}>{listLabel(view.severities)}</option> : null}
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
                value={view.statuses.join(',')}
                onChange={(event) => change({ statuses: FINDING_STATUSES.filter((name) => event.target.value.split(',').includes(name)) })}
                data-testid="findings-status"
              >
                <option value="">Any status</option>
                {view.statuses.length > 1 ? <option value={view.statuses.join(',')}>{listLabel(view.statuses)}</option> : null}
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
            {view.step !== null ? (
              <span className="filter filter--applied" data-testid="step-filter">
                <span className="filter__label">Step</span>
                <span className="filter__value">
                  {view.step}: {STEP_NAMES[view.step] ?? 'Other'}
                </span>
                <button type="button" className="btn btn--ghost btn--sm" onClick={() => change({ step: null })}>
                  Every step
                </button>
              </span>
            ) : null}
            {view.tier !== null ? (
              <span className="filter filter--applied" data-testid="tier-filter">
                <span className="filter__label">Identity tier</span>
                <span className="filter__value">{view.tier === 'none' ? 'Not an inventory identity' : `Tier ${view.tier}`}</span>
                <button type="button" className="btn btn--ghost btn--sm" onClick={() => change({ tier: null })}>
                  Every tier
                </button>
              </span>
            ) : null}
            <p className="findings-count" role="status" data-testid="findings-count">
              {tiersPending ? 'Counting…' : `${formatCount(shown.length)} of ${view.resolvedSince ? `${plural(listed.length, 'finding', 'findings')} resolved since the last scan` : plural(listed.length, 'finding', 'findings')}`}
            </p>
          </div>
          {view.resolvedSince ? null : (
          <>
          <div className="bulk-bar" role="toolbar" aria-label="Act on the shown findings">
            <label className="bulk-bar__all">
              <input
                type="checkbox"
                checked={allShownSelected}
                ref={(box) => {
                  if (box !== null) box.indeterminate = shownSelected.length > 0 && !allShownSelected;
                }}
                onChange={(event) => setSelected(event.target.checked ? new Set(shown.map((finding) => finding.fingerprint)) : new Set())}
                disabled={shown.length === 0}
                data-testid="select-all-shown"
              />
              Select all {formatCount(shown.length)} shown
            </label>
            {shownSelected.length > 0 ? (
              <>
                <span className="bulk-bar__count" data-testid="selected-count">
                  {formatCount(shownSelected.length)} selected
                </span>
                <Button size="sm" icon="check-circle" onClick={() => setDialog({ action: 'accept', findings: decidable })} disabled={decidable.length === 0}>
                  Accept risk…
                </Button>
                <Button size="sm" icon="check" onClick={() => setDialog({ action: 'resolve', findings: decidable })} disabled={decidable.length === 0}>
                  Mark resolved…
                </Button>
                {decidable.length < shownSelected.length ? (
                  <span className="bulk-bar__note">{plural(shownSelected.length - decidable.length, 'is', 'are')} already accepted or resolved and left out</span>
                ) : null}
                <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                  Clear selection
                </Button>
              </>
            ) : null}
            <span className="bulk-bar__export">
              <span className="bulk-bar__hint" data-testid="findings-export-hint">
                Exports the {plural(shown.length, 'finding', 'findings')} shown, from {exportScansText(findings.data.view.scans)}
              </span>
              <Button size="sm" icon="file" onClick={() => exportShown('csv')} disabled={shown.length === 0}>
                Export CSV
              </Button>
              <Button size="sm" icon="file" onClick={() => exportShown('json')} disabled={shown.length === 0}>
                Export JSON
              </Button>
              <Button size="sm" icon="file" onClick={() => exportOcsf('ocsf')} disabled={shown.length === 0} title="OCSF 1.3.0 Detection Findings, as a JSON array">
                Export OCSF JSON
              </Button>
              <Button size="sm" icon="file" onClick={() => exportOcsf('ocsf-jsonl')} disabled={shown.length === 0} title="OCSF 1.3.0 Detection Findings, one a line">
                Export OCSF JSONL
              </Button>
              <Button size="sm" icon="file" onClick={exportSarif} disabled={shown.length === 0} title="SARIF 2.1.0 (GitHub code scanning and other code-scanning dashboards), as warden export findings --format sarif writes it">
                Export SARIF
              </Button>
            </span>
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
                      selected={selected.has(finding.fingerprint)}
                      onSelect={(on) => select(finding.fingerprint, on)}
                      account={accountOf(finding)}
                      owner={ownerOf(finding)}
                    />
                  ))}
                </ul>
              </section>
            ))
          )}
          </>
          )}
          <Panel title="Resolved since the last scan" description={view.resolvedSince ? 'Findings the previous scan had and this one no longer has, as the filters above narrow them.' : 'Findings the previous scan had and this one no longer has.'} flush>
            {(view.resolvedSince ? shown : resolvedSince).length === 0 ? (
              <p className="panel__empty">{resolvedSince.length === 0 ? 'Nothing was resolved since the previous scan.' : 'No resolved finding matches.'}</p>
            ) : (
              <ul className="finding-list finding-list--resolved" data-testid="resolved-since">
                {(view.resolvedSince ? shown : resolvedSince).map((finding) => (
                  <li key={finding.fingerprint} className="resolved-item">
                    <SeverityBadge severity={finding.severity} />
                    <span>{finding.title}</span>
                    <span className="mono data-table__muted">{finding.ruleId}</span>
                    <span className="data-table__muted">{accountOf(finding)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
      {dialog?.action === 'accept' ? (
        <AcceptRiskDialog
          findings={dialog.findings}
          onClose={() => setDialog(null)}
          onDone={(changed) => applied(changed, changed.length === 1 ? 'Risk accepted; recorded in the audit log.' : `Risk accepted for ${changed.length} findings; each recorded in the audit log.`)}
        />
      ) : dialog?.action === 'resolve' ? (
        <ResolveDialog
          findings={dialog.findings}
          onClose={() => setDialog(null)}
          onDone={(changed) => applied(changed, changed.length === 1 ? 'Marked resolved; recorded in the audit log.' : `${changed.length} findings marked resolved; each recorded in the audit log.`)}
        />
      ) : null}
    </div>
  );
}
