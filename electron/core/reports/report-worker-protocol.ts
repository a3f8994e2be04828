/**
 * Messages between the back end and the report worker (report-worker.ts): which report to build on
 * which workspace file, the worker's progress while it reads, and the model or the error it answers.
 */
import type { AppInfo, ErrorCode, LeadershipReport, MinutesReport } from '@shared/contract';

/** Marks a worker the report runner started (so importing report-worker.ts elsewhere does nothing). */
export const REPORT_WORKER_DATA = 'agentWardenReportWorker';

/** The workspace the worker opens on its own connection, as the back end has it open. */
export interface ReportWorkspace {
  path: string;
  demoPath: string;
  demoDir: string | null;
  appInfo: AppInfo;
}

export type ReportModelRequest =
  | { kind: 'leadership'; accountId: string | null; period: string | null; allAgents: boolean }
  | { kind: 'minutes'; meetingId: string };

export interface ReportWorkerRequest {
  id: number;
  workspace: ReportWorkspace;
  /** The report's generation time (one instant for the whole report). */
  now: string;
  report: ReportModelRequest;
}

/** How far reading the workspace has come: `done` of `total` parts, the one under way named. */
export interface ReadProgress {
  done: number;
  total: number;
  label: string;
}

export type ReportWorkerReply =
  | { id: number; progress: ReadProgress }
  | { id: number; ok: true; value: LeadershipReport | MinutesReport }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; stack?: string } };
