import '../../components/analysis.css';
import './shadow-ai.css';
import { useMemo, useState, type ReactNode } from 'react';
import type { AgentRow, ChannelOutput } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { AgentKindIcon } from '../../components/agent-kind';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { RelativeTime } from '../../components/relative-time';
import { Panel } from '../../components/panel';
import { SeverityCounts } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { accountNameOf, accountOptions, ViewLine } from '../../components/view-line';
import { useHashQuery } from '../../hooks/use-hash-query';
import { TEXT_LIMITS } from '../../lib/text-limits';
import { useQueryState, type Query } from '../../hooks/use-query';
import { plural, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { SIGNAL_LABELS } from '../agent/agent-fields';
import { useUpdateRegistry } from '../inventory/mutations';
import { OnboardingSheet } from './onboarding-sheet';
import { shadowAiAgentsQuery, shadowAiFindingsQuery } from './queries';
import { leftOut, shadowRowKey, shadowRows, type ShadowRow } from './shadow-ai-model';

type ShadowAiData = { agents: ChannelOutput<'agents:list'>; findings: ChannelOutput<'findings:summaries'> };

/** Two queries as one: loading until both are in, the first error, reloading either. */
function both(agents: Query<ShadowAiData['agents']>, findings: Query<ShadowAiData['findings']>): Query<ShadowAiData> {
  const reload = (): void => {
    agents.reload();
    findings.reload();
  };
  const reloading = agents.reloading || findings.reloading;
  if (agents.status === 'error') return { status: 'error', error: agents.error, reload, reloading };
  if (findings.status === 'error') return { status: 'error', error: findings.error, reload, reloading };
  if (agents.status === 'loading' || findings.status === 'loading') return { status: 'loading', reload, reloading };
  return { status: 'ready', data: { agents: agents.data, findings: findings.data }, reload, reloading };
}

function who(agents: readonly AgentRow[]): string {
  const [first] = agents;
  return agents.length === 1 && first !== undefined ? visibleText(first.name) : plural(agents.length, 'agent', 'agents');
}

function DecommissionDialog({ agents, onClose, onDone }: { agents: readonly AgentRow[]; onClose: () => void; onDone: () => void }): ReactNode {
  const update = useUpdateRegistry();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const reasonError = reason.trim().length < 10 ? 'Say why, in at least 10 characters.' : null;

  const submit = (): void => {
    setTried(true);
    if (reasonError !== null) return;
    update.mutate({ arns: agents.map((agent) => agent.arn), patch: { status: 'decommissioned' }, reason: reason.trim() }, { onSuccess: onDone });
  };

  return (
    <FormDialog
      title={`Mark ${who(agents)} decommissioned`}
      description={
        <p>
          Records that the team retired {agents.length === 1 ? 'this identity' : 'these identities'}: {agents.length === 1 ? 'it leaves' : 'they leave'} the Shadow AI list. Agent
          Warden changes nothing in AWS; disable or delete {agents.length === 1 ? 'it' : 'them'} there.
        </p>
      }
      formLabel="Mark the agents decommissioned"
      submitLabel="Mark decommissioned"
      onSubmit={submit}
      onClose={onClose}
      busy={update.isPending}
      error={update.error === null ? null : toApiError(update.error).message}
      errorTitle="Not changed"
    >
      <Field
        label="Reason"
        hint="Required, at least 10 characters; recorded with your name in the audit log."
        error={tried ? reasonError : null}
        limit={{ max: TEXT_LIMITS.registryNote, length: reason.length }}
      >
        {(control) => <textarea {...control} className="input textarea" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={TEXT_LIMITS.registryNote} />}
      </Field>
    </FormDialog>
  );
}

/**
 * `#/shadow-ai`: AI agents nobody registered, in every account's newest scan (or one account's with
 * `?account=ID`), the ones that appeared since the previous scan first. Rows are selected with a
 * checkbox; the actions above the table act on the selection (one primary action on the screen).
 */
export function ShadowAiScreen(): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [query, setQuery] = useHashQuery();
  const accountId = query.get('account');
  const agents = useQueryState(shadowAiAgentsQuery(api, accountId));
  const findings = useQueryState(shadowAiFindingsQuery(api, accountId));
  const data = both(agents, findings);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<{ kind: 'register' | 'decommission'; agents: AgentRow[] } | null>(null);

  const agentRows = agents.status === 'ready' ? agents.data.agents : null;
  const ruleFindings = findings.status === 'ready' ? findings.data.findings : null;
  const rows = useMemo(() => (agentRows === null || ruleFindings === null ? [] : shadowRows(agentRows, ruleFindings)), [agentRows, ruleFindings]);
  const accounts = agents.status === 'ready' ? agents.data.view.accounts : [];
  const notShadow = useMemo(() => leftOut(agentRows ?? []), [agentRows]);
  // Only rows still on screen count as selected (a filter or a registration can remove them).
  const chosen = rows.filter((row) => selected.has(shadowRowKey(row.agent))).map((row) => row.agent);
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const newCount = rows.filter((row) => row.isNew).length;
  const accountsShown = new Set(rows.map((row) => row.agent.accountId)).size;

  const toggle = (key: string, on: boolean): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const setAccount = (value: string): void => {
    const next = new URLSearchParams(query);
    if (value === '') next.delete('account');
    else next.set('account', value);
    setQuery(next);
  };

  const columns: DataTableColumn<ShadowRow>[] = [
    {
      header: 'Select',
      hiddenHeader: true,
      className: 'shadow-ai__select',
      cell: ({ agent }) => (
        <input
          type="checkbox"
          checked={selected.has(shadowRowKey(agent))}
          onChange={(event) => toggle(shadowRowKey(agent), event.target.checked)}
          aria-label={`Select ${visibleText(agent.name)} (${accountNameOf(accounts, agent.accountId)})`}
        />
      ),
    },
    {
      header: 'Agent',
      rowHeader: true,
      className: 'data-table__name',
      cell: ({ agent, isNew }) => (
        <>
          <span className="inventory__name">
            <AgentKindIcon kind={agent.kind} />
            <a className="data-table__link" href={`#${agentPath(agent.arn)}`} title={agent.arn}>
              {visibleText(agent.name)}
            </a>
          </span>
          {isNew ? (
            <span className="data-table__sub">
              <span className="finding__new">New since last scan</span>
            </span>
          ) : null}
        </>
      ),
    },
    {
      header: 'Account',
      className: 'data-table__nowrap',
      title: ({ agent }) => agent.accountId,
      cell: ({ agent }) => accountNameOf(accounts, agent.accountId),
    },
    { header: 'Tier', cell: ({ agent }) => <TierBadge tier={agent.tier} overridden={agent.tierOverridden} /> },
    { header: 'AI signals', cell: ({ agent }) => <span className="signal-list">{agent.aiSignals.map((signal) => SIGNAL_LABELS[signal] ?? signal).join(' · ')}</span> },
    { header: 'Findings', cell: ({ agent }) => <SeverityCounts counts={agent.findingCounts} /> },
    {
      header: 'Last used',
      className: 'data-table__nowrap',
      cell: ({ agent }) => (agent.lastUsedAt === null ? <span className="data-table__muted">Never seen</span> : <RelativeTime at={agent.lastUsedAt} />),
    },
  ];

  const finish = (message: string): void => {
    toast(message, 'success');
    setSelected(new Set());
    setDialog(null);
  };

  return (
    <div className="stack">
      <PageHeader
        title="Shadow AI"
        description="Identities that use or can use AI services but that nobody has registered, in every account. Register each with an owner, or mark it decommissioned with the reason."
      />
      {data.status === 'loading' ? (
        <LoadingState label="Looking for unregistered AI agents…" rows={4} />
      ) : data.status === 'error' ? (
        <ErrorState what="the shadow AI list" error={data.error} onRetry={data.reload} />
      ) : data.data.agents.view.accounts.length === 0 ? (
        <EmptyState icon="compass" title="Nothing scanned yet">
          <p>Shadow AI is found by a scan. Scan an account or import its exports first.</p>
        </EmptyState>
      ) : (
        <>
          <ViewLine view={data.data.agents.view} currentHref="#/shadow-ai" />
          <div className="filters">
            <label className="filter">
              <span className="filter__label">Account</span>
              <select className="select select--sm" value={accountId ?? ''} onChange={(event) => setAccount(event.target.value)} data-testid="shadow-ai-account">
                <option value="">All accounts</option>
                {accountOptions(accounts).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {rows.length === 0 ? (
            <EmptyState icon="check-circle" title="No shadow AI">
              <p>{accountId === null ? 'Every AI agent in every account is registered or decommissioned.' : `Every AI agent in ${accountNameOf(accounts, accountId)} is registered or decommissioned.`}</p>
            </EmptyState>
          ) : (
            <Panel
              title={plural(rows.length, 'unregistered AI agent', 'unregistered AI agents') + (accountId === null ? ` in ${plural(accountsShown, 'account', 'accounts')}` : '')}
              description={newCount > 0 ? `${newCount} appeared since their account's previous scan: listed first.` : "None appeared since each account's previous scan."}
              flush
            >
              <div className="shadow-ai__actions" role="group" aria-label="Act on the selected agents" data-testid="shadow-ai-actions">
                <label className="choice choice--compact">
                  <input
                    type="checkbox"
                              checked={allChosen}
                    ref={(element) => {
                      if (element !== null) element.indeterminate = chosen.length > 0 && !allChosen;
                    }}
                    onChange={(event) => setSelected(event.target.checked ? new Set(rows.map((row) => shadowRowKey(row.agent))) : new Set())}
                  />
                  Select all
                </label>
                <span className="shadow-ai__count" aria-live="polite">
                  {chosen.length === 0 ? 'Select agents to register them or mark them decommissioned.' : `${plural(chosen.length, 'agent', 'agents')} selected`}
                </span>
                <Button variant="primary" size="sm" icon="check-circle" disabled={chosen.length === 0} onClick={() => setDialog({ kind: 'register', agents: chosen })}>
                  Register…
                </Button>
                <Button variant="secondary" size="sm" disabled={chosen.length === 0} onClick={() => setDialog({ kind: 'decommission', agents: chosen })}>
                  Mark decommissioned…
                </Button>
              </div>
              <DataTable
                label="Unregistered AI agents"
                testId="shadow-ai-table"
                columns={columns}
                rows={rows}
                rowKey={(row) => shadowRowKey(row.agent)}
                rowProps={(row) => ({ className: selected.has(shadowRowKey(row.agent)) ? 'shadow-ai__row--selected' : undefined })}
              />
            </Panel>
          )}
          {notShadow.human > 0 || notShadow.manages > 0 ? (
            <p className="shadow-ai__left-out" data-testid="shadow-ai-left-out">
              Not shadow AI, so not listed:{' '}
              {[
                notShadow.human > 0 ? `${plural(notShadow.human, 'role or user', 'roles and users')} people sign in through (human access)` : null,
                notShadow.manages > 0 ? `${plural(notShadow.manages, 'identity that only manages', 'identities that only manage')} AI resources` : null,
              ]
                .filter((part): part is string => part !== null)
                .join(' and ')}
              . They are in the <a href="#/inventory">Inventory</a>.
            </p>
          ) : null}
        </>
      )}
      {dialog?.kind === 'register' ? (
        <OnboardingSheet
          agents={dialog.agents.map((agent) => ({ arn: agent.arn, name: agent.name, scanId: agent.scanId, rowOwner: agent.owner }))}
          onClose={() => setDialog(null)}
          onDone={() => finish(`${who(dialog.agents)} ${dialog.agents.length === 1 ? 'is' : 'are'} registered; recorded in the audit log.`)}
        />
      ) : dialog?.kind === 'decommission' ? (
        <DecommissionDialog
          agents={dialog.agents}
          onClose={() => setDialog(null)}
          onDone={() => finish(`${who(dialog.agents)} ${dialog.agents.length === 1 ? 'is' : 'are'} marked decommissioned; the reason is in the audit log.`)}
        />
      ) : null}
    </div>
  );
}
