/**
 * One task of the plan: its title, step, the exact criterion, progress, status and evidence, what
 * stands in its way (with each finding's fix), accepted risks apart, and its actions. Measured and
 * claimed evidence never look alike (a scan-check icon and scan links vs a person icon and the claim's
 * note, shown as text). Every string here may come from AWS or a colleague: text, never markup.
 */
import { useId, useState, type ReactNode } from 'react';
import type { PlanBlocker, PlanEvidence, PlanTask } from '@shared/contract';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { FixView } from '../../components/fix-view';
import { Icon } from '../../components/icon';
import { ProgressBar } from '../../components/progress-bar';
import { SeverityBadge } from '../../components/severity-badge';
import { TierBadge } from '../../components/tier-badge';
import { formatDate, visibleText } from '../../lib/format';
import { STEP_NAMES } from '../findings/findings-model';
import { useRemovePlanTask, useReopenPlanTask, useUnskipPlanTask } from './mutations';
import { ClaimTaskDialog, EditTaskDialog, SkipTaskDialog } from './plan-dialogs';
import { blockerLink, dueText, evidenceUrl, moreHref, progressRatio, progressText, statusView } from './plan-model';

/** Blockers shown on the card; the rest are one link away. */
const SHOWN = 5;

function ScanLinks({ scanIds }: { scanIds: readonly string[] }): ReactNode {
  if (scanIds.length === 0) return <>the current scans</>;
  return (
    <>
      {scanIds.length === 1 ? 'scan ' : 'scans '}
      {scanIds.map((id, index) => (
        <span key={id}>
          {index > 0 ? ', ' : ''}
          <a href={`#/scans/${encodeURIComponent(id)}`} className="plan-evidence__scan" title={id}>
            {id.length > 12 ? `${id.slice(0, 8)}…` : id}
          </a>
        </span>
      ))}
    </>
  );
}

/** The claim's note: a link only when the whole note is one http(s) URL; anything else text, with a copy button. */
function ClaimNote({ note }: { note: string }): ReactNode {
  const url = evidenceUrl(note);
  return (
    <span className="plan-evidence__note" data-testid="claim-note">
      {url !== null ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {visibleText(note.trim())}
        </a>
      ) : (
        <q>{visibleText(note)}</q>
      )}
      <CopyButton text={note} label="Copy the evidence" />
    </span>
  );
}

export function EvidenceLine({ evidence }: { evidence: PlanEvidence }): ReactNode {
  if (evidence.kind === 'scan') {
    return (
      <p className="plan-evidence plan-evidence--scan" data-testid="evidence-scan">
        <Icon name="scan-check" size={16} />
        <span>
          Verified by <ScanLinks scanIds={evidence.scanIds} /> on <time dateTime={evidence.at}>{formatDate(evidence.at)}</time>
        </span>
      </p>
    );
  }
  return (
    <div className="plan-evidence plan-evidence--claim" data-testid="evidence-claim">
      <Icon name="user" size={16} />
      <div>
        <p>
          Claimed by <strong>{visibleText(evidence.by)}</strong> on <time dateTime={evidence.at}>{formatDate(evidence.at)}</time>
        </p>
        {evidence.note.trim() !== '' ? <ClaimNote note={evidence.note} /> : null}
      </div>
    </div>
  );
}

function BlockerItem({ blocker }: { blocker: PlanBlocker }): ReactNode {
  const link = blockerLink(blocker);
  return (
    <li className="plan-blocker">
      <div className="plan-blocker__line">
        {blocker.kind === 'agent' ? <TierBadge tier={blocker.tier === 1 || blocker.tier === 2 ? blocker.tier : 3} /> : blocker.kind === 'finding' ? <SeverityBadge severity={blocker.severity} /> : <Icon name="cloud" size={14} />}
        <a href={link.href}>{visibleText(link.text)}</a>
        {blocker.kind === 'account' ? (
          <span className="plan-blocker__note">{blocker.newestScanAt === null ? 'never scanned: scan it' : `newest scan ${formatDate(blocker.newestScanAt)}: scan it again`}</span>
        ) : null}
      </div>
      {blocker.kind === 'finding' && blocker.fix !== null && blocker.fix.text.trim() !== '' ? (
        <details className="plan-blocker__fix">
          <summary>Show the fix</summary>
          <FixView fix={blocker.fix} />
        </details>
      ) : null}
    </li>
  );
}

