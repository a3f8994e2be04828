import '../../components/analysis.css';
import './policies.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BuiltInPolicyInfo, ChannelOutput, UserPolicyInfo, PolicyEvaluationInfo } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { DemoOfferButton } from '../../app/demo-offer';
import { useToast } from '../../app/toast-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { Callout } from '../../components/callout';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { SeverityBadge } from '../../components/severity-badge';
import { accountNameOf, accountOptions, ViewLine } from '../../components/view-line';
import { navigate, useHashPath } from '../../hooks/use-hash-path';
import { useHashQuery } from '../../hooks/use-hash-query';
import { useQueryState, type Query } from '../../hooks/use-query';
import { plural } from '../../lib/format';
import { PolicyEditor } from './policy-editor';
import { editPolicyPath, evaluationSummary, NEW_POLICY_PATH, parsePoliciesRoute, POLICIES_PATH, policyFindingsPath, toggledInput } from './policy-model';
import { useDeletePolicy, useSavePolicy } from './mutations';
import { policiesQuery } from './queries';

type PolicyList = ChannelOutput<'policies:list'>;
type ListedPolicy = PolicyList['policies'][number];

/** `#/policies`, `#/policies/new`, `#/policies/edit/<id>`: governance policies, and the editor for the team's own. */
export function PoliciesScreen(): ReactNode {
  const api = useApi();
  const route = parsePoliciesRoute(useHashPath());
  const [query, setQuery] = useHashQuery();
  // The list's figures and the editor's test cover every account, or the one in `?account=ID`.
  const accountId = query.get('account');
  const list = useQueryState(policiesQuery(api, accountId));
  const setAccount = (value: string | null): void => {
    const next = new URLSearchParams(query);
    if (value === null) next.delete('account');
    else next.set('account', value);
    setQuery(next);
  };
  const view = route.view === 'edit' ? `edit:${route.id}` : route.view;
  const shownView = useRef(view);

  // Moving between the list and the editor stays in this screen: take the focus to the new heading.
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    document.querySelector<HTMLElement>('[data-screen-heading]')?.focus();
  }, [view]);

  if (route.view === 'list') return <PolicyListView list={list} accountId={accountId} onAccount={setAccount} />;
  if (list.status === 'loading') return <LoadingState label="Loading the policy…" rows={4} />;
  if (list.status === 'error') return <ErrorState what="the policies" error={list.error} onRetry={list.reload} />;
  const accounts = list.data.view.accounts;
  if (route.view === 'new') return <PolicyEditor key="new" policy={null} accounts={accounts} accountId={accountId} onAccount={setAccount} />;
  const policy = list.data.policies.find((candidate) => candidate.id === route.id);
  if (policy === undefined) {
    return (
      <div className="stack">
        <PageHeader title="Policy not found" />
        <EmptyState icon="shield" title="There is no such policy" actions={<Button onClick={() => navigate(POLICIES_PATH)}>All policies</Button>}>
          <p>It may have been deleted, or this link comes from another workspace.</p>
        </EmptyState>
      </div>
    );
  }
  return <PolicyEditor key={policy.id} policy={policy} accounts={accounts} accountId={accountId} onAccount={setAccount} />;
}

