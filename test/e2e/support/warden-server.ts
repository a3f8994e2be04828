/**
 * Starts the real back end for an end-to-end test: `node out/cli/warden.js serve --workspace FILE
 * --port 0`, reads the one `URL: …` line it prints, and stops it afterwards.
 *
 *   const warden = await startWardenServer({ env: aws.env });
 *   await page.goto(warden.url);
 *   await warden.stop();
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI_PATH = resolve(__dirname, '../../../out/cli/warden.js');

export interface WardenServer {
  /** The URL to open, with the session token in its fragment. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  token: string;
  workspacePath: string;
  /** Its app-data folder (XDG_CONFIG_HOME): the demo's file is `Agent Warden/demo.sqlite` in it. */
  appDataDir: string;
  /** What the server wrote on stderr so far (for failure messages). */
  stderr(): string;
  /** Stop the server (and delete the workspace folder when it was made here). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartWardenOptions {
  /** The server's environment (e.g. a temporary AWS config's env). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default: a fresh file in a new temporary folder, removed on stop. */
  workspacePath?: string;
  /**
   * The server's app-data folder (set as XDG_CONFIG_HOME), where the demo's one file lives. Default: a
   * new temporary folder, removed on stop, so no test shares or touches the real demo.
   */
  appDataDir?: string;
  extraArgs?: string[];
  startTimeoutMs?: number;
}

export async function startWardenServer(options: StartWardenOptions = {}): Promise<WardenServer> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` before the end-to-end tests.`);
  const ownDir = options.workspacePath === undefined ? await mkdtemp(join(tmpdir(), 'warden-e2e-')) : null;
  const workspacePath = options.workspacePath ?? join(ownDir ?? tmpdir(), 'workspace.sqlite');
  const ownAppData = options.appDataDir === undefined ? await mkdtemp(join(tmpdir(), 'warden-e2e-appdata-')) : null;
  const appDataDir = options.appDataDir ?? ownAppData ?? tmpdir();

  // process.execPath is the Node that runs Playwright (the pinned one from node_modules/.bin under npx).
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--workspace', workspacePath, '--port', '0', ...(options.extraArgs ?? [])], {
    // Every test starts its own back end: its analysis worker warms up with one round, not six (the
    // later rounds only speed up a large first analysis; test/integration/analysis/warm-up.test.ts).
    env: { WARDEN_WARM_UP_ROUNDS: '0', ...(options.env ?? process.env), XDG_CONFIG_HOME: appDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir !== null) await rm(ownDir, { recursive: true, force: true });
    if (ownAppData !== null) await rm(ownAppData, { recursive: true, force: true });
  };

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(`did not print its URL within ${options.startTimeoutMs ?? 20_000} ms`), options.startTimeoutMs ?? 20_000);
    function fail(reason: string): void {
      clearTimeout(timer);
      reject(new Error(`warden serve ${reason}.\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim()}`));
    }
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^URL: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${String(code)}`}) before it was ready`));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.slice('#token='.length),
    workspacePath,
    appDataDir,
    stderr: () => stderr,
    stop,
  };
}
