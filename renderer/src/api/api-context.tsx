import { createContext, use, type ReactNode } from 'react';
import type { RendererApi } from './renderer-api';

const ApiContext = createContext<RendererApi | null>(null);

export function ApiProvider({ api, children }: { api: RendererApi; children: ReactNode }): ReactNode {
  return <ApiContext value={api}>{children}</ApiContext>;
}

/** The typed client of the running back end (IPC or loopback HTTP; screens do not care which). */
export function useApi(): RendererApi {
  const api = use(ApiContext);
  if (api === null) throw new Error('useApi() outside <ApiProvider>.');
  return api;
}
