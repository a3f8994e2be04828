/**
 * Composition root: createServices(deps) returns one handler per contract channel. Each domain
 * declares its handlers beside its implementation; this file only merges them.
 */
import type { AppInfo } from '../../shared/contract';
import type { Handlers } from './dispatch';
import type { EventSink } from './events';
import type { WorkspaceManager } from './db/workspace-manager';
import { createWorkspaceHandlers } from './db/workspace-handlers';
import { createConnectionHandlers } from './aws/connection-handlers';
import type { Collector } from './aws/scanner/collector';
import { createAnalysisHandlers } from './analysis/analysis-handlers';
import type { AnalysisRunner } from './analysis/store/analysis-runner';
import { createPolicyHandlers } from './governance/team-policies/team-policy-handlers';
import { createScanHandlers } from './discovery/scan-handlers';
import type { JobManager } from './jobs/job-manager';
import type { UploadStore } from './discovery/scan/upload-store';

/** Native file dialogs, available in the desktop app only (null in browser mode and tests). */
export interface Dialogs {
  pickWorkspaceToOpen(): Promise<string | null>;
  pickCopyDestination(suggestedName: string): Promise<string | null>;
  pickImportFile(purpose: 'authorization-details' | 'credential-report'): Promise<string | null>;
}

export interface ServiceDeps {
  workspaces: WorkspaceManager;
  appInfo: AppInfo;
  /** The process environment, for the AWS SDK's standard variables (AWS_PROFILE, AWS_CONFIG_FILE, …). */
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  dialogs: Dialogs | null;
  emit: EventSink;
  /** Long jobs of this session (scans, imports); shared with the caller so the CLI can wait on one. */
  jobs: JobManager;
  /** Files uploaded over the loopback transport for imports (null in the desktop app: it has paths). */
  uploads: UploadStore | null;
  /** The discovery collectors a live scan runs (tests may pass fewer). */
  collectors: readonly Collector[];
  /** The demo company's folder (resources/demo); null: search from the working directory. */
  demoDir: string | null;
  /** Brings stored analyses up to date (in a worker thread in the long-running shells). */
  analysis: AnalysisRunner;
}

export function createServices(deps: ServiceDeps): Handlers {
  return {
    'app:info': () => deps.appInfo,
    ...createWorkspaceHandlers(deps),
    ...createConnectionHandlers(deps),
    ...createScanHandlers(deps),
    ...createAnalysisHandlers(deps),
    ...createPolicyHandlers(deps),
  };
}
