/**
 * Opens (or creates) one workspace file: refuse what must not be touched, back up before an upgrade,
 * migrate, and hand out typed read/write handles.
 *
 * The order matters. (1) The header is read with plain file I/O: a file that is not SQLite, belongs to
 * another application, was cut short, or is newer than this app is refused before SQLite ever opens it
 * (see inspect-workspace-file.ts). (2) SQLite opens it without changing anything — no pragma that
 * writes, no journal-mode switch — and confirms the header's story, then runs `PRAGMA quick_check`;
 * closing that connection removes the `-wal`/`-shm` it made, so a refused file is left byte-for-byte as
 * it was. (3) Only then: a backup when an upgrade is due, WAL mode, foreign keys, migrations.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WorkspaceInfo } from '@shared/contract';
import { AppError, isAppError } from '../errors';
import { createHandles, type ReadDb, type WriteDb } from './handles';
import { inspectWorkspaceFile, type WorkspaceFileState } from './inspect-workspace-file';
import { migrateDatabase, readSchemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { sql } from './sql';
import { errorDetail, sqliteCode, workspaceErrorFromSqlite, workspaceErrors } from './workspace-errors';
import { WORKSPACE_APPLICATION_ID, WORKSPACE_EXTENSION } from './workspace-format';

/** How long a statement waits for another process's lock before giving up (the CLI and the app may share a file). */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenWorkspaceOptions {
  readonly clock: () => Date;
  /** Create the file when it does not exist; otherwise a missing file is an error. */
  readonly create: boolean;
  /** Marks the built-in demo workspace in `info()`. */
  readonly demo?: boolean;
  /** Recorded in the workspace when it is created. */
  readonly appVersion?: string;
  /** Tests substitute their own list; the app always uses MIGRATIONS. */
  readonly migrations?: readonly Migration[];
}

export interface SavedCopy {
  readonly path: string;
  readonly sizeBytes: number;
}

export interface Workspace {
  readonly path: string;
  readonly read: ReadDb;
  readonly write: WriteDb;
  /** The copy written before this open upgraded an older workspace, else null. */
  readonly backupPath: string | null;
  info(): WorkspaceInfo;
  /** A consistent copy of the open workspace in a new file (never overwrites). */
  saveCopy(destination: string): SavedCopy;
  close(): void;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `/dir/workspace.sqlite`, v1 → `/dir/workspace.backup-v1-20250101T120000Z.sqlite` (numbered if taken). */
export function backupPathFor(path: string, version: number, now: Date): string {
  const extension = extname(path) || WORKSPACE_EXTENSION;
  const stem = basename(path, extname(path));
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const base = join(dirname(path), `${stem}.backup-v${version}-${stamp}`);
  let candidate = `${base}${extension}`;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}${extension}`;
  return candidate;
}

/** Same file, even through symlinks or a case-insensitive file system. */
function isSameFile(a: string, b: string): boolean {
  const canonical = (path: string): string => {
    let full: string;
    try {
      full = realpathSync(path);
    } catch {
      try {
        full = join(realpathSync(dirname(path)), basename(path));
      } catch {
        full = resolve(path);
      }
    }
    return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
  };
  return canonical(a) === canonical(b);
}

/** Copies the database with `VACUUM INTO`: a consistent snapshot even while the workspace is in use. */
function vacuumInto(write: WriteDb, destination: string): void {
  write.run(sql`VACUUM INTO ${destination}`);
}

function asInteger(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/**
 * What SQLite says about a file the header check let through (it also sees a WAL's pages). Reads only.
 * Returns the schema version to migrate from.
 */
function confirmWithSqlite(read: ReadDb, path: string, state: WorkspaceFileState, latest: number): number {
  const applicationId = asInteger(read.value(sql`PRAGMA application_id`));
  const version = readSchemaVersion(read);
  if (applicationId !== WORKSPACE_APPLICATION_ID) {
    const objects = asInteger(read.value(sql`SELECT count(*) FROM sqlite_schema`));
    if (applicationId !== 0 || version !== 0 || objects > 0) throw workspaceErrors.foreignDatabase(path);
    return 0;
  }
  if (version > latest) throw workspaceErrors.newer(path, version, latest);
  if (state.kind === 'workspace') {
    const problems = read
      .all(sql`PRAGMA quick_check`)
      .map((row) => String(row['quick_check']))
      .filter((message) => message !== 'ok');
    if (problems.length > 0) {
      throw workspaceErrors.damaged(path, `the integrity check found: ${problems.slice(0, 3).join('; ')}`);
    }
  }
  return version;
}

function refusalFrom(path: string, error: unknown): AppError {
  if (isAppError(error)) return error;
  // The header said SQLite; if SQLite now disagrees, the file is damaged rather than foreign.
  if (sqliteCode(error)?.startsWith('SQLITE_NOTADB') === true) {
    return workspaceErrors.damaged(path, `SQLite reports: ${errorDetail(error)}`);
  }
  return workspaceErrorFromSqlite(path, error);
}

export function openWorkspace(path: string, options: OpenWorkspaceOptions): Workspace {
  const absolute = resolve(path);
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const folder = dirname(absolute);

  const state = inspectWorkspaceFile(absolute, latest);
  if (state.kind === 'missing') {
    if (!options.create) throw workspaceErrors.missing(absolute);
    if (!isDirectory(folder)) throw workspaceErrors.folderMissing(absolute, folder);
  }
  // WAL mode needs to create `-wal` and `-shm` files beside the workspace.
  if (!isWritable(folder) || (state.kind !== 'missing' && !isWritable(absolute))) {
    throw workspaceErrors.notWritable(absolute);
  }

  let database: Database.Database;
  try {
    database = new Database(absolute, { fileMustExist: state.kind !== 'missing', timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw workspaceErrorFromSqlite(absolute, error);
  }

  const { read, write } = createHandles(database);
  let stage: 'inspect' | 'backup' | 'migrate' = 'inspect';
  let version = 0;
  let backupPath: string | null = null;
  try {
    // The file may come from someone else: functions in its views and triggers must not run with
    // privileges (a connection setting, nothing is written).
    write.exec(sql`PRAGMA trusted_schema = OFF`);
    version = confirmWithSqlite(read, absolute, state, latest);

    if (version > 0 && version < latest) {
      stage = 'backup';
      backupPath = backupPathFor(absolute, version, options.clock());
      try {
        vacuumInto(write, backupPath);
      } catch (error) {
        rmSync(backupPath, { force: true });
        throw workspaceErrors.backupFailed(absolute, errorDetail(error));
      }
    }

    stage = 'migrate';
    write.exec(sql`PRAGMA journal_mode = WAL`);
    // NORMAL is durable in WAL mode except for the last transactions on power loss; never corrupting.
    write.exec(sql`PRAGMA synchronous = NORMAL`);
    write.exec(sql`PRAGMA foreign_keys = ON`);
    if (version < latest) {
      migrateDatabase(write, {
        migrations,
        context: { now: options.clock(), appVersion: options.appVersion ?? 'unknown', newId: randomUUID },
      });
    }
  } catch (error) {
    database.close();
    if (state.kind === 'missing') {
      // Nothing of a failed creation is left behind.
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${absolute}${suffix}`, { force: true });
    }
    if (stage === 'migrate' && version < latest && !isAppError(error)) {
      throw workspaceErrors.migrationFailed(absolute, version, latest, backupPath, errorDetail(error));
    }
    throw refusalFrom(absolute, error);
  }

  return createWorkspace(absolute, database, { read, write }, backupPath, options.demo ?? false);
}

