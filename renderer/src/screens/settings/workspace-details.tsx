import { useState, type ReactNode } from 'react';
import type { AppInfo, WorkspaceInfo } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { DemoOfferButton } from '../../app/demo-offer';
import { useToast } from '../../app/toast-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { CopyButton } from '../../components/copy-button';
import { baseName, formatBytes, formatDateTime } from '../../lib/format';
import { WorkspacePathDialog } from './workspace-path-dialog';

function suggestCopyPath(path: string): string {
  const stamp = new Date().toISOString().slice(0, 10);
  return path.replace(/(\.[A-Za-z0-9]+)?$/, (extension) => `-copy-${stamp}${extension === '' ? '.sqlite' : extension}`);
}

/** The open workspace: where it is, its schema and size; open another, or save a copy. */
export function WorkspaceDetails({ workspace, app, onOpened }: { workspace: WorkspaceInfo; app: AppInfo; onOpened: () => void }): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [dialog, setDialog] = useState<'open' | 'copy' | null>(null);
  const [busy, setBusy] = useState<'open' | 'copy' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const openWorkspace = async (path: string | null): Promise<void> => {
    const opened = await api.invoke('workspace:open', { path });
    if (opened === null) return; // The native dialog was cancelled.
    setDialog(null);
    toast(`Opened workspace “${baseName(opened.path)}”.`);
    onOpened();
  };

  const saveCopy = async (path: string | null): Promise<void> => {
    const copy = await api.invoke('workspace:saveCopy', { path });
    if (copy === null) return;
    setDialog(null);
    toast(`Saved a copy to ${copy.path} (${formatBytes(copy.sizeBytes)}).`);
  };

  /** Desktop app: the back end shows a native dialog (path null). Browser: ask for a path here. */
  const start = (action: 'open' | 'copy'): void => {
    setFailure(null);
    if (!app.nativeDialogs) {
      setDialog(action);
      return;
    }
    setBusy(action);
    const run = action === 'open' ? openWorkspace(null) : saveCopy(null);
    run.then(
      () => setBusy(null),
      (error: unknown) => {
        setBusy(null);
        setFailure(toApiError(error).message);
      },
    );
  };

  return (
    <>
      <dl className="facts">
        <dt>File</dt>
        <dd>
          <span className="path-line">
            <span className="mono" data-testid="workspace-path">
              {workspace.path}
            </span>
            <CopyButton text={workspace.path} label="Copy workspace path" />
          </span>
        </dd>
        <dt>Schema version</dt>
        <dd>{workspace.schemaVersion}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(workspace.sizeBytes)}</dd>
        {workspace.createdAt !== null ? (
          <>
            <dt>Created</dt>
            <dd>{formatDateTime(workspace.createdAt)}</dd>
          </>
        ) : null}
        {workspace.demo ? (
          <>
            <dt>Kind</dt>
            <dd>
              <Badge tone="accent">Demo workspace</Badge>
            </dd>
          </>
        ) : null}
      </dl>
      {failure !== null ? (
        <Callout tone="danger" role="alert" title="That did not work">
          <p>{failure}</p>
        </Callout>
      ) : null}
      <div className="form__actions form__actions--top">
        <Button icon="folder" onClick={() => start('open')} busy={busy === 'open'}>
          Open another workspace…
        </Button>
        <Button icon="save" onClick={() => start('copy')} busy={busy === 'copy'}>
          Save a copy…
        </Button>
        <DemoOfferButton variant="ghost" />
      </div>

      {dialog === 'open' ? (
        <WorkspacePathDialog
          title="Open another workspace"
          description="Agent Warden closes this workspace and opens the file you name. A new, empty workspace is created if the file does not exist."
          label="Workspace file"
          hint="The full path of a workspace file on this computer, e.g. /home/you/reviews/q3.sqlite."
          submitLabel="Open workspace"
          initialPath=""
          onSubmit={openWorkspace}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'copy' ? (
        <WorkspacePathDialog
          title="Save a copy"
          description="Writes a consistent copy of this workspace to a new file, for a colleague or an offline review. This workspace stays open."
          label="Save the copy as"
          hint="The full path of the new file. An existing file is not overwritten."
          submitLabel="Save copy"
          initialPath={suggestCopyPath(workspace.path)}
          onSubmit={saveCopy}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
