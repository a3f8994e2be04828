/**
 * Bench section j (issues 11 and 13): `plan:get` on a 10,000-principal workspace (the synthetic
 * account imported and analysed, ~37,000 findings), warm, < 200 ms — the Overview's budget; the call
 * is behind the Plan screen, the Overview's plan card, the leadership report's model and the plan's
 * record after each scan. The child is bench-plan.ts (see its header); `npm run bench` runs this after i.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleChild } from './bundle';
import type { PlanBenchResult } from './bench-plan';

const ROOT = resolve(__dirname, '..');
const PRINCIPALS = 10_000;
const RUNS = 3;
const TARGET_MS = 200;

interface Target {
  id: string;
  target: string;
  figure: string;
  pass: boolean;
}

type RunChild = <T>(script: string, args: string[], nodeFlags?: string[], bundled?: string | null) => Promise<T>;

const ms = (value: number): string => `${value.toFixed(0)} ms`;

export async function planSection(targets: Target[], out: string[], runChild: RunChild): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-plan-'));
  try {
    process.stderr.write(`  … j. plan:get on a ${PRINCIPALS.toLocaleString('en-US')}-principal workspace\n`);
    const exportPath = join(dir, 'authorization-details.json');
    await runChild('write-export.ts', [`--principals=${PRINCIPALS}`, `--out=${exportPath}`], []);
    const bundle = await bundleChild(ROOT, 'bench-plan.ts');
    const r = await runChild<PlanBenchResult>('bench-plan.ts', [`--export=${exportPath}`, `--runs=${RUNS}`], [], bundle);
    out.push(`j. Plan: plan:get through the back end's dispatch, ${r.agents.toLocaleString('en-US')} agents, ${r.findings.toLocaleString('en-US')} findings (synthetic account imported and analysed)`);
    out.push(`   first call ${ms(r.coldMs)} (records the plan's evaluation); warm: ${r.warmMs.map(ms).join(', ')} — median ${ms(r.medianMs)}; overview:get median ${ms(r.overviewMedianMs)}; a task skipped and taken back (each answered with the whole plan): ${r.changeMs.map(ms).join(', ')} — median ${ms(r.changeMedianMs)}. Load average ${r.loadAverage.toFixed(1)} on ${cpus().length} CPUs.`);
    out.push('');
    const busy = r.loadAverage > cpus().length ? ` (machine busy: load ${r.loadAverage.toFixed(1)})` : '';
    targets.push({ id: 'j1', target: `plan:get, ${PRINCIPALS.toLocaleString('en-US')} principals, warm < ${TARGET_MS} ms (median of ${RUNS})`, figure: `${ms(r.medianMs)}${busy}`, pass: r.medianMs < TARGET_MS });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
