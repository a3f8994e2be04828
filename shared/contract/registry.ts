/** `registry:*` — what the team records about an identity (owner, purpose, status, tier override, reviews). Handler: electron/core/handlers/registry-handlers.ts. */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { isoDateSchema, tierSchema } from './common';

export const registryStatusSchema = z.enum(['registered', 'unregistered', 'decommissioned']);

export const registryRecordSchema = z.object({
  arn: z.string(),
  owner: z.string().nullable(),
  ownerSource: z.enum(['manual', 'tag']).nullable(),
  purpose: z.string().nullable(),
  dataScope: z.string().nullable(),
  status: registryStatusSchema,
  tierOverride: tierSchema.nullable(),
  overrideReason: z.string().nullable(),
  overrideBy: z.string().nullable(),
  overrideAt: z.string().nullable(),
  lastReviewAt: z.string().nullable(),
  nextReviewAt: z.string().nullable(),
  /** The tier a person confirmed as right (the 30-day plan's "Tier 1 confirmed"); it confirms that tier only. */
  tierConfirmed: tierSchema.nullable(),
  tierConfirmedBy: z.string().nullable(),
  tierConfirmedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RegistryRecordInfo = z.infer<typeof registryRecordSchema>;

export const registryPatchSchema = z
  .object({
    owner: z.string().trim().max(200).nullable(),
    purpose: z.string().trim().max(2000).nullable(),
    dataScope: z.string().trim().max(2000).nullable(),
    status: registryStatusSchema,
    /** A tier override needs its justification; null removes the override. */
    tierOverride: z.object({ tier: tierSchema, reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(2000) }).nullable(),
    lastReviewAt: isoDateSchema.nullable(),
    nextReviewAt: isoDateSchema.nullable(),
    /** Confirm that the identity's tier in force is this one (null withdraws a confirmation). */
    tierConfirmed: tierSchema.nullable(),
  })
  .partial();

/** Why identities are decommissioned: as long as a tier override's reason, kept in the audit log. */
export const decommissionReasonSchema = z.string().trim().min(10, 'say why, in at least 10 characters').max(2000);

export const registryUpdateSchema = z
  .object({
    arns: z.array(z.string().min(1)).min(1).max(10_000),
    patch: registryPatchSchema,
    /** Required when the patch decommissions: recorded with each identity's `registry.decommissioned` audit entry. */
    reason: decommissionReasonSchema.nullable().default(null),
  })
  .refine((input) => input.patch.status !== 'decommissioned' || input.reason !== null, { path: ['reason'], message: 'say why it is decommissioned' });

export const registryChannels = {
  'registry:update': channel(
    'write',
    'Change registry fields of one or more identities (bulk edit); every change goes to the audit log. Decommissioning takes a reason.',
    registryUpdateSchema,
    z.array(registryRecordSchema),
  ),
} as const satisfies ChannelTable<'registry'>;