/** The account filter of the list and the editor's test: every account, or one. */
export function AccountFilter({ accounts, accountId, onAccount }: { accounts: PolicyList['view']['accounts']; accountId: string | null; onAccount: (accountId: string | null) => void }): ReactNode {
  if (accounts.length < 2 && accountId === null) return null;
  return (
    <label className="filter">
      <span className="filter__label">Account</span>
      <select className="select select--sm" value={accountId ?? ''} onChange={(event) => onAccount(event.target.value === '' ? null : event.target.value)} data-testid="policies-account">
        <option value="">All accounts</option>
        {accountOptions(accounts).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function PolicyListView({ list, accountId, onAccount }: { list: Query<PolicyList>; accountId: string | null; onAccount: (accountId: string | null) => void }): ReactNode {
  return (
    <div className="stack">
      <PageHeader
        title="Policies"
        description="Rules every agent must satisfy (step 10, governance as code), checked on every scan. The built-in ones come with Agent Warden; write your team’s own as small CEL expressions, evaluated here on this machine."
        actions={
          <Button variant="primary" icon="plus" onClick={() => navigate(NEW_POLICY_PATH)}>
            New policy
          </Button>
        }
      />
      {list.status === 'loading' ? (
        <LoadingState label="Loading the policies…" rows={4} />
      ) : list.status === 'error' ? (
        <ErrorState what="the policies" error={list.error} onRetry={list.reload} />
      ) : (
        <>
          {list.data.view.scans.length > 0 ? (
            <>
              <ViewLine view={list.data.view} currentHref="#/policies" />
              <div className="filters">
                <AccountFilter accounts={list.data.view.accounts} accountId={accountId} onAccount={onAccount} />
              </div>
            </>
          ) : accountId !== null ? (
            <Callout tone="info" title={`No scan of ${accountNameOf(list.data.view.accounts, accountId)}`}>
              <p>This account has no completed scan in this workspace.</p>
              <Button size="sm" onClick={() => onAccount(null)}>
                Show all accounts
              </Button>
            </Callout>
          ) : (
            <Callout tone="info" title="Nothing scanned yet">
              <p>Policies are checked on every scan. Write them now; their figures appear after the first scan or import.</p>
              <DemoOfferButton />
            </Callout>
          )}
          <UserPolicies policies={list.data.policies} hasScan={list.data.view.scans.length > 0} figuresOf={figuresHeader(list.data.view)} />
          <BuiltInPolicies policies={list.data.builtIn} figuresOf={figuresHeader(list.data.view)} />
        </>
      )}
    </div>
  );
}

function EvaluationCell({ policy, hasScan }: { policy: ListedPolicy; hasScan: boolean }): ReactNode {
  const evaluation: PolicyEvaluationInfo | null = policy.evaluation;
  if (!hasScan) return <span className="data-table__muted">No scan yet</span>;
  return (
    <div className="policy-evaluation">
      <span className={evaluation !== null && evaluation.failing > 0 ? 'policy-evaluation__failing' : undefined}>{evaluationSummary(evaluation, policy.enabled)}</span>
      {policy.enabled && evaluation !== null && evaluation.failing > 0 ? (
        <a href={`#${policyFindingsPath(policy.id)}`} className="policy-evaluation__link">
          See findings
        </a>
      ) : null}
      {policy.enabled && evaluation?.compileError != null ? <span className="policy-evaluation__error">{evaluation.compileError}</span> : null}
      {policy.enabled && evaluation !== null && evaluation.errors > 0 ? (
        <span className="policy-evaluation__warning" title={evaluation.firstError ?? undefined}>
          Could not be evaluated for {plural(evaluation.errors, 'agent', 'agents')}
          {evaluation.firstError !== null ? `. First: ${evaluation.firstError}` : ''}
        </span>
      ) : null}
    </div>
  );
}

/** The header of the figures column: what the counts add up over. */
function figuresHeader(view: PolicyList['view']): string {
  if (view.accountId !== null) return `In ${accountNameOf(view.accounts, view.accountId)}`;
  return view.scans.length > 1 ? `All ${view.scans.length} accounts` : 'Newest scan';
}

function UserPolicies({ policies, hasScan, figuresOf }: { policies: ListedPolicy[]; hasScan: boolean; figuresOf: string }): ReactNode {
  const save = useSavePolicy();
  const remove = useDeletePolicy();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<UserPolicyInfo | null>(null);

  const toggle = (policy: UserPolicyInfo): void => {
    setBusy(policy.id);
    save.mutateAsync(toggledInput(policy)).then(
      (saved) => {
        setBusy(null);
        toast(saved.enabled ? `“${saved.name}” enabled; every account’s findings follow it.` : `“${saved.name}” disabled; its findings leave every account’s current state.`, 'success');
      },
      (failure: unknown) => {
        setBusy(null);
        toast(`Could not change “${policy.name}”: ${toApiError(failure).message}`, 'danger');
      },
    );
  };

  const columns: DataTableColumn<ListedPolicy>[] = [
    {
      header: 'Policy',
      rowHeader: true,
      cell: (policy) => (
        <>
          <span className="data-table__name">{policy.name}</span>
          {policy.description !== '' ? <span className="data-table__sub">{policy.description}</span> : null}
          <code className="policy-expression" title={policy.condition}>
            {policy.condition}
          </code>
        </>
      ),
    },
    { header: 'Severity', cell: (policy) => <SeverityBadge severity={policy.severity} /> },
    {
      header: 'Applies to',
      cell: (policy) => (policy.appliesTo === null ? <span className="data-table__muted">Every governed agent</span> : <code className="policy-expression">{policy.appliesTo}</code>),
    },
    { header: figuresOf, cell: (policy) => <EvaluationCell policy={policy} hasScan={hasScan} /> },
    {
      header: 'Enabled',
      cell: (policy) => (
        <label className="policy-switch">
          <input type="checkbox" role="switch" checked={policy.enabled} disabled={busy === policy.id} aria-label={`${policy.name}: enabled`} onChange={() => toggle(policy)} />
          <span aria-hidden="true">{policy.enabled ? 'On' : 'Off'}</span>
        </label>
      ),
    },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'policy-actions',
      cell: (policy) => (
        <>
          <Button size="sm" variant="ghost" icon="pencil" aria-label={`Edit ${policy.name}`} onClick={() => navigate(editPolicyPath(policy.id))}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" icon="trash" aria-label={`Delete ${policy.name}`} onClick={() => setDeleting(policy)}>
            Delete
          </Button>
        </>
      ),
    },
  ];

  return (
    <Panel
      title="Your policies"
      description="Written in CEL by your team. Disable one to take its findings out without deleting it; every change is in the audit log."
      flush
    >
      {policies.length === 0 ? (
        <EmptyState
          icon="shield"
          title="No policy of your own yet"
          headingLevel={3}
          actions={
            <Button icon="plus" onClick={() => navigate(NEW_POLICY_PATH)}>
              Write the first one
            </Button>
          }
        >
          <p>For example: every AI agent has an owner, Tier 1 agents are registered, AI workloads stay in EU regions.</p>
        </EmptyState>
      ) : (
        <DataTable
          label="Your policies"
          testId="user-policies"
          className="policy-table"
          columns={columns}
          rows={policies}
          rowKey={(policy) => policy.id}
          rowProps={() => ({ 'data-testid': 'user-policy' })}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        description={<p>Its findings leave the stored scans; the deletion is recorded in the audit log. To pause a policy instead, disable it.</p>}
        confirmLabel="Delete policy"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting === null) return;
          const name = deleting.name;
          await remove.mutateAsync({ id: deleting.id });
          toast(`“${name}” deleted; recorded in the audit log.`, 'success');
        }}
      />
    </Panel>
  );
}

const builtInColumns = (figuresOf: string): DataTableColumn<BuiltInPolicyInfo>[] => [
  {
    header: 'Policy',
    rowHeader: true,
    cell: (policy) => (
      <>
        <span className="data-table__name">
          {policy.name} <Badge>Built-in</Badge>
        </span>
        <span className="data-table__sub">{policy.description}</span>
        <span className="data-table__sub">Reported as {policy.ruleId} findings</span>
      </>
    ),
  },
  { header: 'Severity', cell: (policy) => <SeverityBadge severity={policy.severity} /> },
  { header: 'Applies to', cell: (policy) => policy.scope },
  {
    header: figuresOf,
    cell: (policy) =>
      policy.failing === null ? (
        <span className="data-table__muted">No scan yet</span>
      ) : policy.failing === 0 ? (
        'None failing'
      ) : (
        <div className="policy-evaluation">
          <span className="policy-evaluation__failing">{plural(policy.failing, 'agent fails', 'agents fail')}</span>
          {/* A built-in's violations are its catalogue rule's findings (it raises none of its own). */}
          <a href={`#/findings?rule=${encodeURIComponent(policy.ruleId)}`} className="policy-evaluation__link">
            See findings
          </a>
        </div>
      ),
  },
];

function BuiltInPolicies({ policies, figuresOf }: { policies: BuiltInPolicyInfo[]; figuresOf: string }): ReactNode {
  return (
    <Panel title="Built-in policies" description="Part of Agent Warden; they cannot be edited or switched off. Each one's violations are the findings of its catalogue rule, so a gap is reported once." flush>
      <DataTable label="Built-in policies" testId="built-in-policies" className="policy-table" columns={builtInColumns(figuresOf)} rows={policies} rowKey={(policy) => policy.id} />
    </Panel>
  );
}
