/**
 * Looks at an existing file BEFORE SQLite opens it, reading only its 100-byte header and its size.
 *
 * Why not ask SQLite: even a read-only SQLite connection on a WAL-mode file creates `-wal` and `-shm`
 * files next to it and leaves them behind. Reading the header with plain file I/O lets us refuse a file
 * that is not SQLite, belongs to another application, was cut short, or comes from a newer Agent
 * Warden without changing a byte or creating anything.
 *
 * Header layout: https://www.sqlite.org/fileformat.html#the_database_header
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { workspaceErrors } from './workspace-errors';
import { WORKSPACE_APPLICATION_ID } from './workspace-format';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_SIZE = 100;

export interface DatabaseHeader {
  readonly pageSize: number;
  /** File format write/read versions: 1 rollback journal, 2 WAL. */
  readonly writeVersion: number;
  readonly readVersion: number;
  readonly changeCounter: number;
  /** Size in pages; trustworthy only when `versionValidFor === changeCounter`. */
  readonly pageCount: number;
  readonly schemaCookie: number;
  readonly userVersion: number;
  readonly applicationId: number;
  readonly versionValidFor: number;
}

/** Parses a SQLite header, or returns null when the bytes do not start like a SQLite database. */
export function parseDatabaseHeader(bytes: Uint8Array): DatabaseHeader | null {
  if (bytes.length < HEADER_SIZE) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null;
  const rawPageSize = buffer.readUInt16BE(16);
  return {
    // The value 1 stands for 65536, which does not fit in two bytes.
    pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
    writeVersion: buffer.readUInt8(18),
    readVersion: buffer.readUInt8(19),
    changeCounter: buffer.readUInt32BE(24),
    pageCount: buffer.readUInt32BE(28),
    schemaCookie: buffer.readUInt32BE(40),
    userVersion: buffer.readInt32BE(60),
    applicationId: buffer.readInt32BE(68),
    versionValidFor: buffer.readUInt32BE(92),
  };
}

function isValidPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

export type WorkspaceFileState =
  | { readonly kind: 'missing' }
  /** Zero bytes, or a SQLite file nobody has put anything in: safe to turn into a workspace. */
  | { readonly kind: 'empty' }
  /** Ours and readable by this version, as far as the header tells (SQLite has the last word). */
  | { readonly kind: 'workspace'; readonly header: DatabaseHeader; readonly hasWal: boolean };

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function readHeaderBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(HEADER_SIZE);
    const read = readSync(fd, bytes, 0, HEADER_SIZE, 0);
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Classifies the file at `path`, throwing the matching `AppError` for a file that must not be opened.
 * Reads only; never creates, locks or writes anything.
 */
export function inspectWorkspaceFile(path: string, latestVersion: number): WorkspaceFileState {
  const stats = statOrNull(path);
  if (stats === null) return { kind: 'missing' };
  if (!stats.isFile()) throw workspaceErrors.notAFile(path);
  if (stats.size === 0) return { kind: 'empty' };

  const header = parseDatabaseHeader(readHeaderBytes(path));
  if (header === null) throw workspaceErrors.notSqlite(path);
  if (!isValidPageSize(header.pageSize)) {
    throw workspaceErrors.damaged(path, `its header gives an impossible page size, ${header.pageSize}`);
  }
  if (header.readVersion < 1 || header.readVersion > 2 || header.writeVersion < 1 || header.writeVersion > 2) {
    throw workspaceErrors.damaged(path, 'its header names an unknown file format version');
  }

  // With a WAL file present, committed pages (the header included) may live in the WAL, so the
  // main file alone is not the whole truth; SQLite checks those files after opening.
  const wal = statOrNull(`${path}-wal`);
  const hasWal = wal !== null && wal.size > 0;
  if (hasWal) return { kind: 'workspace', header, hasWal };

  if (stats.size % header.pageSize !== 0) {
    throw workspaceErrors.damaged(
      path,
      `its size, ${stats.size} bytes, is not a whole number of ${header.pageSize}-byte pages: it was probably cut off`,
    );
  }
  if (header.versionValidFor === header.changeCounter && header.pageCount > 0) {
    const expected = header.pageCount * header.pageSize;
    if (stats.size < expected) {
      throw workspaceErrors.damaged(
        path,
        `it is ${stats.size} bytes long but its header says ${expected}: it was probably cut off while being copied`,
      );
    }
  }

  if (header.applicationId !== WORKSPACE_APPLICATION_ID) {
    // A one-page file has no room for a table (each needs its own root page); SQLite confirms the
    // schema is empty before anything is written.
    const onePage = header.versionValidFor === header.changeCounter && header.pageCount === 1;
    const nothingInIt =
      header.applicationId === 0 && header.userVersion === 0 && (header.schemaCookie === 0 || onePage);
    if (nothingInIt) return { kind: 'empty' };
    throw workspaceErrors.foreignDatabase(path);
  }
  if (header.userVersion > latestVersion) {
    throw workspaceErrors.newer(path, header.userVersion, latestVersion);
  }
  return { kind: 'workspace', header, hasWal };
}
