/** Builds the back end for the CLI and `warden serve`: the same services and dispatch as the app. */
import { homedir, platform } from 'node:os';
import { resolve } from 'node:path';
import type { AppInfo } from '../../shared/contract';
import { defaultWorkspacePath } from '../core/db/default-location';
import { WorkspaceManager } from '../core/db/workspace-manager';
import { createDispatch, type Dispatch } from '../core/dispatch';
import { EventHub } from '../core/events';
import { createServices } from '../core/services';
import { APP_NAME, APP_VERSION } from './version';

export interface CliBackend {
  dispatch: Dispatch;
  events: EventHub;
  workspaces: WorkspaceManager;
  close(): void;
}

export interface CliBackendOptions {
  workspacePath: string;
  env: NodeJS.ProcessEnv;
  transport: AppInfo['transport'];
}

/** `--workspace` wins, then WARDEN_WORKSPACE, then the OS's app-data folder. */
export function resolveWorkspacePath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = flag ?? env['WARDEN_WORKSPACE'];
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return defaultWorkspacePath({ env, platform: platform(), homedir: homedir() });
}

export function createCliBackend(options: CliBackendOptions): CliBackend {
  const events = new EventHub();
  const clock = (): Date => new Date();
  const workspaces = new WorkspaceManager({ initialPath: options.workspacePath, clock, appVersion: APP_VERSION });
  const handlers = createServices({
    workspaces,
    appInfo: { name: APP_NAME, version: APP_VERSION, transport: options.transport, nativeDialogs: false, platform: platform() },
    env: options.env,
    clock,
    dialogs: null,
    emit: events.emit,
  });
  const dispatch = createDispatch(handlers, {
    onInternalError: (channel, error) => {
      process.stderr.write(`warden: internal error in ${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    },
  });
  return { dispatch, events, workspaces, close: () => workspaces.close() };
}
