import { createContext, use, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }): ReactNode {
  return <ApiContext value={api}>{children}</ApiContext>;
}

/** The typed client of the running back end (IPC or loopback HTTP; screens do not care which). */
export function useApi(): Api {
  const api = use(ApiContext);
  if (api === null) throw new Error('useApi() outside <ApiProvider>.');
  return api;
}
