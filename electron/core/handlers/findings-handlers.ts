/**
 * The `findings:*` channels: a scan's findings (analysed on first use) and their triage. Every
 * decision is written with its audit entry in one transaction.
 */
import type { Handlers } from '../dispatch';
import { listScanFindings, resolvedSince } from '../governance/finding-lifecycle-service';
import { acceptFinding, reopenFinding, resolveFinding } from '../governance/finding-triage-service';
import { actorFromEnv } from '../lib/audit-chain';
import { previousScan } from '../analysis-store/analysis-store';
import { chooseScan, scanSummary } from './analysed-scan';
import type { ServiceDeps } from './handler-deps';

export type FindingHandlers = Pick<Handlers, 'findings:list' | 'findings:accept' | 'findings:reopen' | 'findings:resolve'>;

export function createFindingHandlers(deps: ServiceDeps): FindingHandlers {
  const context = (): { actor: string; now: Date } => ({ actor: actorFromEnv(deps.env), now: deps.clock() });
  /** A triage decision is committed: tell every window (its findings, counts and audit log changed). */
  const triaged = <T extends { fingerprint: string }>(changed: T): T => {
    deps.emit('findings:changed', { fingerprints: [changed.fingerprint] });
    return changed;
  };

  return {
    'findings:list': async ({ scanId, severity, ruleId, status }) => {
      const workspace = deps.workspaces.current();
      const scan = await chooseScan(deps, workspace, scanId);
      if (scan === null) return { scan: null, findings: [], resolvedSinceLastScan: [] };
      const filter = { severity, ruleId, status };
      const findings = listScanFindings(workspace.read, scan, filter, deps.clock());
      const resolved = status === null || status === 'resolved' ? resolvedSince(workspace.read, scan, previousScan(workspace.read, scan), filter) : [];
      return { scan: scanSummary(workspace, scan.id), findings, resolvedSinceLastScan: resolved };
    },
    'findings:accept': (input) => triaged(acceptFinding(deps.workspaces.current().write, input, context())),
    'findings:reopen': (input) => triaged(reopenFinding(deps.workspaces.current().write, input, context())),
    'findings:resolve': (input) => triaged(resolveFinding(deps.workspaces.current().write, input, context())),
  };
}
