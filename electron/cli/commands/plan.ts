/**
 * `warden plan [--format json|table]`: the 30-day plan (`plan:get`). JSON is the channel's answer as it
 * is (the issue's shape: plan, tasks with kind, status, criterion, progress, evidence, owner, due date,
 * blockers); the table is the four weeks for people, every name through terminalSafe.
 */
import type { PlanTask, PlanView } from '@shared/contract';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafe, type Writer } from '../output';

export type PlanFormat = 'json' | 'table';

export function parsePlanFormat(value: string | undefined): { ok: true; value: PlanFormat } | { ok: false; message: string } {
  if (value === undefined || value === 'table') return { ok: true, value: 'table' };
  if (value === 'json') return { ok: true, value: 'json' };
  return { ok: false, message: `--format for plan is json or table, not "${terminalSafe(value)}".` };
}

const STATUS_LABEL: Record<PlanTask['status'], string> = { open: 'open', done: 'done', regressed: 'REGRESSED', skipped: 'skipped' };

function evidenceLine(task: PlanTask): string | null {
  const evidence = task.evidence;
  if (task.status === 'skipped' && task.skip !== null) return `skipped by ${terminalSafe(task.skip.by)} on ${task.skip.at.slice(0, 10)}: ${terminalSafe(task.skip.reason)}`;
  if (evidence === null) return null;
  if (evidence.kind === 'claim') return `claimed by ${terminalSafe(evidence.by)} on ${evidence.at.slice(0, 10)}: ${terminalSafe(evidence.note)}`;
  const verified = `verified by scan ${evidence.scanIds.map(terminalSafe).join(', ')} on ${evidence.at.slice(0, 10)}`;
  return task.status === 'regressed' && task.regressedAt !== null ? `${verified}; undone by scan ${task.regressedAt.scanIds.map(terminalSafe).join(', ')} on ${task.regressedAt.at.slice(0, 10)}` : verified;
}

function blockerText(blocker: PlanTask['blocking'][number]): string {
  if (blocker.kind === 'agent') return `${terminalSafe(blocker.name)} (Tier ${blocker.tier}, ${terminalSafe(blocker.arn)})`;
  if (blocker.kind === 'finding') return `${terminalSafe(blocker.title)}${blocker.principalName === null ? '' : ` — ${terminalSafe(blocker.principalName)}`} [${blocker.severity}]`;
  return `account ${terminalSafe(blocker.alias ?? blocker.accountId)}${blocker.newestScanAt === null ? ' (never scanned)' : ` (last scanned ${blocker.newestScanAt.slice(0, 10)})`}`;
}

export function planTable(view: PlanView): string {
  const lines: string[] = [];
  if (view.plan === null) {
    lines.push('The 30-day plan has not started. Start it in the app (Plan) — here is what it would measure today.');
  } else {
    const position = view.plan.position;
    const where = position.phase === 'week' ? `week ${position.week}, day ${position.day + 1} of 30` : position.phase === 'before' ? 'not yet begun' : 'past its 30 days';
    lines.push(`30-day plan started ${view.plan.startDate} by ${terminalSafe(view.plan.startedBy)}: ${where}.`);
  }
  const s = view.summary;
  lines.push(`${s.done} of ${s.total} tasks done (${s.verifiedPercent}%), ${s.open} open, ${s.regressed} regressed, ${s.skipped} skipped, ${s.late} late.`);
  for (const week of [1, 2, 3, 4] as const) {
    lines.push('', `Week ${week}`);
    for (const task of view.tasks.filter((t) => t.week === week)) {
      const progress = task.progress === null ? '' : ` ${task.progress.done}/${task.progress.total}`;
      const late = task.late ? ` LATE (due ${task.dueDate})` : ` due ${task.dueDate}`;
      lines.push(`  [${STATUS_LABEL[task.status]}] ${terminalSafe(task.title)} — step ${task.step}, ${task.kind}${progress},${late}${task.owner === null ? '' : `, owner ${terminalSafe(task.owner)}`}`);
      if (task.criterion !== null) lines.push(`      criterion: ${terminalSafe(task.criterion)}`);
      const evidence = evidenceLine(task);
      if (evidence !== null) lines.push(`      ${evidence}`);
      if (task.status !== 'done' && task.status !== 'skipped') {
        for (const blocker of task.blocking.slice(0, 5)) lines.push(`      in the way: ${blockerText(blocker)}`);
        if (task.blockingTotal > 5) lines.push(`      … and ${task.blockingTotal - 5} more`);
      }
      for (const apart of task.acceptedApart.slice(0, 3)) lines.push(`      accepted risk: ${terminalSafe(apart.ruleId)}${apart.principalName === null ? '' : ` on ${terminalSafe(apart.principalName)}`}, until ${apart.until ?? 'no expiry'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function planCommand(backend: CliBackend, io: Writer, options: { format: PlanFormat }): Promise<ExitCode> {
  const view = await callOrReport<PlanView>(backend.dispatch, 'plan:get', {}, io);
  if (view === undefined) return EXIT.failure;
  io.out(options.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : planTable(view));
  return EXIT.ok;
}
