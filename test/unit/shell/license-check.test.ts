import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// scripts/license-check.mjs gates what ships (npm test); these tests pin its judgement.
const SCRIPT = resolve(__dirname, '../../../scripts/license-check.mjs');

type Verdict = 'allowed' | 'forbidden' | 'unknown';
let judgeExpression: (expression: string) => Verdict;

beforeAll(async () => {
  ({ judgeExpression } = (await import(pathToFileURL(SCRIPT).href)) as { judgeExpression: typeof judgeExpression });
});

describe('judgeExpression', () => {
  it.each<[string, Verdict]>([
    ['MIT', 'allowed'],
    ['mit', 'allowed'],
    ['Apache-2.0', 'allowed'],
    ['Apache-2.0 WITH LLVM-exception', 'allowed'],
    ['(MIT OR GPL-3.0)', 'allowed'],
    ['LGPL-3.0-or-later OR MIT', 'allowed'],
    ['BSD-2-Clause OR MIT OR Apache-2.0', 'allowed'],
    ['(MIT AND (BSD-3-Clause OR GPL-2.0))', 'allowed'],
    ['(MIT AND GPL-2.0) OR Apache-2.0', 'allowed'],
    ['GPL-3.0', 'forbidden'],
    ['GPL-2.0+', 'forbidden'],
    ['GPL-2.0 WITH Classpath-exception-2.0', 'forbidden'],
    ['AGPL-3.0', 'forbidden'],
    ['AGPL-3.0-only', 'forbidden'],
    ['LGPL-2.1-only', 'forbidden'],
    ['SSPL-1.0', 'forbidden'],
    ['MIT AND GPL-2.0', 'forbidden'],
    ['(GPL-2.0 OR AGPL-3.0)', 'forbidden'],
    ['SEE LICENSE IN LICENSE.md', 'unknown'],
    ['UNLICENSED', 'unknown'],
    ['CC-BY-NC-4.0', 'unknown'],
    ['(MIT', 'unknown'],
    ['MIT OR', 'unknown'],
    ['', 'unknown'],
  ])('%j is %s', (expression, verdict) => {
    expect(judgeExpression(expression)).toBe(verdict);
  });
});

describe('license-check.mjs on a dependency tree', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  interface FakePackage {
    license?: string;
    dependencies?: Record<string, string>;
  }

  function tree(packages: Record<string, FakePackage>, rootDependencies: string[]): void {
    dir = mkdtempSync(join(tmpdir(), 'warden-license-'));
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(SCRIPT, join(dir, 'scripts', 'license-check.mjs'));
    const dependencies = Object.fromEntries(rootDependencies.map((name) => [name, '*']));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies, devDependencies: { 'dev-only-gpl': '*' } }));
    const all: Record<string, FakePackage> = { ...packages, 'dev-only-gpl': { license: 'GPL-3.0' } };
    for (const [name, spec] of Object.entries(all)) {
      const manifest = join(dir, 'node_modules', name, 'package.json');
      mkdirSync(dirname(manifest), { recursive: true });
      writeFileSync(manifest, JSON.stringify({ name, version: '1.0.0', license: spec.license, dependencies: spec.dependencies }));
    }
  }

  function run(): { status: number | null; output: string } {
    const result = spawnSync(process.execPath, [join(dir, 'scripts', 'license-check.mjs')], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('passes a permissive tree and ignores dev dependencies', () => {
    tree({ a: { license: 'MIT', dependencies: { b: '*' } }, b: { license: '(MIT OR GPL-3.0)' } }, ['a']);
    const { status, output } = run();
    expect(output).toContain('2 production packages');
    expect(status).toBe(0);
  });

  it('fails on a transitive AGPL package', () => {
    tree({ a: { license: 'MIT', dependencies: { c: '*' } }, c: { license: 'AGPL-3.0' } }, ['a']);
    const { status, output } = run();
    expect(status).toBe(1);
    expect(output).toMatch(/c@1\.0\.0 is AGPL-3\.0/);
  });

  it('fails on a package without a licence', () => {
    tree({ a: {} }, ['a']);
    const { status, output } = run();
    expect(status).toBe(1);
    expect(output).toContain('no licence field');
  });
});
