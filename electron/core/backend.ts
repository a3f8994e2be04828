/**
 * The whole back end behind one call, for both shells: the workspace manager, the jobs, the services
 * and the dispatch that both transports (IPC in the desktop app, loopback HTTP in `warden serve`) use.
 */
import { channels, type AppInfo, type ChannelName, type EventPayload } from '@shared/contract';
import { ALL_COLLECTORS } from './aws/collectors/all';
import type { Collector } from './aws/scanner/collector';
import { dirname, join } from 'node:path';
import { DEMO_WORKSPACE_FILE_NAME } from './db/default-location';
import { WorkspaceManager } from './db/workspace-manager';
import { JobManager } from './jobs/job-manager';
import { UploadStore } from './discovery/scan/upload-store';
import { isAppError } from './errors';
import { readPlan } from './db/repositories/plan';
import { sweepStaleTempDirs } from './lib/temp-dirs';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import type { EventSink } from './events';
import { createServices, type Dialogs } from './services';
import { createAnalysisRunner, type AnalysisRunner } from './analysis-store/analysis-runner';
import { announceStoredAnalyses } from './analysis-store/analysis-events';
import { ReportPrinterSlot } from './reports/report-printer';
import { REPORT_WORKER_FILE } from './reports/report-runner';
import { createDigestAnnouncer, type DigestAnnouncer } from './notifications/digest-announcer';

export interface BackendOptions {
  workspacePath: string;
  appInfo: AppInfo;
  env: NodeJS.ProcessEnv;
  clock?: () => Date;
  dialogs: Dialogs | null;
  emit: EventSink;
  /** Keep uploaded import files (loopback transport only). */
  acceptUploads: boolean;
  collectors?: readonly Collector[];
  /** The demo company's folder; null: search upward from the working directory. */
  demoDir?: string | null;
  /**
   * The demo's one workspace file (demo/demo-file.ts): the shells pass `<app-data>/Agent Warden/demo.sqlite`;
   * absent, `demo.sqlite` beside `workspacePath` (tests).
   */
  demoWorkspacePath?: string;
  /** Create the workspace file when missing (default true); read-only CLI commands pass false. */
  createWorkspace?: boolean;
  onInternalError?: (channel: string, error: unknown) => void;
  /**
   * The built analysis worker (analysis-worker.js beside the shell's bundle): the long-running shells
   * pass it so analyses run off the back end's thread; null or absent runs them inline.
   */
  analysisWorker?: string | null;
  /**
   * Emit `changes:digest` after each completed scan or import job (notifications/). Default: on when
   * an analysis worker is given (the long-running shells), off for one-shot CLI commands.
   */
  announceChangeDigests?: boolean;
}

