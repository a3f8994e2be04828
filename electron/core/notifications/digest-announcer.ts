/**
 * Announces what a completed scan or import job changed: once per job (never per finding), it asks
 * `changes:get` for each scan the job wrote (which brings the analyses up to date first), builds one
 * digest of the kinds the Settings enable (change-digest.ts) and emits `changes:digest` — or nothing,
 * when no enabled kind changed. The desktop shell shows the event as a notification, the browser as a
 * toast. The demo's job is not announced: its story is shown on its screens, not news.
 */
import type { ChangeDigest, Job, ScanDiff } from '@shared/contract';
import type { Handlers } from '../dispatch';
import type { WorkspaceManager } from '../db/workspace-manager';
import { getSettings } from '../db/repositories/settings';
import { listScans } from '../db/repositories/scans';
import type { EventSink } from '../events';
import { isAppError } from '../errors';
import { buildChangeDigest, type DigestScan } from './change-digest';

export interface DigestAnnouncerDeps {
  handlers: Pick<Handlers, 'changes:get'>;
  workspaces: WorkspaceManager;
  emit: EventSink;
  onError?: (error: unknown) => void;
}

/** Called with every finished job; resolves with the digest it emitted (null: none). */
export type DigestAnnouncer = (job: Job) => Promise<ChangeDigest | null>;

/**
 * A scan that has nothing to compare (it did not complete), a workspace switched or closed meanwhile:
 * no digest (part), and nothing wrong.
 */
const isSkippable = (error: unknown): boolean => isAppError(error) && (error.code === 'not_found' || error.code === 'conflict' || error.code === 'unavailable');

export function createDigestAnnouncer(deps: DigestAnnouncerDeps): DigestAnnouncer {
  return async (job) => {
    if (job.status !== 'completed' || (job.kind !== 'scan' && job.kind !== 'import') || job.scanIds.length === 0) return null;
    try {
      const workspace = deps.workspaces.current();
      // Nothing enabled, nothing to say: the diff (a second of work at 10,000 identities) is not made.
      const enabled = getSettings(workspace.read).notifications;
      if (!Object.values(enabled).some(Boolean)) return null;
      const summaries = listScans(workspace.read);
      const scans: DigestScan[] = [];
      for (const scanId of job.scanIds) {
        // An account's first scan has nothing to compare with (the digest leaves it out): not diffed.
        const scan = summaries.find((s) => s.id === scanId);
        if (scan === undefined || !summaries.some((s) => s.id !== scanId && s.status === 'completed' && s.accountId === scan.accountId && s.startedAt <= scan.startedAt)) continue;
        let diff: ScanDiff;
        try {
          diff = await deps.handlers['changes:get']({ from: null, to: scanId, accountId: null });
        } catch (error) {
          if (isSkippable(error)) continue;
          throw error;
        }
        scans.push({ diff, accountAlias: null });
      }
      // Read after the analyses: the settings as they are when the digest goes out.
      if (deps.workspaces.current() !== workspace) return null;
      const aliases = new Map(listScans(workspace.read).map((scan) => [scan.id, scan.accountAlias]));
      for (const scan of scans) scan.accountAlias = aliases.get(scan.diff.to.scanId) ?? null;
      const digest = buildChangeDigest(job.jobId, scans, getSettings(workspace.read).notifications);
      if (digest !== null) deps.emit('changes:digest', digest);
      return digest;
    } catch (error) {
      if (!isSkippable(error)) deps.onError?.(error);
      return null;
    }
  };
}
