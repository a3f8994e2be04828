/** An offline import as a job: read the files (streaming), then write one scan in one transaction. */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { ImportRequest, JobStep } from '@shared/contract';
import type { z } from 'zod';
import type { importRequestSchema } from '@shared/contract';
import type { StoredFactText } from '../../db/fact-records';
import { factTextsOf, insertScan } from '../../db/repositories/scans';
import type { Workspace } from '../../db/open-workspace';
import { AppError } from '../../errors';
import { ImportRefusal, importOfflineFiles, type ImportFileRole } from '../import/import-files';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../import/limits';
import type { JobHandle, JobResult } from '../../jobs/job-manager';
import type { UploadStore } from './upload-store';

type ParsedImportRequest = z.output<typeof importRequestSchema>;
type FileRef = ParsedImportRequest['authorizationDetails'];

export interface ImportJobDeps {
  workspace: Workspace;
  uploads: UploadStore | null;
  clock: () => Date;
  appVersion: string;
  /** The supported size; DEFAULT_IMPORT_LIMITS unless lowered (tests, WARDEN_MAX_IMPORT_PRINCIPALS). */
  limits?: ImportLimits;
  /**
   * Given the scan's facts as they are about to be written, with the scan's finish time, for its
   * analysis (the analysis runner's `handOver`): the analysis worker starts on them while the scan is
   * written, and never reads them back. Absent: nothing is kept.
   */
  handOver?: (scanId: string, records: StoredFactText[], moment: string) => void;
  /** The scan handed over was not written after all (the runner's `forget`). */
  forget?: (scanId: string) => void;
}

type JobStepStatus = JobStep['status'];

/** The parsers name files by their base name; an upload's is a random temporary one, not the user's. */
function nameFilesAsTheUserKnowsThem(text: string, files: readonly { path: string; name: string }[]): string {
  let named = text;
  for (const file of files) {
    const temporary = basename(file.path);
    if (temporary !== file.name) named = named.split(temporary).join(file.name);
  }
  return named;
}

function resolveFile(ref: FileRef, uploads: UploadStore | null): { path: string; name: string } {
  if (ref.kind === 'path') {
    if (!isAbsolute(ref.path)) throw new AppError('invalid_input', `Give the full path of the file, not "${ref.path}".`);
    return { path: ref.path, name: basename(ref.path) };
  }
  if (uploads === null) throw new AppError('invalid_input', 'Uploads are not available here; choose the file by its path.');
  return { path: uploads.resolve(ref.uploadId), name: ref.name };
}

export type { ImportRequest };

/**
 * A file's row already names the file ("Read report.csv"), so its message drops the parsers' leading
 * "report.csv: " (the job's own message keeps it, as it stands alone).
 */
