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
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditChannels = {
  'audit:list': channel(
    'read',
    'The audit log, newest first.',
    z.object({ limit: z.number().int().min(1).max(1000).default(200), beforeSeq: z.number().int().nullable().default(null) }),
    z.array(auditEntrySchema),
  ),
  'audit:verify': channel(
    'read',
    'Check the audit log’s hash chain; reports the first broken link.',
    empty,
    z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenSeq: z.number().int().nullable(), message: z.string() }),
  ),
} as const satisfies ChannelTable<'audit'>;
