/**
 * The messages a person sees when a workspace cannot be opened. Each refusal has its own wording and
 * says what to do next; every one of them means the file was left exactly as it was.
 */
import { AppError } from '../errors';

const untouched = 'Agent Warden has not changed it.';

export const workspaceErrors = {
  notSqlite: (path: string): AppError =>
    new AppError('workspace_error', `${path} is not an Agent Warden workspace: it is not a SQLite database. ${untouched}`),

  foreignDatabase: (path: string): AppError =>
    new AppError(
      'workspace_error',
      `${path} is not an Agent Warden workspace: it is a SQLite database that belongs to another application. ${untouched} Choose a workspace file, or a new file name to create one.`,
    ),

  damaged: (path: string, detail: string): AppError =>
    new AppError(
      'workspace_error',
      `${path} is damaged and cannot be opened (${detail}). ${untouched} Restore a copy — a file saved with "Save a copy…" or a ".backup-v…" file next to it — and open that instead.`,
    ),

  newer: (path: string, found: number, supported: number): AppError =>
    new AppError(
      'workspace_error',
      `${path} was written by a newer version of Agent Warden (schema ${found}; this version reads up to ${supported}). Update the app to open it. ${untouched}`,
    ),

  missing: (path: string): AppError => new AppError('not_found', `${path} does not exist.`),

  folderMissing: (path: string, folder: string): AppError =>
    new AppError('workspace_error', `Cannot use ${path}: the folder ${folder} does not exist.`),

  notAFile: (path: string): AppError =>
    new AppError('workspace_error', `${path} is a folder or a special file, not a workspace file.`),

  notWritable: (path: string): AppError =>
    new AppError(
      'workspace_error',
      `${path} cannot be written (the file or its folder is read-only). Copy it to a folder you can write to and open the copy.`,
    ),

  busy: (path: string): AppError =>
    new AppError('workspace_error', `${path} is locked by another program. Close it there (or wait a moment) and try again.`),

  cannotOpen: (path: string, detail: string): AppError =>
    new AppError('workspace_error', `${path} could not be opened: ${detail}.`),

  backupFailed: (path: string, detail: string): AppError =>
    new AppError(
      'workspace_error',
      `${path} needs an upgrade, but a backup copy could not be written first (${detail}). ${untouched} Free some disk space or check the folder's permissions, then try again.`,
    ),

  migrationFailed: (path: string, from: number, to: number, backupPath: string | null, detail: string): AppError =>
    new AppError(
      'workspace_error',
      `${path} could not be upgraded from schema ${from} to ${to} (${detail}). The upgrade was rolled back${
        backupPath === null ? '' : `; a copy from before the attempt is at ${backupPath}`
      }.`,
    ),
};

/** SQLite's result code from a better-sqlite3 error (e.g. 'SQLITE_CORRUPT'), or null. */
export function sqliteCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return null;
}

export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns what SQLite said while reading a file into the matching refusal. */
export function workspaceErrorFromSqlite(path: string, error: unknown): AppError {
  const code = sqliteCode(error) ?? '';
  if (code.startsWith('SQLITE_NOTADB')) return workspaceErrors.notSqlite(path);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') {
    return workspaceErrors.damaged(path, `SQLite reports: ${errorDetail(error)}`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return workspaceErrors.busy(path);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) return workspaceErrors.notWritable(path);
  return workspaceErrors.cannotOpen(path, errorDetail(error));
}
