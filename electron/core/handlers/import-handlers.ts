/** The `import:*` channels: an offline import as a job, and the native file dialog to choose its files. */
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { importLimitsFromEnv } from '../discovery/import/limits';
import { runImportJob } from '../discovery/scan/import-job';
import type { ServiceDeps } from './handler-deps';

export type ImportHandlers = Pick<Handlers, 'import:files' | 'import:pickFile'>;

export function createImportHandlers(deps: ServiceDeps): ImportHandlers {
  const { jobs } = deps;
  return {
    'import:files': (request) => {
      const workspace = deps.workspaces.current();
      const job = jobs.start('import', 'Import offline files', (handle) =>
        runImportJob(handle, request, {
          workspace,
          uploads: deps.uploads,
          clock: deps.clock,
          appVersion: deps.appInfo.version,
          limits: importLimitsFromEnv(deps.env),
          // The worker analyses the import's facts while they are written, without reading them back.
          ...(deps.analysis.usesWorker && {
            handOver: (scanId, records, moment) => deps.analysis.handOver(workspace, scanId, records, moment),
            forget: (scanId) => deps.analysis.forget(scanId),
          }),
        }),
      );
      return { jobId: job.jobId };
    },
    'import:pickFile': async ({ purpose }) => {
      if (deps.dialogs === null) throw new AppError('invalid_input', 'There is no file dialog here: drop the file on the page or type its path.');
      const path = await deps.dialogs.pickImportFile(purpose);
      return path === null ? null : { path };
    },
  };
}
