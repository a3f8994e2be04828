import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { PATH_ALIASES } from './path-aliases.config.mjs';

// The `warden` command (and `warden serve`): plain Node, CommonJS, dependencies left external —
// except the ESM-only ones, bundled so that no `require()` of an ES module is left for the runtime.
const BUNDLED_DEPENDENCIES = ['@marcbachmann/cel-js'];
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((name) => !BUNDLED_DEPENDENCIES.includes(name)),
];

export default defineConfig({
  // An SSR build leaves every package external unless told otherwise.
  resolve: { alias: PATH_ALIASES },
  ssr: { noExternal: BUNDLED_DEPENDENCIES },
  build: {
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    ssr: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        warden: resolve(import.meta.dirname, 'electron/cli/warden.ts'),
        // Started with new Worker() by `warden serve`: analyses run off the server's thread.
        'analysis-worker': resolve(import.meta.dirname, 'electron/core/analysis-store/analysis-worker.ts'),
        // Started with new Worker(): report models are built off the back end's thread (reports/report-runner.ts).
        'report-worker': resolve(import.meta.dirname, 'electron/core/reports/report-worker.ts'),
      },
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { format: 'cjs', entryFileNames: '[name].js' },
    },
  },
});
