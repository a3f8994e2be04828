/**
 * `reports:*`: the report models (reports/), read from the same answers the screens read, and printing
 * through the shell's `ReportPrinter` when it has one. The models are built by a `ReportRunner`: in a
 * worker thread in the long-running shells, so a large workspace's report never blocks the back end.
 * `reports:print` is a job (kind `report`): its steps — reading the workspace, drawing the pages,
 * printing — come as `job:progress` events, which the Reports screen shows while it waits.
 */
import { basename, extname } from 'node:path';
import { reportPeriodDays, type ChannelOutput, type LeadershipReport, type MinutesReport } from '@shared/contract';
import { AppError, isAppError } from '../errors';
import type { Handlers } from '../dispatch';
import { currentScanIds } from '../db/repositories/scans';
import { findDemoDir, readDemoManifest } from '../demo/load-demo';
import type { JobHandle } from '../jobs/job-manager';
import { buildLeadershipReport, periodStart } from '../reports/leadership-report';
import { buildMinutesReport } from '../reports/minutes-report';
import { countPdfPages, type PrintRequest, type ReportPrinterSlot } from '../reports/report-printer';
import { createReportRunner } from '../reports/report-runner';
import type { ReadProgress, ReportModelRequest } from '../reports/report-worker-protocol';
import type { ServiceDeps } from './handler-deps';

export type ReportHandlers = Pick<Handlers, 'reports:leadership' | 'reports:minutes' | 'reports:print'>;
/** The read answers a report is built from. */
export type ReportSources = Pick<Handlers, 'overview:get' | 'plan:get' | 'findings:list' | 'agents:list' | 'audit:list' | 'audit:verify' | 'workspace:info' | 'reviews:minutes'>;
type Progress = (progress: ReadProgress) => void;

async function organisationName(demoDir: string | null, sources: ReportSources): Promise<string> {
  const info = await sources['workspace:info']({});
  if (info.demo) {
    const dir = demoDir ?? findDemoDir(process.cwd());
    if (dir !== null) return (await readDemoManifest(dir)).company.name;
  }
  const file = basename(info.path);
  return file.slice(0, file.length - extname(file).length) || file;
}

async function auditHead(sources: ReportSources): Promise<LeadershipReport['audit']> {
  const [head] = await sources['audit:list']({ limit: 1, beforeSeq: null, actor: null, action: null, target: null });
  const verified = await sources['audit:verify']({});
  return { headHash: head?.hash ?? null, headSeq: head?.seq ?? null, chainOk: verified.ok };
}

/** What the leadership report reads, in order: the progress says which part is under way. */
const LEADERSHIP_PARTS = ['the overview', 'the 30-day plan', 'the findings', 'the inventory', 'the audit log'] as const;

/**
 * The leadership report from the read answers (run inline, or by the report worker on its own
 * connection): one answer after the other — each brings the current scans up to date the same way,
 * the first does the work.
 */
export async function readLeadershipReport(
  demoDir: string | null,
  sources: ReportSources,
  input: { accountId: string | null; period: string | null; allAgents: boolean },
  now: Date,
  onProgress: Progress,
): Promise<LeadershipReport> {
  const { accountId, period } = input;
  const view = { scanId: null, accountId };
  const tick = (done: number): void => onProgress({ done, total: LEADERSHIP_PARTS.length, label: LEADERSHIP_PARTS[done] ?? 'the report' });
  const periodDays = period === null ? null : reportPeriodDays(period);
  tick(0);
  const overview = await sources['overview:get']({ accountId, since: periodDays === null ? null : periodStart(now, periodDays).toISOString() });
  tick(1);
  const plan = await sources['plan:get']({});
  tick(2);
  const findings = await sources['findings:list']({ ...view, severity: null, ruleId: null, status: null });
  tick(3);
  const agents = await sources['agents:list'](view);
  tick(4);
  const audit = await auditHead(sources);
  const report = buildLeadershipReport({
    now,
    accountId,
    periodDays,
    allAgents: input.allAgents,
    organisation: await organisationName(demoDir, sources),
    overview,
    plan,
    findings: findings.findings,
    agents: agents.agents,
    audit,
  });
  onProgress({ done: LEADERSHIP_PARTS.length, total: LEADERSHIP_PARTS.length, label: 'the report' });
  return report;
}

