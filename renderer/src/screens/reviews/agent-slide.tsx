import type { ReactNode } from 'react';
import type { AgendaItemView, FindingRow } from '@shared/contract';
import { agentKindLabel } from '../../components/agent-kind';
import { SeverityBadge, severityRank } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { formatDate, visibleText } from '../../lib/format';
import { WORKLOAD_LABELS } from '../agent/agent-fields';
import { escalationOutcomeLabel } from '../agent/escalation-paths';
import { decisionSummary, firstLines, hasChanges, permissionLines } from './meeting-model';

/** A block of the slide: a heading the room reads from the back, and what is under it. */
function Block({ title, children, wide = false, span = false }: { title: string; children: ReactNode; wide?: boolean; span?: boolean }): ReactNode {
  return (
    <section className={['slide-block', wide ? 'slide-block--wide' : '', span ? 'slide-block--span' : ''].join(' ').trim()} aria-label={title}>
      <h2 className="slide-block__title">{title}</h2>
      {children}
    </section>
  );
}

function Muted({ children }: { children: ReactNode }): ReactNode {
  return <p className="slide-muted">{children}</p>;
}

function TierAndWhy({ item }: { item: AgendaItemView }): ReactNode {
  const { evidence, detail } = item;
  const override = detail?.tier.override ?? null;
  return (
    <Block title="Tier and why">
      <p className="slide-tier">
        <TierBadge tier={evidence.tier} overridden={override !== null} /> <span>Tier {evidence.tier}</span>
        {override !== null ? <span className="slide-tier__override"> set by a person: “{visibleText(override.reason)}”</span> : null}
      </p>
      {evidence.tierReasons.length === 0 ? (
        <Muted>No rule raised it: Tier 3 by default.</Muted>
      ) : (
        <ul className="slide-list">
          {evidence.tierReasons.map((reason, index) => (
            <li key={index}>{visibleText(reason)}</li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function Credentials({ item }: { item: AgendaItemView }): ReactNode {
  const credentials = item.evidence.credentials;
  const kind = item.detail?.agent.kind ?? null;
  return (
    <Block title="Credentials and their ages">
      {credentials.length === 0 ? (
        <Muted>{kind === 'iam-user' ? 'No password, access key or API key.' : 'None long-lived: a role gets temporary credentials from whoever assumes it.'}</Muted>
      ) : (
        <ul className="slide-list slide-list--rows">
          {credentials.map((credential, index) => (
            <li key={index} className="slide-row">
              <span className="slide-row__main">{visibleText(credential.label)}</span>
              <span className={credential.active ? 'slide-pill slide-pill--warning' : 'slide-pill'}>{credential.active ? 'Active' : 'Inactive'}</span>
              <span className="slide-row__num">{credential.ageDays === null ? 'age unknown' : `${credential.ageDays} days old`}</span>
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function WhatItCanDo({ item }: { item: AgendaItemView }): ReactNode {
  const lines = permissionLines(item.evidence.permissions);
  const { shown, more } = firstLines(lines, 8);
  const escalation = item.evidence.escalation;
  return (
    <Block title="What it can do">
      {lines.length === 0 ? (
        <Muted>Nothing is allowed.</Muted>
      ) : (
        <ul className="slide-list slide-list--rows" aria-label="Effective permissions by service">
          {shown.map((line) => (
            <li key={line.service} className={line.hot ? 'slide-row slide-row--hot' : 'slide-row'}>
              <span className="slide-row__main mono">{line.service}</span>
              <span className="slide-row__levels">{line.levels.join(', ')}</span>
              {line.anyResource ? <span className="slide-pill slide-pill--danger">Any resource</span> : null}
            </li>
          ))}
          {more > 0 ? <li className="slide-muted">and {more} more {more === 1 ? 'service' : 'services'} (the agent page lists them all)</li> : null}
        </ul>
      )}
      <h3 className="slide-block__subtitle">Escalation paths</h3>
      {escalation.length === 0 ? (
        <Muted>No escalation path found from this identity.</Muted>
      ) : (
        <ul className="slide-list">
          {escalation.map((path, index) => (
            <li key={index} className="slide-danger-text">
              {escalationOutcomeLabel(path.outcome) ?? visibleText(path.outcome)}
              {path.via.length > 0 ? <span className="slide-via"> via {path.via.map(visibleText).join(' → ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function Workloads({ item }: { item: AgendaItemView }): ReactNode {
  const workloads = item.evidence.workloads;
  const { shown, more } = firstLines(workloads, 6);
  return (
    <Block title="Workloads">
      {workloads.length === 0 ? (
        <Muted>Nothing runs as this identity.</Muted>
      ) : (
        <ul className="slide-list slide-list--rows">
          {shown.map((workload) => (
            <li key={workload.arn} className="slide-row">
              <span className="slide-row__main">{visibleText(workload.name)}</span>
              <span className="slide-row__levels">{WORKLOAD_LABELS[workload.type] ?? workload.type}</span>
              <span className="slide-row__num mono">{workload.region}</span>
            </li>
          ))}
          {more > 0 ? <li className="slide-muted">and {more} more</li> : null}
        </ul>
      )}
    </Block>
  );
}

function OpenFindings({ item }: { item: AgendaItemView }): ReactNode {
  const findings = [...item.evidence.openFindings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const rows = new Map<string, FindingRow>((item.detail?.findings ?? []).map((row) => [row.fingerprint, row]));
  return (
    <Block title="Open findings and their fixes" span>
      {findings.length === 0 ? (
        <Muted>No open findings.</Muted>
      ) : (
        <ol className="slide-findings">
          {findings.map((finding) => {
            const row = rows.get(finding.fingerprint);
            return (
              <li key={finding.fingerprint} className="slide-finding">
                <p className="slide-finding__title">
                  <SeverityBadge severity={finding.severity} /> <span>{visibleText(finding.title)}</span>
                </p>
                {row !== undefined ? (
                  <>
                    <p className="slide-finding__fix">
                      <span className="slide-finding__label">Fix: </span>
                      {row.remediation}
                    </p>
                    {row.fix.text.trim() !== '' ? <pre className="slide-finding__code">{row.fix.text}</pre> : null}
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Block>
  );
}

/** Only when an earlier meeting decided on it: a first review has nothing to compare with (said in the header). */
function Changes({ item }: { item: AgendaItemView }): ReactNode {
  const { changes } = item;
  const previous = changes.previous;
  if (previous === null) return null;
  return (
    <Block title="What changed since its last review" wide>
      <p className="slide-lead">
        Last reviewed {formatDate(previous.decidedAt)} in “{visibleText(previous.meetingTitle)}”: {decisionSummary({ decision: previous.decision, newTier: null, deferUntil: null })}.
      </p>
      {!hasChanges(changes) ? (
        <Muted>Nothing changed since.</Muted>
      ) : (
        <ul className="slide-list slide-changes">
          {changes.tierChange !== null ? (
            <li>
              Tier changed: Tier {changes.tierChange.from} → Tier {changes.tierChange.to}
            </li>
          ) : null}
          {changes.ownerChange !== null ? (
            <li>
              Owner changed: {changes.ownerChange.from === null ? 'none' : visibleText(changes.ownerChange.from)} → {changes.ownerChange.to === null ? 'none' : visibleText(changes.ownerChange.to)}
            </li>
          ) : null}
          {changes.newFindings.map((finding) => (
            <li key={`new-${finding.fingerprint}`}>
              <span className="slide-pill slide-pill--danger">New finding</span> <SeverityBadge severity={finding.severity} /> {visibleText(finding.title)}
            </li>
          ))}
          {changes.resolvedFindings.map((finding) => (
            <li key={`resolved-${finding.fingerprint}`}>
              <span className="slide-pill slide-pill--success">Resolved</span> {visibleText(finding.title)}
            </li>
          ))}
          {changes.newPermissions.map((permission) => (
            <li key={`perm-${permission.service}`}>
              <span className="slide-pill slide-pill--warning">New permission</span> <span className="mono">{permission.service}</span>: {permission.levels.join(', ')}
            </li>
          ))}
          {changes.newWorkloads.map((workload) => (
            <li key={`workload-${workload.arn}`}>
              <span className="slide-pill slide-pill--warning">New workload</span> {visibleText(workload.name)} ({WORKLOAD_LABELS[workload.type] ?? workload.type})
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

const STATUS_WORDS: Record<string, string> = { registered: 'Registered', unregistered: 'Unregistered', decommissioned: 'Decommissioned' };

/** The agent's name, kind, account, owner and status: the line the room reads first. */
export function SlideHeader({ item }: { item: AgendaItemView }): ReactNode {
  const { evidence, detail } = item;
  return (
    <header className="slide-header">
      <h1 className="slide-header__name" tabIndex={-1} data-screen-heading>
        {visibleText(evidence.name)}
      </h1>
      <dl className="slide-header__facts">
        <div>
          <dt>Owner</dt>
          <dd>{evidence.owner === null ? <strong className="slide-danger-text">No owner</strong> : visibleText(evidence.owner)}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{detail === null ? 'Not in a current scan' : agentKindLabel(detail.agent.kind)}</dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd className="mono">{evidence.accountId ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{STATUS_WORDS[evidence.status] ?? evidence.status}</dd>
        </div>
      </dl>
      <p className="slide-header__why">
        On the agenda: {visibleText(item.entry.reason)}.
        {item.changes.previous === null ? <strong className="slide-header__first"> No earlier review decision to compare with: what changed is shown from its next review on.</strong> : null}
      </p>
    </header>
  );
}

/** Everything the room needs to decide on one agent, from the evidence that is hashed with the decision. */
export function AgentSlide({ item }: { item: AgendaItemView }): ReactNode {
  return (
    <div className="slide">
      <SlideHeader item={item} />
      {item.detail === null ? <p className="slide-callout">No current scan has this agent any more: this is what its last review saw.</p> : null}
      <div className="slide-grid">
        <Changes item={item} />
        <TierAndWhy item={item} />
        <WhatItCanDo item={item} />
        <Credentials item={item} />
        <Workloads item={item} />
        <OpenFindings item={item} />
      </div>
    </div>
  );
}
