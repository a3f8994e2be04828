import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, type ReactNode } from 'react';
import type { AppInfo, WorkspaceInfo } from '@shared/contract';
import { useApi } from '../api/api-context';
import { useQueryState, type Query } from '../hooks/use-query';
import { workspaceChanged } from '../queries/data-changes';
import { appInfoQuery, workspaceInfoQuery } from './queries';

export interface WorkspaceContextValue {
  /** The open workspace (path, schema version, size). */
  workspace: Query<WorkspaceInfo>;
  /** The running back end (version, transport, whether it can show native dialogs). */
  app: Query<AppInfo>;
  /** Re-read the workspace after it was opened or changed (drops what was cached of the old one). */
  refresh: () => void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** Loads what the whole shell shows (workspace name, app version); `workspace:changed` re-reads it (data-changes.ts). */
export function WorkspaceProvider({ children }: { children: ReactNode }): ReactNode {
  const api = useApi();
  const client = useQueryClient();
  const workspace = useQueryState(workspaceInfoQuery(api));
  const app = useQueryState(appInfoQuery(api));
  const refresh = useCallback(() => void workspaceChanged(client), [client]);

  return <WorkspaceContext value={{ workspace, app, refresh }}>{children}</WorkspaceContext>;
}

export function useWorkspace(): WorkspaceContextValue {
  const value = use(WorkspaceContext);
  if (value === null) throw new Error('useWorkspace() outside <WorkspaceProvider>.');
  return value;
}
