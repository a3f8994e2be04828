import type { ReactNode } from 'react';
import type { Meeting, ReviewDecision } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { useQueryState } from '../../hooks/use-query';
import { formatDate, visibleText } from '../../lib/format';
import { decisionSummary } from './meeting-model';
import { ActionItemsTable } from './reviews-home';
import { actionItemsQuery, meetingsQuery } from './queries';
import { minutesPath } from './reviews-route';

/** One agent's decisions across meetings, newest first. */
export function reviewHistory(meetings: readonly Meeting[], arn: string): { meeting: Meeting; decision: ReviewDecision }[] {
  return meetings
    .flatMap((meeting) => meeting.decisions.filter((decision) => decision.arn === arn).map((decision) => ({ meeting, decision })))
    .sort((a, b) => b.decision.decidedAt.localeCompare(a.decision.decidedAt));
}

/** On the agent page: its open action items and what review meetings decided about it. */
export function AgentReviewsPanel({ arn }: { arn: string }): ReactNode {
  const api = useApi();
  const items = useQueryState(actionItemsQuery(api, arn));
  const meetings = useQueryState(meetingsQuery(api));
  return (
    <Panel title="Reviews" description="What review meetings decided about this identity, and the action items still open." flush>
      {items.status === 'loading' || meetings.status === 'loading' ? (
        <LoadingState label="Loading its reviews…" rows={2} />
      ) : items.status === 'error' ? (
        <ErrorState what="its action items" error={items.error} onRetry={items.reload} />
      ) : meetings.status === 'error' ? (
        <ErrorState what="its reviews" error={meetings.error} onRetry={meetings.reload} />
      ) : (
        <div className="agent-reviews" data-testid="agent-reviews">
          <h3 className="agent-reviews__title">Open action items</h3>
          <ActionItemsTable items={items.data.items.filter((item) => item.status === 'open')} showAgent={false} />
          <h3 className="agent-reviews__title">Review history</h3>
          {reviewHistory(meetings.data.meetings, arn).length === 0 ? (
            <p className="panel__empty">No review meeting has decided on it yet.</p>
          ) : (
            <ul className="agent-reviews__history">
              {reviewHistory(meetings.data.meetings, arn).map(({ meeting, decision }) => (
                <li key={`${meeting.id}`}>
                  <strong>{decisionSummary(decision)}</strong> on {formatDate(decision.decidedAt)} in{' '}
                  <a className="data-table__link" href={`#${minutesPath(meeting.id)}`}>
                    {visibleText(meeting.title)}
                  </a>
                  {decision.reason !== null ? `: “${visibleText(decision.reason)}”` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Panel>
  );
}
