/** `warden audit export`: the audit log's entries, filtered like the screen, as CSV (neutralised) or JSON. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWarden } from '../../../electron/cli/warden';
import { openWorkspace } from '@core/db/open-workspace';
import { appendAuditEntry } from '@core/db/repositories/audit-log';

let dir: string;
let path: string;

async function warden(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWarden([...args, '--workspace', path], {
    env: { HOME: dir, XDG_CONFIG_HOME: dir },
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    moduleDir: join(process.cwd(), 'electron/cli'),
  });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-audit-export-'));
  path = join(dir, 'w.sqlite');
  const workspace = openWorkspace(path, { clock: () => new Date('2026-03-01T10:00:00.000Z'), create: true, appVersion: '0.1.0-test' });
  const at = '2026-03-01T10:00:00.000Z';
  appendAuditEntry(workspace.write, { at, actor: 'Jane Doe', action: 'registry.update', target: 'arn:aws:iam::123456789012:role/runner', details: {} });
  appendAuditEntry(workspace.write, { at, actor: '=HYPERLINK("x")', action: 'finding.accept', target: 'a'.repeat(64), details: { reason: '@risk' } });
  appendAuditEntry(workspace.write, { at, actor: 'Jane Doe', action: 'finding.accept', target: 'b'.repeat(64), details: {} });
  workspace.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden audit export', () => {
  it('writes every entry as CSV by default, oldest first, formula-like cells neutralised', async () => {
    const result = await warden(['audit', 'export']);
    expect(result.code).toBe(0);
    const lines = result.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,target_name,details,hash');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3']);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")",finding.accept,`);
  });

  it('takes the screen’s filters: --actor, --kind, --target', async () => {
    const json = await warden(['audit', 'export', '--format', 'json', '--actor', 'Jane Doe', '--kind', 'finding.accept']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as { seq: number }[]).map((e) => e.seq)).toEqual([3]);
    const byTarget = await warden(['audit', 'export', '--format', 'json', '--target', 'ROLE/RUN']);
    expect((JSON.parse(byTarget.out) as { seq: number }[]).map((e) => e.seq)).toEqual([1]);
  });

  it('refuses an unknown format or subcommand as a usage error', async () => {
    expect((await warden(['audit', 'export', '--format', 'sarif'])).code).toBe(2);
    expect((await warden(['audit', 'list'])).err).toContain('warden audit export');
  });
});
