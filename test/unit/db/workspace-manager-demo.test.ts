/** The manager's part in the persistent demo: the demo file marked by path, `createInitial: false`, `replaceFile`. */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertConnection, listConnections } from '@core/db/repositories/connections';
import { openWorkspace } from '@core/db/open-workspace';
import { WorkspaceManager } from '@core/db/workspace-manager';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';
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

const account = (name: string): Parameters<typeof insertConnection>[1] => ({ name, profile: 'default', roleArn: null, externalId: null, regions: [] });

/** A workspace file at `path` holding one connection named `name`. */
function workspaceWith(path: string, name: string): void {
  const workspace = openWorkspace(path, { clock: fixedClock, create: true });
  insertConnection(workspace.write, account(name), FIXED_NOW);
  workspace.close();
}

describe('WorkspaceManager and the demo file', () => {
  it('marks the demo file as the demo however it is opened', () => {
    const dir = makeTempDir();
    const demoPath = join(dir, 'demo.sqlite');
    const asInitial = manager({ initialPath: demoPath, demoPath });
    expect(asInitial.info().demo).toBe(true);
    const other = manager({ initialPath: join(dir, 'workspace.sqlite'), demoPath });
    expect(other.info().demo).toBe(false);
    expect(other.open(demoPath).demo).toBe(true);
  });

  it('with createInitial false, a missing initial file is an error and nothing is created', () => {
    const dir = makeTempDir();
    const path = join(dir, 'sub', 'workspace.sqlite');
    const reading = manager({ initialPath: path, createInitial: false });
    expect(() => reading.info()).toThrow(/There is no workspace at/);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
  });

  it('replaceFile swaps the open file for a new one and reopens it', () => {
    const dir = makeTempDir();
    const path = join(dir, 'demo.sqlite');
    const fresh = join(dir, 'fresh.sqlite');
    workspaceWith(path, 'old');
    workspaceWith(fresh, 'new');
    const m = manager({ initialPath: path, demoPath: path });
    expect(listConnections(m.current().read).map((c) => c.name)).toEqual(['old']);
    const info = m.replaceFile(path, () => renameSync(fresh, path));
    expect(info.demo).toBe(true);
    expect(listConnections(m.current().read).map((c) => c.name)).toEqual(['new']);
  });

  it('replaceFile that fails leaves the previous workspace open and usable', () => {
    const dir = makeTempDir();
    const path = join(dir, 'demo.sqlite');
    workspaceWith(path, 'kept');
    const m = manager({ initialPath: path });
    m.info();
    expect(() =>
      m.replaceFile(path, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(listConnections(m.current().read).map((c) => c.name)).toEqual(['kept']);

    // From another open workspace: that one stays open.
    const own = join(dir, 'own.sqlite');
    workspaceWith(own, 'mine');
    m.open(own);
    expect(() => m.replaceFile(path, () => copyFileSync(join(dir, 'missing.sqlite'), path))).toThrow();
    expect(m.currentPath()).toBe(own);
    expect(listConnections(m.current().read).map((c) => c.name)).toEqual(['mine']);
  });
});
