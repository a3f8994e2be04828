/**
 * Composition root: createServices(deps) returns one handler per contract channel. The handlers of a
 * channel prefix live in handlers/<prefix>-handlers.ts, beside shared/contract/<prefix>.ts; this file
 * only merges them.
 */
import type { Handlers } from './dispatch';
import type { ServiceDeps } from './handlers/handler-deps';
import { createWorkspaceHandlers } from './handlers/workspace-handlers';
import { createConnectionHandlers } from './handlers/connections-handlers';
import { createScanHandlers } from './handlers/scans-handlers';
import { createImportHandlers } from './handlers/import-handlers';
import { createDemoHandlers } from './handlers/demo-handlers';
import { createChangesHandlers } from './handlers/changes-handlers';
import { createAgentHandlers } from './handlers/agents-handlers';
import { createFindingHandlers } from './handlers/findings-handlers';
import { createRegistryHandlers } from './handlers/registry-handlers';
import { createAuditHandlers } from './handlers/audit-handlers';
import { createPolicyHandlers } from './handlers/policies-handlers';
import { createOverviewHandlers } from './handlers/overview-handlers';
import { createPlanHandlers } from './handlers/plan-handlers';
import { createReviewHandlers } from './handlers/reviews-handlers';
import { createReportHandlers } from './handlers/reports-handlers';
import { createExportHandlers } from './handlers/exports-handlers';
import { ReportPrinterSlot } from './reports/report-printer';

export type { Dialogs, ServiceDeps } from './handlers/handler-deps';

export function createServices(deps: ServiceDeps): Handlers {
  const handlers = {
    'app:info': () => deps.appInfo,
    ...createWorkspaceHandlers(deps),
    ...createConnectionHandlers(deps),
    ...createScanHandlers(deps),
    ...createImportHandlers(deps),
    ...createAgentHandlers(deps),
    ...createFindingHandlers(deps),
    ...createRegistryHandlers(deps),
    ...createAuditHandlers(deps),
    ...createPolicyHandlers(deps),
    ...createDemoHandlers(deps),
    ...createChangesHandlers(deps),
    ...createOverviewHandlers(deps),
    ...createPlanHandlers(deps),
    ...createReviewHandlers(deps),
  };
  // Reports and exports read the same answers the screens read.
  return { ...handlers, ...createReportHandlers(deps, handlers, deps.reportPrinter ?? new ReportPrinterSlot()), ...createExportHandlers(deps, handlers) };
}
