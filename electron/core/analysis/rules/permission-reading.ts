/** Questions about effective permissions that several rules ask. */
import type { EffectivePermissions } from '../types';

/** Writes that only feed logs and metrics: not "can change things". */
const TELEMETRY_WRITES: Readonly<Record<string, readonly string[]>> = {
  logs: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutRetentionPolicy'],
  cloudwatch: ['cloudwatch:PutMetricData'],
  xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
};

/** Services the principal can write to (Write or Permissions management), telemetry writes left out. */
export function writableServices(permissions: EffectivePermissions): string[] {
  const services: string[] = [];
  for (const service of permissions.serviceSummary()) {
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
