// Prints one closing line for CI, "tests: N passed, N failed[, N skipped]", from the JSON reports
// that vitest and Playwright write under .tmp/ during `npm test`.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

if (existsSync('.tmp/vitest.json')) {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  seen.push(`vitest ${report.numPassedTests ?? 0}/${report.numTotalTests ?? 0}`);
  // scripts/vitest-run.mjs: a test process died and the files it left were run again.
  if (report.rerunAfterDeath !== undefined) {
    const { deaths, files } = report.rerunAfterDeath;
    console.log(`vitest: a test process died (${deaths[0] ?? 'no message'}); the ${files} files it left were run again`);
  }
}
if (existsSync('.tmp/playwright.json')) {
  const report = JSON.parse(readFileSync('.tmp/playwright.json', 'utf8'));
  const stats = report.stats ?? {};
  passed += stats.expected ?? 0;
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  skipped += stats.skipped ?? 0;
  seen.push(`playwright ${stats.expected ?? 0}/${(stats.expected ?? 0) + (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (stats.skipped ?? 0)}`);
}
console.log(`(${seen.join(', ') || 'no test reports found'})`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
if (seen.length === 0) process.exitCode = 1;
