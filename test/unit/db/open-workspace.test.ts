import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceInfoSchema } from '@shared/contract';
import { BUSY_TIMEOUT_MS, backupPathFor, openWorkspace } from '@core/db/open-workspace';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '@core/db/migrations';
import type { Migration } from '@core/db/migrations/migration';
import { listConnections } from '@core/db/repositories/connections';
import { sql } from '@core/db/sql';
import { WORKSPACE_APPLICATION_ID } from '@core/db/workspace-format';
import { listDir, makeTempDir, removeTempDirs, sha256File } from './helpers/temp-dir';
import { FIXED_NOW, fixedClock, makeWorkspaceFile, openTestWorkspace } from './helpers/workspace-fixtures';

afterEach(removeTempDirs);

/** The current schema, the one an existing workspace is upgraded from in these tests. */
const V = LATEST_SCHEMA_VERSION;

/** A stand-in for a future migration, to exercise upgrades of an existing workspace. */
const addNotesTable: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test-notes',
  up(db) {
    db.exec(sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`);
  },
};

const failingMigration: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test-fails',
  up(db) {
    db.exec(sql`CREATE TABLE half_done (x INTEGER) STRICT`);
    throw new Error('this step is broken');
  },
};

describe('openWorkspace', () => {
  it('creates a missing file as a workspace at the latest schema, in WAL mode with foreign keys on', () => {
    const dir = makeTempDir();
    const path = join(dir, 'new.sqlite');
    const workspace = openTestWorkspace(path);
    try {
      expect(workspace.path).toBe(path);
      expect(workspace.backupPath).toBeNull();
      // Asking for the journal mode counts as a possible write to SQLite, hence the write handle.
      expect(workspace.write.value(sql`PRAGMA journal_mode`)).toBe('wal');
      expect(workspace.read.value(sql`PRAGMA foreign_keys`)).toBe(1);
      expect(workspace.read.value(sql`PRAGMA busy_timeout`)).toBe(BUSY_TIMEOUT_MS);
      expect(workspace.read.value(sql`PRAGMA application_id`)).toBe(WORKSPACE_APPLICATION_ID);
      expect(workspace.read.value(sql`SELECT created_with_version FROM workspace_meta`)).toBe('0.1.0-test');

      const info = workspace.info();
      expect(workspaceInfoSchema.parse(info)).toEqual(info);
      expect(info).toMatchObject({
        path,
        schemaVersion: LATEST_SCHEMA_VERSION,
        createdAt: FIXED_NOW.toISOString(),
        demo: false,
      });
      expect(info.sizeBytes).toBeGreaterThan(0);
    } finally {
      workspace.close();
    }
    // A cleanly closed workspace is one file: the WAL was checkpointed and removed.
    expect(listDir(dir)).toEqual(['new.sqlite']);
  });

  it('marks the demo workspace in its info', () => {
    const workspace = openTestWorkspace(join(makeTempDir(), 'demo.sqlite'), { demo: true });
    expect(workspace.info().demo).toBe(true);
    workspace.close();
  });

  it('reopens a workspace with its data and without rewriting it', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir, 'w.sqlite', 3);
    const hash = sha256File(path);
    const workspace = openTestWorkspace(path, { create: false });
    expect(listConnections(workspace.read).map((c) => c.name)).toEqual(['Account 0', 'Account 1', 'Account 2']);
    workspace.close();
    expect(sha256File(path)).toBe(hash);
    expect(listDir(dir)).toEqual(['w.sqlite']);
  });

  it('does not run functions from a file’s schema with privileges (trusted_schema off)', () => {
    const workspace = openTestWorkspace(join(makeTempDir(), 'w.sqlite'));
    expect(workspace.read.value(sql`PRAGMA trusted_schema`)).toBe(0);
    workspace.close();
  });

  it('leaves nothing behind when creating a new workspace fails', () => {
    const dir = makeTempDir();
    expect(() => openTestWorkspace(join(dir, 'new.sqlite'), { migrations: [MIGRATIONS[0]!, failingMigration] })).toThrow(
      /could not be upgraded from schema 0 to 2/,
    );
    expect(listDir(dir)).toEqual([]);
  });
});

describe('backup before an upgrade', () => {
  it('names the backup after the file, the old schema version and the time', () => {
    expect(backupPathFor('/data/workspace.sqlite', 3, new Date('2025-01-02T03:04:05.678Z'))).toBe(
      '/data/workspace.backup-v3-20250102T030405Z.sqlite',
    );
    expect(backupPathFor('/data/team.db', 1, new Date('2025-01-02T03:04:05.000Z'))).toBe(
      '/data/team.backup-v1-20250102T030405Z.db',
    );
  });

  it('writes a consistent copy of the old version next to the workspace, then migrates', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir, 'team.sqlite', 5);
    const before = sha256File(path);

    const workspace = openTestWorkspace(path, { migrations: [...MIGRATIONS, addNotesTable] });
    const expectedBackup = join(dir, `team.backup-v${V}-20250304T050607Z.sqlite`);
    expect(workspace.backupPath).toBe(expectedBackup);
    expect(workspace.info().schemaVersion).toBe(V + 1);
    workspace.write.run(sql`INSERT INTO notes (body) VALUES ('after the upgrade')`);
    workspace.close();

    // The backup is a workspace of the old version with the same data, openable by that app.
    const backup = openWorkspace(expectedBackup, { clock: fixedClock, create: false });
    expect(backup.info().schemaVersion).toBe(V);
    expect(listConnections(backup.read)).toHaveLength(5);
    backup.close();
    expect(sha256File(path)).not.toBe(before);
  });

  it('does not back up a workspace that is already current, nor a new one', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir, 'w.sqlite', 1);
    openTestWorkspace(path).close();
    expect(listDir(dir)).toEqual(['w.sqlite']);
  });

  it('numbers the backup when one with the same name already exists', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir, 'w.sqlite', 1);
    const first = join(dir, `w.backup-v${V}-20250304T050607Z.sqlite`);
    const again = makeWorkspaceFile(dir, `w.backup-v${V}-20250304T050607Z.sqlite`, 0);
    expect(again).toBe(first);
    const workspace = openTestWorkspace(path, { migrations: [...MIGRATIONS, addNotesTable] });
    expect(workspace.backupPath).toBe(join(dir, `w.backup-v${V}-20250304T050607Z-2.sqlite`));
    workspace.close();
  });

  it('rolls a failed upgrade back completely and says where the backup is', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir, 'w.sqlite', 2);
    let message = '';
    try {
      openTestWorkspace(path, { migrations: [...MIGRATIONS, failingMigration] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`could not be upgraded from schema ${V} to ${V + 1} (this step is broken)`);
    expect(message).toContain(`w.backup-v${V}-20250304T050607Z.sqlite`);

    // Still a working workspace of the old version: nothing of the failed step remains.
    const workspace = openTestWorkspace(path, { create: false });
    expect(workspace.info().schemaVersion).toBe(V);
    expect(workspace.read.value(sql`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`)).toBe(0);
    expect(listConnections(workspace.read)).toHaveLength(2);
    workspace.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('-wal') || name.endsWith('-shm'))).toEqual([]);
  });
});

describe('saveCopy', () => {
  it('writes a consistent copy while the workspace is open, and never overwrites', () => {
    const dir = makeTempDir();
    const workspace = openTestWorkspace(makeWorkspaceFile(dir, 'w.sqlite', 4));
    // An uncommitted-to-main-file change (still in the WAL) must be in the copy.
    workspace.write.run(sql`UPDATE connections SET profile = 'changed' WHERE name = 'Account 0'`);
    const target = join(dir, 'copy.sqlite');
    const saved = workspace.saveCopy(target);
    expect(saved).toEqual({ path: target, sizeBytes: statSync(target).size });

    expect(() => workspace.saveCopy(target)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => workspace.saveCopy(workspace.path)).toThrow(/is the open workspace itself/);
    expect(() => workspace.saveCopy(join(dir, 'nope', 'copy.sqlite'))).toThrow(/does not exist/);
    workspace.close();

    const copy = openTestWorkspace(target, { create: false });
    const connections = listConnections(copy.read);
    expect(connections).toHaveLength(4);
    expect(connections.find((c) => c.name === 'Account 0')?.profile).toBe('changed');
    copy.close();
  });

  it('produces a file recognised as a workspace by its header alone', () => {
    const dir = makeTempDir();
    const workspace = openTestWorkspace(join(dir, 'w.sqlite'));
    const target = join(dir, 'copy.sqlite');
    workspace.saveCopy(target);
    workspace.close();
    const raw = new Database(target, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(WORKSPACE_APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    raw.close();
    expect(existsSync(target)).toBe(true);
  });
});
