/**
 * `warden serve` prints its URL only once its stop function is handed over (the process entry installs
 * the SIGTERM/SIGINT handlers with it): whoever reads the URL may stop the server at once, and a signal
 * that arrives before its handler exists kills the process outright instead of closing it cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runWarden } from '../../../electron/cli/warden';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('warden serve', () => {
  it('hands over its stop function before it prints the URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-serve-announce-'));
    dirs.push(dir);
    const said: string[] = [];
    let stop: (() => Promise<void>) | null = null;
    const code = await runWarden(['serve', '--workspace', join(dir, 'w.sqlite'), '--port', '0'], {
      env: { ...process.env, XDG_CONFIG_HOME: dir, WARDEN_CHROME: '' },
      io: { out: (text) => void said.push(`out:${text}`), err: (text) => void said.push(`err:${text}`) },
      moduleDir: join(process.cwd(), 'electron/cli'),
      onServing: (given) => {
        said.push('onServing');
        stop = given;
      },
    });
    try {
      expect(code).toBe(0);
      const handedOver = said.indexOf('onServing');
      const url = said.findIndex((line) => line.startsWith('out:URL: http://127.0.0.1:'));
      expect(handedOver).toBeGreaterThanOrEqual(0);
      expect(url).toBeGreaterThan(handedOver);
    } finally {
      await (stop as (() => Promise<void>) | null)?.();
    }
  });
});
