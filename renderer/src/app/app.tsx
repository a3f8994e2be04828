import type { ReactNode } from 'react';
import type { Api } from '../../../shared/contract';
import { ApiProvider } from '../api/api-context';
import { AppShell } from './app-shell';
import { ToastProvider } from './toast-context';
import { WorkspaceProvider } from './workspace-context';

export function App({ api }: { api: Api }): ReactNode {
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
