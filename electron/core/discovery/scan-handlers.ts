/** Contract handlers for discovery: scan history, live scans, imports, jobs and the scanner policy. */
import { homedir as osHomedir } from 'node:os';
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { findConnection } from '../db/repositories/connections';
import { getScan, listScans } from '../db/repositories/scans';
import { scannerPolicy } from '../aws/scanner/read-only-allowlist';
import type { ServiceDeps } from '../services';
import { openDemoWorkspace } from '../demo/demo-workspace';
import { importLimitsFromEnv } from './import/limits';
import { runImportJob } from './scan/import-job';
import { runLiveScan, type LiveScanTarget } from './scan/live-scan';

export type ScanHandlers = Pick<
  Handlers,
  | 'connections:scannerPolicy'
  | 'scans:list'
  | 'scans:get'
  | 'scans:start'
  | 'scans:cancel'
  | 'scans:jobs'
  | 'import:files'
  | 'import:pickFile'
  | 'demo:open'
>;

/** Labels of the steps that are not live collectors (imports, the demo). */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  'import-authorization-details': 'Authorization details (import)',
  'import-credential-report': 'Credential report (import)',
};

function homedirOf(env: NodeJS.ProcessEnv): string {
  return env['HOME'] ?? env['USERPROFILE'] ?? osHomedir();
}

export function createScanHandlers(deps: ServiceDeps): ScanHandlers {
  const { jobs } = deps;
  return {
    'connections:scannerPolicy': ({ memberRoleName }) => {
      const policy = scannerPolicy({ memberRoleName });
      return { policy: JSON.stringify(policy, null, 2), actions: policy.Statement.flatMap((s) => s.Action) };
    },
    'scans:list': () => listScans(deps.workspaces.current().read),
    'scans:get': ({ id }) => {
      const scan = getScan(deps.workspaces.current().read, id);
      // Rows store the collector's stable ID; people read its label.
      const labels = new Map(deps.collectors.map((c) => [c.id, c.label]));
      return { ...scan, collectors: scan.collectors.map((c) => ({ ...c, label: labels.get(c.collector) ?? OTHER_LABELS[c.collector] ?? c.collector })) };
    },
    'scans:start': (request) => {
      const workspace = deps.workspaces.current();
      let target: LiveScanTarget;
      if ('connectionId' in request.target) {
        const connection = findConnection(workspace.read, request.target.connectionId);
        if (connection === null) throw new AppError('not_found', 'That connection no longer exists.');
        target = {
          profile: connection.profile,
          roleArn: connection.roleArn,
          externalId: connection.externalId,
          connectionId: connection.id,
          connectionName: connection.name,
          regions: request.regions.length > 0 ? request.regions : connection.regions,
          allRegions: request.allRegions,
          memberRoleName: request.organization?.memberRoleName ?? null,
        };
      } else {
        target = {
          profile: request.target.profile,
          roleArn: request.target.roleArn,
          externalId: request.target.externalId,
          connectionId: null,
          connectionName: null,
          regions: request.regions,
          allRegions: request.allRegions,
          memberRoleName: request.organization?.memberRoleName ?? null,
        };
      }
      const title = `Scan ${target.connectionName ?? target.profile ?? 'default credentials'}`;
      const job = jobs.start('scan', title, (handle) =>
        runLiveScan(handle, target, {
          workspace,
          env: deps.env,
          homedir: homedirOf(deps.env),
          clock: deps.clock,
          appVersion: deps.appInfo.version,
          collectors: deps.collectors,
        }),
      );
      return { jobId: job.jobId };
    },
    'scans:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'scans:jobs': () => jobs.list(),
    'import:files': (request) => {
      const workspace = deps.workspaces.current();
      const job = jobs.start('import', 'Import offline files', (handle) =>
        runImportJob(handle, request, {
          workspace,
          uploads: deps.uploads,
          clock: deps.clock,
          appVersion: deps.appInfo.version,
          limits: importLimitsFromEnv(deps.env),
        }),
      );
      return { jobId: job.jobId };
    },
    'import:pickFile': async ({ purpose }) => {
      if (deps.dialogs === null) throw new AppError('invalid_input', 'There is no file dialog here: drop the file on the page or type its path.');
      const path = await deps.dialogs.pickImportFile(purpose);
      return path === null ? null : { path };
    },
    'demo:open': async () => {
      if (jobs.running()) throw new AppError('conflict', 'A scan or import is still running; wait for it or cancel it before opening the demo.');
      const info = await openDemoWorkspace({ workspaces: deps.workspaces, clock: deps.clock, appVersion: deps.appInfo.version, demoDir: deps.demoDir });
      deps.emit('workspace:changed', { path: info.path });
      if (deps.analysis.usesWorker) {
        // Analysed in the background, newest scan of each account (its earlier ones come first).
        const workspace = deps.workspaces.current();
        const newest = new Map<string, string>();
        for (const scan of listScans(workspace.read)) {
          if (scan.status === 'completed' && scan.accountId !== null && !newest.has(scan.accountId)) newest.set(scan.accountId, scan.id);
        }
        for (const scanId of newest.values()) deps.analysis.ensure(workspace, scanId).catch(() => undefined);
      }
      return info;
    },
  };
}
