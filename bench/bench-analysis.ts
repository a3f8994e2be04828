/**
 * Benchmark child (issue 4, Performance): the analysis of a 10,000-principal, 5,000-policy account —
 * inventory, effective permissions, escalation graph, tiers and every rule (`analyzeScan`) — on facts
 * collected from the synthetic account through the real collectors (not timed). Reports wall and CPU
 * time and peak memory of the analysis alone.
 *
 *   node --expose-gc --import tsx bench/bench-analysis.ts --principals=10000
 */
import { loadavg } from 'node:os';
import { DEFAULT_THRESHOLDS } from '../shared/contract';
import { analyzeScan } from '../electron/core/analysis/analyze-scan';
import { getActionCatalogue } from '../electron/core/analysis/iam-policy/index';
import { FakeAws } from './fake-aws';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';
import { scanSyntheticAccount } from './scan-harness';
import { SyntheticAccount } from './synthetic-account';

export interface AnalysisBenchResult {
  principals: number;
  policies: number;
  agents: number;
  findings: number;
  totalMs: number;
  /** Every thread of the process (the main thread plus V8's parallel GC helpers). */
  cpuMs: number;
  /** The main thread alone: what the analysis itself costs, least inflated by other load on the machine. */
  mainThreadCpuMs: number;
  memory: MemoryFigures;
  loadAverage: number;
  /** Loading the action catalogue (iam-data), before the timed analysis, as the app's warm-up does. */
  catalogueMs: number;
}

async function main(): Promise<void> {
  const principals = Number(argument('principals', '10000'));
  const account = new SyntheticAccount({ principals });
  const fake = new FakeAws(account);
  fake.prepare();
  const scan = await scanSyntheticAccount(fake);
  const facts = scan.record.facts;
  if (facts === null) throw new Error('the synthetic scan produced no facts');
  const policies = facts.iam?.policies.filter((p) => !p.awsManaged).length ?? 0;

  // The app loads the catalogue just after start-up (Backend.warmUp): timed apart, not in the analysis.
  const catalogueStarted = performance.now();
  getActionCatalogue();
  const catalogueMs = since(catalogueStarted);

  const loadAverage = loadavg()[0] ?? 0;
  const watch = MemoryWatch.start();
  const cpu = process.cpuUsage();
  const threadCpu = process.threadCpuUsage();
  const started = performance.now();
  const result = analyzeScan({
    facts,
    registry: new Map(),
    settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [facts.account.id] },
    clock: () => new Date(),
  });
  const totalMs = since(started);
  const used = process.cpuUsage(cpu);
  const usedByThread = process.threadCpuUsage(threadCpu);
  const memory = watch.stop();
  emitResult({
    principals: (facts.iam?.users.length ?? 0) + (facts.iam?.roles.length ?? 0),
    policies,
    agents: result.agents.length,
    findings: result.findings.length,
    totalMs,
    cpuMs: Math.round((used.user + used.system) / 1000),
    mainThreadCpuMs: Math.round((usedByThread.user + usedByThread.system) / 1000),
    memory,
    loadAverage,
    catalogueMs,
  } satisfies AnalysisBenchResult);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-analysis: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
