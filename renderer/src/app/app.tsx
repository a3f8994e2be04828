import { useSyncExternalStore, type ReactNode } from 'react';
import { ApiProvider } from '../api/api-context';
import type { RendererApi } from '../api/renderer-api';
import type { SessionState } from '../api/session-state';
import { JobsProvider } from '../jobs/jobs-context';
import { AppShell } from './app-shell';
import { MissingTokenScreen } from './missing-token-screen';
import { ToastProvider } from './toast-context';
import { WorkspaceProvider } from './workspace-context';

export function App({ api, session }: { api: RendererApi; session: SessionState }): ReactNode {
  const refused = useSyncExternalStore(session.subscribe, session.isRefused);
  if (refused) return <MissingTokenScreen reason="refused" />;
  return (
    <ApiProvider api={api}>
      <WorkspaceProvider>
        <ToastProvider>
          <JobsProvider>
            <AppShell />
          </JobsProvider>
        </ToastProvider>
      </WorkspaceProvider>
    </ApiProvider>
  );
}
