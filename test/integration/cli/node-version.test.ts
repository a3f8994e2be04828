/**
 * bin/warden.js refuses an unsupported Node with a message, before anything loads better-sqlite3
 * (whose native build for the pinned Node crashes an older one with SIGSEGV, exit 139).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../../bin/warden.js');
const ENGINES = (JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const REQUIRED = /(\d+\.\d+)/.exec(ENGINES)?.[1] ?? '';

/** A copy of bin/warden.js beside a stand-in CLI that says it was reached, and a package.json with `engines`. */
function fakeInstall(engines: string): string {
  const root = mkdtempSync(join(tmpdir(), 'warden-bin-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'out', 'cli'), { recursive: true });
  copyFileSync(BIN, join(root, 'bin', 'warden.js'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ engines: { node: engines } }));
  writeFileSync(join(root, 'out', 'cli', 'warden.js'), "exports.main = () => { process.stdout.write('reached the CLI\\n'); };\n");
  return root;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('bin/warden.js and the Node version', () => {
  it('reads the minimum from package.json engines', () => {
    expect(REQUIRED).toMatch(/^\d+\.\d+$/);
  });

  it('refuses a Node older than engines with the required version, exit 1, without loading the CLI', () => {
    const root = fakeInstall('>=999.1');
    made.push(root);
    const run = spawnSync(process.execPath, [join(root, 'bin', 'warden.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Node.js 999.1 or newer is required');
    expect(run.stderr).toContain(`this is Node.js ${process.versions.node}`);
    expect(run.stdout).not.toContain('reached the CLI');
  });

  it('runs the CLI on a Node that satisfies engines', () => {
    const root = fakeInstall('>=1.0');
    made.push(root);
    const run = spawnSync(process.execPath, [join(root, 'bin', 'warden.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('reached the CLI');
  });

  // The machine's own Node (20 here) against the real build: a message, never a segmentation fault.
  const systemNode = '/usr/bin/node';
  const systemVersion = existsSync(systemNode) ? spawnSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
  const older = systemVersion !== '' && Number(systemVersion.split('.')[0]) < Number(REQUIRED.split('.')[0]);
  it.runIf(older)(`the machine's Node (${systemVersion || 'none'}) gets the message and exit 1 from the real bin`, () => {
    const run = spawnSync(systemNode, [BIN, '--help'], { encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Node.js ${REQUIRED} or newer is required`);
  });

  it.runIf(existsSync(resolve(__dirname, '../../../out/cli/warden.js')))('the pinned Node runs the real built CLI', () => {
    const run = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warden');
  });
});
