/**
 * What marks a SQLite file as an Agent Warden workspace.
 *
 * `PRAGMA application_id` lives in the file header (offset 68), so a file can be recognised as ours,
 * or as another application's, before SQLite is asked to do anything with it.
 */

/** 'AgWd' in ASCII: 0x41 0x67 0x57 0x64. */
export const WORKSPACE_APPLICATION_ID = 0x41675764;

/** The extension used for workspaces, copies and backups. */
export const WORKSPACE_EXTENSION = '.sqlite';
