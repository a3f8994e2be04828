import { defineConfig } from 'vitest/config';
import { PATH_ALIASES } from './path-aliases.config.mjs';

// The shell's tests replace the `electron` module (vi.mock), and the memory measurements want a process
// of their own: each of those runs in a fresh module registry. The rest share a worker's registry across
// files (`isolate: false`): spawning and importing afresh for each of ~230 files cost about a fifth of the
// suite's time on CI's two cores.
const ISOLATED_TESTS = ['test/unit/shell/**/*.test.ts', 'test/unit/discovery/large-export.test.ts'];

export default defineConfig({
  resolve: { alias: PATH_ALIASES },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every core: vitest's default leaves one idle (cores − 1), which on CI's two cores ran the whole
    // suite in one process (~210–240 s; with both ~130–140 s, two runs each, all passing).
    maxWorkers: '100%',
    // Back ends started by tests (and the `warden serve` children they spawn) warm their analysis
    // worker up with one round, not six: many start one each (analysis-store/warm-up.ts).
    env: { WARDEN_WARM_UP_ROUNDS: '0' },
    // Notes each file's start and end when scripts/vitest-run.mjs asks (to name a file whose process died).
    setupFiles: ['test/support/file-log.ts'],
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED_TESTS, isolate: true } },
      {
        extends: true,
        test: { name: 'core', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'renderer/**/*.test.ts'], exclude: [...ISOLATED_TESTS, '**/node_modules/**'], isolate: false },
      },
    ],
  },
});
