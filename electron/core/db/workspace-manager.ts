/**
 * Holds the one open workspace of a running back end and switches it.
 *
 * The first workspace opens lazily, on first use: if the default file is damaged or newer than the
 * app, the app still starts, every workspace call reports the refusal as an `AppError`, and the user
 * can open or create another file. Opening another file is all-or-nothing: the new one is fully opened
 * (and migrated) before the old one is closed, so a failure leaves the previous workspace in use.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WorkspaceInfo } from '../../../shared/contract';
import { AppError } from '../errors';
import { openWorkspace, type SavedCopy, type Workspace } from './open-workspace';

export interface WorkspaceManagerOptions {
  readonly initialPath: string;
  readonly clock: () => Date;
  /** The initial workspace is the built-in demo. */
  readonly demo?: boolean;
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
    this.options = { ...options, initialPath: resolve(options.initialPath) };
  }

  /** The open workspace, opening the initial one on first use. Throws `AppError` when it cannot be opened. */
  current(): Workspace {
    if (this.workspace !== null) return this.workspace;
    if (this.closed) throw new AppError('unavailable', 'The workspace has been closed.');
    const { initialPath } = this.options;
    const folder = dirname(initialPath);
    try {
      // The app-data folder does not exist on first run.
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('workspace_error', `Cannot create the folder ${folder} for the workspace: ${detail}.`);
    }
    this.workspace = openWorkspace(initialPath, this.openOptions(this.options.demo ?? false));
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
    const next = openWorkspace(target, this.openOptions(options.demo ?? false));
    const previous = this.workspace;
    this.workspace = next;
    this.closed = false;
    previous?.close();
    this.options.onChange?.(next.path);
    return next.info();
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

  private openOptions(demo: boolean): Parameters<typeof openWorkspace>[1] {
    return {
      clock: this.options.clock,
      create: true,
      demo,
      ...(this.options.appVersion === undefined ? {} : { appVersion: this.options.appVersion }),
    };
  }
}
