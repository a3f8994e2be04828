/**
 * The hostile-names fixture (test/fixtures/hostile/) through every output of the CLI: JSON keeps the
 * exact strings, CSV neutralises cells a spreadsheet would run as formulas, tables carry no control or
 * BiDi characters and no row an attacker added with a newline, and no suggested fix runs anything
 * but the `aws` command it names when pasted into a shell.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliBackend } from '../../../electron/cli/backend';
import { runWarden } from '../../../electron/cli/warden';
import { parseCsv } from '@core/discovery/import/csv';
import { FORGED, HOSTILE_ACCOUNT, HOSTILE_ROLE_NAMES, UNSAFE_IN_TERMINAL } from '../../fixtures/hostile/hostile-strings';
import { HOSTILE_AUTHORIZATION_DETAILS, HOSTILE_CREDENTIAL_REPORT, hostileFixtureTexts } from '../../fixtures/hostile/make-hostile-fixture';
import { call } from '../../support/dispatch-call';

interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Every string anywhere inside a JSON value. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** The rows of a table the CLI printed: the lines after its dashes line, up to a blank line. */
function tableRows(text: string): string[] {
  const lines = text.split('\n');
  const dashes = lines.findIndex((line) => /^-+(\s+-+)+$/.test(line));
  expect(dashes, text).toBeGreaterThan(0);
  const end = lines.findIndex((line, i) => i > dashes && line.trim() === '');
  return lines.slice(dashes + 1, end < 0 ? undefined : end);
}

function expectTerminalSafe(text: string): void {
  const found = UNSAFE_IN_TERMINAL.exec(text);
  expect(found === null ? null : `U+${(found[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 10))}`).toBeNull();
}

