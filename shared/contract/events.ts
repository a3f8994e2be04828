/**
 * Events (back end → UI), one table for every domain: `job:*` (scans, imports, demo), `workspace:changed`, and the
 * data-changed events a window invalidates its cached reads on. Each is emitted where its change is committed.
 */
import { z } from 'zod';
import { jobKindSchema, jobSchema, jobStepSchema } from './scans';

const digestCount = z.number().int().min(0);

/**
 * One account's part of a change digest: the scan and the one before it, and the count of each kind the
 * settings enable (a kind turned off is absent). Listed only when one of those counts is above zero.
 */
export const changeDigestAccountSchema = z.object({
  accountId: z.string().nullable(),
  accountAlias: z.string().nullable(),
  scanId: z.string(),
  fromScanId: z.string(),
  counts: z.object({
    newShadowAi: digestCount.optional(),
    newCriticalHigh: digestCount.optional(),
    regressed: digestCount.optional(),
    resolved: digestCount.optional(),
    identitiesAdded: digestCount.optional(),
    identitiesRemoved: digestCount.optional(),
  }),
});
export type ChangeDigestAccount = z.infer<typeof changeDigestAccountSchema>;

/** What a scan or import job changed, in one message (electron/core/notifications/change-digest.ts). */
export const changeDigestSchema = z.object({
  jobId: z.string(),
  /** One line: how many kinds changed where. Visible text only (names made safe). */
  title: z.string(),
  /** A few lines, one per account. Visible text only. */
  body: z.string(),
  /** The scan whose What changed the digest opens (the first account's). */
  scanId: z.string(),
  accounts: z.array(changeDigestAccountSchema).min(1),
});
export type ChangeDigest = z.infer<typeof changeDigestSchema>;

export const events = {
  /** Progress of a long job (scan, import, report): one message per step (a collector in a region). */
  'job:progress': jobStepSchema.extend({ jobId: z.string(), kind: jobKindSchema }),
  /** A job ended; its scans (if any) are now in the history. */
  'job:finished': jobSchema,
  /** The open workspace changed (opened another file, or data written by another window). */
  'workspace:changed': z.object({ path: z.string() }),
  // Data-changed events: sent once a change is committed, so every window drops what it showed of it.
  /** Registry fields (status, owner, purpose, tier override, …) of these identities were saved. */
  'registry:changed': z.object({ arns: z.array(z.string()) }),
  /** A finding was triaged (accepted, reopened, resolved by hand). */
  'findings:changed': z.object({ fingerprints: z.array(z.string()) }),
  /** A team policy was created, changed, enabled, disabled or deleted. */
  'policies:changed': z.object({ id: z.string() }),
  /** Workspace settings (thresholds, declared known accounts) were saved. */
  'settings:changed': z.object({}),
  /** A saved connection was created, changed or removed. */
  'connections:changed': z.object({ id: z.string() }),
  /** A review meeting was planned, changed, started, decided on or ended, or an action item changed. */
  'reviews:changed': z.object({ meetingId: z.string().nullable() }),
  /** The 30-day plan was started, restarted, or one of its tasks changed (or a new evaluation was recorded). */
  'plan:changed': z.object({}),
  /** A scan's analysis was stored (its agents, findings and totals are now those of the current inputs). */
  'analysis:stored': z.object({ scanId: z.string() }),
  /**
   * A scan or import job completed and changed what the Settings' notifications name (one per job, not per
   * finding): the desktop shell shows it as a notification, the browser as a toast.
   */
  'changes:digest': changeDigestSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
