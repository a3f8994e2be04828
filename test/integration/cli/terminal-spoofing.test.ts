/**
 * Terminal spoofing (issue 8, item 5): names that carry a newline, escape sequences (clear screen,
 * window title, OSC 8 links) or BiDi overrides print as visible escapes in every human-facing output
 * (tables, sentences, CSV written to a terminal), never as the characters themselves; JSON keeps them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, processWriter, terminalSafe, terminalSafeText } from '../../../electron/cli/output';
import { outputSink, streamCsv, type WritableOut } from '../../../electron/cli/stream-output';
import { runWarden } from '../../../electron/cli/warden';
import { parseCsv } from '@core/discovery/import/csv';

/** What must never reach a terminal: C0 (with \n, \r, \t), DEL, C1, BiDi controls, LS/PS. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same, allowing the line ends a text or a CSV record ends with. */
const UNSAFE_IN_LINES = (text: string): RegExpExecArray | null => UNSAFE.exec(text.replace(/\r?\n/g, ''));

const FAKE_ROW = 'line1\nFAKEROW                  iam-role  yes  -  tier1';
const HOSTILE = [
  FAKE_ROW,
  'cr\roverwritten',
  'tab\there',
  'gnp.\u202eexe', // shows as "exe.png"
  'isolate\u2066x\u2069\u200f\u061c',
  'clear\u001b[2J\u001b[H',
  'title\u001b]0;pwned\u0007',
  'link\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  'c1\u009b31m\u0085\u007f',
  'sep\u2028line\u2029para',
];

describe('terminalSafe', () => {
  it('turns every control, BiDi and separator character into a visible escape', () => {
    for (let code = 0; code <= 0x206f; code++) {
      const c = String.fromCharCode(code);
      const shown = terminalSafe(`a${c}b`);
      if (UNSAFE.test(c)) {
        expect(shown, `U+${code.toString(16)}`).not.toMatch(UNSAFE);
        expect(shown).toMatch(/^a\\(n|r|t|u\{[0-9A-F]+\})b$/);
      } else {
        expect(shown).toBe(`a${c}b`);
      }
    }
    expect(terminalSafe('line1\nline2\ttab\u001b[2J\u202e')).toBe('line1\\nline2\\ttab\\u{1B}[2J\\u{202E}');
    expect(terminalSafe('Zoë 日本 😀 ü')).toBe('Zoë 日本 😀 ü');
    for (const value of HOSTILE) expect(terminalSafe(value)).not.toMatch(UNSAFE);
  });

  it('keeps our own newlines in laid-out text and nothing else', () => {
    expect(terminalSafeText('a\u001b[2J\nb\u202e\n')).toBe('a\\u{1B}[2J\nb\\u{202E}\n');
  });

  it('gives a table exactly one line per row, whatever the cells hold', () => {
    const table = formatTable(['NAME', 'KIND'], HOSTILE.map((name) => [name, 'iam-role']));
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + HOSTILE.length);
    expect(lines.filter((line) => line.startsWith('FAKEROW'))).toEqual([]);
    expect(UNSAFE_IN_LINES(table)).toBeNull();
  });

  it('writes CSV to a terminal without a raw control, one line per record; to a pipe, exactly', async () => {
    const rows = HOSTILE.map((name) => [name, 'x']);
    const written: string[] = [];
    const tty: WritableOut = { isTTY: true, write: (chunk: string) => written.push(chunk) > 0, once: () => tty, off: () => tty };
    const sink = outputSink(processWriter, tty);
    await streamCsv(sink, ['name', 'kind'], rows, (row) => row);
    await sink.end();
    const text = written.join('');
    expect(UNSAFE_IN_LINES(text)).toBeNull();
    expect(text.split('\r\n').filter((line) => line !== '')).toHaveLength(1 + HOSTILE.length);

    const piped: string[] = [];
    const pipe: WritableOut = { isTTY: false, write: (chunk: string) => piped.push(chunk) > 0, once: () => pipe, off: () => pipe };
    const pipeSink = outputSink(processWriter, pipe);
    await streamCsv(pipeSink, ['name', 'kind'], rows, (row) => row);
    await pipeSink.end();
    expect(parseCsv(piped.join('')).slice(1).map((r) => r.fields[0])).toEqual(HOSTILE.map((name) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name)));
  });
});

describe('warden agents and findings with hostile role names', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  async function warden(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
    return { code, out, err };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-terminal-'));
    env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite') };
    const account = '444455556666';
    const details = {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: HOSTILE.map((name, i) => ({
        Path: '/',
        RoleName: name,
        RoleId: `AROAHOSTILE${i}`,
        Arn: `arn:aws:iam::${account}:role/${name}`,
        CreateDate: '2025-01-01T00:00:00Z',
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
        InstanceProfileList: [],
        RolePolicyList: [{ PolicyName: `admin${name}`, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
        AttachedManagedPolicies: [],
        Tags: [{ Key: 'owner', Value: name }],
        RoleLastUsed: {},
      })),
    };
    const path = join(dir, 'hostile.json');
    writeFileSync(path, JSON.stringify(details));
    const imported = await warden(['import', '--authorization-details', path]);
    expect(imported.code, imported.err).toBe(0);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agents table: one row per role, no FAKEROW line, nothing raw', async () => {
    const table = await warden(['agents', '--format', 'table']);
    expect(table.code, table.err).toBe(0);
    expect(UNSAFE_IN_LINES(table.out)).toBeNull();
    expect(UNSAFE_IN_LINES(table.err)).toBeNull();
    const lines = table.out.split('\n');
    const dashes = lines.findIndex((line) => /^-+(\s+-+)+$/.test(line));
    expect(lines.slice(dashes + 1).filter((line) => line !== '')).toHaveLength(HOSTILE.length);
    expect(lines.some((line) => line.startsWith('FAKEROW'))).toBe(false);
    expect(table.out).toContain('line1\\nFAKEROW');
  });

  it('plan table: the hostile Tier 1 roles in the way are named safely, nothing raw, no forged line', async () => {
    const table = await warden(['plan']);
    expect(table.code, table.err).toBe(0);
    expect(UNSAFE_IN_LINES(table.out)).toBeNull();
    expect(table.out).toContain('in the way: ');
    expect(table.out.split('\n').some((line) => line.startsWith('FAKEROW'))).toBe(false);
    expect(JSON.parse((await warden(['plan', '--format', 'json'])).out)).toHaveProperty('tasks');
    expect((await warden(['plan', '--format', 'csv'])).code).toBe(2);
  });

  it('findings table: nothing raw, no line starting with the forged row', async () => {
    const table = await warden(['findings', '--format', 'table']);
    expect(table.code, table.err).toBe(0);
    expect(UNSAFE_IN_LINES(table.out)).toBeNull();
    expect(table.out.split('\n').some((line) => line.startsWith('FAKEROW'))).toBe(false);
  });

  it('JSON keeps every name exactly', async () => {
    const json = await warden(['agents', '--format', 'json']);
    expect(json.code, json.err).toBe(0);
    const names = (JSON.parse(json.out) as { agents: { name: string }[] }).agents.map((a) => a.name);
    expect([...names].sort()).toEqual([...HOSTILE].sort());
  });
});
