/**
 * `npm install` on a fresh clone must leave package-lock.json as committed. One way it changes: npm
 * records `hasInstallScript` from the extracted package (scripts, or a binding.gyp that implies
 * `node-gyp rebuild`), which a lockfile written from registry metadata alone can miss
 * (better-sqlite3 13 did). This checks every installed package's flag against what npm would infer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

interface LockEntry {
  version?: string;
  hasInstallScript?: boolean;
  link?: boolean;
}
interface Manifest {
  version?: string;
  scripts?: Record<string, string>;
}

function infersInstallScript(dir: string, manifest: Manifest): boolean {
  const scripts = manifest.scripts ?? {};
  if (['preinstall', 'install', 'postinstall'].some((name) => typeof scripts[name] === 'string')) return true;
  return existsSync(join(dir, 'binding.gyp'));
}

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

  it('records an install script exactly where the installed package has one', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.link === true) continue;
      const dir = join(ROOT, path);
      const manifestPath = join(dir, 'package.json');
      // Optional packages for other platforms are not installed here.
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (manifest.version !== entry.version) continue;
      checked += 1;
      if (infersInstallScript(dir, manifest) !== (entry.hasInstallScript === true)) wrong.push(`${path} (lock: ${String(entry.hasInstallScript === true)})`);
    }
    expect(checked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('has better-sqlite3 marked (its binding.gyp means node-gyp rebuild to npm)', () => {
    expect(lock.packages['node_modules/better-sqlite3']?.hasInstallScript).toBe(true);
  });
});
