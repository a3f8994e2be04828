/**
 * Setup file of every vitest file (vitest.config.mts): when `npm run test:unit` asks for it
 * (scripts/vitest-run.mjs sets WARDEN_VITEST_FILE_LOG), notes when each test file starts and ends, so
 * that if a test process dies the file it was running can be named (vitest shares one process across
 * files, and its own message lists every file that process was given).
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';

const log = process.env['WARDEN_VITEST_FILE_LOG'];

if (log !== undefined && log !== '') {
  const file = (): string => expect.getState().testPath ?? '?';
  beforeAll(() => {
    appendFileSync(log, `start ${process.pid} ${file()}\n`);
  });
  afterAll(() => {
    appendFileSync(log, `end ${process.pid} ${file()}\n`);
  });
}
