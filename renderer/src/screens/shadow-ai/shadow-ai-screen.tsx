import '../../components/analysis.css';
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
import { ScanLine } from '../../components/scan-line';
import { SeverityCounts } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { useQueryState, type Query } from '../../hooks/use-query';
import { plural, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { SIGNAL_LABELS } from '../agent/agent-fields';
import { findingsQuery, type FindingsFilter } from '../findings/queries';
import { agentsQuery } from '../inventory/queries';
import { useUpdateRegistry } from '../inventory/mutations';

const SHADOW_AI_FINDINGS: FindingsFilter = { scanId: null, severity: null, ruleId: 'shadow_ai_unregistered', status: null };

type ShadowRow = { agent: AgentRow; isNew: boolean };

type ShadowAiData = { agents: ChannelOutput<'agents:list'>; findings: ChannelOutput<'findings:list'> };

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

function RegisterDialog({ agent, onClose, onDone }: { agent: AgentRow; onClose: () => void; onDone: () => void }): ReactNode {
  const register = useUpdateRegistry();
  const [owner, setOwner] = useState(agent.owner ?? '');
  const [purpose, setPurpose] = useState('');
  const [tried, setTried] = useState(false);
  const ownerError = owner.trim() === '' ? 'Name the accountable person or team.' : null;

  const submit = (): void => {
    setTried(true);
    if (ownerError !== null) return;
    register.mutate(
      { arns: [agent.arn], patch: { status: 'registered', owner: owner.trim(), ...(purpose.trim() !== '' ? { purpose: purpose.trim() } : {}) } },
      { onSuccess: onDone },
    );
  };

  return (
    <FormDialog
      title={`Register ${visibleText(agent.name)}`}
      description={<p>Registering says the team knows this agent and who answers for it.</p>}
      formLabel="Register the agent"
      submitLabel="Register"
      onSubmit={submit}
      onClose={onClose}
      busy={register.isPending}
      error={register.error === null ? null : toApiError(register.error).message}
      errorTitle="Not registered"
    >
      <Field label="Owner" hint="The accountable human or team." error={tried ? ownerError : null}>
        {(control) => <input {...control} className="input" value={owner} onChange={(event) => setOwner(event.target.value)} maxLength={200} />}
      </Field>
      <Field label="Purpose" optional>
        {(control) => <textarea {...control} className="input textarea" rows={2} value={purpose} onChange={(event) => setPurpose(event.target.value)} maxLength={2000} />}
      </Field>
    </FormDialog>
  );
}

/** `#/shadow-ai`: AI agents nobody registered, the ones that appeared since the previous scan first. */
export function ShadowAiScreen(): ReactNode {
  const api = useApi();
  const toast = useToast();
  // The newest inventory (shared with the Inventory screen's cache) and this rule's findings.
  const agents = useQueryState(agentsQuery(api, null));
  const findings = useQueryState(findingsQuery(api, SHADOW_AI_FINDINGS));
  const data = both(agents, findings);
  const [registering, setRegistering] = useState<AgentRow | null>(null);

  const agentRows = agents.status === 'ready' ? agents.data.agents : null;
  const ruleFindings = findings.status === 'ready' ? findings.data.findings : null;
  const rows = useMemo(() => {
    if (agentRows === null || ruleFindings === null) return [];
    const newArns = new Set(ruleFindings.filter((finding) => finding.isNew).map((finding) => finding.principalArn ?? finding.resourceArn));
    return agentRows
      .filter((agent) => agent.ai && agent.status === 'unregistered')
      .map((agent) => ({ agent, isNew: newArns.has(agent.arn) }))
      .sort((a, b) => Number(b.isNew) - Number(a.isNew) || a.agent.tier - b.agent.tier || a.agent.name.localeCompare(b.agent.name));
  }, [agentRows, ruleFindings]);
  const newCount = rows.filter((row) => row.isNew).length;
  const columns: DataTableColumn<ShadowRow>[] = [
    {
      header: 'Agent',
      rowHeader: true,
      className: 'data-table__name',
      cell: ({ agent, isNew }) => (
        <>
          <span className="inventory__name">
            <AgentKindIcon kind={agent.kind} />
            <a className="data-table__link" href={`#${agentPath(agent.arn)}`}>
              {visibleText(agent.name)}
            </a>
          </span>
          <span className="data-table__sub">
            <span className="mono">{agent.accountId}</span>
            {isNew ? <span className="finding__new">New since last scan</span> : null}
          </span>
        </>
      ),
    },
    { header: 'Tier', cell: ({ agent }) => <TierBadge tier={agent.tier} overridden={agent.tierOverridden} /> },
    { header: 'AI signals', cell: ({ agent }) => <span className="signal-list">{agent.aiSignals.map((signal) => SIGNAL_LABELS[signal] ?? signal).join(' · ')}</span> },
    { header: 'Findings', cell: ({ agent }) => <SeverityCounts counts={agent.findingCounts} /> },
    {
      header: 'Last used',
      className: 'data-table__nowrap',
      cell: ({ agent }) => (agent.lastUsedAt === null ? <span className="data-table__muted">Never seen</span> : <RelativeTime at={agent.lastUsedAt} />),
    },
    {
      header: 'Action',
      hiddenHeader: true,
      className: 'data-table__num',
      cell: ({ agent }) => (
        <Button size="sm" variant="primary" onClick={() => setRegistering(agent)} aria-label={`Register ${agent.name}`}>
          Register…
        </Button>
      ),
    },
  ];

  return (
    <div className="stack">
      <PageHeader title="Shadow AI" description="Identities that use or can use AI services but that nobody has registered. Register each with an owner, or decommission it." />
      {data.status === 'loading' ? (
        <LoadingState label="Looking for unregistered AI agents…" rows={4} />
      ) : data.status === 'error' ? (
        <ErrorState what="the shadow AI list" error={data.error} onRetry={data.reload} />
      ) : data.data.agents.scan === null ? (
        <EmptyState icon="compass" title="Nothing scanned yet">
          <p>Shadow AI is found by a scan. Scan an account or import its exports first.</p>
        </EmptyState>
      ) : (
        <>
          <ScanLine scan={data.data.agents.scan} />
          {rows.length === 0 ? (
            <EmptyState icon="check-circle" title="No shadow AI">
              <p>Every AI agent in this scan is registered.</p>
            </EmptyState>
          ) : (
            <Panel
              title={plural(rows.length, 'unregistered AI agent', 'unregistered AI agents')}
              description={newCount > 0 ? `${newCount} appeared since the previous scan: listed first.` : 'None appeared since the previous scan.'}
              flush
            >
              <DataTable label="Unregistered AI agents" testId="shadow-ai-table" columns={columns} rows={rows} rowKey={(row) => row.agent.arn} />
            </Panel>
          )}
        </>
      )}
      {registering !== null ? (
        <RegisterDialog
          agent={registering}
          onClose={() => setRegistering(null)}
          onDone={() => {
            toast(`${registering.name} is registered; recorded in the audit log.`, 'success');
            setRegistering(null);
          }}
        />
      ) : null}
    </div>
  );
}