export interface Backend {
  dispatch: Dispatch;
  handlers: Handlers;
  workspaces: WorkspaceManager;
  jobs: JobManager;
  uploads: UploadStore | null;
  /** The stored analyses: run in a worker when the shell gave one; `idle()` waits for them. */
  analysis: AnalysisRunner;
  /** Where the shell puts its report printer (`reports:print`), once it has one. */
  reportPrinter: ReportPrinterSlot;
  /**
   * Loads, a moment after start-up, the reference data the first analysis needs (the action
   * catalogue: ~11 MB of JSON, ~0.1 s), so the first screen that shows agents does not wait for it.
   * The long-running shells call it (the app, `warden serve`); one-shot CLI commands do not.
   */
  warmUp(): void;
  /** Resolves once every change digest under way (notifications/) has been emitted or found empty. */
  digestsSettled(): Promise<void>;
  /** Cancels running jobs (they write nothing once cancelled), closes the workspace, removes uploads. */
  close(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const clock = options.clock ?? ((): Date => new Date());
  // Uploads and demo folders of an earlier run that crashed or was killed (their pid is gone).
  sweepStaleTempDirs();
  const demoPath = options.demoWorkspacePath ?? join(dirname(options.workspacePath), DEMO_WORKSPACE_FILE_NAME);
  const workspaces = new WorkspaceManager({
    initialPath: options.workspacePath,
    demoPath,
    clock,
    appVersion: options.appInfo.version,
    ...(options.createWorkspace === false && { createInitial: false }),
  });
  // Created first: a finished job hands its scans to it (below).
  // Each analysis it runs is announced (`analysis:stored`), whichever channel or job asked for it.
  const analysis = announceStoredAnalyses(
    createAnalysisRunner({
      clock,
      workerScript: options.analysisWorker ?? null,
      ...(options.onInternalError !== undefined && { onWorkerError: (error: unknown) => options.onInternalError?.('analysis-worker', error) }),
    }),
    options.emit,
  );
  // With a worker, a scan or import that completes is analysed at once, in the background: the
  // inventory then opens on a stored analysis instead of waiting for it.
  // Once a scan's analysis is in, a started 30-day plan records what it verified or undid (and the
  // audit log notes a regression) without waiting for someone to open the plan. Bound once the
  // services exist (below).
  let recordPlan: (() => Promise<unknown>) | null = null;
  // One digest of what a completed scan or import changed (bound once the handlers exist, below).
  let announceDigest: DigestAnnouncer | null = null;
  const pendingDigests = new Set<Promise<unknown>>();
  const jobEvents: EventSink = (event, payload) => {
    options.emit(event, payload);
    if (event === 'job:finished' && announceDigest !== null) {
      const announced: Promise<unknown> = announceDigest(payload as EventPayload<'job:finished'>).finally(() => pendingDigests.delete(announced));
      pendingDigests.add(announced);
    }
    if (event === 'job:finished' && analysis.usesWorker) {
      const job = payload as EventPayload<'job:finished'>;
      if (job.status !== 'completed') return;
      const analysed = job.scanIds.map((scanId) => analysis.ensure(workspaces.current(), scanId));
      Promise.all(analysed)
        .then(async () => {
          if (recordPlan !== null && readPlan(workspaces.current().read) !== null) await recordPlan();
        })
        .catch((error: unknown) => {
          // The workspace may have been switched since: its scans are not there. Anything else is a fault.
          if (!(isAppError(error) && error.code === 'not_found')) options.onInternalError?.('analysis', error);
        });
    }
  };
  const jobs = new JobManager(jobEvents, clock);
  const uploads = options.acceptUploads ? new UploadStore() : null;
  const reportPrinter = new ReportPrinterSlot();
  const services = createServices({
    workspaces,
    appInfo: options.appInfo,
    env: options.env,
    clock,
    dialogs: options.dialogs,
    emit: options.emit,
    jobs,
    uploads,
    collectors: options.collectors ?? ALL_COLLECTORS,
    demoDir: options.demoDir ?? null,
    demoPath,
    analysis,
    reportPrinter,
    // Beside the analysis worker: the shells that run analyses off their thread build reports off it too.
    reportWorker: options.analysisWorker === undefined || options.analysisWorker === null ? null : join(dirname(options.analysisWorker), REPORT_WORKER_FILE),
  });
  const handlers = waitForAnalysisBeforeWrites(services, analysis);
  recordPlan = async () => handlers['plan:get']({});
  if (options.announceChangeDigests ?? (options.analysisWorker !== undefined && options.analysisWorker !== null)) {
    announceDigest = createDigestAnnouncer({
      handlers,
      workspaces,
      emit: options.emit,
      ...(options.onInternalError !== undefined && { onError: (error: unknown) => options.onInternalError?.('change-digest', error) }),
    });
  }
  const dispatch = createDispatch(handlers, { ...(options.onInternalError !== undefined && { onInternalError: options.onInternalError }) });
  return {
    dispatch,
    handlers,
    workspaces,
    jobs,
    uploads,
    analysis,
    reportPrinter,
    digestsSettled: async () => {
      await Promise.all([...pendingDigests]);
    },
    warmUp: () => {
      const timer = setTimeout(() => {
        try {
          analysis.warmUp();
        } catch (error) {
          // Not fatal here: the analysis loads it again and reports the problem where it is needed.
          options.onInternalError?.('warm-up', error);
        }
      }, 250);
      timer.unref();
    },
    close: () => {
      jobs.abortAll();
      analysis.close();
      workspaces.close();
      uploads?.dispose();
    },
  };
}

/**
 * Each channel's access (shared/contract.ts) decides whether it waits for a running analysis. Reads
 * never wait: those that only read, cancel (it must answer at once), and those that analyse (they
 * queue in the runner themselves, and a scan already analysed is answered at once). Writes wait until
 * no analysis is running, so the back end's thread never blocks on the file while the worker holds
 * its write lock.
 */
export function waitsForAnalysis(name: ChannelName): boolean {
  return channels[name].access === 'write';
}

function waitForAnalysisBeforeWrites(handlers: Handlers, analysis: AnalysisRunner): Handlers {
  const wrapped: Record<string, (input: never) => unknown> = {};
  for (const name of Object.keys(handlers) as ChannelName[]) {
    const handler = handlers[name] as (input: never) => unknown;
    wrapped[name] = waitsForAnalysis(name)
      ? async (input: never) => {
          await analysis.idle();
          return handler(input);
        }
      : handler;
  }
  return wrapped as unknown as Handlers;
}
