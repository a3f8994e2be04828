import '../../components/analysis.css';
import type { ReactNode } from 'react';
import type { Agent, AgentDetail } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { agentKindLabel, AiUseBadge, aiUseSentence } from '../../components/agent-kind';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { ErrorState } from '../../components/error-state';
import { FindingStatusBadge } from '../../components/finding-status-badge';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { AgentViewLine, agentAccountName } from './agent-view-line';
import { SeverityBadge, severityRank } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { useHashPath } from '../../hooks/use-hash-path';
import { useQueryState } from '../../hooks/use-query';
import { RelativeTime } from '../../components/relative-time';
import { formatDate, formatDateTime, visibleText } from '../../lib/format';
import { findingPath } from '../findings/findings-route';
import { credentialLine, SIGNAL_LABELS, WORKLOAD_LABELS } from './agent-fields';
import { parseAgentRoute } from './agent-route';
import { EscalationPaths } from './escalation-paths';
import { PermissionsTable } from './permissions-table';
import { agentQuery } from './queries';
import { RegistryForm } from './registry-form';
import { shownSuggestedOwner } from './suggested-owner';
import { TrustPolicyView } from './trust-policy-view';
import { TierConfirmation } from './tier-confirmation';
import { AgentReviewsPanel } from '../reviews/agent-reviews-panel';

function When({ iso, never = 'Never' }: { iso: string | null; never?: string }): ReactNode {
  if (iso === null) return <span className="data-table__muted">{never}</span>;
  return <RelativeTime at={iso} />;
}

