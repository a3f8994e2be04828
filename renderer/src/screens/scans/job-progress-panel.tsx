import './job-progress.css';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Job, JobStep } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Icon } from '../../components/icon';
import { ProgressBar } from '../../components/progress-bar';
import { useNow } from '../../hooks/use-now';
import { useJobs } from '../../jobs/jobs-context';
import { JOB_NOUNS, countSteps, isTerminalStep, jobProgress } from '../../jobs/jobs-model';
import { formatBytes, formatCount, formatElapsed, plural } from '../../lib/format';
import { SCAN_STATUS_STYLES, STEP_STATUS_STYLES, UNFINISHED_STEP_STYLE, incompleteRunsText } from './outcome-style';

const STEPS = { one: 'step', many: 'steps' };
import { scanPath } from './scans-route';
import { StatusBadge } from './status-badge';

/** Which columns a job's steps need: files have no region and make no API calls; counts of bytes read. */
interface StepColumns {
  where: boolean;
  account: boolean;
  calls: boolean;
  bytes: boolean;
}

function stepProgress(step: JobStep, bytes: boolean): string {
  if (step.total > 0) return bytes ? `${formatBytes(step.done)} of ${formatBytes(step.total)}` : `${formatCount(step.done)} / ${formatCount(step.total)}`;
  return step.status === 'running' ? '…' : '';
}

function StepRow({ step, columns, jobEnded }: { step: JobStep; columns: StepColumns; jobEnded: boolean }): ReactNode {
  const unfinished = jobEnded && !isTerminalStep(step.status);
  const style = unfinished ? UNFINISHED_STEP_STYLE : STEP_STATUS_STYLES[step.status];
  return (
    <tr data-status={step.status}>
      <th scope="row" className="data-table__name">
        {step.label}
      </th>
      {columns.where ? (
        <td className="data-table__nowrap">
          {columns.account && step.accountId !== null ? <span className="mono data-table__account">{step.accountId}</span> : null}
          {step.region !== null ? <span className="mono">{step.region}</span> : <span className="data-table__muted">Global</span>}
        </td>
      ) : null}
      <td>
        <StatusBadge style={style} spinning={step.status === 'running' && !unfinished} />
      </td>
      <td className="data-table__num">{unfinished ? '' : stepProgress(step, columns.bytes)}</td>
      {columns.calls ? <td className="data-table__num">{formatCount(step.calls)}</td> : null}
      <td className="data-table__message">{step.message}</td>
    </tr>
  );
}