export function rowMessage(message: string, fileName: string): string {
  const prefix = `${fileName}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

async function sizeOnDisk(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0; // The reader reports a missing file in its own words.
  }
}

/** The rows of an import job's progress. */
type ImportStep = ImportFileRole | 'save';

export async function runImportJob(handle: JobHandle, request: ParsedImportRequest, deps: ImportJobDeps): Promise<JobResult> {
  const started = deps.clock();
  const details = resolveFile(request.authorizationDetails, deps.uploads);
  const report = request.credentialReport === null ? null : resolveFile(request.credentialReport, deps.uploads);
  const files = report !== null ? [details, report] : [details];
  // The report is read whole: its row counts its bytes, as the export's row does while streaming.
  const reportBytes = report !== null ? await sizeOnDisk(report.path) : 0;
  // One row per file, read in this order (the small report first), and one for checking the two
  // together and writing: a refusal is shown on the row it is about, never on the other file's.
  const labels: Record<ImportStep, string> = {
    'credential-report': `Read ${report?.name ?? ''}`,
    'authorization-details': `Read ${details.name}`,
    save: 'Check the files and save the scan',
  };
  const steps: ImportStep[] = report !== null ? ['credential-report', 'authorization-details', 'save'] : ['authorization-details', 'save'];
  const status = new Map<ImportStep, JobStepStatus>();
  const set = (step: ImportStep, update: { status: JobStepStatus; message?: string | null; done?: number; total?: number }): void => {
    status.set(step, update.status);
    handle.step({ step, label: labels[step], ...update });
  };
  for (const step of steps) set(step, { status: 'pending' });
  set(steps[0] as ImportStep, { status: 'running' });
  let current: ImportStep = steps[0] as ImportStep;
  try {
    const facts = await importOfflineFiles({
      authorizationDetailsPath: details.path,
      ...(report !== null && { credentialReportPath: report.path }),
      ...(request.accountId !== null && { accountId: request.accountId }),
      clock: deps.clock,
      signal: handle.signal,
      limits: deps.limits ?? DEFAULT_IMPORT_LIMITS,
      onProgress: (read: number, total: number) => set('authorization-details', { status: 'running', done: read, total }),
      onFileRead: (file) => {
        set(file, { status: 'ok', ...(file === 'credential-report' && { done: reportBytes, total: reportBytes }) });
        current = file === 'credential-report' ? 'authorization-details' : 'save';
        set(current, { status: 'running' });
      },
    });
    facts.warnings = facts.warnings.map((warning) => nameFilesAsTheUserKnowsThem(warning, files));
    const scanId = randomUUID();
    const finished = deps.clock();
    const users = facts.iam?.users.length ?? 0;
    const roles = facts.iam?.roles.length ?? 0;
    // With an analysis worker, the texts the scan's facts are stored as are made before the
    // transaction: the analysis starts on them now (in the worker) while this thread writes them.
    // Without one, each is made as it is written and let go.
    const texts = deps.handOver === undefined ? null : factTextsOf(facts);
    if (texts !== null) deps.handOver?.(scanId, texts, finished.toISOString());
    try {
      insertScan(deps.workspace.write, {
        id: scanId,
        source: 'import',
        label: [details.name, report?.name].filter((n): n is string => n !== undefined).join(' + '),
        connectionId: null,
        connectionName: null,
        accountId: facts.account.id,
        accountAlias: facts.account.alias,
        scannerArn: null,
        regions: [],
        status: 'completed',
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        error: null,
        appVersion: deps.appVersion,
        collectors: [
          {
            collectorId: 'import-authorization-details',
            label: `Authorization details (${details.name})`,
            region: null,
            outcome: 'ok',
            message: `${users} users, ${roles} roles, ${facts.iam?.groups.length ?? 0} groups, ${facts.iam?.policies.length ?? 0} policies.`,
            calls: 0,
            startedAt: started.toISOString(),
            durationMs: finished.getTime() - started.getTime(),
          },
          ...(report !== null
            ? [
                {
                  collectorId: 'import-credential-report',
                  label: `Credential report (${report.name})`,
                  region: null,
                  outcome: 'ok' as const,
                  message: `${facts.credentialReport?.rows.length ?? 0} rows.`,
                  calls: 0,
                  startedAt: started.toISOString(),
                  durationMs: 0,
                },
              ]
            : []),
        ],
        apiCalls: {},
        facts,
      }, { ...(texts !== null && { texts }) });
    } catch (error) {
      deps.forget?.(scanId);
      throw error;
    }
    set('save', { status: 'ok' });
    return { status: 'completed', outputs: [{ kind: 'scan', id: scanId }], message: `Imported ${users} users and ${roles} roles of account ${facts.account.id}.` };
  } catch (error) {
    const cancelled = handle.signal.aborted;
    const raw = cancelled ? 'The import was cancelled; nothing was written.' : error instanceof Error ? error.message : String(error);
    const message = nameFilesAsTheUserKnowsThem(raw, files);
    // The row the problem is about: the file a refusal names, the checks-and-write row for one about
    // both files (or a write that failed), else the row that was running.
    const blamed: ImportStep = cancelled ? current : error instanceof ImportRefusal ? (error.file ?? 'save') : current;
    const blamedFile = blamed === 'credential-report' ? report : blamed === 'authorization-details' ? details : null;
    set(blamed, { status: cancelled ? 'cancelled' : 'failed', message: blamedFile === null ? message : rowMessage(message, blamedFile.name) });
    // Rows not reached stay pending (the screen shows them as not finished); files read stay ok.
    for (const step of steps) if (step !== blamed && status.get(step) === 'running') set(step, { status: 'pending' });
    return { status: cancelled ? 'cancelled' : 'failed', outputs: [], message };
  } finally {
    if (request.authorizationDetails.kind === 'upload') deps.uploads?.remove(request.authorizationDetails.uploadId);
    if (request.credentialReport?.kind === 'upload') deps.uploads?.remove(request.credentialReport.uploadId);
  }
}
