/** The back end for the CLI and `warden serve`: the same services and dispatch as the app. */
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppInfo } from '@shared/contract';
import { ANALYSIS_WORKER_FILE } from '@core/analysis-store/analysis-runner';
import { createBackend, type Backend } from '@core/backend';
import { defaultDemoWorkspacePath, defaultWorkspacePath } from '@core/db/default-location';
import { findDemoDir } from '@core/demo/load-demo';
import { EventHub } from '@core/events';
import { APP_NAME, APP_VERSION } from './version';

export interface CliBackend extends Backend {
  events: EventHub;
}

export interface CliBackendOptions {
  workspacePath: string;
  env: NodeJS.ProcessEnv;
  transport: AppInfo['transport'];
  /** Folder of the running module, to find the demo company's files (resources/demo) above it. */
  moduleDir: string;
  /** Run analyses in the worker built beside the module (`warden serve`); one-shot commands run them inline. */
  analysisWorker?: boolean;
  /** Create the workspace file when missing (default true); read-only commands pass false. */
  createWorkspace?: boolean;
}

/** `--workspace demo` (or WARDEN_WORKSPACE=demo) names the demo company's file, the one the app shows. */
export const DEMO_WORKSPACE_KEYWORD = 'demo';

/** The demo's one file: `<app-data>/Agent Warden/demo.sqlite`, as in the desktop app. */
export function demoWorkspacePath(env: NodeJS.ProcessEnv): string {
  return defaultDemoWorkspacePath({ env, platform: platform(), homedir: homedir() });
}

/**
 * `--workspace` wins, then WARDEN_WORKSPACE, then the OS's app-data folder. The word `demo` means the
 * demo company's file (a file named demo in the working directory is `./demo`).
 */
export function resolveWorkspacePath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = flag ?? env['WARDEN_WORKSPACE'];
  if (chosen === DEMO_WORKSPACE_KEYWORD) return demoWorkspacePath(env);
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return defaultWorkspacePath({ env, platform: platform(), homedir: homedir() });
}

export function createCliBackend(options: CliBackendOptions): CliBackend {
  const events = new EventHub();
  const backend = createBackend({
    workspacePath: options.workspacePath,
    appInfo: { name: APP_NAME, version: APP_VERSION, transport: options.transport, nativeDialogs: false, platform: platform() },
    env: options.env,
    dialogs: null,
    emit: events.emit,
    acceptUploads: options.transport === 'http',
    demoDir: findDemoDir(options.moduleDir),
    demoWorkspacePath: demoWorkspacePath(options.env),
    ...(options.createWorkspace === false && { createWorkspace: false }),
    analysisWorker: options.analysisWorker === true ? join(options.moduleDir, ANALYSIS_WORKER_FILE) : null,
    onInternalError: (channel, error) => {
      process.stderr.write(`warden: internal error in ${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    },
  });
  return { ...backend, events };
}
