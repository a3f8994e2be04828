/** A second connection to an open workspace (the analysis worker's): the current schema only. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, openWorkspaceConnection } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { createScratchDatabase, migrateTo } from './helpers/migration-harness';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';

afterEach(() => removeTempDirs());

describe('openWorkspaceConnection', () => {
  it('opens a workspace at the current schema and sees what the first connection wrote', () => {
    const path = join(makeTempDir(), 'w.sqlite');
    const workspace = openWorkspace(path, { clock: () => new Date('2026-01-01T00:00:00Z'), create: true });
    const second = openWorkspaceConnection(path);
    workspace.write.run(sql`INSERT INTO scans (id, source, status, started_at) VALUES ('s1', 'import', 'completed', '2026-01-01T00:00:00Z')`);
    expect(second.read.value(sql`SELECT count(*) FROM scans`)).toBe(1);
    expect(second.read.value(sql`PRAGMA foreign_keys`)).toBe(1);
    second.close();
    workspace.close();
  });

  it('refuses a file at another schema version (it never migrates), and a missing file', () => {
    const dir = makeTempDir();
    const old = createScratchDatabase(dir, 'old.sqlite');
    migrateTo(old, 3);
    old.close();
    expect(() => openWorkspaceConnection(old.path)).toThrow(/schema version 3/);
    expect(() => openWorkspaceConnection(join(dir, 'missing.sqlite'))).toThrow();
  });
});
