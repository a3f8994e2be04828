/**
 * Files that must not be opened: each refused with its own message, and left exactly as they were —
 * same bytes, and no `-wal` / `-shm` / `-journal` files appearing beside them.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import { LATEST_SCHEMA_VERSION } from '@core/db/migrations';
import { sql } from '@core/db/sql';
import { listDir, makeTempDir, removeTempDirs, sha256File } from './helpers/temp-dir';
import { makeWorkspaceFile, openTestWorkspace } from './helpers/workspace-fixtures';

afterEach(removeTempDirs);

/** Opens `path`, expects a refusal, and checks that nothing on disk changed. */
function expectRefusedUntouched(path: string, dir: string): AppError {
  const hashBefore = sha256File(path);
  const filesBefore = listDir(dir);
  let caught: unknown;
  try {
    openTestWorkspace(path).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect(sha256File(path)).toBe(hashBefore);
  expect(listDir(dir)).toEqual(filesBefore);
  return caught as AppError;
}

describe('refusing files that are not usable workspaces', () => {
  it('refuses a file that is not SQLite at all', () => {
    const dir = makeTempDir();
    const path = join(dir, 'random.sqlite');
    writeFileSync(path, randomBytes(8192));
    const error = expectRefusedUntouched(path, dir);
    expect(error.code).toBe('workspace_error');
    expect(error.message).toBe(
      `${path} is not an Agent Warden workspace: it is not a SQLite database. Agent Warden has not changed it.`,
    );
  });

  it('refuses a short text file the same way', () => {
    const dir = makeTempDir();
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'hello\n');
    expect(expectRefusedUntouched(path, dir).message).toMatch(/it is not a SQLite database/);
  });

  it('refuses a workspace cut to half its size, as damaged, suggesting a copy', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir);
    const size = readFileSync(path).length;
    expect(size).toBeGreaterThan(8 * 4096);
    truncateSync(path, Math.floor(size / 2));
    const error = expectRefusedUntouched(path, dir);
    expect(error.code).toBe('workspace_error');
    expect(error.message).toMatch(/is damaged and cannot be opened/);
    expect(error.message).toMatch(/cut off/);
    expect(error.message).toMatch(/Restore a copy/);
  });

  it('refuses a workspace with a page overwritten (same size) after SQLite’s integrity check, untouched', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir);
    const workspace = openTestWorkspace(path);
    const rootPage = Number(workspace.read.value(sql`SELECT rootpage FROM sqlite_schema WHERE name = 'connections'`));
    const pageSize = Number(workspace.read.value(sql`PRAGMA page_size`));
    workspace.close();
    const bytes = readFileSync(path);
    // Overwrite the connections table's root page: the header is intact, so only SQLite can tell.
    bytes.fill(0xff, (rootPage - 1) * pageSize, rootPage * pageSize);
    writeFileSync(path, bytes);
    const error = expectRefusedUntouched(path, dir);
    expect(error.message).toMatch(/is damaged and cannot be opened/);
    expect(error.message).toMatch(/the integrity check found|SQLite reports/);
    expect(error.message).toMatch(/Restore a copy/);
  });

  it('refuses a SQLite database that belongs to another application', () => {
    const dir = makeTempDir();
    const path = join(dir, 'other-app.db');
    const other = new Database(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')");
    other.close();
    const error = expectRefusedUntouched(path, dir);
    expect(error.code).toBe('workspace_error');
    expect(error.message).toMatch(/is not an Agent Warden workspace: it is a SQLite database that belongs to another application/);
  });

  it('refuses another application’s database in WAL mode with its own application id', () => {
    const dir = makeTempDir();
    const path = join(dir, 'other-wal.db');
    const other = new Database(path);
    other.pragma('journal_mode = WAL');
    other.pragma('application_id = 1234');
    other.exec('CREATE TABLE x (y)');
    other.close();
    expect(expectRefusedUntouched(path, dir).message).toMatch(/belongs to another application/);
  });

  it('refuses a one-page database whose only content is a view (found by SQLite, still untouched)', () => {
    const dir = makeTempDir();
    const path = join(dir, 'view-only.db');
    const other = new Database(path);
    other.exec('CREATE VIEW answer AS SELECT 42 AS value');
    other.close();
    expect(expectRefusedUntouched(path, dir).message).toMatch(/belongs to another application/);
  });

  it('refuses a workspace written by a newer version, naming both schema versions', () => {
    const dir = makeTempDir();
    const path = makeWorkspaceFile(dir);
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();
    const error = expectRefusedUntouched(path, dir);
    expect(error.code).toBe('workspace_error');
    expect(error.message).toBe(
      `${path} was written by a newer version of Agent Warden (schema ${LATEST_SCHEMA_VERSION + 1}; this version reads up to ${LATEST_SCHEMA_VERSION}). Update the app to open it. Agent Warden has not changed it.`,
    );
  });

  it('gives each kind of refusal its own message', () => {
    const dir = makeTempDir();
    const random = join(dir, 'random.sqlite');
    writeFileSync(random, randomBytes(4096));
    const truncated = makeWorkspaceFile(dir, 'truncated.sqlite');
    truncateSync(truncated, Math.floor(readFileSync(truncated).length / 2));
    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const newer = makeWorkspaceFile(dir, 'newer.sqlite');
    const future = new Database(newer);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();

    const messages = [random, truncated, foreign, newer].map((path) =>
      expectRefusedUntouched(path, dir).message.replace(path, '<path>'),
    );
    expect(new Set(messages).size).toBe(4);
  });
});

describe('files and paths that are not refusals of content', () => {
  it('reports a missing file when asked not to create one', () => {
    const dir = makeTempDir();
    const path = join(dir, 'missing.sqlite');
    expect(() => openTestWorkspace(path, { create: false })).toThrow(
      expect.objectContaining({ code: 'not_found', message: `${path} does not exist.` }),
    );
    expect(listDir(dir)).toEqual([]);
  });

  it('reports a missing folder instead of creating it', () => {
    const dir = makeTempDir();
    const path = join(dir, 'no-such-folder', 'w.sqlite');
    expect(() => openTestWorkspace(path)).toThrow(/the folder .*no-such-folder does not exist/);
  });

  it('refuses a folder given as the workspace', () => {
    const dir = makeTempDir();
    expect(() => openTestWorkspace(dir)).toThrow(/is a folder or a special file/);
  });

  it('turns an empty file into a new workspace', () => {
    const dir = makeTempDir();
    const path = join(dir, 'empty.sqlite');
    writeFileSync(path, '');
    const workspace = openTestWorkspace(path, { create: false });
    expect(workspace.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    workspace.close();
  });

  it('turns a SQLite file with nothing in it into a new workspace', () => {
    const dir = makeTempDir();
    const path = join(dir, 'blank.sqlite');
    const blank = new Database(path);
    blank.exec('VACUUM');
    blank.close();
    const workspace = openTestWorkspace(path, { create: false });
    expect(workspace.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    workspace.close();
  });
});
