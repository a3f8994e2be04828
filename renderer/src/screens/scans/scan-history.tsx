import type { ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { DemoOfferButton } from '../../app/demo-offer';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Icon } from '../../components/icon';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { navigate } from '../../hooks/use-hash-path';
import { useQueryState } from '../../hooks/use-query';
import { plural } from '../../lib/format';
import { JobProgressList } from './job-progress-panel';
import { NewScanDialog } from './new-scan-dialog';
import { ScanHistoryTable } from './scan-history-table';
import { connectionsQuery, profilesQuery } from '../connections/queries';
import { scansQuery } from './queries';
import { newScanPath } from './scans-route';

/** The history of scans and imports, the progress of running ones, and New scan. */
export function ScanHistory({ newScan }: { newScan: { connectionId: string | null } | null }): ReactNode {
  const api = useApi();
  // A job that ends invalidates the history (queries/data-changes.ts): it shows as it now is.
  const scans = useQueryState(scansQuery(api));
  const connections = useQueryState(connectionsQuery(api));
  const profiles = useQueryState(profilesQuery(api));

  const closeNewScan = (): void => navigate('/scans', { replace: true });
  const dialogReady = connections.status !== 'loading' && profiles.status !== 'loading';

  return (
    <div className="stack">
      <PageHeader
        title="Scans"
        description="Every discovery run and offline import in this workspace, newest first. A finished scan never changes."
        actions={
          <>
            <a className="btn btn--secondary btn--md" href="#/import">
              <Icon name="upload" size={16} />
              Import files
            </a>
            <Button variant="primary" icon="scan" onClick={() => navigate(newScanPath())}>
              New scan
            </Button>
          </>
        }
      />

      <JobProgressList kinds={['scan', 'import', 'demo']} />

      {scans.status === 'loading' ? (
        <Panel title="History">
          <LoadingState label="Loading the scan history…" rows={3} />
        </Panel>
      ) : scans.status === 'error' ? (
        <Panel title="History">
          <ErrorState what="the scan history" error={scans.error} onRetry={scans.reload} />
        </Panel>
      ) : scans.data.length === 0 ? (
        <Panel title="History">
          <EmptyState
            icon="scan"
            title="No scans yet"
            actions={
              <>
                <Button variant="primary" icon="scan" onClick={() => navigate(newScanPath())}>
                  New scan
                </Button>
                <a className="btn btn--secondary btn--md" href="#/import">
                  <Icon name="upload" size={16} />
                  Import files
                </a>
                <DemoOfferButton />
              </>
            }
          >
            <p>
              Scan an AWS account with a saved connection, import files exported with the AWS CLI, or look around a fictional company
              first.
            </p>
          </EmptyState>
        </Panel>
      ) : (
        <Panel title="History" description={`${plural(scans.data.length, 'scan', 'scans')} in this workspace.`} flush>
          <ScanHistoryTable scans={scans.data} />
        </Panel>
      )}

      {newScan !== null && dialogReady ? (
        <NewScanDialog
          connections={connections.status === 'ready' ? connections.data : []}
          profiles={profiles.status === 'ready' ? profiles.data.profiles : null}
          connectionId={newScan.connectionId}
          onClose={closeNewScan}
          onStarted={closeNewScan}
        />
      ) : null}
    </div>
  );
}
