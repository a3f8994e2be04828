/** The `scans:*` channels: scan history, live scans, and the session's jobs (scans, imports). */
import { homedir as osHomedir } from 'node:os';
import type { Handlers } from '../dispatch';
import { AppError } from '../errors';
import { findConnection } from '../db/repositories/connections';
import { getScan, listScans } from '../db/repositories/scans';
import type { ServiceDeps } from './handler-deps';
import { runLiveScan, type LiveScanTarget } from '../discovery/scan/live-scan';

export type ScanHandlers = Pick<
  Handlers,
  | 'scans:list'
  | 'scans:get'
  | 'scans:start'
  | 'scans:cancel'
  | 'scans:jobs'
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
        target.connectionId === null ? null : `connection:${target.connectionId}`,
      );
      return { jobId: job.jobId };
    },
    'scans:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'scans:jobs': () => jobs.list(),
  };
}
