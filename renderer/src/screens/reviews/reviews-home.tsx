import { useState, type ReactNode } from 'react';
import type { ActionItem, DueAgent, Meeting } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { Button } from '../../components/button';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { TierBadge } from '../../components/tier-badge';
import { useToast } from '../../app/toast-context';
import { useQueryState } from '../../hooks/use-query';
import { formatDate, plural, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { useUpdateActionItem } from './mutations';
import { CalendarDialog } from './calendar-dialog';
import { PlanMeetingDialog } from './plan-meeting-dialog';
import { actionItemsQuery, dueQuery, meetingsQuery } from './queries';
import { MeetingStatusBadge, OverdueBadge } from './review-badges';
import { meetingModePath, meetingPath, minutesPath } from './reviews-route';
import { formatMeetingTime } from './time-zones';

function MeetingsTable({ meetings }: { meetings: readonly Meeting[] }): ReactNode {
  if (meetings.length === 0) return <p className="panel__empty">No meeting yet. Plan one: its agenda is drawn from the agents due.</p>;
  return (
    <DataTable
      label="Meetings"
      testId="meetings"
      compact
      rows={meetings}
      rowKey={(meeting) => meeting.id}
      columns={[
        {
          header: 'Meeting',
          rowHeader: true,
          cell: (meeting) => (
            <a className="data-table__link" href={`#${meetingPath(meeting.id)}`}>
              {visibleText(meeting.title)}
            </a>
          ),
        },
        { header: 'When', cell: (meeting) => formatMeetingTime(meeting.scheduledFor, meeting.timeZone) },
        { header: 'Status', cell: (meeting) => <MeetingStatusBadge status={meeting.status} /> },
        {
          header: 'Agenda',
          headerClassName: 'data-table__num',
          className: 'data-table__num',
          cell: (meeting) => `${meeting.decisions.length} of ${meeting.agenda.length} decided`,
        },
        {
          header: 'Next',
          hiddenHeader: true,
          cell: (meeting) =>
            meeting.status === 'held' ? (
              <a className="data-table__link" href={`#${minutesPath(meeting.id)}`}>
                Minutes
              </a>
            ) : meeting.status === 'in_progress' ? (
              <a className="data-table__link" href={`#${meetingModePath(meeting.id)}`}>
                Resume meeting
              </a>
            ) : (
              <a className="data-table__link" href={`#${meetingPath(meeting.id)}`}>
                Agenda
              </a>
            ),
        },
      ]}
    />
  );
}

function DueTables({ agents }: { agents: readonly DueAgent[] }): ReactNode {
  if (agents.length === 0) return <p className="panel__empty">No agent is due for review today.</p>;
  return (
    <div className="reviews-due">
      {([1, 2, 3] as const).map((tier) => {
        const rows = agents.filter((agent) => agent.tier === tier);
        if (rows.length === 0) return null;
        const overdue = rows.filter((agent) => agent.overdue).length;
        return (
          <section key={tier} aria-labelledby={`due-tier-${tier}`} className="reviews-due__tier">
            <h3 id={`due-tier-${tier}`} className="reviews-due__title">
              <TierBadge tier={tier} /> Tier {tier}: {plural(rows.length, 'agent', 'agents')} due{overdue > 0 ? `, ${overdue} overdue` : ''}
            </h3>
            <DataTable
              label={`Tier ${tier} agents due for review`}
              testId={`due-tier-${tier}`}
              compact
              rows={rows}
              rowKey={(agent) => agent.arn}
              columns={[
                {
                  header: 'Agent',
                  rowHeader: true,
                  cell: (agent) => (
                    <>
                      <a className="data-table__link" href={`#${agentPath(agent.arn)}`}>
                        {visibleText(agent.name)}
                      </a>
                      <span className="data-table__sub">{agent.owner === null ? 'No owner' : visibleText(agent.owner)}</span>
                    </>
                  ),
                },
                {
                  header: 'Due',
                  cell: (agent) => (
                    <>
                      <span className="reviews-due__date">
                        {agent.dueDate === null ? 'Now' : agent.dueDate} {agent.overdue ? <OverdueBadge /> : null}
                      </span>
                      <span className="data-table__sub">{agent.lastReviewAt === null ? 'Never reviewed' : `Last reviewed ${formatDate(agent.lastReviewAt)}`}</span>
                    </>
                  ),
                },
                { header: 'Open critical and high findings', headerClassName: 'data-table__num', className: 'data-table__num', cell: (agent) => agent.openCriticalHigh },
              ]}
            />
          </section>
        );
      })}
    </div>
  );
}

export function ActionItemsTable({ items, showAgent = true }: { items: readonly ActionItem[]; showAgent?: boolean }): ReactNode {
  const update = useUpdateActionItem();
  const toast = useToast();
  if (items.length === 0) return <p className="panel__empty">No open action item.</p>;
  return (
    <DataTable
      label="Action items"
      testId="action-items"
      compact
      rows={items}
      rowKey={(item) => item.id}
      columns={[
        { header: 'What', rowHeader: true, cell: (item) => visibleText(item.text) },
        ...(showAgent
          ? [
              {
                header: 'Agent',
                cell: (item: ActionItem) => (
                  <a className="data-table__link" href={`#${agentPath(item.arn)}`}>
                    {visibleText(item.agentName)}
                  </a>
                ),
              },
            ]
          : []),
        { header: 'Owner', cell: (item) => visibleText(item.owner) },
        {
          header: 'Due',
          cell: (item) => (
            <span className="reviews-due__date">
              {item.dueDate} {item.overdue ? <OverdueBadge /> : null}
            </span>
          ),
        },
        {
          header: 'From',
          cell: (item) => (
            <a className="data-table__link" href={`#${minutesPath(item.meetingId)}`}>
              Minutes
            </a>
          ),
        },
        {
          header: 'Done',
          hiddenHeader: true,
          cell: (item) =>
            item.status === 'done' ? (
              <span className="data-table__muted">Done</span>
            ) : (
              <Button
                size="sm"
                icon="check"
                aria-label={`Mark “${visibleText(item.text)}” done`}
                onClick={() => void update.mutateAsync({ id: item.id, status: 'done' }).catch((failure: unknown) => toast(toApiError(failure).message, 'danger'))}
              >
                Done
              </Button>
            ),
        },
      ]}
    />
  );
}

/** `#/reviews`: agents due by tier, the meetings, the open action items, and planning a meeting. */
export function ReviewsHome(): ReactNode {
  const api = useApi();
  const due = useQueryState(dueQuery(api));
  const meetings = useQueryState(meetingsQuery(api));
  const items = useQueryState(actionItemsQuery(api, null));
  const [planning, setPlanning] = useState(false);
  const [exporting, setExporting] = useState(false);

  const accountIds = due.status === 'ready' ? [...new Set(due.data.agents.map((agent) => agent.accountId).filter((id): id is string => id !== null))].sort() : [];
  const openItems = items.status === 'ready' ? items.data.items.filter((item) => item.status === 'open') : [];

  return (
    <div className="stack">
      <PageHeader
        title="Reviews"
        description="Review meetings: which agents are due by their tier’s cadence, the meetings, and what the room agreed to do."
        actions={
          <>
            <Button icon="file" onClick={() => setExporting(true)}>
              Export calendar
            </Button>
            <Button variant="primary" icon="plus" onClick={() => setPlanning(true)}>
              Plan a meeting
            </Button>
          </>
        }
      />

      <Panel title="Meetings" flush>
        {meetings.status === 'loading' ? (
          <LoadingState label="Loading the meetings…" rows={2} />
        ) : meetings.status === 'error' ? (
          <ErrorState what="the meetings" error={meetings.error} onRetry={meetings.reload} />
        ) : (
          <MeetingsTable meetings={meetings.data.meetings} />
        )}
      </Panel>

      <Panel
        flush
        title="Agents due for review"
        description={
          due.status === 'ready' ? (
            <span data-testid="review-cadence">
              Cadence: Tier 1 every {due.data.cadence.tier1Days} days, Tier 2 every {due.data.cadence.tier2Days} days, Tier 3 every {due.data.cadence.tier3Days} days
              {due.data.cadence.set ? '' : ' (the defaults)'}. <a href="#/settings">Change it in Settings</a>.
            </span>
          ) : undefined
        }
      >
        {due.status === 'loading' ? (
          <LoadingState label="Working out who is due…" rows={3} />
        ) : due.status === 'error' ? (
          <ErrorState what="the agents due" error={due.error} onRetry={due.reload} />
        ) : due.data.agents.length === 0 && meetings.status === 'ready' && meetings.data.meetings.length === 0 ? (
          <EmptyState icon="clock" title="Nothing is due yet">
            <p>Agents come up for review once they are registered (Inventory or Shadow AI), by their tier’s cadence.</p>
          </EmptyState>
        ) : (
          <DueTables agents={due.data.agents} />
        )}
      </Panel>

      <Panel title="Open action items" description="Agreed in review meetings; overdue ones are flagged." flush>
        {items.status === 'loading' ? (
          <LoadingState label="Loading the action items…" rows={2} />
        ) : items.status === 'error' ? (
          <ErrorState what="the action items" error={items.error} onRetry={items.reload} />
        ) : (
          <ActionItemsTable items={openItems} />
        )}
      </Panel>

      {planning ? <PlanMeetingDialog accountIds={accountIds} onClose={() => setPlanning(false)} /> : null}
      {exporting ? <CalendarDialog onClose={() => setExporting(false)} /> : null}
    </div>
  );
}
