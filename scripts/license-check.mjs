#!/usr/bin/env node
/**
 * Licence check over everything that ships: the production dependency tree of package.json
 * (`dependencies`, and the `optionalDependencies` and `peerDependencies` of each package that are
 * installed), resolved in node_modules the way Node resolves them. Part of `npm test`.
 *
 * Agent Warden is Apache-2.0, so nothing that ships may be GPL, AGPL, LGPL or SSPL. Each package's
 * SPDX expression is judged as a whole: `(MIT OR GPL-3.0)` passes, because MIT can be chosen;
 * `MIT AND GPL-3.0` does not. A licence that is neither a known permissive one nor a forbidden one
 * (or no licence at all) fails too, unless REVIEWED below says, with a reason, that a person checked it.
 *
 * Exit 1 on any failure; prints the number of packages and a licence histogram.
 * Options: --json writes the full list to .tmp/licenses.json.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Licences that can ship inside an Apache-2.0 app (SPDX ids, compared case-insensitively). */
const PERMISSIVE = new Set(
  [
    'MIT',
    'MIT-0',
    'ISC',
    'BSD-2-Clause',
    'BSD-3-Clause',
    '0BSD',
    'Apache-2.0',
    'BlueOak-1.0.0',
    'CC0-1.0',
    'CC-BY-3.0',
    'CC-BY-4.0',
    'Unlicense',
    'Zlib',
    'BSL-1.0',
    'Python-2.0',
    'PSF-2.0',
    'WTFPL',
    'OFL-1.1',
    // File-level copyleft: fine to ship unmodified alongside Apache-2.0 code.
    'MPL-2.0',
  ].map((id) => id.toLowerCase()),
);

/** Copyleft families that must not ship (any version, -only or -or-later, with or without `+`). */
const FORBIDDEN = /^(a?gpl|lgpl|sspl)(-|$)/i;

/**
 * Packages whose licence field the check cannot judge on its own, reviewed by a person. The key is
 * the package name, `license` the exact field that was reviewed (a change means a new review).
 */
const REVIEWED = {
  // 'some-package': { license: 'SEE LICENSE IN LICENSE.md', reason: 'LICENSE.md is the MIT text (checked for 1.2.3).' },
};

/** Tokens of an SPDX expression: ids, WITH, AND, OR and parentheses. */
function tokenize(expression) {
  return expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/).filter(Boolean);
}

const RANK = { forbidden: 0, unknown: 1, allowed: 2 };
const worst = (a, b) => (RANK[a] <= RANK[b] ? a : b);
const best = (a, b) => (RANK[a] >= RANK[b] ? a : b);

function judgeId(id) {
  const bare = id.replace(/\+$/, '');
  if (FORBIDDEN.test(bare)) return 'forbidden';
  return PERMISSIVE.has(bare.toLowerCase()) ? 'allowed' : 'unknown';
}

/**
 * Judges an SPDX expression: OR takes the best branch (the licensee may choose), AND the worst
 * (all apply), `X WITH exception` counts as X. Precedence: AND binds tighter than OR.
 */
export function judgeExpression(expression) {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const primary = () => {
    const token = next();
    if (token === undefined) throw new Error('unexpected end');
    if (token === '(') {
      const value = disjunction();
      if (next() !== ')') throw new Error('missing )');
      return value;
    }
    if (/^(and|or|with|\))$/i.test(token)) throw new Error(`unexpected ${token}`);
    if (peek()?.toUpperCase() === 'WITH') {
      next();
      if (next() === undefined) throw new Error('WITH without an exception');
    }
    return judgeId(token);
  };
  const conjunction = () => {
    let value = primary();
    while (peek()?.toUpperCase() === 'AND') {
      next();
      value = worst(value, primary());
    }
    return value;
  };
  const disjunction = () => {
    let value = conjunction();
    while (peek()?.toUpperCase() === 'OR') {
      next();
      value = best(value, conjunction());
    }
    return value;
  };

  try {
    const value = disjunction();
    if (position !== tokens.length) return 'unknown';
    return value;
  } catch {
    return 'unknown';
  }
}

