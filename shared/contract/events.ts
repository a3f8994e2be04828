/**
 * Events (back end → UI), one table for every domain: `job:*` (scans, imports, demo), `workspace:changed`, and the
 * data-changed events a window invalidates its cached reads on. Each is emitted where its change is committed.
 */
import { z } from 'zod';
import { jobKindSchema, jobSchema, jobStepSchema } from './scans';

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
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
