/**
 * The app's folders in the OS temporary folder (uploads for an import; `demo` folders only from versions
 * before the demo became one persistent file, swept like the others). Each is
 * named `agent-warden-<kind>-<pid>-<random>` so that a later run can tell whose it is: the folders
 * of a process that is no longer running (it crashed or was killed) are removed at the next start
 * (`sweepStaleTempDirs`), and this process removes its own when it exits normally (`warden serve`
 * turns SIGINT/SIGTERM into a normal exit; a one-shot command makes none of these folders).
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TempDirKind = 'uploads' | 'demo';

const PREFIX = 'agent-warden-';
/** `agent-warden-uploads-1234-AbC123`: kind, the owner's pid, mkdtemp's random suffix. */
const OURS = /^agent-warden-(uploads|demo)-(\d{1,10})-[A-Za-z0-9]{6}$/;
/** Folders written by versions before the pid was in the name (mkdtemp suffix only). */
const LEGACY = /^agent-warden-(uploads|demo)-[A-Za-z0-9]{6}$/;
/**
 * A legacy folder names no owner, so only its age says it is abandoned: a day without a change
 * (an open demo workspace's folder changes whenever SQLite creates its -wal/-shm files).
 */
export const LEGACY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const live = new Set<string>();
let exitHookInstalled = false;

function removeQuietly(path: string): boolean {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 2 });
    return true;
  } catch {
    // Best effort: a file still open on Windows, a permission change. The next start tries again.
    return false;
  }
}

function removeAllLive(): void {
  for (const path of live) removeQuietly(path);
  live.clear();
}

/** Creates a private (0700) folder of this process in `parent`; it is removed at exit if still there. */
export function createTempDir(kind: TempDirKind, parent: string = tmpdir()): string {
  const path = mkdtempSync(join(parent, `${PREFIX}${kind}-${process.pid}-`));
  live.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous: rmSync is.
    process.on('exit', removeAllLive);
  }
  return path;
}

/** Removes a folder made by createTempDir (now rather than at exit). */
export function removeTempDir(path: string): void {
  if (removeQuietly(path)) live.delete(path);
}

/** Whether a process with this pid is running (EPERM: it is, under another user). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SweepOptions {
  parent?: string;
  isAlive?: (pid: number) => boolean;
  now?: () => Date;
}

/**
 * Removes the app's temporary folders left by processes that are no longer running, and legacy
 * ones untouched for a day. Only real directories owned by this user are considered: on a shared
 * /tmp, a symlink or another user's folder with our prefix is left alone. Never throws; returns the
 * folders removed.
 */
export function sweepStaleTempDirs(options: SweepOptions = {}): string[] {
  const parent = options.parent ?? tmpdir();
  const isAlive = options.isAlive ?? isProcessAlive;
  const now = (options.now ?? ((): Date => new Date()))().getTime();
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const ours = OURS.exec(name);
    if (ours === null && !LEGACY.test(name)) continue;
    const path = join(parent, name);
    if (live.has(path)) continue;
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory() || (uid !== null && stat.uid !== uid)) continue;
      const stale = ours !== null ? !isAlive(Number(ours[2])) : now - stat.mtimeMs > LEGACY_MAX_AGE_MS;
      if (stale && removeQuietly(path)) removed.push(path);
    } catch {
      // Gone meanwhile, or unreadable: not ours to worry about.
    }
  }
  return removed;
}
