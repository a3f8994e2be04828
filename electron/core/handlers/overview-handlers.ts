/**
 * `overview:get`: the Overview from the stored per-scan metrics (governance/overview/). The current
 * scans are brought up to date first (chooseView: cheap when their analyses are current, as the
 * listings do); their finding figures get today's decisions with a narrow read of the decided few.
 */
import type { Handlers } from '../dispatch';
import type { FindingFigures } from '../governance/overview/scan-metrics';
import { applyDecisions, decidedStatuses } from '../governance/overview/scan-metrics';
import { buildOverview } from '../governance/overview/overview-builder';
import { decidedDetails, decidedRows, readScanMetrics } from '../db/repositories/scan-metrics';
import { listPlanEvaluations, listPlanTasks, readPlan } from '../db/repositories/plan';
import { planWeek } from '../governance/plan/plan-criteria';
import { recordedPlanProgress } from '../governance/plan/plan-view';
import { chooseView } from './analysed-scan';
import type { ServiceDeps } from './handler-deps';

export type OverviewHandlers = Pick<Handlers, 'overview:get'>;

export function createOverviewHandlers(deps: ServiceDeps): OverviewHandlers {
  return {
    'overview:get': async ({ accountId, since }) => {
      const workspace = deps.workspaces.current();
      const view = await chooseView(deps, workspace, { scanId: null, accountId });
      const now = deps.clock();
      const db = workspace.read;
      return db.snapshot((snap) => {
        const scans = readScanMetrics(snap, accountId);
        const records = new Map(scans.map((scan) => [scan.scanId, scan]));
        const current = new Map<string, FindingFigures>();
        for (const scan of view.scans) {
          const record = records.get(scan.id);
          if (record === undefined) continue;
          const statuses = decidedStatuses(decidedRows(snap, scan, Object.keys(record.metrics.decided)), scan.startedAt, now);
          const { decided, affected } = decidedDetails(snap, scan.id, statuses);
          current.set(scan.id, applyDecisions(record.metrics, decided, affected));
        }
        const plan = readPlan(snap);
        const position = plan === null ? null : planWeek(plan.startDate, now);
        const progress = plan === null ? null : recordedPlanProgress({ now, plan, tasks: listPlanTasks(snap), evaluations: listPlanEvaluations(snap) });
        const overview = buildOverview({
          now,
          accountId,
          accounts: view.info.accounts.map((account) => ({ accountId: account.accountId, alias: account.alias, label: account.label, currentScanId: account.currentScanId, scannedAt: account.scannedAt })),
          scans,
          current,
          since,
        });
        return {
          ...overview,
          plan:
            plan === null || progress === null
              ? null
              : { startDate: plan.startDate, week: position?.phase === 'week' ? position.week : null, evaluatedAt: progress.evaluatedAt, summary: progress.summary, progress: progress.burnDown },
        };
      });
    },
  };
}
