import { defineConfig } from 'vitest/config';
import { PATH_ALIASES } from './path-aliases.config.mjs';

export default defineConfig({
  resolve: { alias: PATH_ALIASES },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
