import { useId, type ReactNode } from 'react';
import type { Connection } from '@shared/contract';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Icon } from '../../components/icon';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { describeLastRun, describeSchedule, formatUntil } from './schedule-model';
import type { TestOutcome } from './test-outcome';
import { TestResultView } from './test-result-view';

function LastTest({ connection }: { connection: Connection }): ReactNode {
  const last = connection.lastTest;
  if (last === null) return <span className="conn-status conn-status--none">Not tested yet</span>;
  const when = formatRelativeTime(last.at);
  if (last.ok) {
    return (
      <span className="conn-status conn-status--ok" title={`Tested ${formatDateTime(last.at)}`}>
        <Icon name="check-circle" size={14} />
        <span>
          Account <span className="mono">{last.accountId ?? 'unknown'}</span>
          <span className="conn-status__when"> · {when}</span>
        </span>
      </span>
    );
  }
  return (
    <span className="conn-status conn-status--failed" title={last.message}>
      <Icon name="x-circle" size={14} />
      <span>
        Test failed<span className="conn-status__when"> · {when}</span>
      </span>
    </span>
  );
}

/** The schedule's next run and its last run (time, outcome; the message on hover and for screen readers). */
function ScheduleRuns({ connection }: { connection: Connection }): ReactNode {
  const last = connection.lastRun;
  const outcome = last !== null ? describeLastRun(last) : null;
  if (connection.nextRunAt === null && last === null) return null;
  return (
    <div className="conn__schedule" data-testid="schedule-runs">
      {connection.nextRunAt !== null ? (
        <span className="conn__schedule-item">
          Next run{' '}
          <time dateTime={connection.nextRunAt} title={formatDateTime(connection.nextRunAt)}>
            {formatDateTime(connection.nextRunAt)}
          </time>
          <span className="conn-status__when"> · {formatUntil(connection.nextRunAt)}</span>
        </span>
      ) : null}
      {last !== null && outcome !== null ? (
        <span className={`conn__schedule-item conn-status conn-status--${outcome.tone === 'ok' ? 'ok' : outcome.tone === 'failed' ? 'failed' : 'none'}`} title={last.message ?? undefined}>
          {outcome.tone === 'ok' ? <Icon name="check-circle" size={14} /> : outcome.tone === 'failed' ? <Icon name="x-circle" size={14} /> : null}
          <span>
            Last scheduled run: {outcome.label}
            <span className="conn-status__when">
              {' '}
              · <time dateTime={last.at} title={formatDateTime(last.at)}>{formatRelativeTime(last.at)}</time>
            </span>
            {last.message !== null ? <span className="visually-hidden"> ({last.message})</span> : null}
          </span>
        </span>
      ) : null}
    </div>
  );
}

export interface ConnectionItemProps {
  connection: Connection;
  test: TestOutcome | undefined;
  onTest: () => void;
  onEdit: () => void;
  onRemove: () => void;
  onScan: () => void;
}

/** One saved connection: what it uses, its last test, and Scan / Test / Edit / Remove. */
export function ConnectionItem({ connection, test, onTest, onEdit, onRemove, onScan }: ConnectionItemProps): ReactNode {
  const nameId = useId();
  return (
    <li className="row-item">
      <article className="conn" aria-labelledby={nameId}>
        <div className="conn__main">
          <h3 id={nameId} className="conn__name">
            {connection.name}
          </h3>
          <dl className="conn__meta">
            <div>
              <dt>Profile</dt>
              <dd className="mono">{connection.profile}</dd>
            </div>
            {connection.roleArn !== null ? (
              <div className="conn__meta-role">
                <dt>Role</dt>
                <dd className="mono" title={connection.roleArn}>
                  {connection.roleArn}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Regions</dt>
              <dd>
                {connection.regions.length === 0 ? (
                  <span className="conn__muted">Profile default</span>
                ) : (
                  <ul className="chip-list" aria-label="Regions">
                    {connection.regions.map((region) => (
                      <li key={region}>
                        <Badge>{region}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>Schedule</dt>
              <dd className={connection.schedule.kind === 'off' ? 'conn__muted' : undefined}>{describeSchedule(connection.schedule)}</dd>
            </div>
          </dl>
          <div className="conn__last">
            <span className="visually-hidden">Last test: </span>
            <LastTest connection={connection} />
          </div>
          <ScheduleRuns connection={connection} />
        </div>
        <div className="conn__actions">
          <Button size="sm" icon="scan" onClick={onScan} aria-describedby={nameId}>
            Scan
          </Button>
          <Button size="sm" icon="pulse" onClick={onTest} busy={test?.status === 'running'} aria-describedby={nameId}>
            Test
          </Button>
          <Button size="sm" icon="pencil" onClick={onEdit} aria-describedby={nameId}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" icon="trash" className="btn--danger-quiet" onClick={onRemove} aria-describedby={nameId}>
            Remove
          </Button>
        </div>
        <div className="conn__result" aria-live="polite">
          {test !== undefined ? <TestResultView outcome={test} subject={`“${connection.name}”`} /> : null}
        </div>
      </article>
    </li>
  );
}
