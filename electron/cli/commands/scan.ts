/** `warden scan` and `warden import`: run a job through the same handlers as the app and follow it. */
import type { Job, JobStep, ScanDetail } from '@shared/contract';
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { formatTable, terminalSafe, type Writer } from '../output';

export interface FollowOptions {
  json: boolean;
  /** Draw a progress bar (a terminal); otherwise one plain line per finished step. */
  tty: boolean;
}

const FINAL = new Set(['ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled']);

function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** Follows a job's progress events until it ends; Ctrl+C cancels it. */
export async function followJob(backend: CliBackend, jobId: string, io: Writer, options: FollowOptions): Promise<Job> {
  const steps = new Map<string, JobStep>();
  const unsubscribe = backend.events.subscribe((event, payload) => {
    if (event !== 'job:progress') return;
    const step = payload as JobStep & { jobId: string };
    if (step.jobId !== jobId) return;
    const before = steps.get(step.step);
    steps.set(step.step, step);
    if (options.json) return;
    if (options.tty) {
      const all = [...steps.values()];
      const finished = all.filter((s) => FINAL.has(s.status)).length;
      const calls = all.reduce((n, s) => n + s.calls, 0);
      io.err(`\r${bar(finished, all.length)} ${finished}/${all.length} steps, ${calls} AWS calls  ${terminalSafe(step.label).slice(0, 40).padEnd(40)}`);
    } else if (FINAL.has(step.status) && before?.status !== step.status) {
      const where = [step.accountId, step.region].filter((v) => v !== null).join(' ');
      io.err(`${step.status.padEnd(11)} ${terminalSafe(step.label)}${where !== '' ? ` (${where})` : ''}${step.message !== null ? `: ${terminalSafe(step.message)}` : ''}\n`);
    }
  });
  const onSigint = (): void => {
    io.err('\nCancelling…\n');
    backend.jobs.cancel(jobId);
  };
  process.once('SIGINT', onSigint);
  try {
    const job = await backend.jobs.wait(jobId);
    if (options.tty && !options.json) io.err('\n');
    return job;
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
}

function describeScan(scan: ScanDetail): string {
  const lines = [
    `scan ${scan.id}  ${scan.status}  account ${scan.accountId ?? '?'}${scan.accountAlias !== null ? ` (${terminalSafe(scan.accountAlias)})` : ''}`,
    `  ${scan.identityCount} identities, ${scan.workloadCount} workloads, ${scan.apiCallCount} AWS calls, ${scan.durationMs ?? 0} ms`,
  ];
  const notOk = scan.collectors.filter((c) => c.outcome !== 'ok');
  if (notOk.length > 0) {
    lines.push(
      formatTable(
        ['COLLECTOR', 'REGION', 'OUTCOME', 'MESSAGE'],
        notOk.map((c) => [c.label, c.region ?? 'global', c.outcome, (c.message ?? '').slice(0, 120)]),
      ).trimEnd(),
    );
  }
  return lines.join('\n') + '\n';
}

/** Prints the job's result; exit 0 when at least one scan was written, 1 when none could be made. */
export async function reportJob(backend: CliBackend, job: Job, io: Writer, json: boolean): Promise<ExitCode> {
  const scans: ScanDetail[] = [];
  for (const id of job.scanIds) {
    const scan = await callOrReport<ScanDetail>(backend.dispatch, 'scans:get', { id }, io);
    if (scan !== undefined) scans.push(scan);
  }
  if (json) {
    io.out(JSON.stringify({ job: { id: job.jobId, status: job.status, message: job.message }, scans }, null, 2) + '\n');
  } else {
    for (const scan of scans) io.out(describeScan(scan));
    if (job.message !== null) {
      const line = `${terminalSafe(job.message)}\n`;
      if (job.status === 'completed') io.out(line);
      else io.err(line);
    }
  }
  return scans.length > 0 ? EXIT.ok : EXIT.failure;
}
