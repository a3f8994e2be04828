#!/usr/bin/env node
/**
 * Static security scan of the Electron shell with @doyensec/electronegativity (part of `npm test`).
 *
 * Scans the sources that make up the app — electron/ (main, preload, core, cli) and renderer/
 * (index.html with its CSP meta tag, and the UI code) — as TypeScript, assuming the Electron version
 * installed in node_modules. Fails (exit 1) on:
 * - any finding above LOW severity that security/electronegativity-exceptions.json does not list,
 *   by check id and file, with a reason;
 * - any file the scanner could not parse (an unscanned file is a blind spot);
 * - any exception that no longer matches a finding (a stale exception would silently cover a future one).
 *
 * Electronegativity 1.10 rates an explicit `nodeIntegration: true` as informational at most (and
 * drops it when `sandbox: true` is set), so the script adds the project's own rules:
 * - WARDEN_WEB_PREFERENCES (HIGH): every `new BrowserWindow/BrowserView/WebContentsView` in the shell
 *   (electron/main, electron/preload) states each security-relevant web preference literally with its
 *   secure value, and no such key is set to anything else anywhere in the shell;
 * - WARDEN_APP_SCHEME (HIGH): the page comes from the app's own scheme, so the shell never calls
 *   `loadFile` (a file:// page), and no custom-scheme privilege that loosens the page
 *   (`bypassCSP`, `corsEnabled`, `allowServiceWorkers`) is set to anything but the literal false.
 *
 * Offline by design: electronegativity fetches translations and Electron's release list from the
 * internet; its HTTP client is replaced by one that fails at once, so the scan is deterministic
 * and works where only the npm registry is reachable. The release-list check is skipped and says
 * so (see `skippedChecks` in the exceptions file).
 *
 * Writes the full result to .tmp/electronegativity.json. Options: --verbose lists every finding.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const verbose = process.argv.includes('--verbose');

const SCAN_ROOTS = ['electron', 'renderer'];
const SCANNED_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'out', 'dist', 'coverage']);
const EXCEPTIONS_FILE = join(root, 'security', 'electronegativity-exceptions.json');
const REPORT_FILE = join(root, '.tmp', 'electronegativity.json');
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
const FAIL_ABOVE = SEVERITY_RANK.LOW;

function fail(message) {
  console.error(`electronegativity-check: ${message}`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The Electron version the app is built with: the installed one, else the declared range's floor. */
function electronVersion() {
  const installed = join(root, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return readJson(installed).version;
  const declared = readJson(join(root, 'package.json')).devDependencies?.electron;
  const match = /\d+\.\d+\.\d+/.exec(declared ?? '');
  if (match === null) fail('cannot tell which Electron version the app uses (no node_modules/electron, no devDependency).');
  return match[0];
}

function loadExceptions() {
  let raw;
  try {
    raw = readJson(EXCEPTIONS_FILE);
  } catch (error) {
    fail(`cannot read ${relative(root, EXCEPTIONS_FILE)}: ${error.message}`);
  }
  const problems = [];
  const exceptions = Array.isArray(raw.exceptions) ? raw.exceptions : (problems.push('"exceptions" must be an array'), []);
  const skippedChecks = Array.isArray(raw.skippedChecks) ? raw.skippedChecks : (problems.push('"skippedChecks" must be an array'), []);
  const wellFormed = (entry, keys) => typeof entry === 'object' && entry !== null && keys.every((key) => typeof entry[key] === 'string' && entry[key].trim().length > 0);
  exceptions.forEach((entry, i) => {
    if (!wellFormed(entry, ['check', 'file', 'reason'])) problems.push(`exceptions[${i}] needs a non-empty "check", "file" and "reason"`);
  });
  skippedChecks.forEach((entry, i) => {
    if (!wellFormed(entry, ['check', 'reason'])) problems.push(`skippedChecks[${i}] needs a non-empty "check" and "reason"`);
  });
  if (problems.length > 0) fail(`${relative(root, EXCEPTIONS_FILE)}: ${problems.join('; ')}.`);
  return { exceptions, skippedChecks };
}

/** Copies the scanned sources into a scratch folder, keeping their paths relative to the repository. */
function stageSources(target) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(source);
      } else if (entry.isFile() && SCANNED_EXTENSIONS.has(entry.name.slice(entry.name.lastIndexOf('.')))) {
        const destination = join(target, relative(root, source));
        mkdirSync(dirname(destination), { recursive: true });
        copyFileSync(source, destination);
        files.push(relative(root, source).split(sep).join('/'));
      }
    }
  };
  for (const scanRoot of SCAN_ROOTS) {
    if (existsSync(join(root, scanRoot))) walk(join(root, scanRoot));
  }
  return files;
}

