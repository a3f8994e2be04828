import { createContext, use, useEffect, type ReactNode } from 'react';
import type { AppInfo, WorkspaceInfo } from '../../../shared/contract';
import { useApi } from '../api/api-context';
import { useQuery, type Query } from '../hooks/use-query';

export interface WorkspaceContextValue {
  /** The open workspace (path, schema version, size). */
  workspace: Query<WorkspaceInfo>;
  /** The running back end (version, transport, whether it can show native dialogs). */
  app: Query<AppInfo>;
  /** Re-read the workspace after it was opened or changed. */
  refresh: () => void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** Loads what the whole shell shows (workspace name, app version) and follows `workspace:changed`. */
export function WorkspaceProvider({ children }: { children: ReactNode }): ReactNode {
  const api = useApi();
  const workspace = useQuery('workspace:info', () => api.invoke('workspace:info', {}));
  const app = useQuery('app:info', () => api.invoke('app:info', {}));
  const reloadWorkspace = workspace.reload;

  useEffect(() => api.on('workspace:changed', () => reloadWorkspace()), [api, reloadWorkspace]);

  return <WorkspaceContext value={{ workspace, app, refresh: reloadWorkspace }}>{children}</WorkspaceContext>;
}

export function useWorkspace(): WorkspaceContextValue {
  const value = use(WorkspaceContext);
  if (value === null) throw new Error('useWorkspace() outside <WorkspaceProvider>.');
  return value;
}
