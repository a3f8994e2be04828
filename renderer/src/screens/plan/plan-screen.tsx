import './plan.css';
import { useState, type ReactNode } from 'react';
import type { PlanView } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { RelativeTime } from '../../components/relative-time';
import { formatDate, visibleText } from '../../lib/format';
import { useQueryState } from '../../hooks/use-query';
import { BurnDownChart } from './burn-down-chart';
import { AddTaskDialog, StartPlanDialog } from './plan-dialogs';
import { lateTasks, nextTask, PLAN_WEEKS, positionText, tasksOfWeek, WEEK_TITLES, weekRange, weekSummary, type PlanWeek } from './plan-model';
import { planQuery } from './queries';
import { TaskCard } from './task-card';

/** What each week is for, in the product's words (PRODUCT.md's 30-day plan). */
const WEEK_AIMS: Record<PlanWeek, string> = {
  1: 'Every account scanned, every AI agent with an owner, a purpose and a data scope, every Tier 1 tier confirmed by a person.',
  2: 'Tier 1 agents on short-lived federated credentials: no long-lived keys, pinned OIDC trusts, rotated keys, one identity each.',
  3: 'Continuous discovery: weekly scans, no unregistered AI agent, and an onboarding path the builders use.',
  4: 'Reviews on a cadence per tier, team policies enforced on every scan, human approval for high-impact actions.',
};