/** The web preferences every window must state, with the only value allowed anywhere. */
const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
};
const FORBIDDEN_WEB_PREFERENCES = new Set(['enableBlinkFeatures', 'enableRemoteModule']);
/** Custom-scheme privileges that would loosen the app's page: only the literal false is allowed. */
const LOOSENING_SCHEME_PRIVILEGES = new Set(['bypassCSP', 'corsEnabled', 'allowServiceWorkers']);
const WINDOW_CONSTRUCTORS = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);
// Only the shell can make windows (core/ and cli/ never import electron, a lint rule sees to that).
const SHELL_DIRECTORIES = ['electron/main/', 'electron/preload/'];

/** WARDEN_WEB_PREFERENCES and WARDEN_APP_SCHEME: the project's own rules over the TypeScript AST of the shell. */
function webPreferencesFindings(files) {
  const ts = require('typescript');
  const findings = [];
  const nameOf = (node) => (node !== undefined && (ts.isIdentifier(node) || ts.isStringLiteral(node)) ? node.text : undefined);
  const literalBoolean = (node) => (node.kind === ts.SyntaxKind.TrueKeyword ? true : node.kind === ts.SyntaxKind.FalseKeyword ? false : undefined);
  for (const file of files) {
    if (!SHELL_DIRECTORIES.some((dir) => file.startsWith(dir)) || !/\.(ts|tsx|js|mjs|cjs)$/.test(file)) continue;
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const report = (node, description, id = 'WARDEN_WEB_PREFERENCES') => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      findings.push({ id, severity: { name: 'HIGH' }, confidence: { name: 'CERTAIN' }, file, location: { line: line + 1, column: character }, sample: node.getText(source).split('\n')[0], manualReview: false, description });
    };
    const visit = (node) => {
      if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && nameOf(node.name) !== undefined) {
        const key = nameOf(node.name);
        if (FORBIDDEN_WEB_PREFERENCES.has(key)) report(node, `${key} must not be set.`);
        if (Object.hasOwn(SECURE_WEB_PREFERENCES, key)) {
          const value = ts.isPropertyAssignment(node) ? literalBoolean(node.initializer) : undefined;
          if (value !== SECURE_WEB_PREFERENCES[key]) report(node, `${key} must be the literal ${SECURE_WEB_PREFERENCES[key]}.`);
        }
        if (LOOSENING_SCHEME_PRIVILEGES.has(key) && !(ts.isPropertyAssignment(node) && literalBoolean(node.initializer) === false)) {
          report(node, `${key} must be the literal false: the app's scheme must not loosen its page.`, 'WARDEN_APP_SCHEME');
        }
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'loadFile') {
        report(node, 'The page is served from the app scheme (warden://app), never loaded from file://.', 'WARDEN_APP_SCHEME');
      }
      if (ts.isNewExpression(node) && WINDOW_CONSTRUCTORS.has(nameOf(node.expression))) {
        const [options] = node.arguments ?? [];
        const preferences =
          options !== undefined && ts.isObjectLiteralExpression(options)
            ? options.properties.find((property) => ts.isPropertyAssignment(property) && nameOf(property.name) === 'webPreferences')
            : undefined;
        if (preferences === undefined || !ts.isObjectLiteralExpression(preferences.initializer)) {
          report(node, 'A window must be created with a literal webPreferences object.');
        } else {
          const stated = new Set(preferences.initializer.properties.map((property) => nameOf(property.name)));
          const missing = Object.keys(SECURE_WEB_PREFERENCES).filter((key) => !stated.has(key));
          if (missing.length > 0) report(node, `webPreferences must state ${missing.join(', ')} explicitly.`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}

/** Replaces electronegativity's HTTP client (got) with one that fails at once: no network, no hang. */
function disableNetwork() {
  const electronegativityRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const gotPath = electronegativityRequire.resolve('got');
  const offline = () => Promise.reject(new Error('network access is disabled during the security scan'));
  const stub = Object.assign(offline, { head: offline, get: offline });
  stub.default = stub;
  Object.defineProperty(stub, '__esModule', { value: true });
  const fake = new Module(gotPath);
  fake.filename = gotPath;
  fake.loaded = true;
  fake.exports = stub;
  require.cache[gotPath] = fake;
}

/** Check ids (SOME_JS_CHECK) to the construct names electronegativity's exclusion list expects. */
function constructName(checkId) {
  return checkId.replace(/_/g, '').toLowerCase();
}

function toRepositoryPath(file, scanDir) {
  if (file === 'N/A') return file;
  const path = file.startsWith(scanDir) ? relative(scanDir, file) : file;
  return path.split(sep).join('/');
}

async function main() {
  const version = electronVersion();
  const { exceptions, skippedChecks } = loadExceptions();
  const scanDir = mkdtempSync(join(tmpdir(), 'warden-electronegativity-'));
  try {
    const files = stageSources(scanDir);
    const fileCount = files.length;
    if (fileCount === 0) fail(`nothing to scan under ${SCAN_ROOTS.join(', ')}.`);

    disableNetwork();
    const run = require('@doyensec/electronegativity');
    const toolVersion = readJson(require.resolve('@doyensec/electronegativity/package.json')).version;

    // The tool talks on console.log (progress and "no connectivity" notes): keep what is not noise.
    const chatter = [];
    const log = console.log;
    console.log = (...args) => chatter.push(args.join(' '));
    let result;
    try {
      result = await run({
        input: scanDir,
        electronVersionOverride: version,
        excludeFromScan: skippedChecks.map((entry) => constructName(entry.check)),
        isRelative: false,
        parserPlugins: [],
      });
    } finally {
      console.log = log;
    }
    for (const line of chatter) {
      if (!/translations for the current locale/.test(line)) console.log(`  electronegativity: ${line}`);
    }

    const findings = [...result.issues, ...webPreferencesFindings(files)].map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: toRepositoryPath(issue.file, scanDir),
      line: issue.location.line,
      column: issue.location.column,
      sample: issue.sample ?? null,
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
    }));
    const unparsed = result.errors.filter((error) => !error.tolerable).map((error) => ({ file: toRepositoryPath(error.file, scanDir), message: error.message }));

    const used = new Set();
    for (const finding of findings) {
      if (SEVERITY_RANK[finding.severity] <= FAIL_ABOVE) {
        finding.verdict = 'below threshold';
        continue;
      }
      const index = exceptions.findIndex((entry) => entry.check === finding.check && entry.file === finding.file);
      if (index >= 0) {
        used.add(index);
        finding.verdict = 'excepted';
        finding.reason = exceptions[index].reason;
      } else {
        finding.verdict = 'failing';
      }
    }
    const failing = findings.filter((finding) => finding.verdict === 'failing');
    const stale = exceptions.filter((_entry, index) => !used.has(index));

    mkdirSync(dirname(REPORT_FILE), { recursive: true });
    writeFileSync(
      REPORT_FILE,
      `${JSON.stringify({ tool: `electronegativity ${toolVersion}`, electron: version, scanned: SCAN_ROOTS, files: fileCount, checks: { atomic: result.atomicChecks, global: result.globalChecks }, skippedChecks, findings, unparsed, staleExceptions: stale }, null, 2)}\n`,
    );

    const bySeverity = Object.keys(SEVERITY_RANK)
      .reverse()
      .map((name) => `${findings.filter((finding) => finding.severity === name).length} ${name.toLowerCase()}`)
      .join(', ');
    console.log(
      `electronegativity ${toolVersion} on ${SCAN_ROOTS.join('/, ')}/ assuming Electron ${version}: ` +
        `${fileCount} files, ${result.atomicChecks} atomic and ${result.globalChecks} global checks, plus WARDEN_WEB_PREFERENCES and WARDEN_APP_SCHEME` +
        (skippedChecks.length > 0 ? ` (skipped: ${skippedChecks.map((entry) => entry.check).join(', ')})` : '') +
        '.',
    );
    console.log(`  findings: ${bySeverity}; ${findings.filter((finding) => finding.verdict === 'excepted').length} excepted with a reason, ${failing.length} failing.`);
    for (const finding of findings) {
      if (verbose || finding.verdict !== 'below threshold') {
        console.log(`  [${finding.verdict}] ${finding.severity} ${finding.check} ${finding.file}:${finding.line}:${finding.column}${verbose && finding.reason ? `: ${finding.reason}` : ''}`);
      }
    }
    for (const error of unparsed) console.error(`  could not parse ${error.file}: ${error.message}`);
    for (const entry of stale) console.error(`  stale exception (matches no finding): ${entry.check} in ${entry.file}`);
    console.log(`  full report: ${relative(root, REPORT_FILE)}`);

    if (failing.length > 0 || unparsed.length > 0 || stale.length > 0) {
      console.error(
        `electronegativity-check: FAILED: ${failing.length} finding(s) above LOW without an exception, ${unparsed.length} file(s) not parsed, ${stale.length} stale exception(s). ` +
          `Fix the finding, or list it with a reason in ${relative(root, EXCEPTIONS_FILE)}.`,
      );
      process.exitCode = 1;
    } else {
      console.log('electronegativity-check: passed.');
    }
  } finally {
    rmSync(scanDir, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
