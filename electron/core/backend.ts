/**
 * The whole back end behind one call, for both shells: the workspace manager, the jobs, the services
 * and the dispatch that both transports (IPC in the desktop app, loopback HTTP in `warden serve`) use.
 */
import type { AppInfo } from '../../shared/contract';
import { ALL_COLLECTORS } from './aws/collectors/all';
import type { Collector } from './aws/scanner/collector';
import { WorkspaceManager } from './db/workspace-manager';
import { JobManager } from './discovery/scan/job-manager';
import { UploadStore } from './discovery/scan/upload-store';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import type { EventSink } from './events';
import { createServices, type Dialogs } from './services';
import { getActionCatalogue } from './analysis/policy/index';

export interface BackendOptions {
  workspacePath: string;
  appInfo: AppInfo;
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
  dialogs: Dialogs | null;
  emit: EventSink;
  /** Keep uploaded import files (loopback transport only). */
  acceptUploads: boolean;
  collectors?: readonly Collector[];
  /** The demo company's folder; null: search upward from the working directory. */
  demoDir?: string | null;
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface Backend {
  dispatch: Dispatch;
  handlers: Handlers;
  workspaces: WorkspaceManager;
  jobs: JobManager;
  uploads: UploadStore | null;
  /**
   * Loads, a moment after start-up, the reference data the first analysis needs (the action
   * catalogue: ~11 MB of JSON, ~0.1 s), so the first screen that shows agents does not wait for it.
   * The long-running shells call it (the app, `warden serve`); one-shot CLI commands do not.
   */
  warmUp(): void;
  /** Cancels running jobs (they write nothing once cancelled), closes the workspace, removes uploads. */
  close(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const clock = options.clock ?? ((): Date => new Date());
  const workspaces = new WorkspaceManager({ initialPath: options.workspacePath, clock, appVersion: options.appInfo.version });
  const jobs = new JobManager(options.emit, clock);
  const uploads = options.acceptUploads ? new UploadStore() : null;
  const handlers = createServices({
    workspaces,
    appInfo: options.appInfo,
    env: options.env,
    clock,
    dialogs: options.dialogs,
    emit: options.emit,
    jobs,
    uploads,
    collectors: options.collectors ?? ALL_COLLECTORS,
    demoDir: options.demoDir ?? null,
  });
  const dispatch = createDispatch(handlers, { ...(options.onInternalError !== undefined && { onInternalError: options.onInternalError }) });
  return {
    dispatch,
    handlers,
    workspaces,
    jobs,
    uploads,
    warmUp: () => {
      const timer = setTimeout(() => {
        try {
          getActionCatalogue();
        } catch (error) {
          // Not fatal here: the analysis loads it again and reports the problem where it is needed.
          options.onInternalError?.('warm-up', error);
        }
      }, 250);
      timer.unref();
    },
    close: () => {
      jobs.abortAll();
      workspaces.close();
      uploads?.dispose();
    },
  };
}
