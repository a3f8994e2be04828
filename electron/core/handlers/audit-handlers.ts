/** The `audit:*` channels: the hash-chained audit log, read and verified. */
import type { Handlers } from '../dispatch';
import { listAuditEntries, verifyAuditLog } from '../db/repositories/audit-log';
import type { ServiceDeps } from './handler-deps';

export type AuditHandlers = Pick<Handlers, 'audit:list' | 'audit:verify'>;

export function createAuditHandlers(deps: ServiceDeps): AuditHandlers {
  return {
    'audit:list': ({ limit, beforeSeq }) => listAuditEntries(deps.workspaces.current().read, limit, beforeSeq),
    'audit:verify': () => verifyAuditLog(deps.workspaces.current().read),
  };
}
