/** Questions about effective permissions that several rules ask. */
import type { EffectivePermissions, ServiceAccess } from '../types';

/**
 * serviceSummary() walks the whole action catalogue: computed once per principal and shared by the
 * tiers, the rules and the agent rows (a WeakMap, so it lives exactly as long as the permissions).
 */
const summaries = new WeakMap<EffectivePermissions, { list: ServiceAccess[]; byService: Map<string, ServiceAccess> }>();

export function summaryOf(permissions: EffectivePermissions): { list: ServiceAccess[]; byService: ReadonlyMap<string, ServiceAccess> } {
  let summary = summaries.get(permissions);
  if (summary === undefined) {
    const list = permissions.serviceSummary();
    summary = { list, byService: new Map(list.map((service) => [service.service, service])) };
    summaries.set(permissions, summary);
  }
  return summary;
}

/** Allowed Write or Permissions-management actions of one service (0 when the service is not allowed at all). */
export function writeCount(permissions: EffectivePermissions, service: string): number {
  const access = summaryOf(permissions).byService.get(service);
  return access === undefined ? 0 : access.levels.Write.allowed + access.levels['Permissions management'].allowed;
}

/** Whether any action of the service is allowed (cheap gate before per-action questions). */
export function touchesService(permissions: EffectivePermissions, service: string): boolean {
  const access = summaryOf(permissions).byService.get(service);
  return access !== undefined && Object.values(access.levels).some((level) => level.allowed > 0);
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
  for (const service of summaryOf(permissions).list) {
    let writes = service.levels.Write.allowed + service.levels['Permissions management'].allowed;
    const telemetry = TELEMETRY_WRITES[service.service];
    if (telemetry !== undefined) writes -= telemetry.filter((action) => permissions.isAllowedAnywhere(action)).length;
    if (writes > 0) services.push(service.service);
  }
  return services;
}

export function canWrite(permissions: EffectivePermissions): boolean {
  return permissions.fullAdmin !== null || writableServices(permissions).length > 0;
}
