/** `warden scan` and `warden import`: run a job through the same handlers as the app and follow it. */
import type { Job, JobStep, ScanDetail, ScanDiff } from '@shared/contract';
import { FAIL_ON_KINDS, isFailOnKind, matchedKinds, type FailOnKind } from '@core/governance/changes/scan-diff';
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

/**
 * `--fail-on KIND[,KIND…]` checked for the usage error (exit 2): each kind known, at least one.
 * Undefined: no `--fail-on` (the scan reports as before).
 */
export function parseFailOn(value: string | undefined): { ok: true; kinds: FailOnKind[] | null } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, kinds: null };
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isFailOnKind(name));
  const known = Object.keys(FAIL_ON_KINDS).join(', ');
  if (names.length === 0 || unknown.length > 0) {
    return { ok: false, message: `--fail-on takes one or more of ${known} (comma-separated), not "${terminalSafe(unknown.join(',') || value)}".` };
  }
  return { ok: true, kinds: [...new Set(names.filter(isFailOnKind))] };
}

/**
 * `scan … --fail-on`: the job's scans reported on stderr (stdout is for the JSON), then what changed
 * in each scan written (against the previous scan of its account, `changes:get`) printed as one JSON
 * document on stdout: `{failOn, matched, changes: [diff…]}` (with `--json`, also `job` and `scans`).
 * Exit 3 when any kind asked for appears, 0 when none does, 1 when no scan was written or its change
 * could not be read.
 */
export async function reportJobChanges(backend: CliBackend, job: Job, io: Writer, options: { json: boolean; kinds: readonly FailOnKind[] }): Promise<ExitCode> {
  const scans: ScanDetail[] = [];
  for (const id of job.scanIds) {
    const scan = await callOrReport<ScanDetail>(backend.dispatch, 'scans:get', { id }, io);
    if (scan !== undefined) scans.push(scan);
  }
  if (!options.json) for (const scan of scans) io.err(describeScan(scan));
  if (job.message !== null && !options.json) io.err(`${terminalSafe(job.message)}\n`);
  const completed = scans.filter((scan) => scan.status === 'completed');
  if (completed.length === 0) {
    if (options.json) io.out(`${JSON.stringify({ job: { id: job.jobId, status: job.status, message: job.message }, scans, failOn: options.kinds, matched: [], changes: [] }, null, 2)}\n`);
    io.err('warden: no scan completed, so there is no change to check.\n');
    return EXIT.failure;
  }
  const changes: ScanDiff[] = [];
  for (const scan of completed) {
    const diff = await callOrReport<ScanDiff>(backend.dispatch, 'changes:get', { to: scan.id }, io);
    if (diff === undefined) return EXIT.failure;
    changes.push(diff);
  }
  const matched = matchedKinds(options.kinds, changes);
  const head = options.json ? { job: { id: job.jobId, status: job.status, message: job.message }, scans } : {};
  io.out(`${JSON.stringify({ ...head, failOn: options.kinds, matched, changes }, null, 2)}\n`);
  if (matched.length > 0) io.err(`warden: the scan found ${matched.join(', ')} (exit ${EXIT.changes}).\n`);
  return matched.length > 0 ? EXIT.changes : EXIT.ok;
}
