/**
 * Every copyable fix, built from an account whose every name, ID and region is hostile, and run: it
 * parses (`sh -n`, `bash -n`), and executed with a fake `aws` that only records its arguments, nothing
 * else happens (no marker file appears) and each hostile value reaches `aws` whole, inside one argument.
 *
 * The account is the demo company's, with one suffix appended to every name, ID and region wherever
 * they occur (fields, ARNs, lists), so the rules still join what they joined and fire as they fired;
 * plus a role whose path is `/$(touch${IFS}<dir>/PWNED-path)/` (a legal IAM path) with full admin.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { Finding } from '@core/analysis/types';
import type { ScanFacts } from '@core/discovery/facts';
import { loadDemoScans } from '@core/demo/load-demo';
import { DEMO_DIR, DEMO_NOW, registryOf } from './demo-support';
import { allow, role } from './support';

/** No `:` or `/` (ARN separators), so ARNs keep their shape; everything else a shell cares about. */
const SUFFIX = "'\"`touch${IFS}PWNED-b`$(touch${IFS}PWNED-d);touch PWNED-s&&touch PWNED-a|x>PWNED-r\n#\r\t\u202e\u001b[2J!$HOME*~{a,b}\\";
/** What no fragment of a hostile value may carry on its own, outside a whole SUFFIX. */
const FRAGMENTS = ['PWNED', '`', '$(', '\u202e'];

const NAME_KEYS = new Set(['name', 'id', 'region', 'user', 'userName', 'qualifier', 'groupId', 'policyName', 'functionName', 'endpointConfigName', 'roleName']);

let work: string;
let hostilePath: string;
let fakeBin: string;
let callDir: string;
let findings: { finding: Finding; rule: string }[];
let cleanRules: Set<string>;

function collectNames(value: unknown, key: string | null, into: Set<string>): void {
  if (typeof value === 'string') {
    if (key !== null && NAME_KEYS.has(key) && value !== '' && !value.startsWith('arn:') && !/^\d{12}$/.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectNames(item, key === 'regions' ? 'region' : key === 'groups' || key === 'aliases' ? 'name' : null, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectNames(v, k, into);
  }
}

function hostile(value: unknown, names: ReadonlySet<string>): unknown {
  if (typeof value === 'string') {
    if (names.has(value)) return value + SUFFIX;
    if (value.startsWith('arn:')) return value.split(/([:/])/).map((part) => (names.has(part) ? part + SUFFIX : part)).join('');
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => hostile(item, names));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, names)]));
  return value;
}

function commandFindings(facts: readonly ScanFacts[], registries: ReturnType<typeof registryOf>[], knownAccounts: string[]): Finding[] {
  return facts.flatMap((f, i) =>
    analyzeScan({ facts: f, registry: registries[i] ?? new Map(), settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts }, clock: () => DEMO_NOW }).findings.filter(
      (finding) => finding.fix.kind === 'aws-cli',
    ),
  );
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'warden-hostile-fix-'));
  fakeBin = join(work, 'bin');
  callDir = join(work, 'calls');
  mkdirSync(fakeBin);
  mkdirSync(callDir);
  // The fake aws writes its arguments, NUL-separated, to a file of its own per call.
  writeFileSync(join(fakeBin, 'aws'), '#!/bin/sh\nf=$(mktemp "$AWS_CALLS/call.XXXXXX")\nfor a in "$@"; do printf \'%s\\0\' "$a" >> "$f"; done\n');
  chmodSync(join(fakeBin, 'aws'), 0o755);

  const scans = await loadDemoScans(() => DEMO_NOW, { demoDir: DEMO_DIR });
  const knownAccounts = scans.map((scan) => scan.accountId);
  const registries = scans.map((scan) => registryOf(scan.registry));
  cleanRules = new Set(commandFindings(scans.map((s) => s.current), registries, knownAccounts).map((f) => f.ruleId));

  const names = new Set<string>();
  for (const scan of scans) collectNames(scan.current, null, names);
  const facts = scans.map((scan) => hostile(scan.current, names) as ScanFacts);
  const hostileRegistries = scans.map((scan) => registryOf(hostile(scan.registry, names) as typeof scan.registry));
  const first = facts[0];
  if (first?.iam === null || first === undefined) throw new Error('the demo has no IAM facts');
  hostilePath = `/$(touch\${IFS}${work}/PWNED-path)/`;
  const path = hostilePath;
  const admin = role('path-admin', { path, inlinePolicies: [{ name: 'admin', document: allow('*') }] });
  first.iam.roles.push({ ...admin, arn: `arn:aws:iam::${first.account.id}:role${path}path-admin` });
  findings = commandFindings(facts, hostileRegistries, knownAccounts).map((finding) => ({ finding, rule: finding.ruleId }));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(shell: string, args: string[], cwd: string): { status: number | null; stderr: string } {
  const result = spawnSync(shell, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${fakeBin}:/usr/bin:/bin`, AWS_CALLS: callDir, LC_ALL: 'C.UTF-8' },
  });
  return { status: result.status, stderr: result.stderr };
}

describe('fix commands built from a hostile account', () => {
  it('cover every rule that has a command fix on the plain demo, and the hostile path', () => {
    expect(new Set(findings.map((f) => f.rule))).toEqual(cleanRules);
    expect(findings.some((f) => f.finding.fix.text.includes('PWNED-path'))).toBe(true);
  });

  it('parse in sh and bash', () => {
    const failures: string[] = [];
    for (const { finding } of findings) {
      for (const shell of ['sh', 'bash']) {
        const { status, stderr } = run(shell, ['-n', '-c', finding.fix.text], work);
        if (status !== 0) failures.push(`${shell} ${finding.ruleId} ${finding.resourceId ?? ''}: ${stderr}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('run nothing but aws, which receives every hostile value whole in one argument', () => {
    const problems: string[] = [];
    let hostileArguments = 0;
    for (const { finding } of findings) {
      for (const shell of ['sh', 'bash']) {
        const cwd = mkdtempSync(join(work, 'run-'));
        for (const call of readdirSync(callDir)) rmSync(join(callDir, call));
        run(shell, ['-c', finding.fix.text], cwd);
        const label = `${shell} ${finding.ruleId}`;
        // Only the redirect a fix asks for may create a file.
        const created = readdirSync(cwd).filter((file) => file !== 'group.json');
        if (created.length > 0) problems.push(`${label}: created ${created.join(', ')}`);
        for (const call of readdirSync(callDir)) {
          const argv = readFileSync(join(callDir, call), 'utf8').split('\0').slice(0, -1);
          for (const arg of argv) {
            if (arg.includes(SUFFIX) || arg.includes(hostilePath)) hostileArguments++;
            const rest = arg.split(SUFFIX).join('').split(hostilePath).join('');
            const loose = FRAGMENTS.filter((fragment) => rest.includes(fragment));
            if (loose.length > 0) problems.push(`${label}: a hostile value split or changed: ${JSON.stringify(arg)}`);
          }
        }
      }
    }
    expect(readdirSync(work).filter((file) => file.startsWith('PWNED'))).toEqual([]);
    expect(findings.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    expect(hostileArguments).toBeGreaterThan(findings.length);
  }, 120_000);
});
