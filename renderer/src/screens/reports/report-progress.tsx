/**
 * The progress of a report being printed: `reports:print` runs as a job (kind `report`) whose steps —
 * reading the workspace, drawing the pages, printing — arrive as `job:progress` events (jobs-context).
 * Shown under "Save PDF…" while the call is out: the newest running report job, its bar and its steps.
 */
import './report-progress.css';
import type { ReactNode } from 'react';
import type { Job, JobStep } from '@shared/contract';
import { ProgressBar } from '../../components/progress-bar';
import { useJobs } from '../../jobs/jobs-context';
import { isTerminalStep } from '../../jobs/jobs-model';

/** The steps a print goes through, in order (the back end's step ids: reports-handlers.ts). */
const PRINT_STEPS: readonly { step: string; label: string }[] = [
  { step: 'read', label: 'Reading the workspace' },
  { step: 'draw', label: 'Drawing the pages' },
  { step: 'print', label: 'Printing the PDF' },
];

/**
 * How far the print has come, 0..1: a finished step whole, a running one a little for having started
 * and the rest by its parts (reading counts them); a failed step nothing.
 */
export function printProgress(steps: readonly JobStep[]): number {
  let sum = 0;
  for (const { step } of PRINT_STEPS) {
    const seen = steps.find((candidate) => candidate.step === step);
    if (seen === undefined) continue;
    if (seen.status === 'ok') sum += 1;
    else if (!isTerminalStep(seen.status)) sum += 0.1 + 0.8 * (seen.total > 0 ? Math.min(1, seen.done / seen.total) : 0);
  }
  return sum / PRINT_STEPS.length;
}

function stepText(seen: JobStep | undefined): string {
  if (seen === undefined) return '';
  if (seen.status === 'running' && seen.step === 'read' && seen.total > 0) return `${seen.message ?? ''} (${Math.min(seen.done + 1, seen.total)} of ${seen.total})`;
  return seen.message ?? '';
}

/** The newest running report job's steps, while `active` (this window asked for a print). */
export function ReportProgress({ active }: { active: boolean }): ReactNode {
  const { visible } = useJobs();
  if (!active) return null;
  const job: Job | undefined = visible(['report']).find((candidate) => candidate.status === 'running');
  const steps = job?.steps ?? [];
  return (
    <div className="report-progress" data-testid="report-progress">
      <ProgressBar value={job === undefined ? null : printProgress(steps)} label="Printing the report" />
      <ol className="report-progress__steps">
        {PRINT_STEPS.map(({ step, label }) => {
          const seen = steps.find((candidate) => candidate.step === step);
          const status = seen?.status ?? 'pending';
          return (
            <li key={step} className={`report-progress__step report-progress__step--${status}`} data-step={step} data-status={status}>
              <span aria-hidden="true" className="report-progress__mark">
                {status === 'ok' ? '✓' : status === 'running' ? '…' : status === 'failed' ? '✕' : '○'}
              </span>
              <span className="report-progress__label">{label}</span> <span className="report-progress__detail">{stepText(seen)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
