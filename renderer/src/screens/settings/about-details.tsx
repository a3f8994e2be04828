import type { ReactNode } from 'react';
import type { AppInfo } from '@shared/contract';

const PLATFORMS: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** Version and how this window talks to its back end. */
export function AboutDetails({ app }: { app: AppInfo }): ReactNode {
  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd data-testid="app-version">
        {app.name} {app.version}
      </dd>
      <dt>Running as</dt>
      <dd>{app.transport === 'ipc' ? 'Desktop app' : 'Browser console (warden serve, on this computer only)'}</dd>
      <dt>Platform</dt>
      <dd>{PLATFORMS[app.platform] ?? app.platform}</dd>
      <dt>Licence</dt>
      <dd>Apache-2.0</dd>
    </dl>
  );
}
