import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Keys of what the whole shell shows: the open workspace and the running back end. */
export const workspaceKeys = {
  all: ['workspace'] as const,
  info: () => [...workspaceKeys.all, 'info'] as const,
};
export const appKeys = {
  all: ['app'] as const,
  info: () => [...appKeys.all, 'info'] as const,
};

export const workspaceInfoQuery = (api: Api) => queryOptions({ queryKey: workspaceKeys.info(), queryFn: () => api.invoke('workspace:info', {}) });
export const appInfoQuery = (api: Api) => queryOptions({ queryKey: appKeys.info(), queryFn: () => api.invoke('app:info', {}) });
