/** `audit:*` — the hash-chained audit log. Handler: electron/core/handlers/audit-handlers.ts. */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
  /**
   * What the target is called, resolved when listing (an agent's name, a finding's title, a policy's
   * name); null when nothing names it (the target ID is then the label). Not part of the hashed entry.
   */
  targetName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Longest target filter text. */
export const AUDIT_TARGET_FILTER_MAX = 200;
/** Which entries to list or export; every field null: all of them. */
export const auditFilterSchema = z.object({
  /** Exactly this actor. */
  actor: z.string().max(200).nullable().default(null),
  /** Exactly this kind of change, e.g. `finding.accept`. */
  action: z.string().max(100).nullable().default(null),
  /** Text found in the target's ID or its name, ignoring case. */
  target: z.string().trim().max(AUDIT_TARGET_FILTER_MAX).nullable().default(null),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditChannels = {
  'audit:list': channel(
    'read',
    'The audit log, newest first.',
    auditFilterSchema.extend({ limit: z.number().int().min(1).max(1000).default(200), beforeSeq: z.number().int().nullable().default(null) }),
    z.array(auditEntrySchema),
  ),
  'audit:filters': channel(
    'read',
    'The actors and kinds of change the audit log holds, to filter by.',
    empty,
    z.object({ actors: z.array(z.string()), actions: z.array(z.string()) }),
  ),
  'audit:export': channel(
    'read',
    'The audit entries a filter selects, oldest first, as CSV (formula-neutralised) or JSON, with a file name.',
    auditFilterSchema.extend({ format: z.enum(['csv', 'json']) }),
    z.object({ fileName: z.string(), mediaType: z.string(), text: z.string(), entries: z.number().int() }),
  ),
  'audit:verify': channel(
    'read',
    'Check the audit log’s hash chain; reports the first broken link.',
    empty,
    z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable(), message: z.string() }),
  ),
} as const satisfies ChannelTable<'audit'>;
