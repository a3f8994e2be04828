/**
 * Which scans a read channel answers about, analysed first (agents:*, findings:list, policies:*).
 *
 * The workspace's **current state** is the newest completed scan of each account: every listing shows
 * it by default (all accounts, or one with `accountId`), each row carrying the scan it came from. A
 * `scanId` asks for that one scan's rows instead: a past view when its account has a newer scan.
 */
import type { AccountView, ScanSummary, ViewInfo } from '@shared/contract';
import { currentScanIds, latestCompletedScanId, listScans } from '../db/repositories/scans';
import { getSettings } from '../db/repositories/settings';
import type { ScanRef } from '../db/repositories/findings';
import type { Workspace } from '../db/open-workspace';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';
import type { FirstView, FirstViewAgents } from '../analysis-store/first-view';

export function scanSummary(workspace: Workspace, scanId: string): ScanSummary {
  const summary = listScans(workspace.read).find((s) => s.id === scanId);
  if (summary === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return summary;
}

/** The chosen scan (null: the newest completed one), analysed; null when there is none. */
export async function chooseScan(deps: Pick<ServiceDeps, 'analysis'>, workspace: Workspace, scanId: string | null): Promise<ScanRef | null> {
  const id = scanId ?? latestCompletedScanId(workspace.read);
  if (id === null) return null;
  return deps.analysis.ensure(workspace, id);
}

/** Analyses the newest completed scan of an account (an agent's history spans all of them). */
export async function ensureNewestOfAccount(deps: Pick<ServiceDeps, 'analysis'>, workspace: Workspace, accountId: string | null): Promise<void> {
  if (accountId === null) return;
  const id = latestCompletedScanId(workspace.read, accountId);
  if (id !== null) await deps.analysis.ensure(workspace, id);
}

export interface ViewChoice {
  scanId: string | null;
  accountId: string | null;
  /**
   * The listing can answer from a scan's first view while its analysis is being stored
   * (agents:list, findings:list: first-view.ts); other readers wait for the commit.
   */
  firstViews?: boolean | 'agents';
}

/** The scans a view reads, each analysed, with what the screen says about them. */
export interface ChosenView {
  scans: ScanRef[];
  info: ViewInfo;
  /** With `firstViews`: the scans (by id) whose analysis is being stored, answered from their first view. */
  firstViews: Map<string, FirstView>;
  /** With `firstViews: 'agents'`: the same, by their inventory part only (it arrives first). */
  firstAgents: Map<string, FirstViewAgents>;
}

/**
 * The scans behind a listing, analysed one after the other (each is cached once stored): the
 * current state of all accounts or of one, or the one scan asked for (refused when it did not
 * complete, or belongs to another account than the one asked for).
 */
export async function chooseView(deps: Pick<ServiceDeps, 'analysis'>, workspace: Workspace, choice: ViewChoice): Promise<ChosenView> {
  const summaries = listScans(workspace.read);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const current = currentScanIds(workspace.read);
  const accounts = accountViews(workspace, current.map((id) => byId.get(id)).filter((s): s is ScanSummary => s !== undefined));
  let ids: string[];
  if (choice.scanId !== null) {
    const summary = byId.get(choice.scanId);
    if (summary === undefined) throw new AppError('not_found', `There is no scan ${choice.scanId} in this workspace.`);
    if (summary.status !== 'completed') throw new AppError('conflict', `Scan ${choice.scanId} did not complete (${summary.status}); it has no inventory or findings.`);
    if (choice.accountId !== null && summary.accountId !== choice.accountId) {
      throw new AppError('invalid_input', `Scan ${choice.scanId} is of account ${summary.accountId ?? 'unknown'}, not ${choice.accountId}.`);
    }
    ids = [choice.scanId];
  } else {
    ids = choice.accountId === null ? current : current.filter((id) => byId.get(id)?.accountId === choice.accountId);
  }
  const scans: ScanRef[] = [];
  const firstViews = new Map<string, FirstView>();
  const firstAgents = new Map<string, FirstViewAgents>();
  for (const id of ids) {
    if (choice.firstViews === 'agents') {
      const analysed = await deps.analysis.viewAgents(workspace, id);
      scans.push(analysed.ref);
      if (analysed.firstView !== null) firstAgents.set(analysed.ref.id, analysed.firstView);
      continue;
    }
    if (choice.firstViews !== true) {
      scans.push(await deps.analysis.ensure(workspace, id));
      continue;
    }
    const analysed = await deps.analysis.view(workspace, id);
    scans.push(analysed.ref);
    if (analysed.firstView !== null) firstViews.set(analysed.ref.id, analysed.firstView);
  }
  const shown = ids.map((id) => byId.get(id)).filter((s): s is ScanSummary => s !== undefined);
  const past = choice.scanId !== null && !current.includes(choice.scanId);
  return {
    scans,
    firstViews,
    firstAgents,
    info: {
      kind: choice.scanId === null ? 'current' : 'scan',
      scans: shown,
      accountId: choice.scanId !== null ? (shown[0]?.accountId ?? null) : choice.accountId,
      past,
      accounts,
    },
  };
}

/** Every account's current scan with the names people know it by (alias, the team's label). */
function accountViews(workspace: Workspace, currentScans: readonly ScanSummary[]): AccountView[] {
  const labels = new Map(getSettings(workspace.read).knownAccounts.map((account) => [account.accountId, account.label]));
  return currentScans
    .filter((scan): scan is ScanSummary & { accountId: string } => scan.accountId !== null)
    .map((scan) => ({
      accountId: scan.accountId,
      alias: scan.accountAlias,
      label: labels.get(scan.accountId) ?? null,
      currentScanId: scan.id,
      scannedAt: scan.startedAt,
    }));
}

/** The account an IAM ARN names (arn:partition:service:region:ACCOUNT:…), or null. */
export function accountOfArn(arn: string): string | null {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : null;
}
