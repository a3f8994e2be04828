/**
 * Composition root: createServices(deps) returns one handler per contract channel. Each domain
 * declares its handlers beside its implementation; this file only merges them.
 */
import type { AppInfo } from '../../shared/contract';
import type { Handlers } from './dispatch';
import type { EventSink } from './events';
import type { WorkspaceManager } from './db/workspace-manager';
import { createWorkspaceHandlers } from './db/workspace-handlers';
import { createConnectionHandlers } from './aws/connection-handlers';

/** Native file dialogs, available in the desktop app only (null in browser mode and tests). */
export interface Dialogs {
  pickWorkspaceToOpen(): Promise<string | null>;
  pickCopyDestination(suggestedName: string): Promise<string | null>;
}

export interface ServiceDeps {
  workspaces: WorkspaceManager;
  appInfo: AppInfo;
  /** The process environment, for the AWS SDK's standard variables (AWS_PROFILE, AWS_CONFIG_FILE, …). */
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  dialogs: Dialogs | null;
  emit: EventSink;
}

export function createServices(deps: ServiceDeps): Handlers {
  return {
    'app:info': () => deps.appInfo,
    ...createWorkspaceHandlers(deps),
    ...createConnectionHandlers(deps),
  };
}
