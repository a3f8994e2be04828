/**
 * Temporary files: a run of `warden` leaves no agent-warden-* folder in the temporary folder, whether
 * it ends normally, on SIGTERM, or is killed (then the next start removes what the dead process left);
 * uploads nobody imports expire. The process tests run the real CLI (tsx) with a private TMPDIR.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';
import { UploadStore, UPLOAD_MAX_AGE_MS } from '@core/discovery/scan/upload-store';
import { LEGACY_MAX_AGE_MS, createTempDir, sweepStaleTempDirs } from '@core/lib/temp-dirs';
import { runWardenProcess, startWarden } from '../../integration/crash/warden-process';

const ours = (dir: string): string[] => readdirSync(dir).filter((name) => name.startsWith('agent-warden-'));

/** A pid that was just in use and is no longer running. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '0']);
  if (done.pid === undefined) throw new Error('could not start a process');
  return done.pid;
}

async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('warden leaves no temporary folders (child processes, private TMPDIR)', () => {
  let dir: string;
  let temp: string;
  let env: NodeJS.ProcessEnv;
  let details: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-tempfiles-'));
    temp = join(dir, 'tmp');
    mkdirSync(temp);
    env = { TMPDIR: temp, TMP: temp, TEMP: temp, WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') };
    details = join(dir, 'authorization-details.json');
    writeFileSync(details, [...exportPieces(new SyntheticAccount({ principals: 20, seed: 7 }))].join(''));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // tsx keeps its compile cache in TMPDIR; only our own folders are of interest.
    for (const name of ours(temp)) rmSync(join(temp, name), { recursive: true, force: true });
  });

  it('one-shot commands leave none, and neither does one killed mid-write', async () => {
    const imported = await runWardenProcess(['import', '--authorization-details', details], env);
    expect(imported.code, imported.err).toBe(0);
    for (const args of [['agents', '--format', 'json'], ['findings', '--format', 'json'], ['policies', 'list'], ['audit', 'verify']]) {
      const run = await runWardenProcess(args, env);
      expect(run.code, `${args.join(' ')}: ${run.err}`).toBe(0);
      expect(ours(temp), args.join(' ')).toEqual([]);
    }
    // SIGKILL inside the import's write: no cleanup runs, so nothing may have been made in the first place.
    const killed = startWarden(['import', '--authorization-details', details], { env, pauseAt: 'scan-write' });
    await killed.paused();
    await killed.kill();
    expect(ours(temp)).toEqual([]);
  }, 120_000);

  it('serve --demo makes no temporary folder: the demo is one file in the app-data folder, kept after SIGTERM', async () => {
    // Issue 10 §2: the demo used to be a new temporary folder per start; it is <app-data>/Agent Warden/demo.sqlite now.
    const appData = join(dir, 'app-data');
    const child = startWarden(['serve', '--demo', '--port', '0'], { env: { ...env, XDG_CONFIG_HOME: appData } });
    await waitFor(() => child.stdout().includes('URL: ') || child.child.exitCode !== null, 'warden serve --demo');
    expect(child.child.exitCode, child.stderr()).toBeNull();
    expect(ours(temp)).toEqual([]);
    child.child.kill('SIGTERM');
    const { code } = await child.done();
    expect(code).toBe(0);
    expect(ours(temp)).toEqual([]);
    expect(existsSync(join(appData, 'Agent Warden', 'demo.sqlite'))).toBe(true);
  }, 120_000);

  it('the next start removes what a killed run left, and only that', async () => {
    // What a killed run of an earlier version left: its demo folder, named with its (dead) pid.
    const folder = join(temp, `agent-warden-demo-${deadPid()}-AbC123`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'Agent Warden demo.sqlite'), '');
    // Beside it: a folder of a running process (this one), a recent one of an older version, an old
    // one of an older version, another tool's folder, and a symlink named like ours.
    const running = createTempDir('uploads', temp);
    const legacyRecent = join(temp, 'agent-warden-uploads-AbC123');
    const legacyOld = join(temp, 'agent-warden-demo-XyZ789');
    const otherTool = join(temp, 'agent-warden-bench-Q1w2E3');
    mkdirSync(legacyRecent);
    mkdirSync(legacyOld);
    mkdirSync(otherTool);
    const old = (Date.now() - LEGACY_MAX_AGE_MS - 60_000) / 1000;
    utimesSync(legacyOld, old, old);
    const victim = join(dir, 'not-ours');
    mkdirSync(victim);
    writeFileSync(join(victim, 'keep.txt'), 'keep');
    symlinkSync(victim, join(temp, `agent-warden-uploads-${deadPid()}-Sym123`));

    const run = await runWardenProcess(['policies', 'list'], env);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(legacyOld)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(legacyRecent)).toBe(true);
    expect(existsSync(otherTool)).toBe(true);
    expect(existsSync(join(victim, 'keep.txt'))).toBe(true);
  }, 120_000);
});

describe('uploads', () => {
  let parent: string;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'warden-uploads-test-'));
  });

  afterAll(() => {
    vi.useRealTimers();
    rmSync(parent, { recursive: true, force: true });
  });

  it('makes its folder on the first upload only and removes it when disposed', () => {
    const store = new UploadStore({ parent });
    expect(store.folder()).toBeNull();
    expect(ours(parent)).toEqual([]);
    const { path } = store.create();
    writeFileSync(path, 'x');
    expect(ours(parent)).toHaveLength(1);
    store.dispose();
    expect(ours(parent)).toEqual([]);
  });

  it('deletes an upload nobody imported after an hour, but not one an import took', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new UploadStore({ parent, clock: () => now });
    try {
      const abandoned = store.create();
      writeFileSync(abandoned.path, 'abandoned');
      const taken = store.create();
      writeFileSync(taken.path, 'taken');
      expect(store.resolve(taken.id)).toBe(taken.path);

      now = new Date(now.getTime() + UPLOAD_MAX_AGE_MS - 1000);
      expect(store.expire()).toBe(0);
      expect(existsSync(abandoned.path)).toBe(true);

      now = new Date(now.getTime() + 2000);
      // The next upload sweeps too; the import's file stays until the import removes it.
      const fresh = store.create();
      expect(existsSync(abandoned.path)).toBe(false);
      expect(() => store.resolve(abandoned.id)).toThrow(/no longer available/);
      expect(existsSync(taken.path)).toBe(true);
      expect(store.resolve(fresh.id)).toBe(fresh.path);
    } finally {
      store.dispose();
    }
  });

  it('expires on its own timer while the server is idle', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const store = new UploadStore({ parent });
    try {
      const upload = store.create();
      writeFileSync(upload.path, 'abandoned');
      vi.advanceTimersByTime(UPLOAD_MAX_AGE_MS + 10 * 60 * 1000);
      expect(existsSync(upload.path)).toBe(false);
    } finally {
      store.dispose();
      vi.useRealTimers();
    }
  });

  it('sweeps only folders of dead processes it owns (unit)', () => {
    const sweepDir = mkdtempSync(join(parent, 'sweep-'));
    const dead = join(sweepDir, 'agent-warden-demo-424242-AbCdEf');
    const alive = join(sweepDir, 'agent-warden-demo-434343-AbCdEf');
    const file = join(sweepDir, 'agent-warden-uploads-424242-FiLe12');
    mkdirSync(dead);
    mkdirSync(alive);
    writeFileSync(file, 'a file, not a folder of ours');
    const removed = sweepStaleTempDirs({ parent: sweepDir, isAlive: (pid) => pid === 434343 });
    expect(removed).toEqual([dead]);
    expect(existsSync(alive)).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(sweepStaleTempDirs({ parent: join(sweepDir, 'missing') })).toEqual([]);
  });
});
