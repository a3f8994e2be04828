// `npm run test:unit`: runs vitest (console and .tmp/vitest.json), and says plainly when a test
// process died rather than a test failing.
//
// Vitest runs the files in a few forked processes; when one of them dies (a signal, a native crash)
// the run stops with "Worker exited unexpectedly …" among other output, and the files it had not run
// are neither passed nor failed. That line, with the file it was running, is printed again at the end,
// where a CI log's tail shows it. Then, only if no test failed, the files that did not pass are run
// once more in a fresh vitest (said so in the output); the run passes only if they all pass there.
// A test that fails, or a second death, fails the run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const REPORT = '.tmp/vitest.json';
const FIRST = '.tmp/vitest-first.json';
const RERUN = '.tmp/vitest-rerun.json';
const VITEST = 'node_modules/vitest/vitest.mjs';
// eslint-disable-next-line no-control-regex -- the colour codes of vitest's output, taken off before matching
const ANSI = /\x1b\[[0-9;]*m/g;
/** Each test file's start and end (test/support/file-log.ts): names the file a dead process was running. */
const FILE_LOG = '.tmp/vitest-files.log';

/** Runs vitest with `args`, passing its output through; resolves with its exit code and the death lines. */
function vitest(args) {
  return new Promise((resolve) => {
    rmSync(FILE_LOG, { force: true });
    const child = spawn(process.execPath, [VITEST, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WARDEN_VITEST_FILE_LOG: FILE_LOG } });
    const deaths = [];
    let tail = '';
    const watch = (chunk, out) => {
      out.write(chunk);
      const text = tail + chunk.toString('utf8').replace(ANSI, '');
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) if (/Worker exited unexpectedly/.test(line)) deaths.push(shortDeath(line));
    };
    child.stdout.on('data', (chunk) => watch(chunk, process.stdout));
    child.stderr.on('data', (chunk) => watch(chunk, process.stderr));
    child.on('close', (code, signal) => {
      if (/Worker exited unexpectedly/.test(tail)) deaths.push(shortDeath(tail));
      resolve({ code: code ?? (signal !== null ? 1 : 0), deaths, unfinished: unfinishedFiles() });
    });
  });
}

/** The death without the list of every file its process was given (all of them, in a shared process). */
function shortDeath(line) {
  const text = line.trim();
  const cut = text.indexOf(' while running test file');
  return cut < 0 ? text : `${text.slice(0, cut)} (its files: see below)`;
}

/** Files started and not ended, by process: what a dead process was running. */
function unfinishedFiles() {
  if (!existsSync(FILE_LOG)) return [];
  const open = new Map();
  for (const line of readFileSync(FILE_LOG, 'utf8').split('\n')) {
    const match = /^(start|end) (\d+) (.+)$/.exec(line);
    if (match === null) continue;
    const key = `${match[2]} ${match[3]}`;
    if (match[1] === 'start') open.set(key, { pid: match[2], file: relative(process.cwd(), match[3]) });
    else open.delete(key);
  }
  return [...open.values()];
}

function printDeaths(run) {
  for (const line of run.deaths) console.error(`    ${line}`);
  for (const { pid, file } of run.unfinished) console.error(`    unfinished in process ${pid}: ${file}`);
}

function readReport(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const reporters = (output) => ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`];

/** File filters (as vitest takes them), for trying this out on a few files. */
const filters = process.argv.slice(2);
const first = await vitest([...reporters(REPORT), ...filters]);
if (first.code === 0) process.exit(0);

const report = readReport(REPORT);
if (first.deaths.length > 0) {
  // Said at the end as well, where a CI log's tail shows it.
  console.error('\n==> A vitest process died:');
  printDeaths(first);
}
if (first.deaths.length === 0 || report === null || (report.numFailedTests ?? 0) > 0) process.exit(first.code);

console.error('    No test failed: the files that did not pass whole run once more.');

// Every file vitest knows, less those that passed whole.
const listed = await new Promise((resolve) => {
  const child = spawn(process.execPath, [VITEST, 'list', ...filters, '--filesOnly', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.on('close', () => {
    try {
      resolve(JSON.parse(out).map((entry) => relative(process.cwd(), entry.file)));
    } catch {
      resolve(null);
    }
  });
});
if (listed === null) {
  console.error('    could not list the test files to run the rest again');
  process.exit(first.code);
}
const passedWhole = new Set(report.testResults.filter((file) => file.status === 'passed').map((file) => relative(process.cwd(), file.name)));
const rest = listed.filter((file) => !passedWhole.has(file));
console.error(`    ${passedWhole.size} files had passed; running the other ${rest.length} once more, in a fresh vitest:\n`);
renameSync(REPORT, FIRST);
const again = await vitest([...reporters(RERUN), ...rest]);
const rerun = readReport(RERUN);
if (again.deaths.length > 0) {
  console.error('\n==> A vitest process died again:');
  printDeaths(again);
}

// One report for the summary: the files that passed the first time, and the rerun's.
const kept = report.testResults.filter((file) => file.status === 'passed');
const count = (files, status) => files.reduce((n, file) => n + file.assertionResults.filter((test) => test.status === status).length, 0);
const files = [...kept, ...(rerun?.testResults ?? [])];
const merged = {
  ...report,
  numTotalTests: files.reduce((n, file) => n + file.assertionResults.length, 0),
  numPassedTests: count(files, 'passed'),
  numFailedTests: count(files, 'failed'),
  numPendingTests: count(files, 'skipped') + count(files, 'pending'),
  numTodoTests: count(files, 'todo'),
  success: again.code === 0,
  testResults: files,
  rerunAfterDeath: { deaths: first.deaths, files: rest.length },
};
writeFileSync(REPORT, JSON.stringify(merged));
console.error(`\n==> The files left by the dead process ${again.code === 0 ? 'passed' : 'did not pass'} when run again (first death: ${first.deaths[0]})`);
process.exit(again.code === 0 ? 0 : again.code);
