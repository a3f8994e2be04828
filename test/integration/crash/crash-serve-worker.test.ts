/**
 * Crash safety where the app really analyses: `warden serve` hands the analysis to its worker thread,
 * which writes on its own connection. The CLI and the worker are bundled here with esbuild as the CLI
 * build makes them (both in one folder, so the server finds its worker); the server is SIGKILLed while
 * the worker is inside the transaction storing an analysis (pause point `analysis-write`). Then the
 * workspace opens, is whole, holds everything it held, and the scan analyses on the next read.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';
import { createCliBackend } from '../../../electron/cli/backend';
import pkg from '../../../package.json';
import { call } from '../../support/dispatch-call';
import { checkWorkspaceFile, runWardenProcess, snapshotWorkspace } from './warden-process';

const ROOT = resolve(__dirname, '../../..');

describe('kill -9 of warden serve while its analysis worker writes', () => {
  let dir: string;
  let workspace: string;
  let env: { WARDEN_WORKSPACE: string };
  let importArgs: string[];

  beforeAll(async () => {
    // Inside the project: the bundles require better-sqlite3 and the other packages from node_modules.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    dir = mkdtempSync(join(ROOT, '.tmp', 'warden-crash-serve-'));
    workspace = join(dir, 'workspace.sqlite');
    env = { WARDEN_WORKSPACE: workspace };
    await build({
      entryPoints: { warden: join(ROOT, 'electron/cli/warden.ts'), 'analysis-worker': join(ROOT, 'electron/core/analysis-store/analysis-worker.ts') },
      outdir: join(dir, 'cli'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: Object.keys(pkg.dependencies).filter((name) => name !== '@marcbachmann/cel-js'),
      define: { 'import.meta.url': '__wardenImportMetaUrl' },
      banner: { js: "const __wardenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'error',
    });

    const account = new SyntheticAccount({ principals: 500, seed: 500 });
    const details = join(dir, 'authorization-details.json');
    writeFileSync(details, [...exportPieces(account)].join(''));
    importArgs = ['import', '--authorization-details', details];
    const first = await runWardenProcess(importArgs, env);
    expect(first.code, first.err).toBe(0);
    const backend = createCliBackend({ workspacePath: workspace, env, transport: 'ipc', moduleDir: join(ROOT, 'electron/cli') });
    try {
      const { agents } = await call<{ agents: { arn: string }[] }>(backend, 'agents:list', {});
      await call(backend, 'registry:update', { arns: agents.slice(0, 10).map((a) => a.arn), patch: { owner: 'team-worker', status: 'registered' } });
      await call(backend, 'agents:list', {});
    } finally {
      backend.close();
    }
    // A second scan, not analysed yet: the server's worker will analyse it.
    const second = await runWardenProcess(importArgs, env);
    expect(second.code, second.err).toBe(0);
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the scan unanalysed and everything else as it was; the next read analyses it', async () => {
    const before = snapshotWorkspace(workspace);
    expect(before.scans.filter((s) => (s as { analyzed_at: string | null }).analyzed_at === null)).toHaveLength(1);

    const server = spawn(process.execPath, [join(dir, 'cli/warden.js'), 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ...env, WARDEN_TEST_PAUSE_AT: 'analysis-write' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
    server.stderr.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) => server.once('close', (_code, signal) => resolveExit(signal)));
    try {
      const until = async (what: string, ready: () => boolean): Promise<void> => {
        const deadline = Date.now() + 60_000;
        while (!ready()) {
          if (server.exitCode !== null || Date.now() > deadline) throw new Error(`no ${what}.\nstdout: ${out}\nstderr: ${err}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await until('URL', () => /^URL: \S+$/m.test(out));
      const url = new URL(/^URL: (\S+)$/m.exec(out)?.[1] ?? '');
      // The server answers from its worker; the request is left hanging when the process dies.
      void fetch(`${url.origin}/api/agents:list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${url.hash.slice('#token='.length)}`, 'content-type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
      await until('pause in the worker', () => err.includes('WARDEN_TEST_PAUSED analysis-write'));
      // Paused in the worker, not on the server's thread: the server still answers.
      const health = await fetch(`${url.origin}/api/health`, { headers: { authorization: `Bearer ${url.hash.slice('#token='.length)}` } });
      expect(health.status).toBe(200);
    } finally {
      server.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');

    const verified = await runWardenProcess(['audit', 'verify', '--json'], env);
    expect(verified.code, verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, entries: before.audit.length });
    expect(checkWorkspaceFile(workspace)).toEqual({ integrity: 'ok', foreignKeyProblems: 0, scansWithoutFacts: [] });
    expect(snapshotWorkspace(workspace)).toEqual(before);

    const agents = await runWardenProcess(['agents', '--format', 'json'], env);
    expect(agents.code, agents.err).toBe(0);
    expect(snapshotWorkspace(workspace).scans.every((s) => (s as { analyzed_at: string | null }).analyzed_at !== null)).toBe(true);
    expect(snapshotWorkspace(workspace).registry).toEqual(before.registry);
  }, 120_000);
});