function createWorkspace(
  path: string,
  database: Database.Database,
  handles: { read: ReadDb; write: WriteDb },
  backupPath: string | null,
  demo: boolean,
): Workspace {
  const { read, write } = handles;
  return {
    path,
    read,
    write,
    backupPath,
    info() {
      const pageCount = asInteger(read.value(sql`PRAGMA page_count`));
      const pageSize = asInteger(read.value(sql`PRAGMA page_size`));
      const meta = read.get(sql`SELECT created_at FROM workspace_meta WHERE singleton = 1`);
      const createdAt = meta?.['created_at'];
      return {
        path,
        schemaVersion: readSchemaVersion(read),
        sizeBytes: pageCount * pageSize,
        createdAt: typeof createdAt === 'string' ? createdAt : null,
        demo,
      };
    },
    saveCopy(destination) {
      const target = resolve(destination);
      if (isSameFile(target, path)) {
        throw new AppError('conflict', `${target} is the open workspace itself; choose another file name for the copy.`);
      }
      if (existsSync(target)) {
        throw new AppError('conflict', `${target} already exists. Choose another name: Agent Warden never overwrites a file.`);
      }
      const folder = dirname(target);
      if (!isDirectory(folder)) throw workspaceErrors.folderMissing(target, folder);
      try {
        vacuumInto(write, target);
      } catch (error) {
        if (/already exists/i.test(errorDetail(error))) {
          throw new AppError('conflict', `${target} already exists. Choose another name: Agent Warden never overwrites a file.`);
        }
        rmSync(target, { force: true });
        throw new AppError('workspace_error', `Could not write a copy to ${target}: ${errorDetail(error)}.`);
      }
      return { path: target, sizeBytes: statSync(target).size };
    },
    close() {
      if (database.open) database.close();
    },
  };
}

/** A second connection to a workspace this process has opened (and migrated) already. */
export interface WorkspaceConnection {
  readonly path: string;
  readonly read: ReadDb;
  readonly write: WriteDb;
  close(): void;
}

/**
 * Opens another connection to a workspace that `openWorkspace` opened, checked and migrated in this
 * process (the analysis worker's): no inspection, backup or migration, only the connection settings,
 * and a refusal if the file is not at the schema this build writes.
 */
export function openWorkspaceConnection(path: string, options: { busyTimeoutMs?: number } = {}): WorkspaceConnection {
  let database: Database.Database;
  try {
    database = new Database(path, { fileMustExist: true, timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  } catch (error) {
    throw workspaceErrorFromSqlite(path, error);
  }
  const { read, write } = createHandles(database);
  try {
    write.exec(sql`PRAGMA trusted_schema = OFF`);
    write.exec(sql`PRAGMA synchronous = NORMAL`);
    write.exec(sql`PRAGMA foreign_keys = ON`);
    const version = readSchemaVersion(read);
    if (version !== MIGRATIONS.length) {
      throw new AppError('conflict', `${path} is at schema version ${version}, not ${MIGRATIONS.length}: open it in the app first.`);
    }
  } catch (error) {
    database.close();
    throw error;
  }
  return { path, read, write, close: () => database.close() };
}

/**
 * A workspace in memory at this build's schema, for work whose result is thrown away (the analysis
 * worker's warm-up): nothing is read from or written to disk, and closing it frees everything.
 */
export function openScratchWorkspace(options: { clock: () => Date }): WorkspaceConnection {
  const database = new Database(':memory:');
  const { read, write } = createHandles(database);
  try {
    write.exec(sql`PRAGMA foreign_keys = ON`);
    migrateDatabase(write, { migrations: MIGRATIONS, context: { now: options.clock(), appVersion: 'scratch', newId: randomUUID } });
  } catch (error) {
    database.close();
    throw error;
  }
  return { path: ':memory:', read, write, close: () => database.close() };
}
