/**
 * A real moto_server for tests, on a free loopback port.
 *
 *   const moto = await startMoto();          // in beforeAll (allow ~10 s)
 *   env.AWS_ENDPOINT_URL = moto.endpoint;    // or writeAwsConfig({ endpoint: moto.endpoint, … }).env
 *   await moto.reset();                      // between tests: forget every resource
 *   await moto.stop();                       // in afterAll
 *
 * moto accepts any access key pair and answers as account 123456789012. It is found as
 * `moto_server` on PATH, else through `pyenv which moto_server`, else as `python3 -m moto.server`;
 * if none works, startMoto throws with what was tried and how to install it. Set MOTO_SERVER to a
 * command to force one (e.g. `MOTO_SERVER=/opt/venv/bin/moto_server`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export { writeAwsConfig, writeSsoTokenCache, type AwsConfigFixture, type AwsConfigFixtureOptions, type FixtureProfile } from './aws-config';

/** moto's fixed account ID. */
export const MOTO_ACCOUNT_ID = '123456789012';

export interface MotoServer {
  /** e.g. `http://127.0.0.1:43817` */
  endpoint: string;
  port: number;
  /** Forget every resource created so far (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stop the server and its children. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment for the server (on top of MOTO_IAM_LOAD_MANAGED_POLICIES=true). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for it to answer. Default 30 s. */
  startTimeoutMs?: number;
}

export interface MotoCommand {
  command: string;
  args: string[];
  description: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = join(dir, `${name}${extension}`);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** Which command runs moto here; throws a loud error listing what was tried. */
export function findMotoCommand(env: NodeJS.ProcessEnv = process.env): MotoCommand {
  const tried: string[] = [];
  const forced = env['MOTO_SERVER'];
  if (forced !== undefined && forced !== '') {
    return { command: forced, args: [], description: `MOTO_SERVER=${forced}` };
  }

  const direct = onPath('moto_server', env);
  if (direct !== null) return { command: direct, args: [], description: direct };
  tried.push('`moto_server` on PATH: not found');

  const pyenv = onPath('pyenv', env) ?? (isExecutable(join(env['HOME'] ?? '', '.pyenv', 'bin', 'pyenv')) ? join(env['HOME'] ?? '', '.pyenv', 'bin', 'pyenv') : null);
  if (pyenv !== null) {
    const which = spawnSync(pyenv, ['which', 'moto_server'], { env, encoding: 'utf8', timeout: 15_000 });
    const path = which.stdout.trim();
    if (which.status === 0 && path !== '' && isExecutable(path)) return { command: path, args: [], description: `${path} (via pyenv)` };
    tried.push(`\`pyenv which moto_server\`: ${(which.stderr || 'no answer').trim().split('\n')[0] ?? ''}`);
  } else {
    tried.push('`pyenv which moto_server`: pyenv not found');
  }

  for (const python of ['python3', 'python']) {
    const check = spawnSync(python, ['-c', 'import moto.server, flask'], { env, encoding: 'utf8', timeout: 30_000 });
    if (check.status === 0) return { command: python, args: ['-m', 'moto.server'], description: `${python} -m moto.server` };
    tried.push(`\`${python} -m moto.server\`: ${check.error !== undefined ? check.error.message : (check.stderr.trim().split('\n').pop() ?? 'failed')}`);
  }

  throw new Error(
    [
      '',
      '==================================================================',
      ' moto_server is required by these tests and could not be found.',
      ' Tried:',
      ...tried.map((line) => `   - ${line}`),
      " Install it with:  pip install 'moto[server]'",
      ' or point MOTO_SERVER at the moto_server executable.',
      '==================================================================',
    ].join('\n'),
  );
}

/** A port nothing listens on right now (the OS picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Detached: the server leads its own process group, so this reaches its children too.
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
    else process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

async function launch(moto: MotoCommand, port: number, options: StartMotoOptions): Promise<MotoServer> {
  const endpoint = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(moto.command, [...moto.args, '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    killTree(child, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), delay(3_000).then(() => true)]);
    if (timedOut) {
      killTree(child, 'SIGKILL');
      await Promise.race([exited, delay(2_000)]);
    }
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (spawnError !== null || child.exitCode !== null || child.signalCode !== null) break;
    if (await answers(endpoint)) {
      return {
        endpoint,
        port,
        async reset() {
          const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
        },
        stop,
      };
    }
    await delay(100);
  }
  await stop();
  const failure = spawnError as Error | null;
  const log = output.join('').trim().split('\n').slice(-20).join('\n');
  throw new Error(
    `moto_server (${moto.description}) did not answer on ${endpoint}` +
      `${failure !== null ? `: ${failure.message}` : child.exitCode !== null ? ` (it exited with code ${child.exitCode})` : ' in time'}.` +
      `${log !== '' ? `\nIts output:\n${log}` : ''}`,
  );
}

/** Start moto_server on a free loopback port and wait until it answers. */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const moto = findMotoCommand();
  let lastError: unknown;
  // The free port can be taken between finding and binding it; try a few.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await launch(moto, await findFreePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof Error) || !/exited|in use/i.test(error.message)) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
