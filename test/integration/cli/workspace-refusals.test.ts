/**
 * A read-only command never creates a workspace (issue 10 §2): on a missing one it says where it
 * looked and how to make one, exits 1 and leaves no file. `--workspace demo` reaches the demo's one
 * file in the app-data folder, the file the app shows.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWarden } from '../../../electron/cli/warden';
import { APP_DATA_FOLDER_NAME, DEMO_WORKSPACE_FILE_NAME } from '../../../electron/core/db/default-location';

interface Captured {
  code: number;
  out: string;
  err: string;
}

let appData: string;

async function warden(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await runWarden(args, {
    // The default location is <XDG_CONFIG_HOME>/Agent Warden/ on Linux: a temporary app-data folder.
    env: { HOME: appData, XDG_CONFIG_HOME: appData, AWS_CONFIG_FILE: join(appData, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(appData, 'aws-credentials'), ...extraEnv },
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    moduleDir: join(process.cwd(), 'electron/cli'),
  });
  return { code, out, err };
}

function filesLeft(): string[] {
  const folder = join(appData, APP_DATA_FOLDER_NAME);
  return existsSync(folder) ? readdirSync(folder) : [];
}

beforeEach(() => {
  appData = mkdtempSync(join(tmpdir(), 'warden-appdata-'));
});

afterEach(() => {
  rmSync(appData, { recursive: true, force: true });
});

describe('read-only commands on a missing workspace', () => {
  const commands: string[][] = [
    ['agents', '--format', 'json'],
    ['findings', '--format', 'json'],
    ['audit', 'verify'],
    ['policies', 'list'],
    ['policies', 'test', '--expr', 'true'],
  ];
  for (const args of commands) {
    it(`warden ${args.join(' ')} refuses, says where it looked and how to make one, and creates nothing`, async () => {
      const result = await warden(args);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toContain(`there is no workspace at ${join(appData, APP_DATA_FOLDER_NAME, 'workspace.sqlite')}`);
      expect(result.err).toContain('warden import --authorization-details');
      expect(result.err).toContain('warden scan --profile');
      expect(result.err).toContain('--workspace demo');
      expect(filesLeft()).toEqual([]);
    });
  }

  it('the same for a --workspace FILE that does not exist', async () => {
    const missing = join(appData, 'elsewhere', 'team.sqlite');
    const result = await warden(['agents', '--workspace', missing, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(missing);
    expect(existsSync(join(appData, 'elsewhere'))).toBe(false);
  });

  it('connections list still lists the machine’s profiles, with no saved connection and no file', async () => {
    const result = await warden(['connections', 'list', '--json']);
    expect(result.code, result.err).toBe(0);
    expect((JSON.parse(result.out) as { connections: unknown[] }).connections).toEqual([]);
    expect(filesLeft()).toEqual([]);
  });

  it('warden policy needs no workspace and makes none', async () => {
    const result = await warden(['policy']);
    expect(result.code, result.err).toBe(0);
    expect(filesLeft()).toEqual([]);
  });
});

describe('--workspace demo', () => {
  it('builds the demo on first use in the app-data folder, beside the default workspace, and reuses it', async () => {
    const first = await warden(['agents', '--workspace', 'demo', '--format', 'json']);
    expect(first.code, first.err).toBe(0);
    const listed = JSON.parse(first.out) as { agents: unknown[] };
    expect(listed.agents.length).toBeGreaterThan(0);
    // The file the desktop app opens: <userData>/demo.sqlite, userData being <app-data>/Agent Warden.
    expect(filesLeft().filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm'))).toEqual([DEMO_WORKSPACE_FILE_NAME]);

    const again = await warden(['agents', '--format', 'json'], { WARDEN_WORKSPACE: 'demo' });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe(first.out);
    // The user's own default workspace was never created.
    expect(existsSync(join(appData, APP_DATA_FOLDER_NAME, 'workspace.sqlite'))).toBe(false);
  }, 120_000);
});
