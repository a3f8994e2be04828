/**
 * `warden diff` through runWarden as a shell calls it: the demo's two scans of one account as JSON
 * (the channel's answer) and as a table, usage errors (exit 2), and hostile names (test/fixtures/
 * hostile/) in the table: no control or BiDi character, one row per identity.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDiffSchema } from '@shared/contract';
import { runWarden } from '../../../electron/cli/warden';
import { diffTable } from '../../../electron/cli/commands/diff';
import { FORGED, UNSAFE_IN_TERMINAL } from '../../fixtures/hostile/hostile-strings';
import { HOSTILE_AUTHORIZATION_DETAILS, HOSTILE_CREDENTIAL_REPORT } from '../../fixtures/hostile/make-hostile-fixture';

let dir: string;
let env: NodeJS.ProcessEnv;

async function warden(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden(args, { env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, moduleDir: join(process.cwd(), 'electron/cli') });
  return { code, out, err };
}

/** The rows of the table under a section title, up to the blank line that ends it. */
function sectionRows(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${title}:`);
  expect(start, `no section "${title}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 3, end < 0 ? undefined : end);
}

function expectTerminalSafe(text: string): void {
  const found = UNSAFE_IN_TERMINAL.exec(text);
  expect(found === null ? null : `U+${(found[0].codePointAt(0) ?? 0).toString(16)} at ${found.index}`).toBeNull();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-diff-'));
  env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir, USER: 'tester' };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('warden diff', () => {
  it('prints the demo account’s change as JSON and as a table', async () => {
    const json = await warden('diff', '--workspace', 'demo', '--account', '111100001111', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const diff = scanDiffSchema.parse(JSON.parse(json.out));
    expect(diff.from).not.toBeNull();
    expect(diff.shadowAi.added.map((s) => s.name)).toEqual(['claims-notes-summarizer-role']);
    const explicit = await warden('diff', '--workspace', 'demo', '--from', diff.from?.scanId ?? '', '--to', diff.to.scanId, '--format', 'json');
    expect(JSON.parse(explicit.out)).toEqual(diff);

    const table = await warden('diff', '--workspace', 'demo', '--account', '111100001111');
    expect(table.code, table.err).toBe(0);
    expect(table.out).toContain(`What changed in account 111100001111: scan ${diff.from?.scanId ?? ''}`);
    expect(table.out).toMatch(/new shadow AI \(unregistered\)\s+1/);
    expect(table.out).toMatch(/findings new\s+7 \(critical 1, high 3, medium 2, low 1\)/);
    expect(sectionRows(table.out, 'New shadow AI (unregistered AI agents)')).toHaveLength(1);
    expect(sectionRows(table.out, 'Identities added')).toHaveLength(diff.identities.added.length);
    expect(sectionRows(table.out, 'Resolved findings')).toHaveLength(diff.findings.resolved.length);
  }, 180_000);

  it('refuses what it cannot answer: usage errors exit 2, the rest exit 1 with the reason', async () => {
    expect((await warden('diff', '--workspace', 'demo', '--format', 'csv')).code).toBe(2);
    expect((await warden('diff', 'extra')).code).toBe(2);
    expect((await warden('scan', '--profile', 'x', '--fail-on', 'new-shadow-ai,new-everything')).code).toBe(2);
    expect((await warden('scan', '--profile', 'x', '--fail-on', '')).code).toBe(2);
    expect((await warden('import', '--authorization-details', 'x.json', '--fail-on', 'regressed')).code).toBe(2);
    const several = await warden('diff', '--workspace', 'demo');
    expect(several.code).toBe(1);
    expect(several.err).toMatch(/holds 3 accounts/);
    expect((await warden('--help')).out).toContain('diff [--from ID] [--to ID] [--account ID] [--format json|table]');
    expect((await warden('--help')).out).toContain('3 `scan --fail-on` found a kind of change it names');
  }, 180_000);

  it('keeps hostile names out of the terminal’s control: the table escapes them, one row per identity', async () => {
    const imported = await warden('import', '--authorization-details', HOSTILE_AUTHORIZATION_DETAILS, '--credential-report', HOSTILE_CREDENTIAL_REPORT);
    expect(imported.code, imported.err).toBe(0);
    const json = await warden('diff', '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const diff = scanDiffSchema.parse(JSON.parse(json.out));
    // The first scan of the account: everything in it is added; JSON keeps the names exactly.
    expect(diff.from).toBeNull();
    const names = diff.identities.added.map((i) => i.name);
    for (const name of [FORGED.ansiName, FORGED.bidiName, FORGED.newlineName, FORGED.osc8Name]) expect(names).toContain(name);
    const table = await warden('diff');
    expect(table.code, table.err).toBe(0);
    expectTerminalSafe(table.out);
    expect(sectionRows(table.out, 'Identities added')).toHaveLength(diff.identities.added.length);
    expect(table.out).not.toMatch(/^FAKEROW/m);
    // Every list of the table, whatever holds the hostile names (owners, shadow AI, findings).
    const hostile = {
      ...diff,
      owners: { changed: [{ arn: FORGED.osc8Name, name: FORGED.ansiName, from: FORGED.bidiName, to: FORGED.newlineName }] },
      shadowAi: { added: [{ arn: FORGED.newlineName, name: FORGED.ansiName, createdBy: FORGED.bidiName, createdAt: null, signals: [] }] },
    };
    const text = diffTable(hostile);
    expectTerminalSafe(text);
    expect(sectionRows(text, 'Owner changes')).toHaveLength(1);
    expect(sectionRows(text, 'New shadow AI (unregistered AI agents)')).toHaveLength(1);
  }, 180_000);
});
