/**
 * Benchmark child (issue 11/13): `plan:get` on a 10,000-principal workspace, the call behind the Plan
 * screen, the Overview's plan card and the leadership report's model. The workspace is built as the
 * report bench builds it: the synthetic account (bench/synthetic-account.ts) written as an export by
 * bench/write-export.ts, imported through the dispatch and analysed once, and the plan started,
 * untimed. Then one cold `plan:get` and `--runs` warm calls, each timed from the
 * dispatch to the answer; `overview:get` is timed beside them for scale.
 *
 *   node --import tsx bench/write-export.ts --principals=10000 --out=/tmp/ad.json
 *   node .tmp/bench/bench-plan.mjs --export=/tmp/ad.json --runs=5   (bundled by run.ts)
 *   --workspace=FILE keeps the imported workspace there (and reuses it when it exists): for profiling
 *   with `node --cpu-prof .tmp/bench/bench-plan.mjs --workspace=/tmp/plan.sqlite`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/contract';
import { createCliBackend } from '../electron/cli/backend';
import { argument, emitResult } from './measure';

export interface PlanBenchResult {
  principals: number;
  agents: number;
  findings: number;
  setupMs: number;
  coldMs: number;
  warmMs: number[];
  medianMs: number;
  overviewMedianMs: number;
  /** A person's change of a task (plan:skipTask, then plan:unskipTask), each answered with the whole plan. */
  changeMs: number[];
  changeMedianMs: number;
  loadAverage: number;
}

const EXPORT = argument('export', '');
const RUNS = Number(argument('runs', '5'));
const KEEP = argument('workspace', '');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-plan-'));
  const workspacePath = KEEP !== '' ? KEEP : join(dir, 'workspace.sqlite');
  const reuse = KEEP !== '' && existsSync(KEEP);
  const setupStarted = performance.now();
  const backend = createCliBackend({ workspacePath, env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir }, transport: 'http', moduleDir: join(process.cwd(), 'out', 'cli') });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const reply = await backend.dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as ChannelOutput<C>;
  };
  const timed = async <T>(run: () => Promise<T>): Promise<number> => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  try {
    if (!reuse) {
      if (EXPORT === '' || !existsSync(EXPORT)) throw new Error('--export=FILE: the synthetic account written by bench/write-export.ts');
      const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: EXPORT }, credentialReport: null });
      const job = await backend.jobs.wait(jobId);
      if (job.status !== 'completed') throw new Error(`the import failed: ${job.message ?? ''}`);
    }
    await backend.analysis.idle();
    await call('overview:get', { accountId: null });
    const agents = await call('agents:list', { scanId: null, accountId: null });
    const findings = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null });
    // A started plan, as the Plan screen has it: plan:get then records its evaluations too.
    const started = await backend.dispatch('plan:start', { startDate: null, restart: false });
    if (!started.ok && started.error.code !== 'conflict') throw new Error(`plan:start: ${started.error.message}`);
    const setupMs = performance.now() - setupStarted;
    const coldMs = await timed(() => call('plan:get', {}));
    const warmMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) warmMs.push(await timed(() => call('plan:get', {})));
    const changeMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      changeMs.push(await timed(() => call('plan:skipTask', { id: 'w4-review-cadence', reason: 'Timed by the bench: taken back at once.' })));
      changeMs.push(await timed(() => call('plan:unskipTask', { id: 'w4-review-cadence' })));
    }
    const overviewMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) overviewMs.push(await timed(() => call('overview:get', { accountId: null })));
    const result: PlanBenchResult = {
      principals: agents.agents.length,
      agents: agents.agents.length,
      findings: findings.findings.length,
      setupMs,
      coldMs,
      warmMs,
      medianMs: median(warmMs),
      overviewMedianMs: median(overviewMs),
      changeMs,
      changeMedianMs: median(changeMs),
      loadAverage: loadavg()[0] ?? 0,
    };
    emitResult(result);
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
