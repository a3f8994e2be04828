import { QueryClientProvider } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiProvider } from '../api/api-context';
import type { RendererApi } from '../api/renderer-api';
import type { SessionState } from '../api/session-state';
import { JobsProvider } from '../jobs/jobs-context';
import { createQueryClient } from '../queries/query-client';
import { useDataChangeEvents } from '../queries/use-data-change-events';
import { AppShell } from './app-shell';
import { ChangeDigestToasts } from './change-digest-toasts';
import { MissingTokenScreen } from './missing-token-screen';
import { ToastProvider } from './toast-context';
import { WorkspaceProvider } from './workspace-context';

/** Keeps the cache true to the back end's data-changed events; renders nothing. */
function DataChangeEvents(): null {
  useDataChangeEvents();
  return null;
}

export function App({ api, session }: { api: RendererApi; session: SessionState }): ReactNode {
  const refused = useSyncExternalStore(session.subscribe, session.isRefused);
  // One cache for the whole app, made once per page.
  const [queryClient] = useState(createQueryClient);
  if (refused) return <MissingTokenScreen reason="refused" />;
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <WorkspaceProvider>
          <ToastProvider>
            <JobsProvider>
              <DataChangeEvents />
              <ChangeDigestToasts />
              <AppShell />
            </JobsProvider>
          </ToastProvider>
        </WorkspaceProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