export async function readMinutesReport(demoDir: string | null, sources: ReportSources, meetingId: string, now: Date, onProgress: Progress): Promise<MinutesReport> {
  onProgress({ done: 0, total: 2, label: 'the minutes' });
  const minutes = await sources['reviews:minutes']({ id: meetingId });
  onProgress({ done: 1, total: 2, label: 'the audit log' });
  const audit = await auditHead(sources);
  const report = buildMinutesReport({ now, organisation: await organisationName(demoDir, sources), minutes, audit });
  onProgress({ done: 2, total: 2, label: 'the minutes' });
  return report;
}

/** Builds a model from the read answers (the worker's entry uses it too, on its own back end). */
export function readReportModel(demoDir: string | null, sources: ReportSources, request: ReportModelRequest, now: Date, onProgress: Progress): Promise<LeadershipReport | MinutesReport> {
  return request.kind === 'minutes' ? readMinutesReport(demoDir, sources, request.meetingId, now, onProgress) : readLeadershipReport(demoDir, sources, request, now, onProgress);
}

type PrintInput = Parameters<ReportHandlers['reports:print']>[0];
type Printed = ChannelOutput<'reports:print'>;

export function createReportHandlers(deps: ServiceDeps, sources: ReportSources, printer: ReportPrinterSlot): ReportHandlers {
  const runner = createReportRunner({
    workerScript: deps.reportWorker ?? null,
    inline: (request, now, onProgress) => readReportModel(deps.demoDir, sources, request, now, onProgress),
  });
  /**
   * The leadership models being printed, by their input: the print page asks `reports:leadership` for
   * the report it draws, and gets the one the job built (not a second build of the same data), so the
   * PDF is exactly the report whose ID names the file.
   */
  const printing = new Map<string, Promise<LeadershipReport>>();
  const printKey = (input: { accountId: string | null; period: string | null; allAgents: boolean }): string => JSON.stringify([input.accountId, input.period, input.allAgents]);

  const build = async (request: ReportModelRequest, onProgress: Progress): Promise<LeadershipReport | MinutesReport> => {
    const workspace = deps.workspaces.current();
    if (runner.usesWorker) {
      // The worker reads what is stored: bring the current scans' analyses up to date first, in the
      // analysis worker (answered at once when current), so the two workers never analyse the same scan.
      for (const scanId of currentScanIds(workspace.read)) await deps.analysis.ensure(workspace, scanId);
    }
    return runner.build({ path: workspace.path, demoPath: deps.demoPath, demoDir: deps.demoDir, appInfo: deps.appInfo }, request, deps.clock(), onProgress);
  };
  const leadershipOf = async (input: { accountId: string | null; period: string | null; allAgents: boolean }, onProgress: Progress): Promise<LeadershipReport> => {
    const model = await build({ kind: 'leadership', ...input }, onProgress);
    if ('minutes' in model) throw new AppError('internal', 'The leadership report came back as minutes.');
    return model;
  };
  const leadership: ReportHandlers['reports:leadership'] = async ({ accountId, period, allAgents }) => {
    const held = printing.get(printKey({ accountId, period, allAgents }));
    return held ?? leadershipOf({ accountId, period, allAgents }, () => undefined);
  };
  const minutesOf = async (meetingId: string, onProgress: Progress): Promise<MinutesReport> => {
    const model = await build({ kind: 'minutes', meetingId }, onProgress);
    if (!('minutes' in model)) throw new AppError('internal', 'The minutes came back as another report.');
    return model;
  };
  const minutes: ReportHandlers['reports:minutes'] = ({ meetingId }) => minutesOf(meetingId, () => undefined);

  /** The print job's work: its three steps, each said as it starts and ends. */
  const printWithProgress = async (input: PrintInput, handle: JobHandle): Promise<Printed> => {
    const current = printer.current;
    if (current === null) throw new AppError('unavailable', 'The printer went away while the report was being made.');
    let step: 'read' | 'draw' | 'print' = 'read';
    const read = (progress: ReadProgress): void => handle.step({ step: 'read', label: 'Reading the workspace', status: 'running', done: progress.done, total: progress.total, message: `Reading ${progress.label}` });
    try {
      read({ done: 0, total: 1, label: 'the workspace' });
      let report: LeadershipReport | MinutesReport;
      let rows = '';
      const key = printKey(input);
      let held: Promise<LeadershipReport> | null = null;
      const release = (): void => {
        if (held !== null && printing.get(key) === held) printing.delete(key);
      };
      const request: PrintRequest = { report: input.report, accountId: input.accountId, meetingId: input.meetingId, paper: input.paper, period: input.period, allAgents: input.allAgents };
      const hooks = {
        drawn: (): void => {
          step = 'print';
          handle.step({ step: 'draw', label: 'Drawing the pages', status: 'ok', message: rows });
          handle.step({ step: 'print', label: 'Printing the PDF', status: 'running', message: null });
        },
      };
      let printed: Promise<Uint8Array>;
      if (input.report === 'minutes' && input.meetingId !== null) {
        // The model first: an unknown meeting fails here with its own message, before a browser starts.
        report = await minutesOf(input.meetingId, read);
        rows = `${report.minutes.decisions.length} decisions`;
        printed = current.print(request, hooks);
      } else {
        held = leadershipOf(input, read);
        printing.set(key, held);
        // The browser starts and loads the page while the model is read (the page's own request for
        // the report waits for this one): the two overlap instead of adding up.
        printed = current.print(request, hooks).finally(release);
        // Its failure is this job's once the model is there (a model that fails fails the page too).
        printed.catch(() => undefined);
        report = await held.catch((error: unknown) => {
          release();
          throw error;
        });
        rows = `${(report.allAgents ?? report.tier1Agents).length.toLocaleString('en-GB')} appendix rows`;
      }
      handle.step({ step: 'read', label: 'Reading the workspace', status: 'ok', message: `Report ${report.reportId}` });
      if (step === 'read') {
        step = 'draw';
        handle.step({ step: 'draw', label: 'Drawing the pages', status: 'running', message: rows });
      }
      const pdf = await printed;
      const pages = countPdfPages(pdf);
      handle.step({ step: 'draw', label: 'Drawing the pages', status: 'ok', message: rows });
      step = 'print';
      handle.step({ step: 'print', label: 'Printing the PDF', status: 'ok', done: pages, total: pages, message: `${pages} ${pages === 1 ? 'page' : 'pages'}` });
      return {
        fileName: `${report.reportId}.pdf`,
        mediaType: 'application/pdf' as const,
        base64: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64'),
        pages,
        reportId: report.reportId,
      };
    } catch (error) {
      handle.step({ step, label: step === 'read' ? 'Reading the workspace' : step === 'draw' ? 'Drawing the pages' : 'Printing the PDF', status: 'failed', message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
  return {
    'reports:leadership': leadership,
    'reports:minutes': minutes,
    'reports:print': async (input) => {
      if (input.report === 'minutes' && input.meetingId === null) throw new AppError('invalid_input', 'The minutes of which meeting? `meetingId` is required to print minutes.');
      if (printer.current === null) throw new AppError('unavailable', 'This back end cannot print: no browser is set up for it. Use `warden report leadership --out FILE.pdf`, or the browser’s own print dialog.');
      const title = input.report === 'minutes' ? 'Review minutes (PDF)' : input.allAgents ? 'Leadership report with all agents (PDF)' : 'Leadership report (PDF)';
      // A job, so its progress reaches every window as `job:progress`; the answer is still this call's.
      return await new Promise<Printed>((resolve, reject) => {
        deps.jobs.start('report', title, async (handle) => {
          try {
            const printed = await printWithProgress(input, handle);
            resolve(printed);
            return { status: 'completed', message: `${printed.reportId}: ${printed.pages} ${printed.pages === 1 ? 'page' : 'pages'}.`, outputs: [] };
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return { status: 'failed', message: isAppError(error) ? error.message : error instanceof Error ? error.message : String(error), outputs: [] };
          }
        });
      });
    },
  };
}
