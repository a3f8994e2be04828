/**
 * The `findings:*` channels: a scan's findings (analysed on first use) and their triage. Every
 * decision is written with its audit entry in one transaction.
 */
import type { Handlers } from '../dispatch';
import { listScanFindingSummaries, listScanFindings, listScanFindingsByFingerprint, resolvedSince } from '../governance/finding-lifecycle-service';
import { acceptFinding, acceptFindings, reopenFinding, resolveFinding, resolveFindings } from '../governance/finding-triage-service';
import { currentActor } from '../db/repositories/settings';
import { previousScan } from '../analysis-store/analysis-store';
import { chooseView } from './analysed-scan';
import { firstViewResolvedSince, firstViewSummaries } from '../analysis-store/first-view';
import { toFindingDetails, toFindingSummary, type ScanRef } from '../db/repositories/findings';
import { latestCompletedScanId, listScans } from '../db/repositories/scans';
import { AppError } from '../errors';
import { SEVERITY_NAMES, type FindingSummary } from '@shared/contract';
import type { ServiceDeps } from './handler-deps';

export type FindingHandlers = Pick<Handlers, 'findings:list' | 'findings:summaries' | 'findings:details' | 'findings:accept' | 'findings:acceptMany' | 'findings:reopen' | 'findings:resolve' | 'findings:resolveMany'>;

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
      // The whole rows (evidence, texts): read from the store, after the commit of an analysis under way.
      const view = await chooseView(deps, workspace, { scanId, accountId });
      const filter = { severity, ruleId, status };
      const now = deps.clock();
      // Written as JSON by the caller: each evidence travels as its stored text (shared/stored-json.ts).
      const rows = { storedEvidence: call?.json === true };
      const findings = view.scans.flatMap((scan) => listScanFindings(workspace.read, scan, filter, now, rows));
      // Each scan's findings come most severe first; across accounts, the same order over all of them.
      if (view.scans.length > 1) findings.sort(compareFindings);
      const resolved = status === null || status === 'resolved' ? view.scans.flatMap((scan) => resolvedSince(workspace.read, scan, previousScan(workspace.read, scan), filter, rows)) : [];
      if (view.scans.length > 1) resolved.sort(compareFindings);
      return { view: view.info, findings, resolvedSinceLastScan: resolved };
    },
    'findings:summaries': async ({ scanId, accountId, severity, ruleId, status }) => {
      const workspace = deps.workspaces.current();
      const view = await chooseView(deps, workspace, { scanId, accountId, firstViews: true });
      const filter = { severity, ruleId, status };
      const now = deps.clock();
      // A scan whose analysis is being stored is answered from its first view (first-view.ts).
      const findings = view.scans.flatMap((scan) => {
        const first = view.firstViews.get(scan.id);
        return first !== undefined ? firstViewSummaries(first, filter) : listScanFindingSummaries(workspace.read, scan, filter, now);
      });
      if (view.scans.length > 1) findings.sort(compareFindings);
      const resolvedOf = (scan: ScanRef): FindingSummary[] => {
        const first = view.firstViews.get(scan.id);
        return first !== undefined ? firstViewResolvedSince(workspace.read, first, filter) : resolvedSince(workspace.read, scan, previousScan(workspace.read, scan), filter).map(toFindingSummary);
      };
      const resolved = status === null || status === 'resolved' ? view.scans.flatMap(resolvedOf) : [];
      if (view.scans.length > 1) resolved.sort(compareFindings);
      return { view: view.info, findings, resolvedSinceLastScan: resolved };
    },
    'findings:details': async ({ scanId, fingerprint }) => {
      const workspace = deps.workspaces.current();
      const summary = listScans(workspace.read).find((scan) => scan.id === scanId);
      if (summary === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
      if (summary.status !== 'completed') throw new AppError('conflict', `Scan ${scanId} did not complete (${summary.status}); it has no findings.`);
      // Analysed (or its analysis's commit awaited): the details are read from the store.
      const scan = await deps.analysis.ensure(workspace, scanId);
      const [row] = listScanFindingsByFingerprint(workspace.read, scan, [fingerprint], deps.clock());
      if (row === undefined) {
        const newest = summary.accountId === null ? null : latestCompletedScanId(workspace.read, summary.accountId);
        throw new AppError('not_found', `Scan ${scanId} has no finding ${fingerprint}${newest !== null && newest !== scanId ? '; a newer scan of its account may have it' : ''}.`);
      }
      return toFindingDetails(row);
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
function compareFindings(a: Pick<FindingSummary, 'severity' | 'ruleId' | 'resourceArn'>, b: Pick<FindingSummary, 'severity' | 'ruleId' | 'resourceArn'>): number {
  const bySeverity = (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9);
  if (bySeverity !== 0) return bySeverity;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0;
}
