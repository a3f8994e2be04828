import './import.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FileRef } from '@shared/contract';
import { toApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../app/workspace-context';
import { Button } from '../../components/button';
import { Callout } from '../../components/callout';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useJobs } from '../../jobs/jobs-context';
import { JobProgressList } from '../scans/job-progress-panel';
import { FileDropZone } from './file-drop-zone';
import { HowToExport } from './how-to-export';
import { assignDroppedFiles, misplacedHint, validateImport, type FileChoice, type ImportErrors, type ImportFiles, type ImportPurpose } from './import-model';

const NO_FILES: ImportFiles = { authorizationDetails: null, credentialReport: null };

type Phase = { state: 'idle' } | { state: 'sending'; what: string } | { state: 'running'; jobId: string };

/** While this screen is open, a file dropped beside the boxes must not make the page navigate to it. */
function useSwallowStrayDrops(): void {
  useEffect(() => {
    const stop = (event: DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}

/** Import offline exports: the authorization-details JSON and, optionally, the credential report. */
export function ImportScreen(): ReactNode {
  const api = useApi();
  const { app } = useWorkspace();
  const { track, state } = useJobs();
  const [files, setFiles] = useState<ImportFiles>(NO_FILES);
  const [accountId, setAccountId] = useState('');
  const [errors, setErrors] = useState<ImportErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const [picking, setPicking] = useState<ImportPurpose | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const nativeDialogs = app.status === 'ready' && app.data.nativeDialogs;
  const busy = phase.state !== 'idle';

  useSwallowStrayDrops();

  // When the import this screen started ends, the button is free again; when it ended well, the form
  // is cleared for the next one. (Its end may be heard before import:files has even answered.)
  const runningJob = phase.state === 'running' ? state.jobs[phase.jobId] : undefined;
  const endedStatus = runningJob !== undefined && runningJob.status !== 'running' ? runningJob.status : null;
  if (endedStatus !== null) {
    // Adjusting state while rendering (React's pattern for "when X changes"): the job is over.
    setPhase({ state: 'idle' });
    if (endedStatus === 'completed') {
      setFiles(NO_FILES);
      setAccountId('');
    }
  }

  const choose = (purpose: ImportPurpose, choice: FileChoice | null): void => {
    setFiles((current) => ({ ...current, [purpose === 'authorization-details' ? 'authorizationDetails' : 'credentialReport']: choice }));
    if (purpose === 'authorization-details') setErrors((current) => ({ ...current, authorizationDetails: undefined }));
    setFailure(null);
  };

  const pickNative = (purpose: ImportPurpose): void => {
    setPicking(purpose);
    setFailure(null);
    api.invoke('import:pickFile', { purpose }).then(
      (picked) => {
        setPicking(null);
        if (picked !== null) choose(purpose, { source: 'path', path: picked.path });
      },
      (error: unknown) => {
        setPicking(null);
        setFailure(toApiError(error).message);
      },
    );
  };

  const uploads = app.status === 'ready' && app.data.transport === 'http';
  const toRef = async (choice: FileChoice): Promise<FileRef> => {
    if (choice.source === 'path') return { kind: 'path', path: choice.path };
    // In the browser the bytes go to the back end on this computer first; the desktop app passes the path.
    if (uploads) setPhase({ state: 'sending', what: `Sending ${choice.file.name}…` });
    return api.fileRef(choice.file);
  };

  const submit = async (): Promise<void> => {
    const checked = validateImport(files, accountId);
    if (!checked.ok) {
      setErrors(checked.errors);
      const field = checked.errors.authorizationDetails !== undefined ? '[name="authorization-details"]' : '[name="accountId"]';
      formRef.current?.querySelector<HTMLElement>(field)?.focus();
      return;
    }
    if (files.authorizationDetails === null) return;
    setErrors({});
    setFailure(null);
    setPhase({ state: 'sending', what: 'Starting the import…' });
    try {
      const authorizationDetails = await toRef(files.authorizationDetails);
      const credentialReport = files.credentialReport === null ? null : await toRef(files.credentialReport);
      setPhase({ state: 'sending', what: 'Starting the import…' });
      const { jobId } = await api.invoke('import:files', { authorizationDetails, credentialReport, accountId: checked.accountId });
      track(jobId, 'import', 'Import offline files');
      // No "Importing…" toast: it could outlive a quick failure and contradict it. The job's panel
      // shows the progress (and scrolls into view); the toast comes when it ends, in its words.
      setPhase({ state: 'running', jobId });
    } catch (error) {
      setPhase({ state: 'idle' });
      setFailure(toApiError(error).message);
    }
  };

  return (
    <div className="stack">
      <PageHeader
        title="Import offline files"
        description="No live credentials needed: import what the AWS CLI exports, and Agent Warden builds the same inventory a scan would."
      />

      <Panel title="Files" description="Files are read on this computer and never sent anywhere else.">
        <form
          ref={formRef}
          className="form"
          noValidate
          aria-label="Import offline files"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {failure !== null ? (
            <Callout tone="danger" role="alert" title="The import did not start">
              <p className="job__message">{failure}</p>
            </Callout>
          ) : null}
          <div className="drop-zones">
            <FileDropZone
              purpose="authorization-details"
              title="Authorization details"
              description={
                <>
                  JSON from <code>aws iam get-account-authorization-details</code> (gzip is fine).
                </>
              }
              accept=".json,.gz,application/json,application/gzip"
              required
              choice={files.authorizationDetails}
              error={errors.authorizationDetails ?? null}
              hint={misplacedHint('authorization-details', files.authorizationDetails)}
              onFiles={(dropped) => {
                setFiles((current) => assignDroppedFiles('authorization-details', dropped, current));
                setErrors((current) => ({ ...current, authorizationDetails: undefined }));
                setFailure(null);
              }}
              onPickNative={nativeDialogs ? () => pickNative('authorization-details') : null}
              pickBusy={picking === 'authorization-details'}
              onClear={() => choose('authorization-details', null)}
              disabled={busy}
            />
            <FileDropZone
              purpose="credential-report"
              title="Credential report"
              description={
                <>
                  CSV from <code>aws iam get-credential-report</code>, or the JSON it prints.
                </>
              }
              accept=".csv,.json,text/csv,application/json"
              required={false}
              choice={files.credentialReport}
              error={null}
              hint={null}
              onFiles={(dropped) => {
                setFiles((current) => assignDroppedFiles('credential-report', dropped, current));
                setFailure(null);
              }}
              onPickNative={nativeDialogs ? () => pickNative('credential-report') : null}
              pickBusy={picking === 'credential-report'}
              onClear={() => choose('credential-report', null)}
              disabled={busy}
            />
          </div>
          <div className="form__row">
            <Field
              label="Account ID"
              optional
              error={errors.accountId}
              hint="Only if the export does not show which account it is from (it usually does, in its ARNs)."
            >
              {(control) => (
                <input
                  {...control}
                  name="accountId"
                  className="input input--mono"
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="123456789012"
                  value={accountId}
                  disabled={busy}
                  onChange={(event) => {
                    setAccountId(event.target.value);
                    if (errors.accountId !== undefined) setErrors((current) => ({ ...current, accountId: undefined }));
                  }}
                />
              )}
            </Field>
          </div>
          <div className="form__actions">
            <Button type="submit" variant="primary" icon="upload" busy={busy}>
              {phase.state === 'sending' ? phase.what : phase.state === 'running' ? 'Importing…' : 'Import'}
            </Button>
          </div>
        </form>
      </Panel>

      <JobProgressList kinds={['import']} />

      <Panel title="How to export these files" description="Two AWS CLI commands; copy them into a terminal.">
        <HowToExport />
      </Panel>
    </div>
  );
}
