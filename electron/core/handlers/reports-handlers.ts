/**
 * `reports:*`: the report models (reports/), read from the same answers the screens read, and printing
 * through the shell's `ReportPrinter` when it has one.
 */
import { basename, extname } from 'node:path';
import { AppError } from '../errors';
import type { Handlers } from '../dispatch';
import { findDemoDir, readDemoManifest } from '../demo/load-demo';
import { reportPeriodDays } from '@shared/contract';
import { buildLeadershipReport, periodStart } from '../reports/leadership-report';
import { buildMinutesReport } from '../reports/minutes-report';
import { countPdfPages, type ReportPrinterSlot } from '../reports/report-printer';
import type { ServiceDeps } from './handler-deps';

export type ReportHandlers = Pick<Handlers, 'reports:leadership' | 'reports:minutes' | 'reports:print'>;
/** The read answers a report is built from. */
export type ReportSources = Pick<Handlers, 'overview:get' | 'plan:get' | 'findings:list' | 'agents:list' | 'audit:list' | 'audit:verify' | 'workspace:info' | 'reviews:minutes'>;

async function organisationName(deps: ServiceDeps, sources: ReportSources): Promise<string> {
  const info = await sources['workspace:info']({});
  if (info.demo) {
    const demoDir = deps.demoDir ?? findDemoDir(process.cwd());
    if (demoDir !== null) return (await readDemoManifest(demoDir)).company.name;
  }
  const file = basename(info.path);
  return file.slice(0, file.length - extname(file).length) || file;
}

export function createReportHandlers(deps: ServiceDeps, sources: ReportSources, printer: ReportPrinterSlot): ReportHandlers {
  const leadership: ReportHandlers['reports:leadership'] = async ({ accountId, period }) => {
    const view = { scanId: null, accountId };
    const now = deps.clock();
    const periodDays = period === null ? null : reportPeriodDays(period);
    // One after the other: each brings the current scans up to date the same way, the first does the work.
    const overview = await sources['overview:get']({ accountId, since: periodDays === null ? null : periodStart(now, periodDays).toISOString() });
    const plan = await sources['plan:get']({});
    const findings = await sources['findings:list']({ ...view, severity: null, ruleId: null, status: null });
    const agents = await sources['agents:list'](view);
    const [head] = await sources['audit:list']({ limit: 1, beforeSeq: null, actor: null, action: null, target: null });
    const verified = await sources['audit:verify']({});
    return buildLeadershipReport({
      now,
      accountId,
      periodDays,
      organisation: await organisationName(deps, sources),
      overview,
      plan,
      findings: findings.findings,
      agents: agents.agents,
      audit: { headHash: head?.hash ?? null, headSeq: head?.seq ?? null, chainOk: verified.ok },
    });
  };
  const minutes: ReportHandlers['reports:minutes'] = async ({ meetingId }) => {
    const model = await sources['reviews:minutes']({ id: meetingId });
    const [head] = await sources['audit:list']({ limit: 1, beforeSeq: null, actor: null, action: null, target: null });
    const verified = await sources['audit:verify']({});
    return buildMinutesReport({
      now: deps.clock(),
      organisation: await organisationName(deps, sources),
      minutes: model,
      audit: { headHash: head?.hash ?? null, headSeq: head?.seq ?? null, chainOk: verified.ok },
    });
  };
  return {
    'reports:leadership': leadership,
    'reports:minutes': minutes,
    'reports:print': async ({ report: kind, accountId, meetingId, paper, period }) => {
      if (kind === 'minutes' && meetingId === null) throw new AppError('invalid_input', 'The minutes of which meeting? `meetingId` is required to print minutes.');
      const current = printer.current;
      if (current === null) throw new AppError('unavailable', 'This back end cannot print: no browser is set up for it. Use `warden report leadership --out FILE.pdf`, or the browser’s own print dialog.');
      // The model first: an unknown meeting fails here with its own message, before a browser starts.
      const report = kind === 'minutes' && meetingId !== null ? await minutes({ meetingId }) : await leadership({ accountId, period });
      const pdf = await current.print({ report: kind, accountId, meetingId, paper, period });
      return {
        fileName: `${report.reportId}.pdf`,
        mediaType: 'application/pdf' as const,
        base64: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64'),
        pages: countPdfPages(pdf),
        reportId: report.reportId,
      };
    },
  };
}