function Summary({ view }: { view: PlanView }): ReactNode {
  const plan = view.plan;
  if (plan === null) return null;
  const { summary } = view;
  const late = lateTasks(view);
  const next = nextTask(view);
  return (
    <section className="plan-summary" aria-labelledby="plan-summary-title">
      <div className="plan-summary__where">
        <h2 id="plan-summary-title" className="plan-summary__position" data-testid="plan-position">
          {positionText(plan)}
        </h2>
        <p className="plan-summary__started">
          Started {formatDate(plan.startDate)} by {visibleText(plan.startedBy)}
          {plan.restarts > 0 ? ` · restarted ${plan.restarts === 1 ? 'once' : `${plan.restarts} times`}` : ''}
        </p>
      </div>
      <dl className="plan-summary__figures" data-testid="plan-summary">
        <div className="plan-figure plan-figure--main">
          <dt>Verified</dt>
          <dd data-testid="plan-verified">{summary.verifiedPercent}%</dd>
        </div>
        <div className="plan-figure">
          <dt>Done</dt>
          <dd>{summary.done}</dd>
        </div>
        <div className="plan-figure">
          <dt>Open</dt>
          <dd>{summary.open}</dd>
        </div>
        <div className={summary.regressed > 0 ? 'plan-figure plan-figure--bad' : 'plan-figure'}>
          <dt>Regressed</dt>
          <dd>{summary.regressed}</dd>
        </div>
        <div className="plan-figure">
          <dt>Skipped</dt>
          <dd>{summary.skipped}</dd>
        </div>
        <div className={summary.late > 0 ? 'plan-figure plan-figure--bad' : 'plan-figure'}>
          <dt>Late</dt>
          <dd>{summary.late}</dd>
        </div>
      </dl>
      {next !== null ? (
        <p className="plan-next" data-testid="plan-next">
          <span className="plan-next__label">Next:</span>
          <a href={`#plan-task-${next.id}`} onClick={(event) => focusTask(event, next.id)}>
            {visibleText(next.title)}
          </a>
          <span className="plan-next__due">
            week {next.week} · {next.status === 'regressed' ? 'regressed' : `${next.late ? 'late, due' : 'due'} ${formatDate(next.dueDate)}`}
          </span>
        </p>
      ) : (
        <p className="plan-next" data-testid="plan-next">
          <span className="plan-next__label">Every task is done or skipped.</span> The next scans keep verifying the measured ones.
        </p>
      )}
      {late.length > 0 ? (
        <div className="plan-late" data-testid="plan-late">
          <p className="plan-late__title">
            <Icon name="clock" size={14} /> Late
          </p>
          <ul>
            {late.map((task) => (
              <li key={task.id}>
                <a href={`#plan-task-${task.id}`} onClick={(event) => focusTask(event, task.id)}>
                  {visibleText(task.title)}
                </a>{' '}
                <span className="plan-late__due">due {formatDate(task.dueDate)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The hash is the app's route: scroll to a task and move the focus to it without changing the route. */
function focusTask(event: { preventDefault: () => void }, id: string): void {
  event.preventDefault();
  const element = document.querySelector<HTMLElement>(`[data-testid="plan-task-${CSS.escape(id)}"]`);
  if (element === null) return;
  element.setAttribute('tabindex', '-1');
  element.scrollIntoView({ block: 'center' });
  element.focus();
}

function Week({ view, week, started }: { view: PlanView; week: PlanWeek; started: boolean }): ReactNode {
  const tasks = tasksOfWeek(view, week);
  const current = view.plan?.week === week;
  const headingId = `plan-week-${week}`;
  return (
    <section className={current ? 'plan-week plan-week--current' : 'plan-week'} aria-labelledby={headingId} data-testid={`plan-week-${week}`}>
      <header className="plan-week__head">
        <div>
          <h3 id={headingId} className="plan-week__title">
            Week {week}: {WEEK_TITLES[week]}
            {current ? (
              <span className="badge badge--accent plan-week__now" data-testid="plan-week-now">
                This week
              </span>
            ) : null}
          </h3>
          <p className="plan-week__aim">{WEEK_AIMS[week]}</p>
        </div>
        <p className="plan-week__count">
          {view.plan !== null ? <span className="plan-week__dates">{weekRange(view.plan.startDate, week)}</span> : null}
          <span>{weekSummary(tasks)}</span>
        </p>
      </header>
      {tasks.length === 0 ? (
        <p className="plan-task__muted">No tasks this week.</p>
      ) : (
        <ul className="plan-tasks">
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} readOnly={!started} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoPlan({ view, onStart }: { view: PlanView; onStart: () => void }): ReactNode {
  const measured = view.tasks.filter((task) => task.kind === 'measured');
  const met = measured.filter((task) => task.status === 'done').length;
  return (
    <section className="plan-intro" aria-labelledby="plan-intro-title" data-testid="plan-intro">
      <div className="plan-intro__text">
        <h2 id="plan-intro-title" className="plan-intro__title">
          Four weeks to AI agents under control
        </h2>
        <p>
          The 30-day plan walks the team through the ten controls, one week at a time. Each task has an owner and a due date. Wherever a scan can tell, its progress is measured and shown as
          verified by that scan; the rest a person marks done, with evidence. A later scan that undoes a task reopens it as regressed.
        </p>
        <ol className="plan-intro__weeks">
          {PLAN_WEEKS.map((week) => (
            <li key={week}>
              <strong>
                Week {week}: {WEEK_TITLES[week]}.
              </strong>{' '}
              {WEEK_AIMS[week]}
            </li>
          ))}
        </ol>
        <p className="plan-intro__today" data-testid="plan-today">
          Measured today, before the start: {met} of {measured.length} measured tasks already meet their criterion. The tasks below show where each stands.
        </p>
      </div>
      <div className="plan-intro__action">
        <Button variant="primary" icon="flag" onClick={onStart}>
          Start the plan
        </Button>
        <p className="field__hint">Day 1 is today, or a day you choose.</p>
      </div>
    </section>
  );
}

/** The restart, tucked in a menu: it clears claims, skips and history (the dialog says so). */
function PlanMenu({ onRestart }: { onRestart: () => void }): ReactNode {
  return (
    <details
      className="plan-menu"
      onKeyDown={(event) => {
        // Escape closes the menu and gives the focus back to its button, as a menu does.
        if (event.key !== 'Escape' || !event.currentTarget.open) return;
        event.currentTarget.removeAttribute('open');
        event.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary className="btn btn--ghost btn--md" aria-label="More plan actions">
        <Icon name="settings" size={16} />
        More
      </summary>
      <div className="plan-menu__list">
        <button
          type="button"
          className="plan-menu__item"
          onClick={(event) => {
            event.currentTarget.closest('details')?.removeAttribute('open');
            onRestart();
          }}
        >
          <Icon name="refresh" size={14} /> Restart the plan…
        </button>
      </div>
    </details>
  );
}

/**
 * `#/plan`: the 30-day plan. Before it starts: what it is and today's measured state, with "Start the
 * plan". Once started: today's position, the summary and what is late, the burn-down, and the four
 * weeks with their tasks (each with its criterion, progress, evidence, blockers and actions).
 */
export function PlanScreen(): ReactNode {
  const api = useApi();
  const plan = useQueryState(planQuery(api));
  const [dialog, setDialog] = useState<'start' | 'restart' | 'add' | null>(null);
  const started = plan.status === 'ready' && plan.data.plan !== null;

  return (
    <div className="stack page--wide plan">
      <PageHeader
        title="30-day plan"
        description="Four weeks, ten controls: each task measured from the current scans wherever the data allows, or claimed by a person with evidence."
        actions={
          started ? (
            <>
              <Button icon="plus" onClick={() => setDialog('add')}>
                Add a task
              </Button>
              <PlanMenu onRestart={() => setDialog('restart')} />
            </>
          ) : undefined
        }
      />
      {plan.status === 'loading' ? (
        <LoadingState label="Loading the plan…" rows={6} />
      ) : plan.status === 'error' ? (
        <ErrorState what="the plan" error={plan.error} onRetry={plan.reload} />
      ) : (
        <>
          {plan.data.plan === null ? <NoPlan view={plan.data} onStart={() => setDialog('start')} /> : <Summary view={plan.data} />}
          <p className="scan-line" data-testid="plan-scans">
            <Icon name="scan" size={14} />
            <span>
              {plan.data.scans.length === 0 ? (
                'Measured from no scan yet: scan an account or import its exports.'
              ) : (
                <>
                  Measured from the newest scan of {plan.data.scans.length === 1 ? 'the account' : `${plan.data.scans.length} accounts`} · evaluated <RelativeTime at={plan.data.generatedAt} />
                </>
              )}
            </span>
          </p>
          {plan.data.plan !== null ? <BurnDownChart burnDown={plan.data.burnDown} /> : null}
          <div className="plan-weeks">
            {PLAN_WEEKS.map((week) => (
              <Week key={week} view={plan.data} week={week} started={started} />
            ))}
          </div>
        </>
      )}
      {dialog === 'start' || dialog === 'restart' ? <StartPlanDialog restart={dialog === 'restart'} onClose={() => setDialog(null)} /> : null}
      {dialog === 'add' ? <AddTaskDialog defaultWeek={plan.status === 'ready' ? (plan.data.plan?.week ?? 1) : 1} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
