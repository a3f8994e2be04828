import './settings-screen.css';
import type { ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useQueryState } from '../../hooks/use-query';
import { AboutDetails } from './about-details';
import { DisplayNameForm } from './display-name-form';
import { KnownAccountsForm } from './known-accounts-form';
import { NotificationsForm } from './notifications-form';
import { settingsQuery } from './queries';
import { ReviewCadenceForm } from './review-cadence-form';
import { ThresholdsForm } from './thresholds-form';
import { WorkspaceDetails } from './workspace-details';

export function SettingsScreen(): ReactNode {
  const api = useApi();
  const { workspace, app, refresh } = useWorkspace();
  const settings = useQueryState(settingsQuery(api));

  return (
    <div className="stack">
      <PageHeader title="Settings" description="The open workspace, what findings are measured against, and this app." />

      <Panel title="Workspace" description="One file holds this workspace’s connections, scans, findings and decisions.">
        {workspace.status === 'loading' || app.status === 'loading' ? (
          <LoadingState label="Reading the workspace…" rows={2} />
        ) : workspace.status === 'error' ? (
          <ErrorState what="the workspace" error={workspace.error} onRetry={workspace.reload} />
        ) : app.status === 'error' ? (
          <ErrorState what="the app’s details" error={app.error} onRetry={app.reload} />
        ) : (
          <WorkspaceDetails workspace={workspace.data} app={app.data} onOpened={refresh} />
        )}
      </Panel>

      <Panel title="You" description="Who the audit log names for the changes you make in this workspace.">
        {settings.status === 'loading' ? (
          <LoadingState label="Loading settings…" rows={1} />
        ) : settings.status === 'error' ? (
          <ErrorState what="the settings" error={settings.error} onRetry={settings.reload} />
        ) : (
          <DisplayNameForm settings={settings.data} />
        )}
      </Panel>

      <Panel
        title="Finding thresholds"
        description="When an unrotated key, an unused key or an unused role becomes a finding. A change applies to the scans already taken too: their findings are worked out again the next time they are shown, with no new scan. Changes are recorded in the audit log."
      >
        {settings.status === 'loading' ? (
          <LoadingState label="Loading settings…" rows={2} />
        ) : settings.status === 'error' ? (
          <ErrorState what="the settings" error={settings.error} onRetry={settings.reload} />
        ) : (
          <ThresholdsForm settings={settings.data} />
        )}
      </Panel>

      <Panel
        title="Review cadence"
        description="How often each tier’s agents come up for review. An agent is due this many days after its last review (at once if it was never reviewed; a deferral sets its own date). Changes are recorded in the audit log."
      >
        {settings.status === 'loading' ? (
          <LoadingState label="Loading settings…" rows={1} />
        ) : settings.status === 'error' ? (
          <ErrorState what="the settings" error={settings.error} onRetry={settings.reload} />
        ) : (
          <ReviewCadenceForm settings={settings.data} />
        )}
      </Panel>

      <Panel
        title="Notifications"
        description="After each scan or import, one message says what changed since the previous scan of each account: a system notification in the desktop app, a note in the corner of this window in the browser. It names only the kinds checked here, and none when none of them changed. Changes are recorded in the audit log."
      >
        {settings.status === 'loading' ? (
          <LoadingState label="Loading settings…" rows={2} />
        ) : settings.status === 'error' ? (
          <ErrorState what="the settings" error={settings.error} onRetry={settings.reload} />
        ) : (
          <NotificationsForm settings={settings.data} />
        )}
      </Panel>

      <Panel
        title="Known accounts"
        description={
          <>
            Accounts you trust beyond those you scan or connect to, such as a vendor’s: a role that trusts one of them without an{' '}
            <code>sts:ExternalId</code> condition is not reported. Like the thresholds, a change applies to the scans already taken the next
            time their findings are shown, and is recorded in the audit log.
          </>
        }
      >
        {settings.status === 'loading' ? (
          <LoadingState label="Loading settings…" rows={2} />
        ) : settings.status === 'error' ? (
          <ErrorState what="the settings" error={settings.error} onRetry={settings.reload} />
        ) : (
          <KnownAccountsForm initial={settings.data.knownAccounts} />
        )}
      </Panel>

      <Panel title="About">
        {app.status === 'loading' ? (
          <LoadingState label="Loading…" rows={1} />
        ) : app.status === 'error' ? (
          <ErrorState what="the app’s details" error={app.error} onRetry={app.reload} />
        ) : (
          <AboutDetails app={app.data} />
        )}
      </Panel>
    </div>
  );
}
