import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FindingDetailsView, FindingSummary } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { Button } from '../../components/button';
import { FixView } from '../../components/fix-view';
import { EvidenceView } from '../../components/evidence-view';
import { FindingStatusBadge } from '../../components/finding-status-badge';
import { Icon } from '../../components/icon';
import { SeverityBadge } from '../../components/severity-badge';
import { formatDate, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { STEP_NAMES } from './findings-model';
import { findingDetailsQuery } from './queries';

export type TriageAction = 'accept' | 'resolve' | 'reopen';

/**
 * One finding: a checkbox (bulk triage), then a summary line (severity, title, account, owner,
 * status) that expands into why, evidence, the fix and triage. The list holds summaries; an opened
 * finding reads its explanation, evidence, remediation and fix (`findings:details`).
 */
export function FindingItem({
  finding,
  expanded,
  onToggle,
  onAction,
  busy,
  selected,
  onSelect,
  account,
  owner,
}: {
  finding: FindingSummary;
  expanded: boolean;
  onToggle: () => void;
  onAction: (action: TriageAction) => void;
  busy: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  /** The account's name (label, alias or ID). */
  account: string;
  /** The registry owner of the finding's identity, if any. */
  owner: string | null;
}): ReactNode {
  const id = useId();
  const ref = useRef<HTMLLIElement>(null);
  const canReopen = finding.status === 'accepted' || finding.status === 'resolved';

  useEffect(() => {
    if (expanded && ref.current !== null && window.location.hash.includes('open=')) ref.current.scrollIntoView({ block: 'nearest' });
  }, [expanded]);

  return (
    <li ref={ref} className={expanded ? 'finding finding--open' : 'finding'} data-fingerprint={finding.fingerprint} data-testid="finding">
      <div className="finding__row">
      <label className="finding__select">
        <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} data-testid="finding-select" />
        <span className="visually-hidden">Select “{visibleText(finding.title)}” ({account})</span>
      </label>
      <button type="button" className="finding__summary" aria-expanded={expanded} aria-controls={`${id}-body`} onClick={onToggle}>
        <Icon name="arrow-right" size={14} className="finding__chevron" />
        <SeverityBadge severity={finding.severity} />
        <span className="finding__title">
          {visibleText(finding.title)}
          <span className="finding__subject">{findingSubject(finding.resourceArn)}</span>
        </span>
        {finding.isNew ? <span className="finding__new">New</span> : null}
        <span className="finding__account" title={`Account ${finding.accountId}`} data-testid="finding-account">
          {visibleText(account)}
        </span>
        <span className={owner === null ? 'finding__owner finding__owner--none' : 'finding__owner'} title={owner === null ? 'No owner in the registry' : `Owner: ${owner}`} data-testid="finding-owner">
          {owner === null ? 'no owner' : visibleText(owner)}
        </span>
        <span className="finding__status">
          <FindingStatusBadge status={finding.status} />
        </span>
      </button>
      </div>
      {expanded ? (
        <div id={`${id}-body`} className="finding__body">
          <FindingExplanation finding={finding} />
          <dl className="facts finding__facts">
            <dt>Identity</dt>
            <dd>
              {finding.principalArn !== null ? (
                <a className="mono-wrap" href={`#${agentPath(finding.principalArn)}`}>
                  {finding.principalArn}
                </a>
              ) : (
                <span className="data-table__muted">The account</span>
              )}
            </dd>
            <dt>Resource</dt>
            <dd className="mono-wrap">{finding.resourceArn}</dd>
            <dt>Account · region</dt>
            <dd>
              <span className="mono">{finding.accountId}</span> · {finding.region ?? 'global'}
            </dd>
            <dt>Rule</dt>
            <dd>
              <span className="mono">{finding.ruleId}</span> · Step {finding.step}: {STEP_NAMES[finding.step] ?? ''}
            </dd>
            <dt>Frameworks</dt>
            <dd>{finding.frameworks.length === 0 ? <span className="data-table__muted">—</span> : finding.frameworks.map((framework) => <span key={framework} className="framework">{framework}</span>)}</dd>
            <dt>Seen</dt>
            <dd>
              first {formatDate(finding.firstSeenAt)}, last {formatDate(finding.lastSeenAt)}
            </dd>
            {finding.acceptance !== null ? (
              <>
                <dt>Accepted</dt>
                <dd data-testid="acceptance">
                  until {formatDate(finding.acceptance.until)}: “{finding.acceptance.reason}”{finding.acceptance.by !== null ? ` — ${finding.acceptance.by}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <FindingDetailsBody finding={finding} />
          <div className="finding__actions">
            {finding.status !== 'accepted' && finding.status !== 'resolved' ? (
              <>
                <Button size="sm" icon="check-circle" onClick={() => onAction('accept')} disabled={busy}>
                  Accept risk…
                </Button>
                <Button size="sm" icon="check" onClick={() => onAction('resolve')} disabled={busy}>
                  Mark resolved…
                </Button>
              </>
            ) : null}
            {canReopen ? (
              <Button size="sm" icon="refresh" onClick={() => onAction('reopen')} busy={busy}>
                Reopen
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** An opened finding's details, read once per finding (kept while the app runs: a scan's finding does not change). */
function useFindingDetails(finding: FindingSummary): ReturnType<typeof useQuery<FindingDetailsView>> {
  const api = useApi();
  return useQuery(findingDetailsQuery(api, finding));
}

/** Why it matters: the first line of an opened finding, once its details are read. */
function FindingExplanation({ finding }: { finding: FindingSummary }): ReactNode {
  const details = useFindingDetails(finding);
  return details.data === undefined ? null : <p className="finding__explanation">{details.data.explanation}</p>;
}

/** The evidence, what to do and the fix to copy, or where they are while they are read. */
function FindingDetailsBody({ finding }: { finding: FindingSummary }): ReactNode {
  const details = useFindingDetails(finding);
  if (details.error !== null) return <ErrorState what="this finding’s evidence" error={toApiError(details.error)} onRetry={() => void details.refetch()} />;
  if (details.data === undefined) return <LoadingState label="Reading the evidence…" rows={2} />;
  return (
    <>
      <h4 className="finding__heading">Evidence</h4>
      <EvidenceView evidence={details.data.evidence} />
      <h4 className="finding__heading">What to do</h4>
      <p className="finding__remediation">{details.data.remediation}</p>
      <FixView fix={details.data.fix} />
    </>
  );
}

/** What the finding is about, short: the resource part of its ARN (`role/bad_role`, `user/ci/access-key/1`). */
export function findingSubject(resourceArn: string): string {
  const parts = resourceArn.split(':');
  return parts.length >= 6 ? parts.slice(5).join(':') : resourceArn;
}
