/**
 * One schema migration: a step from `version - 1` to `version`, applied inside the runner's
 * transaction. A migration never reads the clock or makes ids itself, so its test is deterministic.
 */
import type { WriteDb } from '../handles';

export interface MigrationContext {
  /** When the migration runs (workspace creation time for 0001). */
  readonly now: Date;
  /** The app version doing the migration, recorded in the workspace. */
  readonly appVersion: string;
  /** A fresh random id (UUID). */
  newId(): string;
}

export interface Migration {
  /** The `PRAGMA user_version` the workspace has after this migration. */
  readonly version: number;
  /** Short kebab-case name, the same as the file's. */
  readonly name: string;
  up(db: WriteDb, context: MigrationContext): void;
}
