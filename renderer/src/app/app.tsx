import { useSyncExternalStore, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract';
import { ApiProvider } from '../api/api-context';
import type { SessionState } from '../api/session-state';
import { AppShell } from './app-shell';
import { MissingTokenScreen } from './missing-token-screen';
import { ToastProvider } from './toast-context';
import { WorkspaceProvider } from './workspace-context';

export function App({ api, session }: { api: Api; session: SessionState }): ReactNode {
  const refused = useSyncExternalStore(session.subscribe, session.isRefused);
  if (refused) return <MissingTokenScreen reason="refused" />;
  return (
    <ApiProvider api={api}>
      <WorkspaceProvider>
        <ToastProvider>
          <AppShell />
        </ToastProvider>
      </WorkspaceProvider>
    </ApiProvider>
  );
}
