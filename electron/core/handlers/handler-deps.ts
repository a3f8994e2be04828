/**
 * What every handler module may use from the back end: the open workspace, the clock, events, jobs,
 * the analysis runner, dialogs. Its own file so handler modules and the composition root (services.ts)
 * do not import each other.
 */
import type { AppInfo } from '@shared/contract';
import type { EventSink } from '../events';
import type { WorkspaceManager } from '../db/workspace-manager';
import type { Collector } from '../aws/scanner/collector';
import type { AnalysisRunner } from '../analysis-store/analysis-runner';
import type { JobManager } from '../jobs/job-manager';
import type { UploadStore } from '../discovery/scan/upload-store';
import type { ReportPrinterSlot } from '../reports/report-printer';

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
  /** The demo's one workspace file (demo/demo-file.ts). */
  demoPath: string;
  /** Brings stored analyses up to date (in a worker thread in the long-running shells). */
  analysis: AnalysisRunner;
  /** The shell's report printer, once it has one (`reports:print`); absent: none. */
  reportPrinter?: ReportPrinterSlot;
  /** The built report worker (report-worker.js beside the shell's bundle); null or absent: reports are built inline. */
  reportWorker?: string | null;
}
