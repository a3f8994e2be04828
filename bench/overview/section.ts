/**
 * Bench section h (issue 11): `overview:get` on a workspace of 50 scans of 10,000 agents, < 200 ms.
 * The child (bench-overview.ts) synthesises the workspace and times the dispatch; see its header for
 * what is real and what is synthesised. `npm run bench` runs it after g (one line in run.ts).
 */
import { loadavg } from 'node:os';
import type { OverviewBenchResult } from './bench-overview';

const TARGET_MS = 200;

interface Target {
  id: string;
  target: string;
  figure: string;
  pass: boolean;
}

type RunChild = <T>(script: string, args: string[], nodeFlags?: string[]) => Promise<T>;

export async function overviewSection(targets: Target[], out: string[], runChild: RunChild): Promise<void> {
  process.stderr.write('  … h. overview:get on 50 scans of 10,000 agents (synthesised workspace)\n');
  const r = await runChild<OverviewBenchResult>('overview/bench-overview.ts', ['--accounts=5', '--scans=10', '--agents=10000', '--runs=30'], []);
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  out.push(`h. Overview: overview:get through the back end's dispatch, ${r.scans} scans (${r.accounts} accounts × ${r.scans / r.accounts}) of ${r.agentsPerScan.toLocaleString('en-US')} agents`);
  out.push(`   ${r.runs} calls after one warm-up: median ${ms(r.medianMs)}, p95 ${ms(r.p95Ms)}, worst ${ms(r.worstMs)}; load average ${r.loadAverage.toFixed(1)}.`);
  out.push(`   Synthesised (set up in ${(r.setupMs / 1000).toFixed(1)} s): every scan's metrics record from computeScanMetrics over synthetic rows; the current scans' agent, finding (${r.findingsPerScan.toLocaleString('en-US')} each) and state rows, 550 decided per account.`);
  out.push('');
  const busy = (loadavg()[0] ?? 0) > 2 ? ' (machine busy)' : '';
  targets.push({ id: 'h1', target: `overview:get, 50 scans of 10,000 agents < ${TARGET_MS} ms (p95)`, figure: `p95 ${ms(r.p95Ms)}, median ${ms(r.medianMs)}${busy}`, pass: r.p95Ms < TARGET_MS });
}