function expectCsvNeutralised(text: string): string[][] {
  const records = parseCsv(text).map((r) => r.fields);
  for (const cells of records) {
    for (const cell of cells) expect(cell, `a cell a spreadsheet would run: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/u);
  }
  return records;
}

/** A cell as the value it stands for: the neutralising `'` taken off again. */
const unneutralised = (cell: string): string => (/^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell);

describe('hostile names through every CLI output', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  async function warden(args: string[]): Promise<Captured> {
    let out = '';
    let err = '';
    const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
    return { code, out, err };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-hostile-'));
    env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') };
    const imported = await warden(['import', '--authorization-details', HOSTILE_AUTHORIZATION_DETAILS, '--credential-report', HOSTILE_CREDENTIAL_REPORT]);
    expect(imported.code, imported.err).toBe(0);
    expectTerminalSafe(imported.out);
    // Registry edits and an acceptance on hostile ARNs put the names into the audit chain too.
    const backend = createCliBackend({ workspacePath: env['WARDEN_WORKSPACE'] ?? '', env, transport: 'ipc', moduleDir: join(process.cwd(), 'electron/cli') });
    try {
      const { agents } = await call<{ agents: { arn: string; name: string }[] }>(backend, 'agents:list', {});
      const edited: string[] = [FORGED.imgName, FORGED.scriptName, FORGED.hyperlinkName, FORGED.substitutionName, FORGED.backtickName, FORGED.quoteName];
      const hostile = agents.filter((a) => edited.includes(a.name)).map((a) => a.arn);
      expect(hostile).toHaveLength(edited.length);
      await call(backend, 'registry:update', { arns: hostile, patch: { owner: FORGED.scriptName, purpose: FORGED.hyperlinkName } });
      const { findings } = await call<{ findings: { fingerprint: string }[] }>(backend, 'findings:list', {});
      await call(backend, 'findings:accept', { fingerprint: findings[0]?.fingerprint, reason: `${FORGED.imgName} ${FORGED.ansiName}`, until: '2099-01-01' });
      await call(backend, 'policies:save', { name: `${FORGED.hyperlinkName} ${FORGED.bidiName}`, severity: 'high', condition: 'agent.owner != null', description: FORGED.imgName });
    } finally {
      backend.close();
    }
  }, 60_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the committed fixture is what make-hostile-fixture.ts writes', () => {
    const texts = hostileFixtureTexts();
    expect(readFileSync(HOSTILE_AUTHORIZATION_DETAILS, 'utf8')).toBe(texts.details);
    expect(readFileSync(HOSTILE_CREDENTIAL_REPORT, 'utf8')).toBe(texts.report);
  });

  it('agents: JSON keeps every name exactly, CSV neutralises formulas, the table is clean and one row per agent', async () => {
    const json = await warden(['agents', '--format', 'json']);
    expect(json.code, json.err).toBe(0);
    const agents = (JSON.parse(json.out) as { agents: { name: string; arn: string; owner: string | null }[] }).agents;
    const names = agents.map((a) => a.name);
    for (const name of HOSTILE_ROLE_NAMES) expect(names).toContain(name);
    expect(names).toContain(FORGED.userName);
    // Owners: one from a hostile tag, one typed into the registry; both exact.
    expect(agents.find((a) => a.name === FORGED.bidiName)?.owner).toBe(FORGED.bidiName);
    expect(agents.find((a) => a.name === FORGED.imgName)?.owner).toBe(FORGED.scriptName);
    expect(agents.find((a) => a.name === FORGED.newlineName)?.arn).toBe(`arn:aws:iam::${HOSTILE_ACCOUNT}:role/${FORGED.newlineName}`);

    const csv = await warden(['agents', '--format', 'csv']);
    expect(csv.code, csv.err).toBe(0);
    const records = expectCsvNeutralised(csv.out);
    expect(records).toHaveLength(agents.length + 1);
    const nameColumn = records[0]?.indexOf('name') ?? -1;
    expect(nameColumn).toBeGreaterThanOrEqual(0);
    expect(records.slice(1).map((r) => unneutralised(r[nameColumn] ?? '')).sort()).toEqual([...names].sort());

    const table = await warden(['agents', '--format', 'table']);
    expect(table.code, table.err).toBe(0);
    expectTerminalSafe(table.out);
    expectTerminalSafe(table.err);
    expect(tableRows(table.out)).toHaveLength(agents.length);
  });

  it('findings: JSON and SARIF keep the strings exactly, CSV neutralises, the table is clean and one row per finding', async () => {
    const json = await warden(['findings', '--format', 'json']);
    expect(json.code, json.err).toBe(0);
    const findings = (JSON.parse(json.out) as { findings: { resourceId: string | null }[] }).findings;
    const resourceIds = findings.map((f) => f.resourceId);
    for (const name of HOSTILE_ROLE_NAMES) expect(resourceIds).toContain(name);
    const everything = stringsIn(JSON.parse(json.out));
    expect(everything.some((s) => s.includes(FORGED.inlinePolicyName))).toBe(true);

    const sarif = await warden(['findings', '--format', 'sarif']);
    expect(sarif.code, sarif.err).toBe(0);
    const log = JSON.parse(sarif.out) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results).toHaveLength(findings.length);
    const inSarif = stringsIn(log).join('\u0000');
    for (const name of HOSTILE_ROLE_NAMES) expect(inSarif).toContain(name);

    const csv = await warden(['findings', '--format', 'csv']);
    expect(csv.code, csv.err).toBe(0);
    expect(expectCsvNeutralised(csv.out)).toHaveLength(findings.length + 1);

    const table = await warden(['findings', '--format', 'table']);
    expect(table.code, table.err).toBe(0);
    expectTerminalSafe(table.out);
    expect(tableRows(table.out)).toHaveLength(findings.length);
  });

  it('policies list and test: JSON exact, tables clean and one row per policy or failing agent', async () => {
    const listJson = await warden(['policies', 'list', '--format', 'json']);
    expect(listJson.code, listJson.err).toBe(0);
    const listed = JSON.parse(listJson.out) as { builtIn: unknown[]; policies: { name: string; description: string }[] };
    expect(listed.policies.map((p) => p.name)).toContain(`${FORGED.hyperlinkName} ${FORGED.bidiName}`);
    const listTable = await warden(['policies', 'list', '--format', 'table']);
    expect(listTable.code, listTable.err).toBe(0);
    expectTerminalSafe(listTable.out);
    expect(tableRows(listTable.out)).toHaveLength(listed.builtIn.length + listed.policies.length);

    const testJson = await warden(['policies', 'test', '--expr', 'agent.owner != null', '--format', 'json']);
    expect(testJson.code, testJson.err).toBe(0);
    const tested = JSON.parse(testJson.out) as { failingAgents: { name: string }[] };
    const failing = tested.failingAgents.map((a) => a.name);
    expect(failing).toContain(FORGED.newlineName);
    expect(failing).toContain(FORGED.ansiName);
    const testTable = await warden(['policies', 'test', '--expr', 'agent.owner != null', '--format', 'table']);
    expect(testTable.code, testTable.err).toBe(0);
    expectTerminalSafe(testTable.out);
    expect(tableRows(testTable.out)).toHaveLength(failing.length);
  });

  // script(1) gives the command a pseudo-terminal, as when an admin runs it by hand.
  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal, CSV and tables carry no control or BiDi character (made visible instead)', () => {
    const cli = `${process.execPath} --import tsx ${join(process.cwd(), 'electron/cli/warden.ts')}`;
    for (const args of ['agents --format csv', 'findings --format csv', 'agents --format table', 'findings --format table', 'policies test --expr "agent.owner != null" --format table']) {
      const run = spawnSync('/usr/bin/script', ['-qec', `${cli} ${args}`, '/dev/null'], { cwd: process.cwd(), env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, `${args}: ${run.stderr}`).toBe(0);
      // The terminal turns each line end into CR LF (and CSV's own CRLF into CR CR LF).
      const text = run.stdout.replace(/\r+\n/gu, '\n');
      expect(text).toContain('\\u{1B}[2J');
      expectTerminalSafe(text);
    }
  }, 120_000);

  it('audit verify: the chain holding hostile targets and reasons verifies, in JSON and in words', async () => {
    const json = await warden(['audit', 'verify', '--json']);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true });
    const text = await warden(['audit', 'verify']);
    expect(text.code, text.err).toBe(0);
    expectTerminalSafe(text.out);
  });

  it('no suggested fix runs the attacker’s command when pasted into sh or bash; each name reaches aws as one argument', async () => {
    const json = await warden(['findings', '--format', 'json']);
    const findings = (JSON.parse(json.out) as { findings: { ruleId: string; resourceId: string | null; fix: { kind: string; text: string } | null }[] }).findings;
    const fixes = findings.filter((f) => f.fix?.kind === 'aws-cli');
    expect(fixes.length).toBeGreaterThan(HOSTILE_ROLE_NAMES.length);

    // A stand-in `aws` that records its arguments, one file per call, NUL-separated.
    const bin = join(dir, 'bin');
    const calls = join(dir, 'calls');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'aws'), '#!/bin/sh\nn=$(ls "$AWS_CALLS" | wc -l)\nprintf \'%s\\0\' "$@" > "$AWS_CALLS/$n"\n', { mode: 0o755 });
    const shells = ['/bin/sh', '/bin/bash'].filter((shell) => existsSync(shell));
    for (const shell of shells) {
      for (const finding of fixes) {
        rmSync('/tmp/PWNED', { force: true });
        rmSync(calls, { recursive: true, force: true });
        mkdirSync(calls);
        const work = mkdtempSync(join(dir, 'cwd-'));
        spawnSync(shell, ['-c', finding.fix?.text ?? ''], { cwd: work, env: { PATH: `${bin}:/usr/bin:/bin`, AWS_CALLS: calls }, timeout: 10_000 });
        expect(existsSync('/tmp/PWNED'), `${shell} ran the attacker's command from the fix of ${finding.ruleId} on ${JSON.stringify(finding.resourceId)}:\n${finding.fix?.text}`).toBe(false);
        expect(readdirSync(work), `${shell}: the fix of ${finding.ruleId} on ${JSON.stringify(finding.resourceId)} wrote files`).toEqual([]);
        // Where the name is a whole argument (--role-name NAME, --user-name NAME), it arrives intact.
        const args = readdirSync(calls).flatMap((file) => readFileSync(join(calls, file), 'utf8').split('\u0000'));
        const nameFlag = args.findIndex((a) => a === '--role-name' || a === '--user-name');
        if (nameFlag >= 0 && finding.resourceId !== null && HOSTILE_ROLE_NAMES.includes(finding.resourceId)) expect(args[nameFlag + 1]).toBe(finding.resourceId);
      }
    }
  }, 60_000);
});
