/**
 * The analysis worker's warm-up (analysis-store/warm-up.ts): the warm-up account taken through the
 * whole path of an imported scan on a workspace in memory, in rounds that stop when real work arrives.
 * Held here: a round analyses and stores the account and makes its first view without touching the
 * disk; the crash tests' pause points do not fire in it; later rounds stop as soon as they are no
 * longer wanted; the scratch workspace is at this build's schema.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moreWarmUpRounds, warmUpInTurns, warmUpRound, WARM_UP_MORE_ROUNDS, WARM_UP_ROUNDS_ENV } from '@core/analysis-store/warm-up';
import { WARM_UP_PRINCIPALS } from '@core/analysis-store/warm-up-account';
import { MIGRATIONS } from '@core/db/migrations/index';
import { openScratchWorkspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { TEST_PAUSE_ENV } from '@core/lib/test-pause';

const saved = { at: process.env[TEST_PAUSE_ENV], ms: process.env['WARDEN_TEST_PAUSE_MS'] };
afterEach(() => {
  for (const [name, value] of [[TEST_PAUSE_ENV, saved.at], ['WARDEN_TEST_PAUSE_MS', saved.ms]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the analysis worker’s warm-up', () => {
  it('takes the warm-up account through an import’s path in memory, writing nothing to disk', () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'warden-warm-up-'));
    try {
      process.chdir(dir);
      expect(warmUpRound(0)).toBe(WARM_UP_PRINCIPALS);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never stops at the crash tests’ pause points (they are for the user’s own scans)', () => {
    for (const point of ['scan-write', 'analysis-write'] as const) {
      process.env[TEST_PAUSE_ENV] = point;
      process.env['WARDEN_TEST_PAUSE_MS'] = '20000';
      const started = performance.now();
      warmUpRound(1);
      expect(performance.now() - started).toBeLessThan(15_000);
    }
  }, 40_000);

  it('runs its later rounds one per turn, and stops once they are no longer wanted', async () => {
    const all = await new Promise<number>((done) => warmUpInTurns(2, () => true, done));
    expect(all).toBe(2);
    let asked = 0;
    const stopped = await new Promise<number>((done) => warmUpInTurns(5, () => (asked += 1) <= 1, done));
    expect(stopped).toBe(1);
  }, 60_000);

  it('runs five more rounds unless the environment says a whole number of 0 to 20', () => {
    expect(moreWarmUpRounds({})).toBe(WARM_UP_MORE_ROUNDS);
    expect(WARM_UP_MORE_ROUNDS).toBe(5);
    expect(moreWarmUpRounds({ [WARM_UP_ROUNDS_ENV]: '0' })).toBe(0);
    expect(moreWarmUpRounds({ [WARM_UP_ROUNDS_ENV]: ' 2 ' })).toBe(2);
    expect(moreWarmUpRounds({ [WARM_UP_ROUNDS_ENV]: '99' })).toBe(20);
    for (const odd of ['', '-1', '1.5', 'many', '1e9', '007']) expect(moreWarmUpRounds({ [WARM_UP_ROUNDS_ENV]: odd }), odd).toBe(WARM_UP_MORE_ROUNDS);
  });

  it('uses a workspace in memory at this build’s schema', () => {
    const scratch = openScratchWorkspace({ clock: () => new Date('2026-06-01T00:00:00.000Z') });
    try {
      expect(scratch.path).toBe(':memory:');
      expect(Number(scratch.read.value(sql`PRAGMA user_version`))).toBe(MIGRATIONS.length);
      expect(Number(scratch.read.value(sql`SELECT count(*) FROM scans`))).toBe(0);
    } finally {
      scratch.close();
    }
  });
});
