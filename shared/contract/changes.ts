/**
 * `changes:*` — what changed between two scans of one account (issue 14, "What changed"): identities
 * and AI agents added and removed, new unregistered AI agents (shadow AI), findings new, regressed
 * and resolved, owner and tier changes, with counts. Computed from stored data by the pure
 * electron/core/governance/changes/scan-diff.ts, both scans' analyses brought up to date first.
 * Handler: electron/core/handlers/changes-handlers.ts. `warden diff` prints it; `warden scan
 * --fail-on` exits 3 on it (docs/continuous-discovery.md).
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { accountIdSchema, tierSchema } from './common';
import { aiSignalSchema } from './agents';
import { severitySchema } from './findings';

/** One side of the diff: the scan and when it started. */
export const diffScanSchema = z.object({ scanId: z.string(), at: z.string() });

/** An identity as a change names it. */
export const diffIdentitySchema = z.object({
  arn: z.string(),
  name: z.string(),
  kind: z.string(),
  /** The inventory's tier of the identity in the scan that has it (the newer one when both do). */
  tier: tierSchema,
  owner: z.string().nullable(),
  /** Registry status (registered, unregistered, decommissioned). */
  status: z.string(),
});
export type DiffIdentity = z.infer<typeof diffIdentitySchema>;

/**
 * An identity that appeared, with who created it when CloudTrail says (the scan's creator look-up,
 * issue 14): the person or role that created it, or failing that, what runs as it and is new (a
 * function, an agent). Null when not looked up or not found.
 */
export const diffAddedIdentitySchema = diffIdentitySchema.extend({ createdBy: z.string().nullable(), createdAt: z.string().nullable() });
export type DiffAddedIdentity = z.infer<typeof diffAddedIdentitySchema>;

/**
 * An unregistered AI agent that the `shadow_ai_unregistered` rule raised in `to` and not in `from`.
 * `createdBy` and `createdAt`: as on an added identity (CloudTrail's record of its creation, or of the
 * new workload that made it AI); null when not looked up or not found.
 */
export const diffShadowAiSchema = z.object({
  arn: z.string(),
  name: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** Why the analysis calls it AI (the rule's evidence: signal, where it was seen, detail). */
  signals: z.array(aiSignalSchema),
});
export type DiffShadowAi = z.infer<typeof diffShadowAiSchema>;

export const diffFindingSchema = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  title: z.string(),
  principalArn: z.string().nullable(),
  resourceArn: z.string(),
});
export type DiffFinding = z.infer<typeof diffFindingSchema>;

const count = z.number().int();
export const diffSeverityCountsSchema = z.object({ critical: count, high: count, medium: count, low: count, info: count });
export type DiffSeverityCounts = z.infer<typeof diffSeverityCountsSchema>;

export const diffOwnerChangeSchema = z.object({ arn: z.string(), name: z.string(), from: z.string().nullable(), to: z.string().nullable() });
export const diffTierChangeSchema = z.object({ arn: z.string(), name: z.string(), from: tierSchema, to: tierSchema });

export const diffCountsSchema = z.object({
  identitiesAdded: count,
  identitiesRemoved: count,
  aiAgentsAdded: count,
  aiAgentsRemoved: count,
  shadowAiAdded: count,
  /** Every severity (findings.counts splits them). */
  findingsNew: count,
  findingsRegressed: count,
  findingsResolved: count,
  ownerChanges: count,
  tierChanges: count,
});
export type DiffCounts = z.infer<typeof diffCountsSchema>;

export const scanDiffSchema = z.object({
  /** null: `to` is the first completed scan of its account, so everything in it counts as added or new. */
  from: diffScanSchema.nullable(),
  to: diffScanSchema,
  accountId: z.string().nullable(),
  identities: z.object({ added: z.array(diffAddedIdentitySchema), removed: z.array(diffIdentitySchema) }),
  /** Identities the analysis marks as AI (the inventory's AI column) that appeared or went. */
  aiAgents: z.object({ added: z.array(diffAddedIdentitySchema), removed: z.array(diffIdentitySchema) }),
  shadowAi: z.object({ added: z.array(diffShadowAiSchema) }),
  /**
   * `new`: first seen by `to` after `from`; `regressed`: seen before `from` (or resolved by hand since)
   * and back in `to`; `resolved`: in `from`, not in `to`. `new` and `regressed` list the critical and
   * high ones, `resolved` lists all; `counts` counts every severity of each.
   */
  findings: z.object({
    new: z.array(diffFindingSchema),
    regressed: z.array(diffFindingSchema),
    resolved: z.array(diffFindingSchema),
    counts: z.object({ new: diffSeverityCountsSchema, regressed: diffSeverityCountsSchema, resolved: diffSeverityCountsSchema }),
  }),
  /** Identities in both scans whose owner (registry, else tags) or tier differs. */
  owners: z.object({ changed: z.array(diffOwnerChangeSchema) }),
  tiers: z.object({ changed: z.array(diffTierChangeSchema) }),
  counts: diffCountsSchema,
});
export type ScanDiff = z.infer<typeof scanDiffSchema>;

export const changesChannels = {
  'changes:get': channel(
    'read',
    'What changed between two completed scans of one account (default: the account’s newest scan against the one before it): identities and AI agents added and removed, new shadow AI, findings new, regressed and resolved, owner and tier changes.',
    z.object({
      /** The earlier scan; default: the completed scan of the same account just before `to`. */
      from: z.string().min(1).nullable().default(null),
      /** The later scan; default: the newest completed scan of `accountId` (needed when the workspace holds several accounts). */
      to: z.string().min(1).nullable().default(null),
      accountId: accountIdSchema.nullable().default(null),
    }),
    scanDiffSchema,
  ),
} as const satisfies ChannelTable<'changes'>;
