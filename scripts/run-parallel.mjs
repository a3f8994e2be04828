#!/usr/bin/env node
/**
 * Runs npm scripts at the same time and fails if any fails: `node scripts/run-parallel.mjs typecheck lint`.
 * CI's machine has two cores and `tsc -b` and eslint are each single-threaded, so running them side by side
 * takes the time of the longer one instead of their sum. Each script's output is printed whole when it
 * ends (never interleaved), headed by its name, its exit code and its time.
 */
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.mjs SCRIPT [SCRIPT…]\n');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      resolve({ name, code: 1, seconds: (Date.now() - started) / 1000, output: Buffer.concat(chunks).toString('utf8') });
    });
    child.on('close', (code, signal) => {
      resolve({ name, code: code ?? (signal === null ? 1 : 128), seconds: (Date.now() - started) / 1000, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const pending = names.map((name) => run(name).then((result) => {
  const verdict = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`;
  process.stdout.write(`\n--- npm run ${result.name}: ${verdict} in ${result.seconds.toFixed(1)} s ---\n${result.output}`);
  return result;
}));
const results = await Promise.all(pending);
const failed = results.filter((result) => result.code !== 0);
if (failed.length > 0) {
  process.stdout.write(`\nrun-parallel: failed: ${failed.map((result) => result.name).join(', ')}\n`);
  process.exit(1);
}
