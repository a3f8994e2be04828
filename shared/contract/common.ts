/**
 * Schemas several domains read. Only `tierSchema` is part of the public contract (index.ts re-exports it by
 * name); the rest are building blocks of other files' channels, kept here so no two domain files import
 * each other both ways.
 */
import { z } from 'zod';

/** An identity's risk tier (1 highest): computed by the analysis, overridable in the registry, filtered on by policies. */
export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** Which scan to read: a scan ID, or null for the newest completed one. */
export const scanChoiceSchema = z.object({ scanId: z.string().min(1).nullable().default(null) });

/** An AWS account ID (12 digits). */
export const accountIdSchema = z.string().regex(/^\d{12}$/, 'an AWS account ID is exactly 12 digits');

/**
 * Which rows a listing reads: the workspace's current state (the newest completed scan of each account,
 * narrowed to one account with `accountId`), or one scan's own rows (`scanId`: a past view).
 */
export const viewChoiceSchema = z.object({
  scanId: z.string().min(1).nullable().default(null),
  accountId: accountIdSchema.nullable().default(null),
});

/** A calendar date (or an ISO timestamp in UTC), as the findings' acceptances and the registry's review dates take it. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'a date (YYYY-MM-DD)');

/** The read-only role a scan assumes in each member account (scans:start, connections:scannerPolicy). */
export const memberRoleNameSchema = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'not an IAM role name');