function Blockers({ task }: { task: PlanTask }): ReactNode {
  const shown = task.blocking.slice(0, SHOWN);
  const more = task.blockingTotal - shown.length;
  return (
    <div className="plan-task__blockers">
      <p className="plan-task__subhead">In the way ({task.blockingTotal.toLocaleString('en-GB')})</p>
      <ul className="plan-blockers">
        {shown.map((blocker) => (
          <BlockerItem key={blocker.kind === 'agent' ? blocker.arn : blocker.kind === 'finding' ? blocker.findingId : blocker.accountId} blocker={blocker} />
        ))}
      </ul>
      {more > 0 ? (
        <a className="plan-task__more" href={moreHref(task)} data-testid="blockers-more">
          and {more.toLocaleString('en-GB')} more
        </a>
      ) : null}
    </div>
  );
}

type Open = 'edit' | 'claim' | 'skip' | 'reopen' | 'remove' | null;

/** `readOnly`: before the plan starts the tasks show today's measured state, without actions. */
export function TaskCard({ task, readOnly = false }: { task: PlanTask; readOnly?: boolean }): ReactNode {
  const [open, setOpen] = useState<Open>(null);
  const reopen = useReopenPlanTask();
  const unskip = useUnskipPlanTask();
  const remove = useRemovePlanTask();
  const titleId = useId();
  const status = statusView(task);
  const manual = task.kind === 'manual';
  const canClaim = manual && task.status !== 'done' && task.status !== 'skipped';
  const canReopen = manual && task.status === 'done' && task.evidence?.kind === 'claim';

  return (
    <li className={`plan-task plan-task--${task.status}${task.late ? ' plan-task--late' : ''}`} aria-labelledby={titleId} data-testid={`plan-task-${task.id}`} id={`plan-task-${task.id}`}>
      <div className="plan-task__head">
        <div className="plan-task__heading">
          <p className="plan-task__meta">
            <span title={STEP_NAMES[task.step]}>
              Step {task.step}: {STEP_NAMES[task.step] ?? ''}
            </span>
            <span aria-hidden="true"> · </span>
            <span>{task.builtIn ? (manual ? 'Manual' : 'Measured') : 'Team task (manual)'}</span>
          </p>
          <h4 id={titleId} className="plan-task__title">
            {visibleText(task.title)}
          </h4>
        </div>
        <Badge tone={status.tone}>
          {task.status === 'regressed' ? <Icon name="alert" size={12} /> : task.status === 'done' ? <Icon name={task.evidence?.kind === 'scan' ? 'scan-check' : 'user'} size={12} /> : null}
          <span data-testid="task-status">{status.label}</span>
        </Badge>
      </div>

      {task.criterion !== null ? (
        <p className="plan-task__criterion">
          <span className="plan-task__label">Criterion</span> {task.criterion}
        </p>
      ) : null}

      {task.progress !== null && task.status !== 'skipped' ? (
        <div className="plan-task__progress">
          {task.progress.total === 0 ? <span /> : <ProgressBar value={progressRatio(task.progress)} label={`${visibleText(task.title)}: ${progressText(task.progress)}`} tone={task.status === 'done' ? 'success' : task.status === 'regressed' ? 'danger' : 'accent'} />}
          <span className="plan-task__progress-text" data-testid="task-progress">
            {progressText(task.progress)}
          </span>
        </div>
      ) : null}

      {task.status === 'regressed' && task.regressedAt !== null ? (
        <p className="plan-task__regressed" data-testid="task-regressed">
          <Icon name="alert" size={14} />
          <span>
            Regressed on <time dateTime={task.regressedAt.at}>{formatDate(task.regressedAt.at)}</time>: <ScanLinks scanIds={task.regressedAt.scanIds} /> found it undone
            {task.evidence?.kind === 'scan' ? <> (last verified {formatDate(task.evidence.at)})</> : null}.
          </span>
        </p>
      ) : null}
      {task.status === 'done' && task.evidence !== null ? <EvidenceLine evidence={task.evidence} /> : null}
      {task.status === 'skipped' && task.skip !== null ? (
        <p className="plan-task__skip" data-testid="task-skip">
          Skipped by {visibleText(task.skip.by)} on {formatDate(task.skip.at)}: <q>{visibleText(task.skip.reason)}</q>
        </p>
      ) : null}

      {task.blockingTotal > 0 && task.status !== 'done' && task.status !== 'skipped' ? <Blockers task={task} /> : null}

      {task.acceptedApart.length > 0 ? (
        <div className="plan-task__accepted" data-testid="task-accepted">
          <p className="plan-task__subhead">Accepted risks, counted as handled ({task.acceptedApart.length})</p>
          <ul>
            {task.acceptedApart.map((risk) => (
              <li key={risk.findingId}>
                <a href={`#/findings?open=${encodeURIComponent(risk.findingId)}`}>
                  {risk.ruleId}
                  {risk.principalName !== null ? ` — ${visibleText(risk.principalName)}` : ''}
                </a>{' '}
                <span className="plan-task__muted">{risk.until !== null ? `until ${formatDate(risk.until)}` : 'no expiry'}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {task.notes.trim() !== '' ? (
        <p className="plan-task__notes">
          <span className="plan-task__label">Notes</span> {visibleText(task.notes)}
        </p>
      ) : null}

      <div className="plan-task__foot">
        <p className="plan-task__who">
          <span>
            <Icon name="user" size={14} /> {task.owner !== null ? visibleText(task.owner) : <span className="plan-task__muted">No owner</span>}
          </span>
          <span className={task.late ? 'plan-task__due plan-task__due--late' : 'plan-task__due'} data-testid="task-due">
            <Icon name="clock" size={14} /> {dueText(task)}
          </span>
        </p>
        {readOnly ? null : (
        <div className="plan-task__actions">
          {canClaim ? (
            <Button size="sm" variant="primary" icon="check" onClick={() => setOpen('claim')}>
              Mark done…
            </Button>
          ) : null}
          {canReopen ? (
            <Button size="sm" icon="refresh" onClick={() => setOpen('reopen')}>
              Reopen…
            </Button>
          ) : null}
          {task.builtIn && task.status !== 'skipped' && task.status !== 'done' ? (
            <Button size="sm" variant="ghost" icon="ban" onClick={() => setOpen('skip')}>
              Skip…
            </Button>
          ) : null}
          {task.status === 'skipped' ? (
            <Button size="sm" icon="refresh" busy={unskip.isPending} onClick={() => unskip.mutate({ id: task.id })}>
              Unskip
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" icon="pencil" onClick={() => setOpen('edit')} aria-label={`Edit ${visibleText(task.title)}`}>
            Edit
          </Button>
          {!task.builtIn ? (
            <Button size="sm" variant="ghost" icon="trash" onClick={() => setOpen('remove')} aria-label={`Remove ${visibleText(task.title)}`}>
              Remove
            </Button>
          ) : null}
        </div>
        )}
      </div>
      {unskip.error !== null ? (
        <p className="field__error" role="alert">
          {unskip.error.message}
        </p>
      ) : null}

      {open === 'edit' ? <EditTaskDialog task={task} onClose={() => setOpen(null)} /> : null}
      {open === 'claim' ? <ClaimTaskDialog task={task} onClose={() => setOpen(null)} /> : null}
      {open === 'skip' ? <SkipTaskDialog task={task} onClose={() => setOpen(null)} /> : null}
      <ConfirmDialog
        open={open === 'reopen'}
        title="Reopen the task?"
        description={<>The claim on “{visibleText(task.title)}” is withdrawn; the task is open again. Recorded in the audit log.</>}
        confirmLabel="Reopen"
        onConfirm={() => reopen.mutateAsync({ id: task.id, reason: '' }).then(() => undefined)}
        onClose={() => setOpen(null)}
      />
      <ConfirmDialog
        open={open === 'remove'}
        title="Remove the task?"
        description={<>“{visibleText(task.title)}” leaves the plan. Recorded in the audit log.</>}
        confirmLabel="Remove"
        onConfirm={() => remove.mutateAsync({ id: task.id }).then(() => undefined)}
        onClose={() => setOpen(null)}
      />
    </li>
  );
}