/** The licence a package declares, as one string (old `licenses` arrays become an OR). */
function declaredLicense(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string' && license.trim() !== '') return license.trim();
  if (license !== null && typeof license === 'object' && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses) && licenses.length > 0) {
    const types = licenses.map((entry) => (typeof entry === 'string' ? entry : entry?.type)).filter((type) => typeof type === 'string');
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return null;
}

/** Finds `name` from `fromDir` as Node does: the nearest node_modules up the tree. */
function resolvePackageDir(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return dirname(candidate);
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

function collect() {
  const rootManifest = readManifest(root);
  const packages = new Map(); // real path -> record
  const missing = [];
  const queue = Object.keys(rootManifest.dependencies ?? {}).map((name) => ({ name, from: root, required: true, via: 'package.json' }));
  while (queue.length > 0) {
    const { name, from, required, via } = queue.shift();
    const found = resolvePackageDir(name, from);
    if (found === null) {
      if (required) missing.push(`${name} (needed by ${via})`);
      continue;
    }
    const dir = realpathSync(found);
    if (packages.has(dir)) continue;
    const manifest = readManifest(dir);
    const license = declaredLicense(manifest);
    packages.set(dir, { name: manifest.name ?? name, version: manifest.version ?? '?', license, path: relative(root, dir) });
    const label = `${manifest.name ?? name}@${manifest.version ?? '?'}`;
    for (const dependency of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dependency, from: dir, required: true, via: label });
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dependency, from: dir, required: false, via: label });
    for (const dependency of Object.keys(manifest.peerDependencies ?? {})) queue.push({ name: dependency, from: dir, required: false, via: label });
  }
  return { packages: [...packages.values()], missing };
}

function main() {
  const { packages, missing } = collect();
  const problems = [];
  const usedReviews = new Set();
  const histogram = new Map();

  for (const pkg of packages) {
    const key = pkg.license ?? '(none)';
    histogram.set(key, (histogram.get(key) ?? 0) + 1);
    const verdict = pkg.license === null ? 'unknown' : judgeExpression(pkg.license);
    pkg.verdict = verdict;
    if (verdict === 'allowed') continue;
    const review = REVIEWED[pkg.name];
    if (verdict === 'unknown' && review !== undefined && review.license === (pkg.license ?? '(none)')) {
      usedReviews.add(pkg.name);
      pkg.verdict = 'reviewed';
      continue;
    }
    problems.push(
      verdict === 'forbidden'
        ? `${pkg.name}@${pkg.version} is ${pkg.license}: a copyleft licence that cannot ship in an Apache-2.0 app (${pkg.path})`
        : `${pkg.name}@${pkg.version} has ${pkg.license === null ? 'no licence field' : `an unrecognised licence "${pkg.license}"`}: review it and add it to REVIEWED with a reason (${pkg.path})`,
    );
  }
  for (const name of Object.keys(REVIEWED)) {
    if (!usedReviews.has(name)) problems.push(`REVIEWED lists ${name}, which no longer needs it (not shipped, or its licence is recognised or changed): remove or renew the entry`);
  }
  for (const entry of missing) problems.push(`not installed: ${entry} (run npm ci)`);

  const sorted = [...histogram.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`license-check: ${packages.length} production packages ship with the app.`);
  console.log(`  licences: ${sorted.map(([license, count]) => `${license} ${count}`).join(', ')}`);
  if (process.argv.includes('--json')) {
    const file = join(root, '.tmp', 'licenses.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(packages.sort((a, b) => a.name.localeCompare(b.name)), null, 2)}\n`);
    console.log(`  full list: ${relative(root, file)}`);
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(`license-check: FAILED (${problems.length} problem(s)).`);
    process.exitCode = 1;
  } else {
    console.log('license-check: passed (nothing GPL, AGPL, LGPL or SSPL ships; every licence recognised).');
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
