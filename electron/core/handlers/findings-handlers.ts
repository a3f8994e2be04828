/**
 * The `findings:*` channels: a scan's findings (analysed on first use) and their triage. Every
 * decision is written with its audit entry in one transaction.
 */
import type { Handlers } from '../dispatch';
import { listScanFindings, resolvedSince } from '../governance/finding-lifecycle-service';
import { acceptFinding, acceptFindings, reopenFinding, resolveFinding, resolveFindings } from '../governance/finding-triage-service';
import { currentActor } from '../db/repositories/settings';
import { previousScan } from '../analysis-store/analysis-store';
import { chooseView } from './analysed-scan';
import { firstViewFindings, firstViewResolvedSince } from '../analysis-store/first-view';
import type { ScanRef } from '../db/repositories/findings';
import { SEVERITY_NAMES, type FindingRow } from '@shared/contract';
import type { ServiceDeps } from './handler-deps';

export type FindingHandlers = Pick<Handlers, 'findings:list' | 'findings:accept' | 'findings:acceptMany' | 'findings:reopen' | 'findings:resolve' | 'findings:resolveMany'>;

export function createFindingHandlers(deps: ServiceDeps): FindingHandlers {
  const context = (): { actor: string; now: Date } => ({ actor: currentActor(deps.workspaces.current().read, deps.env), now: deps.clock() });
  /** A triage decision is committed: tell every window (its findings, counts and audit log changed). */
  const triaged = <T extends { fingerprint: string }>(changed: T): T => {
    deps.emit('findings:changed', { fingerprints: [changed.fingerprint] });
    return changed;
  };

  /** Several decisions committed together: one event naming them all. */
  const triagedMany = <T extends { fingerprint: string }>(changed: T[]): { changed: T[] } => {
    deps.emit('findings:changed', { fingerprints: changed.map((c) => c.fingerprint) });
    return { changed };
  };

  return {
    'findings:list': async ({ scanId, accountId, severity, ruleId, status }, call) => {
      const workspace = deps.workspaces.current();
      const view = await chooseView(deps, workspace, { scanId, accountId, firstViews: true });
      const filter = { severity, ruleId, status };
      const now = deps.clock();
      // Written as JSON by the caller: each evidence travels as its stored text (shared/stored-json.ts).
      const rows = { storedEvidence: call?.json === true };
      // A scan whose analysis is being stored is answered from its first view (first-view.ts).
      const findings = view.scans.flatMap((scan) => {
        const first = view.firstViews.get(scan.id);
        return first !== undefined ? firstViewFindings(first, filter, rows) : listScanFindings(workspace.read, scan, filter, now, rows);
      });
      // Each scan's findings come most severe first; across accounts, the same order over all of them.
      if (view.scans.length > 1) findings.sort(compareFindings);
      const resolvedOf = (scan: ScanRef): FindingRow[] => {
        const first = view.firstViews.get(scan.id);
        return first !== undefined ? firstViewResolvedSince(workspace.read, first, filter, rows) : resolvedSince(workspace.read, scan, previousScan(workspace.read, scan), filter, rows);
      };
      const resolved = status === null || status === 'resolved' ? view.scans.flatMap(resolvedOf) : [];
      if (view.scans.length > 1) resolved.sort(compareFindings);
      return { view: view.info, findings, resolvedSinceLastScan: resolved };
    },
    'findings:accept': (input) => triaged(acceptFinding(deps.workspaces.current().write, input, context())),
    'findings:reopen': (input) => triaged(reopenFinding(deps.workspaces.current().write, input, context())),
    'findings:resolve': (input) => triaged(resolveFinding(deps.workspaces.current().write, input, context())),
    'findings:acceptMany': (input) => triagedMany(acceptFindings(deps.workspaces.current().write, input, context())),
    'findings:resolveMany': (input) => triagedMany(resolveFindings(deps.workspaces.current().write, input, context())),
  };
}

const SEVERITY_RANK = new Map<string, number>(SEVERITY_NAMES.map((name, index) => [name, index]));

/** Most severe first, then by rule and resource: the order one scan's findings are read in. */
function compareFindings(a: FindingRow, b: FindingRow): number {
  const bySeverity = (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9);
  if (bySeverity !== 0) return bySeverity;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0;
}
