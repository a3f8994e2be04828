/** Questions about effective permissions that several rules ask. */
import type { EffectivePermissions, ServiceAccess, ServiceSummaryView } from '../types';
import { ACCESS_LEVELS } from '../types';

/**
 * The per-service summary as a view: the evaluator's compact one when it has it, else one built
 * once from `serviceSummary()` (test doubles). A WeakMap, so it lives as long as the permissions.
 */
const views = new WeakMap<EffectivePermissions, ServiceSummaryView>();

function listView(list: ServiceAccess[]): ServiceSummaryView {
  const byService = new Map(list.map((service) => [service.service, service]));
  return {
    count: (service, level) => byService.get(service)?.levels[level].allowed ?? 0,
    touches: (service) => {
      const access = byService.get(service);
      return access !== undefined && Object.values(access.levels).some((level) => level.allowed > 0);
    },
    services: () => list.map((service) => service.service),
    toList: () => list.map((service) => ({ ...service, levels: { ...service.levels } })),
  };
}

export function summaryOf(permissions: EffectivePermissions): ServiceSummaryView {
  let view = views.get(permissions);
  if (view === undefined) {
    view = permissions.serviceSummaryView?.() ?? listView(permissions.serviceSummary());
    views.set(permissions, view);
  }
  return view;
}

/** Allowed Write or Permissions-management actions of one service (0 when the service is not allowed at all). */
export function writeCount(permissions: EffectivePermissions, service: string): number {
  const view = summaryOf(permissions);
  return view.count(service, 'Write') + view.count(service, 'Permissions management');
}

/** How many of the service's catalogue actions are allowed, at any access level. */
export function actionsOf(permissions: EffectivePermissions, service: string): number {
  const view = summaryOf(permissions);
  return ACCESS_LEVELS.reduce((total, level) => total + view.count(service, level), 0);
}

/** Whether any action of the service is allowed (cheap gate before per-action questions). */
export function touchesService(permissions: EffectivePermissions, service: string): boolean {
  return summaryOf(permissions).touches(service);
}

/** Writes that only feed logs and metrics: not "can change things". */
const TELEMETRY_WRITES: Readonly<Record<string, readonly string[]>> = {
  logs: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutRetentionPolicy'],
  cloudwatch: ['cloudwatch:PutMetricData'],
  xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
};

/** Services the principal can write to (Write or Permissions management), telemetry writes left out. */
export function writableServices(permissions: EffectivePermissions): string[] {
  const services: string[] = [];
  const view = summaryOf(permissions);
  for (const service of view.services()) {
    let writes = view.count(service, 'Write') + view.count(service, 'Permissions management');
    const telemetry = TELEMETRY_WRITES[service];
    if (telemetry !== undefined && writes > 0) writes -= telemetry.filter((action) => permissions.isAllowedAnywhere(action)).length;
    if (writes > 0) services.push(service);
  }
  return services;
}

export function canWrite(permissions: EffectivePermissions): boolean {
  return permissions.fullAdmin !== null || writableServices(permissions).length > 0;
}
