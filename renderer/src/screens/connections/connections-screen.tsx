import './connections.css';
import { useState, type ReactNode } from 'react';
import type { AwsProfile, AwsProfiles, Connection } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useToast } from '../../app/toast-context';
import { useWorkspace } from '../../app/workspace-context';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { navigate } from '../../hooks/use-hash-path';
import { useQueryState } from '../../hooks/use-query';
import { newScanPath } from '../scans/scans-route';
import { ConnectionFormDialog, type ConnectionFormTarget } from './connection-form-dialog';
import { EMPTY_FORM, formValuesFromConnection } from './connection-form-model';
import { ConnectionItem } from './connection-item';
import { FirstRun } from './first-run';
import { ProfileItem } from './profile-item';
import { ScannerPolicyDialog } from './scanner-policy-dialog';
import type { TestOutcome } from './test-outcome';
import { useRemoveConnection, useTestSavedConnection } from './mutations';
import { connectionsQuery, profilesQuery } from './queries';

/** Keys of the inline test results: a saved connection or a profile. */
const connectionKey = (id: string): string => `connection:${id}`;
const profileKey = (name: string): string => `profile:${name}`;

function ProfileFiles({ data }: { data: AwsProfiles }): ReactNode {
  return (
    <div className="profile-files">
      <dl className="facts facts--compact">
        <dt>Config file</dt>
        <dd className="mono">{data.configFile}</dd>
        <dt>Credentials file</dt>
        <dd className="mono">{data.credentialsFile}</dd>
      </dl>
      {data.warnings.length > 0 ? (
        <Callout tone="warning" title={data.warnings.length === 1 ? 'One problem reading these files' : `${data.warnings.length} problems reading these files`}>
          <ul className="plain-list">
            {data.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </Callout>
      ) : null}
    </div>
  );
}

export function ConnectionsScreen(): ReactNode {
  const api = useApi();
  const connections = useQueryState(connectionsQuery(api));
  const profiles = useQueryState(profilesQuery(api));
  const testSaved = useTestSavedConnection();
  const remove = useRemoveConnection();
  const [form, setForm] = useState<ConnectionFormTarget | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const [tests, setTests] = useState<Record<string, TestOutcome>>({});
  const [policyOpen, setPolicyOpen] = useState(false);
  const { workspace } = useWorkspace();
  const toast = useToast();

  const saved = connections.status === 'ready' ? connections.data : [];
  const profileList: readonly AwsProfile[] | null = profiles.status === 'ready' ? profiles.data.profiles : null;

  const settle = (key: string, request: Promise<TestOutcome>): void => {
    setTests((current) => ({ ...current, [key]: { status: 'running' } }));
    void request.then((outcome) => setTests((current) => ({ ...current, [key]: outcome })));
  };

  const asOutcome = (error: unknown): TestOutcome => ({ status: 'error', error: toApiError(error) });

  const testConnection = (connection: Connection): void => {
    // The back end records the result as the connection's last test (the mutation invalidates the list).
    const request = testSaved.mutateAsync({ connectionId: connection.id }).then((result): TestOutcome => ({ status: 'done', result }), asOutcome);
    settle(connectionKey(connection.id), request);
  };

  const testProfile = (profile: AwsProfile): void => {
    const request = api
      .invoke('connections:test', { profile: profile.name })
      .then((result): TestOutcome => ({ status: 'done', result }), asOutcome);
    settle(profileKey(profile.name), request);
  };

  const openCreate = (profile?: AwsProfile): void => {
    const values = { ...EMPTY_FORM };
    if (profile !== undefined) {
      const taken = new Set(saved.map((connection) => connection.name.toLowerCase()));
      let name = profile.name;
      for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${profile.name} ${n}`;
      values.name = name;
      values.profile = profile.name;
      values.regions = profile.region ?? '';
    } else if (profileList !== null && profileList.length === 1 && profileList[0] !== undefined) {
      values.profile = profileList[0].name;
    }
    setForm({ mode: 'create', values });
  };

  const hasConnections = connections.status === 'ready' && connections.data.length > 0;

  return (
    <div className="stack">
      <PageHeader
        title="Connections"
        description="The AWS accounts Agent Warden can read, and the profiles found on this computer."
        actions={
          <>
            <Button icon="shield" onClick={() => setPolicyOpen(true)}>
              Scanner policy
            </Button>
            {hasConnections ? (
              <Button variant="primary" icon="plus" onClick={() => openCreate()}>
                Add connection
              </Button>
            ) : null}
          </>
        }
      />

      {connections.status === 'loading' ? (
        <Panel title="Saved connections">
          <LoadingState label="Loading connections…" rows={2} />
        </Panel>
      ) : connections.status === 'error' ? (
        <Panel title="Saved connections">
          <ErrorState what="the saved connections" error={connections.error} onRetry={connections.reload} />
        </Panel>
      ) : connections.data.length === 0 ? (
        <FirstRun
          onAdd={() => openCreate()}
          hasProfiles={profileList !== null && profileList.length > 0}
          showDemo={workspace.status === 'ready' && !workspace.data.demo}
        />
      ) : (
        <Panel
          title="Saved connections"
          description={`${connections.data.length} connection${connections.data.length === 1 ? '' : 's'} in this workspace.`}
          flush
        >
          <ul className="row-list" aria-label="Saved connections">
            {connections.data.map((connection) => (
              <ConnectionItem
                key={connection.id}
                connection={connection}
                test={tests[connectionKey(connection.id)]}
                onTest={() => testConnection(connection)}
                onEdit={() => setForm({ mode: 'edit', connection, values: formValuesFromConnection(connection) })}
                onRemove={() => setRemoving(connection)}
                onScan={() => navigate(newScanPath(connection.id))}
              />
            ))}
          </ul>
        </Panel>
      )}

      <Panel
        title="Profiles on this computer"
        description="Found in your shared AWS config and credentials files. Only names and settings are shown — never a key."
        actions={
          <Button size="sm" variant="ghost" icon="refresh" onClick={profiles.reload} busy={profiles.reloading}>
            Rescan files
          </Button>
        }
        flush
      >
        {profiles.status === 'loading' ? (
          <LoadingState label="Reading AWS profiles…" rows={3} />
        ) : profiles.status === 'error' ? (
          <ErrorState what="the AWS profiles" error={profiles.error} onRetry={profiles.reload} />
        ) : (
          <>
            <ProfileFiles data={profiles.data} />
            {profiles.data.profiles.length === 0 ? (
              <EmptyState icon="user" title="No AWS profiles found" headingLevel={3}>
                <p>
                  Set one up with <code>aws configure sso</code> or <code>aws configure</code>, then choose “Rescan files”. You can
                  also add a connection by typing a profile name.
                </p>
              </EmptyState>
            ) : (
              <ul className="row-list" aria-label="AWS profiles">
                {profiles.data.profiles.map((profile) => (
                  <ProfileItem
                    key={profile.name}
                    profile={profile}
                    usedBy={saved.filter((connection) => connection.profile === profile.name).length}
                    test={tests[profileKey(profile.name)]}
                    onTest={() => testProfile(profile)}
                    onAdd={() => openCreate(profile)}
                  />
                ))}
              </ul>
            )}
          </>
        )}
      </Panel>

      {form !== null ? (
        <ConnectionFormDialog
          target={form}
          profiles={profileList}
          otherNames={saved.filter((connection) => form.mode === 'create' || connection.id !== form.connection.id).map((connection) => connection.name)}
          onClose={() => setForm(null)}
          onSaved={(connection) => {
            toast(form.mode === 'create' ? `Connection “${connection.name}” added.` : `Connection “${connection.name}” saved.`);
            setForm(null);
          }}
        />
      ) : null}

      {policyOpen ? <ScannerPolicyDialog onClose={() => setPolicyOpen(false)} /> : null}

      <ConfirmDialog
        open={removing !== null}
        title={`Remove “${removing?.name ?? ''}”?`}
        description="Agent Warden will stop using this connection. Scans already recorded stay in the workspace, and nothing changes in AWS or in your AWS profile."
        confirmLabel="Remove connection"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing === null) return;
          const name = removing.name;
          await remove.mutateAsync({ id: removing.id });
          toast(`Connection “${name}” removed.`);
        }}
      />
    </div>
  );
}
