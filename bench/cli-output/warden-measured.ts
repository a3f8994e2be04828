/**
 * `warden …` as the CLI runs it, reporting its own cost when it ends: wall time, CPU time and peak
 * RSS (process.resourceUsage, the kernel's figures for this process) on file descriptor 3 as one JSON
 * line, so stdout stays the command's output. Bundled by bench/bundle.ts and run by section.ts:
 *
 *   node .tmp/bench/warden-measured.mjs findings --format json 3>usage.json >/dev/null
 */
import { writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processWriter } from '../../electron/cli/output';
import { runWarden } from '../../electron/cli/warden';

export interface WardenUsage {
  code: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

const started = performance.now();
const ROOT = resolve(process.env['WARDEN_BENCH_ROOT'] ?? process.cwd());
const code = await runWarden(process.argv.slice(2), { env: process.env, io: processWriter, moduleDir: join(ROOT, 'electron/cli') });
const usage = process.resourceUsage();
const result: WardenUsage = {
  code,
  wallMs: performance.now() - started,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  // maxRSS is in kilobytes.
  peakRssMb: usage.maxRSS / 1024,
};
writeSync(3, `${JSON.stringify(result)}\n`);
process.exitCode = code;