function Header({ detail }: { detail: AgentDetail }): ReactNode {
  const { agent, tier, registry } = detail;
  const { arn, name } = agent;
  const suggested = shownSuggestedOwner(detail);
  return (
    <header className="page-header agent-header">
      <div className="page-header__text">
        <a className="back-link" href="#/inventory">
          <Icon name="arrow-left" size={14} />
          Inventory
        </a>
        <h1 className="page-header__title agent-header__title" tabIndex={-1} data-screen-heading>
          <span>{visibleText(name)}</span>
          <TierBadge tier={tier.tier} overridden={tier.override !== null} />
          <AiUseBadge access={agent.access} aiUse={agent.aiUse} />
        </h1>
        <p className="agent-header__arn">
          <span className="mono-wrap" data-testid="agent-arn">
            {arn}
          </span>
          <CopyButton text={arn} label="Copy ARN" />
        </p>
        <dl className="agent-header__facts">
          <div>
            <dt>Kind</dt>
            <dd>{agentKindLabel(agent.kind)}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd data-testid="agent-account">{agentAccountName(detail.scan)}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{registry.owner ?? <span className="inventory__no-owner">No owner</span>}</dd>
          </div>
          {suggested !== null ? (
            <div data-testid="suggested-owner">
              <dt>Suggested owner</dt>
              <dd>
                {visibleText(suggested.name)}
                <span className="agent-header__evidence data-table__muted"> {visibleText(suggested.evidence)}</span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Status</dt>
            <dd>{registry.status === 'registered' ? <Badge tone="success">Registered</Badge> : registry.status === 'unregistered' ? <Badge tone="warning">Unregistered</Badge> : <Badge>Decommissioned</Badge>}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{agent.createdAt === null ? <span className="data-table__muted">Unknown</span> : formatDate(agent.createdAt)}</dd>
          </div>
          <div>
            <dt>Last used</dt>
            <dd>
              <When iso={agent.lastUsedAt} never="Never seen" />
            </dd>
          </div>
        </dl>
      </div>
    </header>
  );
}

function TierPanel({ arn, detail, current }: { arn: string; detail: AgentDetail; current: boolean }): ReactNode {
  const { tier } = detail;
  return (
    <Panel title={`Why Tier ${tier.tier}`} description={tier.override !== null ? `Computed Tier ${tier.computed}; overridden by a person.` : 'Computed from the rules below; the highest applies.'}>
      {current ? <TierConfirmation arn={arn} detail={detail} /> : null}
      {tier.override !== null ? (
        <p className="tier-override" data-testid="tier-override">
          Override to Tier {tier.override.tier}: “{tier.override.reason}”{tier.override.by !== null ? ` — ${tier.override.by}` : ''}
          {tier.override.at !== null ? `, ${formatDate(tier.override.at)}` : ''}
        </p>
      ) : null}
      {tier.reasons.length === 0 ? (
        <p className="data-table__muted">No rule raised it: Tier 3 (sandboxed, low risk) by default.</p>
      ) : (
        <ul className="reasons" data-testid="tier-reasons">
          {[...tier.reasons]
            .sort((a, b) => a.tier - b.tier)
            .map((reason, index) => (
              <li key={index} className="reasons__item">
                <TierBadge tier={reason.tier} />
                <span>
                  {reason.reason}
                  <span className="reasons__source mono-wrap">{reason.source}</span>
                </span>
              </li>
            ))}
        </ul>
      )}
    </Panel>
  );
}

function SignalsPanel({ agent }: { agent: Agent }): ReactNode {
  const signals = agent.aiSignals;
  return (
    <Panel title="AI signals" description={aiUseSentence(agent)}>
      {signals.length === 0 ? (
        <p className="data-table__muted">No AI signals.</p>
      ) : (
        <ul className="signals">
          {signals.map((signal, index) => (
            <li key={index}>
              <strong>{SIGNAL_LABELS[signal.signal] ?? signal.signal}</strong>: {signal.detail}
              {signal.source !== '' ? <span className="reasons__source mono-wrap">{signal.source}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function CredentialsPanel({ agent }: { agent: Agent }): ReactNode {
  const credentials = agent.credentials.map(credentialLine);
  return (
    <Panel title="Credentials" flush>
      {agent.kind !== 'iam-user' ? (
        <p className="panel__empty">Roles hold no long-lived credentials: whoever assumes them gets temporary ones (see the trust policy).</p>
      ) : !agent.credentialsKnown ? (
        <p className="panel__empty">The scan has no credential report for this user, so its keys and password are unknown.</p>
      ) : credentials.length === 0 ? (
        <p className="panel__empty">No password, access key or API key.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="Credentials">
            <thead>
              <tr>
                <th scope="col">Credential</th>
                <th scope="col">State</th>
                <th scope="col" className="data-table__num">
                  Age
                </th>
                <th scope="col">Created / rotated</th>
                <th scope="col">Last used</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((credential, index) => (
                <tr key={index}>
                  <th scope="row">{credential.label}</th>
                  <td>{credential.active ? <Badge tone="warning">Active</Badge> : <Badge>Inactive</Badge>}</td>
                  <td className="data-table__num">{credential.ageDays === null ? '—' : `${credential.ageDays} d`}</td>
                  <td>{credential.createdAt === null ? <span className="data-table__muted">—</span> : formatDate(credential.createdAt)}</td>
                  <td>{credential.type === 'console-password' || credential.type === 'access-key' ? <When iso={credential.lastUsedAt} /> : <span className="data-table__muted">—</span>}</td>
                  <td>
                    {credential.detail ?? ''}
                    {credential.expiresAt !== null ? ` · expires ${formatDate(credential.expiresAt)}` : credential.type === 'bedrock-api-key' ? ' · never expires' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function WorkloadsPanel({ agent }: { agent: Agent }): ReactNode {
  const workloads = agent.workloads;
  return (
    <Panel title="Workloads" description="What runs as this identity." flush>
      {workloads.length === 0 ? (
        <p className="panel__empty">No workload runs as this identity.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="Workloads">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Region</th>
              </tr>
            </thead>
            <tbody>
              {workloads.map((workload) => (
                <tr key={workload.arn}>
                  <th scope="row" title={workload.arn}>
                    {visibleText(workload.name)}
                  </th>
                  <td>{WORKLOAD_LABELS[workload.type] ?? workload.type}</td>
                  <td className="mono">{workload.region}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function FindingsPanel({ detail }: { detail: AgentDetail }): ReactNode {
  const findings = [...detail.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  return (
    <Panel title="Findings" description={findings.length === 0 ? undefined : 'Open one for the evidence, the fix and triage.'} flush>
      {findings.length === 0 ? (
        <p className="panel__empty">No findings for this identity.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="Findings of this identity" data-testid="agent-findings">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((finding) => (
                <tr key={finding.fingerprint}>
                  <td>
                    <SeverityBadge severity={finding.severity} />
                  </td>
                  <th scope="row">
                    <a className="data-table__link" href={`#${findingPath(finding.fingerprint)}`}>
                      {visibleText(finding.title)}
                    </a>
                    <span className="data-table__sub mono">{finding.ruleId}</span>
                  </th>
                  <td>
                    <FindingStatusBadge status={finding.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function HistoryPanel({ detail }: { detail: AgentDetail }): ReactNode {
  return (
    <Panel title="History across scans" flush>
      {detail.history.length === 0 ? (
        <p className="panel__empty">Only this scan so far.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" aria-label="History across scans">
            <thead>
              <tr>
                <th scope="col">Scan</th>
                <th scope="col">Tier</th>
                <th scope="col" className="data-table__num">
                  Findings
                </th>
              </tr>
            </thead>
            <tbody>
              {[...detail.history].reverse().map((entry) => (
                <tr key={entry.scanId} className={entry.scanId === detail.scan.id ? 'data-table__current' : undefined}>
                  <th scope="row">
                    <a className="data-table__link" href={`#/scans/${encodeURIComponent(entry.scanId)}`}>
                      {formatDateTime(entry.startedAt)}
                    </a>
                    {entry.scanId === detail.scan.id ? <span className="data-table__sub">This scan</span> : null}
                  </th>
                  <td>{entry.present && entry.tier !== null ? <TierBadge tier={entry.tier} /> : <span className="data-table__muted">Not present</span>}</td>
                  <td className="data-table__num">{entry.present ? entry.findingCount : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function TagsPanel({ agent }: { agent: Agent }): ReactNode {
  const tags = Object.entries(agent.tags);
  const groups = agent.groups;
  return (
    <Panel title="Tags and groups">
      {tags.length === 0 ? (
        <p className="data-table__muted">No tags.</p>
      ) : (
        <dl className="tags" data-testid="agent-tags">
          {tags.map(([key, value]) => (
            <div key={key} className="tags__item">
              <dt className="mono">{key}</dt>
              <dd className="mono-wrap">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {groups.length > 0 ? <p className="tags__groups">Member of: {groups.join(', ')}</p> : null}
    </Panel>
  );
}

function AgentView({ detail }: { detail: AgentDetail }): ReactNode {
  const { arn } = detail.agent;
  return (
    <div className="stack agent-page">
      <Header detail={detail} />
      <AgentViewLine detail={detail} />
      <div className="agent-grid">
        <TierPanel arn={arn} detail={detail} current={detail.isCurrent} />
        <SignalsPanel agent={detail.agent} />
      </div>
      <FindingsPanel detail={detail} />
      <CredentialsPanel agent={detail.agent} />
      {detail.trustPolicy !== null ? (
        <Panel title="Who can assume it" description="The role’s trust policy, read out.">
          <TrustPolicyView document={detail.trustPolicy} />
        </Panel>
      ) : null}
      <Panel title="Effective permissions" description="Allowed actions per service and access level, after denies, boundaries and conditions." flush>
        <PermissionsTable permissions={detail.permissions} />
      </Panel>
      <Panel title="Privilege escalation paths">
        <EscalationPaths paths={detail.escalationPaths} />
      </Panel>
      <div className="agent-grid">
        <WorkloadsPanel agent={detail.agent} />
        <HistoryPanel detail={detail} />
      </div>
      <AgentReviewsPanel arn={arn} />
      <TagsPanel agent={detail.agent} />
      <Panel title="Registry" description="What your team records about this identity; it survives across scans. Every change is in the audit log.">
        <RegistryForm key={detail.registry.updatedAt ?? 'none'} arn={arn} record={detail.registry} computedTier={detail.tier.computed} />
      </Panel>
    </div>
  );
}

/** `#/agents/<ARN>`: one identity, everything known about it, and its registry entry. */
export function AgentScreen(): ReactNode {
  const api = useApi();
  const route = parseAgentRoute(useHashPath());
  const detail = useQueryState(agentQuery(api, route));

  if (detail.status === 'ready') return <AgentView detail={detail.data} />;
  return (
    <div className="stack">
      <header className="page-header">
        <div className="page-header__text">
          <a className="back-link" href="#/inventory">
            <Icon name="arrow-left" size={14} />
            Inventory
          </a>
          <h1 className="page-header__title" tabIndex={-1} data-screen-heading>
            {route === null ? 'Agent' : (route.arn.split('/').pop() ?? route.arn)}
          </h1>
        </div>
      </header>
      {detail.status === 'loading' ? <LoadingState label="Loading the identity…" rows={5} /> : <ErrorState what="this identity" error={detail.error} onRetry={detail.reload} />}
    </div>
  );
}