function Summary({ job }: { job: Job }): ReactNode {
  const noun = JOB_NOUNS[job.kind];
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  if (job.status === 'running') return null;
  if (job.status === 'failed') {
    return (
      <Callout tone="danger" role="alert" title={`The ${noun} failed`}>
        <p className="job__message">{job.message ?? 'The back end did not say why.'}</p>
        <p className="job__hint">Nothing was written: earlier scans are unchanged.</p>
      </Callout>
    );
  }
  if (job.status === 'cancelled') {
    return (
      <Callout tone="warning" role="status" title={`${Noun} cancelled`}>
        <p className="job__message">{job.message ?? 'Stopped before it finished.'}</p>
        <p className="job__hint">A cancelled {noun} is not recorded as complete, and earlier scans are unchanged.</p>
      </Callout>
    );
  }
  const problems = job.steps.filter((step) => step.status !== 'ok').length;
  return (
    <Callout tone="success" role="status" title={`${Noun} finished`}>
      {job.message !== null ? <p className="job__message">{job.message}</p> : null}
      {problems > 0 ? (
        <p className="job__hint">
          {incompleteRunsText(countSteps(job.steps), STEPS)} Each one’s outcome is below.
        </p>
      ) : null}
      {job.scanIds.length > 0 ? (
        <ul className="job__links">
          {job.scanIds.map((scanId, index) => (
            <li key={scanId}>
              <a className="link-button" href={`#${scanPath(scanId)}`}>
                {job.scanIds.length === 1 ? 'View the scan' : `View scan ${index + 1} of ${job.scanIds.length}`}
                <Icon name="arrow-right" size={14} />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </Callout>
  );
}

/**
 * The live progress of one job: a row per step (collector and region, or file), an overall bar, the
 * elapsed time, Cancel; when it ends, what happened in the back end's words and a link to the scan.
 */
/** Smooth unless the user asked for less motion. */
function scrollBehavior(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

export function JobProgressPanel({ job }: { job: Job }): ReactNode {
  const api = useApi();
  const { dismiss, state } = useJobs();
  const titleId = useId();
  const running = job.status === 'running';
  const panelRef = useRef<HTMLElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const seenStatus = useRef<Job['status'] | null>(null);
  const startedHere = state.lastStarted === job.jobId;

  // The job this window just started comes into view (it may appear below the form that started
  // it), and when a job ends its outcome does: the result is never left out of sight.
  useEffect(() => {
    const previous = seenStatus.current;
    seenStatus.current = job.status;
    if (previous === null) {
      if (job.status === 'running' && startedHere) panelRef.current?.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
    } else if (previous !== job.status && job.status !== 'running') {
      outcomeRef.current?.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
    }
  }, [job.status, startedHere]);
  const now = useNow(running);
  const [cancel, setCancel] = useState<{ state: 'idle' | 'asking' } | { state: 'failed'; message: string }>({ state: 'idle' });

  const started = Date.parse(job.startedAt);
  const ended = job.finishedAt !== null ? Date.parse(job.finishedAt) : Math.max(now, started);
  const finishedSteps = job.steps.filter((step) => isTerminalStep(step.status)).length;
  const calls = job.steps.reduce((sum, step) => sum + step.calls, 0);
  const statusStyle = SCAN_STATUS_STYLES[job.status];
  const progress = jobProgress(job);
  const readsAws = job.kind === 'scan';
  const columns: StepColumns = {
    where: readsAws,
    // The account is worth showing only when the job reads several (an organisation-wide scan).
    account: new Set(job.steps.map((step) => step.accountId).filter((id) => id !== null)).size > 1,
    calls: readsAws,
    bytes: job.kind === 'import',
  };

  const requestCancel = (): void => {
    setCancel({ state: 'asking' });
    api.invoke('scans:cancel', { jobId: job.jobId }).then(
      ({ cancelled }) => {
        if (!cancelled) setCancel({ state: 'failed', message: 'It had already ended.' });
      },
      (error: unknown) => setCancel({ state: 'failed', message: toApiError(error).message }),
    );
  };

  return (
    <section ref={panelRef} className={`job job--${job.status}`} aria-labelledby={titleId} data-testid="job-progress" data-job-id={job.jobId}>
      <div ref={outcomeRef} className="job__outcome">
        <header className="job__header">
          <div className="job__heading">
            <h2 id={titleId} className="job__title">
              {job.title}
            </h2>
            <p className="job__meta">
              <StatusBadge style={statusStyle} spinning={running} />
              <span className="job__clock" title="Elapsed time">
                <Icon name="clock" size={14} />
                <span className="visually-hidden">Elapsed: </span>
                <span data-testid="job-elapsed">{formatElapsed(ended - started)}</span>
              </span>
              <span>
                {formatCount(finishedSteps)} of {plural(job.steps.length, 'step', 'steps')} done
              </span>
              {readsAws ? <span>{plural(calls, 'API call', 'API calls')}</span> : null}
            </p>
          </div>
          <div className="job__actions">
            {running ? (
              <Button icon="x" onClick={requestCancel} busy={cancel.state === 'asking'}>
                {cancel.state === 'asking' ? 'Cancelling…' : 'Cancel'}
              </Button>
            ) : (
              <Button variant="ghost" size="sm" onClick={() => dismiss(job.jobId)}>
                Dismiss
              </Button>
            )}
          </div>
        </header>
        <ProgressBar
          value={progress}
          label={`Progress of “${job.title}”`}
          tone={job.status === 'failed' ? 'danger' : job.status === 'cancelled' ? 'warning' : job.status === 'completed' ? 'success' : 'accent'}
        />
        {cancel.state === 'failed' && running ? (
          <Callout tone="danger" role="alert" title="Could not cancel">
            <p>{cancel.message}</p>
          </Callout>
        ) : null}
        <Summary job={job} />
      </div>
      {job.steps.length > 0 ? (
        <div className="table-scroll table-scroll--tall" tabIndex={0} role="group" aria-label={`Steps of “${job.title}”`}>
          <table className="data-table data-table--compact">
            <thead>
              <tr>
                <th scope="col">Step</th>
                {columns.where ? <th scope="col">{columns.account ? 'Account · region' : 'Region'}</th> : null}
                <th scope="col">Status</th>
                <th scope="col" className="data-table__num">
                  Progress
                </th>
                {columns.calls ? (
                  <th scope="col" className="data-table__num">
                    Calls
                  </th>
                ) : null}
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {job.steps.map((step) => (
                <StepRow key={step.step} step={step} columns={columns} jobEnded={!running} />
              ))}
            </tbody>
          </table>
        </div>
      ) : running ? (
        <p className="job__waiting">Starting…</p>
      ) : null}
    </section>
  );
}

/** Every job of these kinds this window should show, newest first. */
export function JobProgressList({ kinds }: { kinds: readonly Job['kind'][] }): ReactNode {
  const { visible } = useJobs();
  const jobs = visible(kinds);
  if (jobs.length === 0) return null;
  return (
    <div className="job-list">
      {jobs.map((job) => (
        <JobProgressPanel key={job.jobId} job={job} />
      ))}
    </div>
  );
}
