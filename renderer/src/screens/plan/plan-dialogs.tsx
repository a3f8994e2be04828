/**
 * The plan's forms: edit a task (owner, due date, notes), mark a manual task done with its evidence,
 * skip a built-in task with a reason, add the team's own task, start or restart the plan. Each says
 * what it records; the back end's refusal shows in the dialog.
 */
import { useState, type ReactNode } from 'react';
import type { PlanTask } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { visibleText } from '../../lib/format';
import { STEP_NAMES } from '../findings/findings-model';
import { useAddPlanTask, useClaimPlanTask, useSkipPlanTask, useStartPlan, useUpdatePlanTask } from './mutations';
import { PLAN_LIMITS, PLAN_WEEKS, todayIso, validateEvidence, validateSkipReason, validateTitle, WEEK_TITLES, type PlanWeek } from './plan-model';

function errorOf(error: Error | null): string | null {
  return error === null ? null : toApiError(error).message;
}

export function EditTaskDialog({ task, onClose }: { task: PlanTask; onClose: () => void }): ReactNode {
  const update = useUpdatePlanTask();
  const toast = useToast();
  const [owner, setOwner] = useState(task.owner ?? '');
  const [dueDate, setDueDate] = useState(task.dueDate.slice(0, 10));
  const [notes, setNotes] = useState(task.notes);
  const [tried, setTried] = useState(false);
  const dueError = /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? null : 'Choose a due date.';

  const submit = (): void => {
    setTried(true);
    if (dueError !== null) return;
    update.mutate(
      { id: task.id, owner: owner.trim() === '' ? null : owner.trim(), dueDate, notes: notes.trim() },
      {
        onSuccess: () => {
          toast('Task saved; the change is in the audit log.', 'success');
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      title="Edit task"
      description={visibleText(task.title)}
      formLabel="Edit task"
      submitLabel="Save"
      onSubmit={submit}
      onClose={onClose}
      busy={update.isPending}
      error={errorOf(update.error)}
      errorTitle="Not saved"
      size="md"
    >
      <Field label="Owner" optional hint="The person who sees it through." limit={{ max: PLAN_LIMITS.owner, length: owner.length }}>
        {(control) => <input {...control} className="input" value={owner} onChange={(event) => setOwner(event.target.value)} maxLength={PLAN_LIMITS.owner} autoComplete="off" />}
      </Field>
      <Field label="Due date" error={tried ? dueError : null}>
        {(control) => <input {...control} className="input" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />}
      </Field>
      <Field label="Notes" optional limit={{ max: PLAN_LIMITS.notes, length: notes.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={4} value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={PLAN_LIMITS.notes} />}
      </Field>
    </FormDialog>
  );
}

/** "Mark done": a manual task, claimed by the person at the keyboard, with the evidence (required). */
export function ClaimTaskDialog({ task, onClose }: { task: PlanTask; onClose: () => void }): ReactNode {
  const claim = useClaimPlanTask();
  const toast = useToast();
  const [evidence, setEvidence] = useState('');
  const [tried, setTried] = useState(false);
  const problem = validateEvidence(evidence);
  const submit = (): void => {
    setTried(true);
    if (problem !== null) return;
    claim.mutate(
      { id: task.id, evidence: evidence.trim() },
      {
        onSuccess: () => {
          toast('Marked done, claimed by you; recorded in the audit log.', 'success');
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      title="Mark done"
      description={<>{visibleText(task.title)}. No scan can verify this task: it is recorded as claimed by you, with your evidence.</>}
      formLabel="Mark done"
      submitLabel="Mark done"
      onSubmit={submit}
      onClose={onClose}
      busy={claim.isPending}
      error={errorOf(claim.error)}
      errorTitle="Not saved"
      size="md"
    >
      <Field
        label="Evidence"
        hint="What shows it is done: a note, or a link to the announcement, ticket or minutes."
        error={tried ? problem : null}
        limit={{ max: PLAN_LIMITS.evidence, length: evidence.length }}
      >
        {(control) => <textarea {...control} className="input textarea" rows={3} value={evidence} onChange={(event) => setEvidence(event.target.value)} maxLength={PLAN_LIMITS.evidence} />}
      </Field>
    </FormDialog>
  );
}

/** "Skip": a built-in task the team decides not to do, with why (at least 10 characters). */
export function SkipTaskDialog({ task, onClose }: { task: PlanTask; onClose: () => void }): ReactNode {
  const skip = useSkipPlanTask();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const problem = validateSkipReason(reason);
  const submit = (): void => {
    setTried(true);
    if (problem !== null) return;
    skip.mutate(
      { id: task.id, reason: reason.trim() },
      {
        onSuccess: () => {
          toast('Task skipped; the reason is in the audit log.', 'success');
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      title="Skip task"
      description={<>{visibleText(task.title)}. A skipped task leaves the plan&apos;s count; it can be taken back later.</>}
      formLabel="Skip task"
      submitLabel="Skip task"
      onSubmit={submit}
      onClose={onClose}
      busy={skip.isPending}
      error={errorOf(skip.error)}
      errorTitle="Not skipped"
      size="md"
    >
      <Field label="Reason" hint="Why this task does not apply; recorded with your name." error={tried ? problem : null} limit={{ max: PLAN_LIMITS.reason, length: reason.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={PLAN_LIMITS.reason} />}
      </Field>
    </FormDialog>
  );
}

/** "Add a task": the team's own manual task, in a week and a step. */
export function AddTaskDialog({ onClose, defaultWeek }: { onClose: () => void; defaultWeek: PlanWeek }): ReactNode {
  const add = useAddPlanTask();
  const toast = useToast();
  const [week, setWeek] = useState<PlanWeek>(defaultWeek);
  const [step, setStep] = useState(1);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [notes, setNotes] = useState('');
  const [tried, setTried] = useState(false);
  const problem = validateTitle(title);
  const submit = (): void => {
    setTried(true);
    if (problem !== null) return;
    add.mutate(
      { week, step, title: title.trim(), owner: owner.trim() === '' ? null : owner.trim(), dueDate: dueDate === '' ? null : dueDate, notes: notes.trim() },
      {
        onSuccess: () => {
          toast('Task added; recorded in the audit log.', 'success');
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      title="Add a task"
      description="A manual task of your own: a person marks it done with evidence."
      formLabel="Add a task"
      submitLabel="Add task"
      onSubmit={submit}
      onClose={onClose}
      busy={add.isPending}
      error={errorOf(add.error)}
      errorTitle="Not added"
      size="md"
    >
      <Field label="Title" error={tried ? problem : null} limit={{ max: PLAN_LIMITS.title, length: title.length }}>
        {(control) => <input {...control} className="input" value={title} onChange={(event) => setTitle(event.target.value)} maxLength={PLAN_LIMITS.title} autoComplete="off" />}
      </Field>
      <div className="plan-form__row">
        <Field label="Week">
          {(control) => (
            <select {...control} className="select" value={week} onChange={(event) => setWeek(Number(event.target.value) as PlanWeek)}>
              {PLAN_WEEKS.map((value) => (
                <option key={value} value={value}>
                  Week {value}: {WEEK_TITLES[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Step">
          {(control) => (
            <select {...control} className="select" value={step} onChange={(event) => setStep(Number(event.target.value))}>
              {Object.entries(STEP_NAMES).map(([value, name]) => (
                <option key={value} value={value}>
                  {value}. {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="plan-form__row">
        <Field label="Owner" optional limit={{ max: PLAN_LIMITS.owner, length: owner.length }}>
          {(control) => <input {...control} className="input" value={owner} onChange={(event) => setOwner(event.target.value)} maxLength={PLAN_LIMITS.owner} autoComplete="off" />}
        </Field>
        <Field label="Due date" optional hint="Empty: the end of its week.">
          {(control) => <input {...control} className="input" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />}
        </Field>
      </div>
      <Field label="Notes" optional limit={{ max: PLAN_LIMITS.notes, length: notes.length }}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} maxLength={PLAN_LIMITS.notes} />}
      </Field>
    </FormDialog>
  );
}

/**
 * Start the plan (today or a chosen day), or restart it: the restart says what it clears (claims,
 * skips, the recorded history and burn-down) and what it keeps (owners, notes, the team's tasks).
 */
export function StartPlanDialog({ restart, onClose }: { restart: boolean; onClose: () => void }): ReactNode {
  const start = useStartPlan();
  const toast = useToast();
  const [startDate, setStartDate] = useState(todayIso());
  const [tried, setTried] = useState(false);
  const problem = /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? null : 'Choose the first day of the plan.';
  const submit = (): void => {
    setTried(true);
    if (problem !== null) return;
    start.mutate(
      { startDate, restart },
      {
        onSuccess: () => {
          toast(restart ? 'Plan restarted; recorded in the audit log.' : 'Plan started; recorded in the audit log.', 'success');
          onClose();
        },
      },
    );
  };
  const title = restart ? 'Restart the plan' : 'Start the plan';
  return (
    <FormDialog
      title={title}
      description={restart ? 'The four weeks count again from the new start date.' : 'Four weeks from the start date; measured tasks follow every new scan.'}
      formLabel={title}
      submitLabel={restart ? 'Restart the plan' : 'Start the plan'}
      onSubmit={submit}
      onClose={onClose}
      busy={start.isPending}
      error={errorOf(start.error)}
      errorTitle={restart ? 'Not restarted' : 'Not started'}
      size="md"
    >
      {restart ? (
        <Callout tone="warning" title="A restart clears">
          <p data-testid="restart-clears">
            every claim (manual tasks marked done), every skip and its reason, and the recorded history (regressions and the burn-down). Owners, due-date changes, notes and the team&apos;s own tasks are kept.
            The restart is recorded in the audit log.
          </p>
        </Callout>
      ) : null}
      <Field label="Start date" hint="Day 1 of 30. Today, or the day the team began." error={tried ? problem : null}>
        {(control) => <input {...control} className="input" type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}
