/** The crash tests' pause points do nothing unless named, and when named they announce and wait. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');

/** Calls testPause('scan-write') in a fresh process with `env`, timing the call. */
function pauseIn(env: NodeJS.ProcessEnv): { stderr: string; ms: number } {
  const script = `const { testPause } = require(${JSON.stringify(join(ROOT, 'electron/core/lib/test-pause.ts'))});
const started = Date.now(); testPause('scan-write'); process.stdout.write(String(Date.now() - started));`;
  const env2: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env['WARDEN_TEST_PAUSE_AT'] === undefined) delete env2['WARDEN_TEST_PAUSE_AT'];
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: env2, encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(0);
  return { stderr: run.stderr, ms: Number(run.stdout) };
}

describe('testPause', () => {
  it('is inert when the variable is unset or names another point', () => {
    for (const env of [{}, { WARDEN_TEST_PAUSE_AT: 'import-parse' }, { WARDEN_TEST_PAUSE_AT: '' }]) {
      const { stderr, ms } = pauseIn(env);
      expect(stderr).not.toContain('WARDEN_TEST_PAUSED');
      expect(ms).toBeLessThan(100);
    }
  });

  it('announces itself on stderr and waits (up to WARDEN_TEST_PAUSE_MS) when its point is named', () => {
    const { stderr, ms } = pauseIn({ WARDEN_TEST_PAUSE_AT: 'scan-write', WARDEN_TEST_PAUSE_MS: '300' });
    expect(stderr).toBe('WARDEN_TEST_PAUSED scan-write\n');
    expect(ms).toBeGreaterThanOrEqual(290);
  });
});
