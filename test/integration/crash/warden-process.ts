/**
 * Runs the real `warden` command in a child process (from the sources through tsx, as `npm run warden`
 * does), so a test can SIGKILL it: at a pause point of electron/core/lib/test-pause.ts, or whenever
 * it likes. Also a read-only look at a workspace file for the tests' before/after comparisons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TestPausePoint } from '@core/lib/test-pause';

const ROOT = join(__dirname, '../../..');

export interface WardenProcess {
  child: ChildProcess;
  /** Resolves when the child printed `WARDEN_TEST_PAUSED <point>` on stderr; rejects if it exits first. */
  paused(): Promise<void>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<NodeJS.Signals | null>;
  /** The exit code (after a normal exit) with everything printed. */
  done(): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
  stdout(): string;
  stderr(): string;
}

export function startWarden(args: readonly string[], options: { env?: NodeJS.ProcessEnv; pauseAt?: TestPausePoint } = {}): WardenProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env['WARDEN_TEST_PAUSE_AT'];
  if (options.pauseAt !== undefined) env['WARDEN_TEST_PAUSE_AT'] = options.pauseAt;
  // process.execPath is the pinned Node that runs vitest; better-sqlite3 was built for it.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/warden.ts'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    paused: () =>
      new Promise<void>((resolve, reject) => {
        const marker = `WARDEN_TEST_PAUSED ${options.pauseAt ?? '?'}`;
        const check = (): void => {
          if (err.includes(marker)) {
            child.stderr?.off('data', check);
            resolve();
          }
        };
        child.stderr?.on('data', check);
        check();
        void exited.then(({ code, signal }) => reject(new Error(`warden ${args.join(' ')} exited (${signal ?? String(code)}) before ${marker}.\nstdout: ${out}\nstderr: ${err}`)));
      }),
    kill: async () => {
      child.kill('SIGKILL');
      return (await exited).signal;
    },
    done: async () => ({ ...(await exited), out, err }),
    stdout: () => out,
    stderr: () => err,
  };
}

/** Runs `warden …` to its end. */
export async function runWardenProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return await startWarden(args, { env }).done();
}

/** Everything a crash must not change, read straight from the file (read-only). */
export interface WorkspaceSnapshot {
  scans: unknown[];
  factsPerScan: unknown[];
  agentsPerScan: unknown[];
  findingsPerScan: unknown[];
  registry: unknown[];
  audit: unknown[];
  findingStates: unknown[];
}

export function snapshotWorkspace(path: string): WorkspaceSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const all = (query: string): unknown[] => db.prepare(query).all();
    return {
      scans: all('SELECT id, source, status, label, account_id, analyzed_at, analysis_inputs, agent_count, finding_count FROM scans ORDER BY id'),
      factsPerScan: all('SELECT scan_id, count(*) AS n FROM scan_facts GROUP BY scan_id ORDER BY scan_id'),
      agentsPerScan: all('SELECT scan_id, count(*) AS n FROM agents GROUP BY scan_id ORDER BY scan_id'),
      findingsPerScan: all('SELECT scan_id, count(*) AS n FROM findings GROUP BY scan_id ORDER BY scan_id'),
      registry: all('SELECT * FROM registry ORDER BY arn'),
      audit: all('SELECT * FROM audit_log ORDER BY seq'),
      findingStates: all('SELECT * FROM finding_states ORDER BY fingerprint'),
    };
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check and foreign_key_check, and completed scans that have no facts (a half scan). */
export function checkWorkspaceFile(path: string): { integrity: string; foreignKeyProblems: number; scansWithoutFacts: string[] } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
    const foreignKeyProblems = db.prepare('PRAGMA foreign_key_check').all().length;
    const scansWithoutFacts = (
      db.prepare(`SELECT id FROM scans s WHERE s.status = 'completed' AND NOT EXISTS (SELECT 1 FROM scan_facts f WHERE f.scan_id = s.id)`).all() as { id: string }[]
    ).map((r) => r.id);
    return { integrity, foreignKeyProblems, scansWithoutFacts };
  } finally {
    db.close();
  }
}
