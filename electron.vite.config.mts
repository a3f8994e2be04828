import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { PATH_ALIASES } from './path-aliases.config.mjs';

// Desktop build: main process, sandboxed (CommonJS) preload, and the React renderer.
export default defineConfig({
  main: {
    resolve: { alias: PATH_ALIASES },
    build: {
      outDir: 'out/main',
      // ESM-only dependencies are bundled into the CommonJS main process, not require()d at run time.
      externalizeDeps: { exclude: ['@marcbachmann/cel-js'] },
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // Started with new Worker(): analyses run off the main process's thread.
          'analysis-worker': resolve(import.meta.dirname, 'electron/core/analysis-store/analysis-worker.ts'),
          // Started with new Worker(): report models are built off the back end's thread (reports/report-runner.ts).
          'report-worker': resolve(import.meta.dirname, 'electron/core/reports/report-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: PATH_ALIASES },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias: PATH_ALIASES },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
});
