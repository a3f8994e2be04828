/**
 * Benchmark child: process and persist a scan of a synthetic account of `--principals=N` (default
 * 10,000): every collector through the real SDK clients against the fake AWS (response parsing,
 * element mapping, facts), then `insertScan` into a fresh workspace file, all measured together:
 * wall and CPU time, peak RSS and heap (measure.ts). Building the fake's answers and opening the
 * workspace happen before the clock starts; reading the facts back is timed apart, for information.
 *
 *   node --expose-gc --import tsx bench/bench-scan.ts --principals=10000
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../electron/core/db/open-workspace';
import { insertScan, loadScanFacts } from '../electron/core/db/repositories/scans';
import { sql } from '../electron/core/db/sql';
import { callFigures, type CallsResult } from './bench-calls';
import { FakeAws } from './fake-aws';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';
import { scanSyntheticAccount } from './scan-harness';
import { SyntheticAccount } from './synthetic-account';

export interface ScanResult {
  principals: number;
  identities: number;
  workloads: number;
  /** Bytes of XML the inventory pages carried. */
  inventoryXmlMb: number;
  factRecords: number;
  workspaceMb: number;
  totalMs: number;
  /** User + system CPU time of the process over the measured part (all threads: GC helpers, SQLite). */
  cpuMs: number;
  collectMs: number;
  collectCpuMs: number;
  inventoryCollectorMs: number;
  persistMs: number;
  persistCpuMs: number;
  /** loadScanFacts: reading the facts back, validated (not part of the target). */
  readBackMs: number;
  readBackCpuMs: number;
  /** Time the fake spent answering during the measured part (included in totalMs). */
  fakeServingMs: number;
  memory: MemoryFigures;
  loadAverage: number;
  /** The scan's API calls (benchmark a), taken after the measured part. */
  calls: CallsResult;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return Math.round((usage.user + usage.system) / 1000);
}

async function main(): Promise<void> {
  const principals = Number(argument('principals', '10000'));
  const account = new SyntheticAccount({ principals });
  const fake = new FakeAws(account);
  fake.prepare();
  const dir = mkdtempSync(join(tmpdir(), 'agent-warden-bench-'));
  const workspace = openWorkspace(join(dir, 'bench.sqlite'), { clock: () => new Date(), create: true });
  try {
    const loadAverage = loadavg()[0] ?? 0;
    const watch = MemoryWatch.start();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const scan = await scanSyntheticAccount(fake, { onProgress: () => watch.mark() });
    const collectMs = since(started);
    const collectCpu = process.cpuUsage(cpu);
    watch.mark();
    const persistStarted = performance.now();
    insertScan(workspace.write, scan.record);
    const persistMs = since(persistStarted);
    const totalMs = since(started);
    const used = process.cpuUsage(cpu);
    const memory = watch.stop();

    const readCpu = process.cpuUsage();
    const readStarted = performance.now();
    const facts = loadScanFacts(workspace.read, scan.record.id);
    const readBackMs = since(readStarted);
    const readBackCpu = process.cpuUsage(readCpu);
    const factRecords = Number(workspace.read.value(sql`SELECT count(*) FROM scan_facts WHERE scan_id = ${scan.record.id}`));
    const failed = scan.runs.filter((run) => run.outcome !== 'ok');
    if (failed.length > 0) throw new Error(`collectors did not succeed: ${failed.map((run) => `${run.collectorId} ${run.outcome} ${run.message ?? ''}`).join('; ')}`);
    if (facts.iam?.users.length !== account.userCount || facts.iam.roles.length !== account.roleCount) throw new Error('the stored scan lost principals');
    const inventoryXml = fake.inventoryBytes();
    const result: ScanResult = {
      principals,
      identities: facts.iam.users.length + facts.iam.roles.length,
      workloads: account.workloadCount,
      inventoryXmlMb: Math.round((inventoryXml / 1024 / 1024) * 10) / 10,
      factRecords,
      workspaceMb: Math.round((statSync(workspace.path).size / 1024 / 1024) * 10) / 10,
      totalMs,
      cpuMs: cpuMs(used),
      collectMs,
      collectCpuMs: cpuMs(collectCpu),
      inventoryCollectorMs: scan.runs.find((run) => run.collectorId === 'iam-authorization-details')?.durationMs ?? 0,
      persistMs,
      persistCpuMs: cpuMs(used) - cpuMs(collectCpu),
      readBackMs,
      readBackCpuMs: cpuMs(readBackCpu),
      fakeServingMs: Math.round(fake.servingMs),
      memory,
      loadAverage: Math.round(loadAverage * 100) / 100,
      calls: callFigures(account, fake, scan, collectMs),
    };
    emitResult(result);
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
