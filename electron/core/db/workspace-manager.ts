/**
 * Holds the one open workspace of a running back end and switches it.
 *
 * The first workspace opens lazily, on first use: if the default file is damaged or newer than the
 * app, the app still starts, every workspace call reports the refusal as an `AppError`, and the user
 * can open or create another file. Opening another file is all-or-nothing: the new one is fully opened
 * (and migrated) before the old one is closed, so a failure leaves the previous workspace in use.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WorkspaceInfo } from '@shared/contract';
import { AppError } from '../errors';
import { openWorkspace, type SavedCopy, type Workspace } from './open-workspace';

export interface WorkspaceManagerOptions {
  readonly initialPath: string;
  readonly clock: () => Date;
  /** The initial workspace is the built-in demo. */
  readonly demo?: boolean;
  /** The demo's one file: opened by any path (`workspace:open`, the initial path), it is marked demo. */
  readonly demoPath?: string;
  /**
   * Create the initial file when it is missing (default true). False for read-only CLI commands: a
   * missing workspace is then an error, never a new empty file.
   */
  readonly createInitial?: boolean;
  /** Called after another workspace has been opened, with its path. */
  readonly onChange?: (path: string) => void;
  /** Recorded in workspaces this app creates. */
  readonly appVersion?: string;
}

export class WorkspaceManager {
  private readonly options: WorkspaceManagerOptions;
  private workspace: Workspace | null = null;
  private closed = false;

  constructor(options: WorkspaceManagerOptions) {
    this.options = {
      ...options,
      initialPath: resolve(options.initialPath),
      ...(options.demoPath !== undefined && { demoPath: resolve(options.demoPath) }),
    };
  }

  /** The open workspace, opening the initial one on first use. Throws `AppError` when it cannot be opened. */
  current(): Workspace {
    if (this.workspace !== null) return this.workspace;
    if (this.closed) throw new AppError('unavailable', 'The workspace has been closed.');
    const { initialPath } = this.options;
    if (this.options.createInitial === false && !existsSync(initialPath)) {
      throw new AppError('not_found', `There is no workspace at ${initialPath}.`);
    }
    const folder = dirname(initialPath);
    try {
      // The app-data folder does not exist on first run.
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('workspace_error', `Cannot create the folder ${folder} for the workspace: ${detail}.`);
    }
    this.workspace = openWorkspace(initialPath, this.openOptions(this.options.demo === true || this.isDemoPath(initialPath)));
    return this.workspace;
  }

  info(): WorkspaceInfo {
    return this.current().info();
  }

  /** The path in use, or the one that will be opened; never throws. */
  currentPath(): string {
    return this.workspace?.path ?? this.options.initialPath;
  }

  /** Opens (or creates) the workspace at `path`; on failure the previous one stays open and usable. */
  open(path: string, options: { demo?: boolean } = {}): WorkspaceInfo {
    const target = resolve(path);
    if (this.workspace !== null && this.workspace.path === target) return this.workspace.info();
    const next = openWorkspace(target, this.openOptions(options.demo === true || this.isDemoPath(target)));
    const previous = this.workspace;
    this.workspace = next;
    this.closed = false;
    previous?.close();
    this.options.onChange?.(next.path);
    return next.info();
  }

  /**
   * Replaces the file at `path` (`replace` writes it, e.g. renames a freshly built file onto it) and
   * opens it. The workspace at `path` is closed first if it is the one open; if `replace` or the
   * opening fails, the workspace that was open before is reopened when it still can be.
   */
  replaceFile(path: string, replace: () => void, options: { demo?: boolean } = {}): WorkspaceInfo {
    const target = resolve(path);
    const previousPath = this.workspace?.path ?? null;
    if (previousPath === target) {
      this.workspace?.close();
      this.workspace = null;
    }
    try {
      replace();
      if (this.workspace === null && previousPath === target) {
        // Reopen in place: open() would see no open workspace and not call onChange for the same path.
        const reopened = openWorkspace(target, this.openOptions(options.demo === true || this.isDemoPath(target)));
        this.workspace = reopened;
        this.closed = false;
        this.options.onChange?.(reopened.path);
        return reopened.info();
      }
      return this.open(target, options);
    } catch (error) {
      if (this.workspace === null && previousPath !== null) {
        try {
          this.workspace = openWorkspace(previousPath, this.openOptions(this.isDemoPath(previousPath)));
        } catch {
          // The file is gone or damaged: the next call reports it, as for a damaged initial file.
        }
      }
      throw error;
    }
  }

  /** A consistent copy of the open workspace at `destination`; refuses to overwrite anything. */
  saveCopy(destination: string): SavedCopy {
    return this.current().saveCopy(destination);
  }

  close(): void {
    this.workspace?.close();
    this.workspace = null;
    this.closed = true;
  }

  private isDemoPath(path: string): boolean {
    return this.options.demoPath !== undefined && this.options.demoPath === resolve(path);
  }

  private openOptions(demo: boolean): Parameters<typeof openWorkspace>[1] {
    return {
      clock: this.options.clock,
      create: true,
      demo,
      ...(this.options.appVersion === undefined ? {} : { appVersion: this.options.appVersion }),
    };
  }
}
