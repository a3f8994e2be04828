/**
 * A test-only pause point, for the crash tests (test/integration/crash/): when the environment variable
 * WARDEN_TEST_PAUSE_AT names this point, the process writes `WARDEN_TEST_PAUSED <point>` on stderr and
 * blocks right there, so a test can SIGKILL it at a known moment (mid-parse, inside a write
 * transaction). Inert otherwise: one environment lookup, nothing written, nothing waited for.
 *
 * Points: `import-parse` (an import's authorization-details file is being streamed), `scan-write`
 * (inside insertScan's transaction, every row written, before the commit; imports, live scans and the
 * demo share it), `analysis-write` (inside the transaction that stores a scan's analysis, agents and
 * findings written, before the commit).
 *
 * The wait is synchronous (Atomics.wait) because a transaction of better-sqlite3 is: an asynchronous
 * wait could not stop inside one. It gives up after WARDEN_TEST_PAUSE_MS (default 60 s) so a
 * forgotten variable delays a run rather than hanging it.
 */
import { writeSync } from 'node:fs';

export type TestPausePoint = 'import-parse' | 'scan-write' | 'analysis-write';

export const TEST_PAUSE_ENV = 'WARDEN_TEST_PAUSE_AT';

/** Work that is not the user's (the analysis worker's warm-up, on a workspace in memory) never pauses. */
let suppressed = 0;

export function withoutTestPauses<T>(work: () => T): T {
  suppressed += 1;
  try {
    return work();
  } finally {
    suppressed -= 1;
  }
}

export function testPause(point: TestPausePoint): void {
  if (process.env[TEST_PAUSE_ENV] !== point || suppressed > 0) return;
  writeSync(2, `WARDEN_TEST_PAUSED ${point}\n`);
  const ms = Number(process.env['WARDEN_TEST_PAUSE_MS'] ?? '60000');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number.isFinite(ms) && ms > 0 ? ms : 60_000);
}
