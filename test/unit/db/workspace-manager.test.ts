import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@core/errors';
import { insertConnection, listConnections } from '@core/db/repositories/connections';
import { WorkspaceManager } from '@core/db/workspace-manager';
import { makeTempDir, removeTempDirs, sha256File } from './helpers/temp-dir';
import { FIXED_NOW, fixedClock } from './helpers/workspace-fixtures';

const managers: WorkspaceManager[] = [];

function manager(options: Partial<ConstructorParameters<typeof WorkspaceManager>[0]> & { initialPath: string }): WorkspaceManager {
  const created = new WorkspaceManager({ clock: fixedClock, ...options });
  managers.push(created);
  return created;
}

afterEach(() => {
  for (const m of managers.splice(0)) m.close();
  removeTempDirs();
});

const account = (name: string): Parameters<typeof insertConnection>[1] => ({
  name,
  profile: 'default',
  roleArn: null,
  externalId: null,
  regions: [],
});

describe('WorkspaceManager', () => {
  it('opens the initial workspace on first use, creating its folder and file', () => {
    const dir = makeTempDir();
    const initialPath = join(dir, 'Agent Warden', 'workspace.sqlite');
    const workspaces = manager({ initialPath });
    expect(existsSync(initialPath)).toBe(false);
    expect(workspaces.currentPath()).toBe(initialPath);

    const info = workspaces.info();
    expect(info).toMatchObject({ path: initialPath, demo: false, createdAt: FIXED_NOW.toISOString() });
    expect(existsSync(initialPath)).toBe(true);
  });

  it('reports the demo flag for the initial workspace only', () => {
    const dir = makeTempDir();
    const workspaces = manager({ initialPath: join(dir, 'demo.sqlite'), demo: true });
    expect(workspaces.info().demo).toBe(true);
    expect(workspaces.open(join(dir, 'mine.sqlite')).demo).toBe(false);
  });

  it('surfaces a broken initial workspace as an AppError on use, without crashing the constructor', () => {
    const dir = makeTempDir();
    const initialPath = join(dir, 'broken.sqlite');
    writeFileSync(initialPath, randomBytes(4096));
    const hash = sha256File(initialPath);
    const workspaces = manager({ initialPath });
    expect(() => workspaces.current()).toThrow(AppError);
    expect(() => workspaces.info()).toThrow(/not a SQLite database/);
    expect(sha256File(initialPath)).toBe(hash);

    // The user can still open (or create) another one.
    const other = join(dir, 'fresh.sqlite');
    expect(workspaces.open(other).path).toBe(other);
    expect(workspaces.info().path).toBe(other);
  });

  it('opens another workspace, creating it when missing, and tells onChange', () => {
    const dir = makeTempDir();
    const onChange = vi.fn();
    const workspaces = manager({ initialPath: join(dir, 'a.sqlite'), onChange });
    insertConnection(workspaces.current().write, account('In A'), FIXED_NOW);

    const b = join(dir, 'b.sqlite');
    const info = workspaces.open(b);
    expect(info.path).toBe(b);
    expect(onChange).toHaveBeenCalledWith(b);
    expect(listConnections(workspaces.current().read)).toEqual([]);

    workspaces.open(join(dir, 'a.sqlite'));
    expect(listConnections(workspaces.current().read).map((c) => c.name)).toEqual(['In A']);
  });

  it('keeps the previous workspace open and usable when opening another fails', () => {
    const dir = makeTempDir();
    const workspaces = manager({ initialPath: join(dir, 'good.sqlite') });
    insertConnection(workspaces.current().write, account('Before'), FIXED_NOW);
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, randomBytes(4096));
    const onChange = vi.fn();

    expect(() => workspaces.open(bad)).toThrow(/not a SQLite database/);
    expect(onChange).not.toHaveBeenCalled();
    expect(workspaces.info().path).toBe(join(dir, 'good.sqlite'));
    insertConnection(workspaces.current().write, account('After'), FIXED_NOW);
    expect(listConnections(workspaces.current().read).map((c) => c.name)).toEqual(['After', 'Before']);
  });

  it('saves a copy that opens as a workspace with the same data, and refuses to overwrite', () => {
    const dir = makeTempDir();
    const workspaces = manager({ initialPath: join(dir, 'w.sqlite') });
    insertConnection(workspaces.current().write, account('Prod'), FIXED_NOW);
    const destination = join(dir, 'handover.sqlite');

    const saved = workspaces.saveCopy(destination);
    expect(saved.path).toBe(destination);
    expect(saved.sizeBytes).toBeGreaterThan(0);

    expect(() => workspaces.saveCopy(destination)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => workspaces.saveCopy(join(dir, 'w.sqlite'))).toThrow(expect.objectContaining({ code: 'conflict' }));

    const colleague = manager({ initialPath: destination });
    expect(listConnections(colleague.current().read).map((c) => c.name)).toEqual(['Prod']);
    expect(colleague.info().schemaVersion).toBe(workspaces.info().schemaVersion);
  });

  it('does nothing when asked to open the workspace that is already open', () => {
    const dir = makeTempDir();
    const onChange = vi.fn();
    const workspaces = manager({ initialPath: join(dir, 'w.sqlite'), onChange });
    const first = workspaces.current();
    workspaces.open(join(dir, 'w.sqlite'));
    expect(workspaces.current()).toBe(first);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses use after close', () => {
    const workspaces = manager({ initialPath: join(makeTempDir(), 'w.sqlite') });
    workspaces.info();
    workspaces.close();
    expect(() => workspaces.current()).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});
