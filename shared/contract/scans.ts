/**
 * `scans:*` — live scans, the scan history and the session's jobs (`job:*` events carry the same shapes).
 * Handler: electron/core/handlers/scans-handlers.ts.
 */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';
import { memberRoleNameSchema } from './common';
import { externalIdSchema, profileNameSchema, regionSchema, roleArnSchema } from './connections';

export const COLLECTOR_OUTCOMES = ['ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled'] as const;
export const collectorOutcomeSchema = z.enum(COLLECTOR_OUTCOMES);
export type CollectorOutcomeName = z.infer<typeof collectorOutcomeSchema>;

export const SCAN_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export const scanStatusSchema = z.enum(SCAN_STATUSES);
export const scanSourceSchema = z.enum(['live', 'import', 'demo']);

/** One scan in the history: a finished live scan, an offline import or the demo data. */
export const scanSummarySchema = z.object({
  id: z.string(),
  source: scanSourceSchema,
  label: z.string().nullable(),
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  accountId: z.string().nullable(),
  accountAlias: z.string().nullable(),
  regions: z.array(z.string()),
  status: scanStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  apiCallCount: z.number().int(),
  identityCount: z.number().int(),
  workloadCount: z.number().int(),
  /** Collector tasks per outcome, e.g. { ok: 12, denied: 1 }. */
  outcomes: z.record(z.string(), z.number().int()),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

/** An account of the workspace with its current scan (the newest completed one), for account filters. */
export const accountViewSchema = z.object({
  accountId: z.string(),
  /** The account alias the scan read, if any. */
  alias: z.string().nullable(),
  /** The team's label for it (Settings, known accounts), if declared. */
  label: z.string().nullable(),
  currentScanId: z.string(),
  scannedAt: z.string(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/**
 * What a listing shows: the current state (every account's newest completed scan, or one account's) or
 * one scan's own rows, a past view when a newer scan of its account exists.
 */
export const viewSchema = z.object({
  kind: z.enum(['current', 'scan']),
  /** The scans the rows come from, by account ID; empty when the workspace has no completed scan (of that account). */
  scans: z.array(scanSummarySchema),
  /** The account the view is narrowed to, or null for all accounts. */
  accountId: z.string().nullable(),
  /** A single-scan view whose account has a newer completed scan: its rows are not the current state. */
  past: z.boolean(),
  /** Every account of the workspace with its current scan. */
  accounts: z.array(accountViewSchema),
});
export type ViewInfo = z.infer<typeof viewSchema>;

export const collectorRunSchema = z.object({
  collector: z.string(),
  label: z.string(),
  /** null for a global collector (IAM, STS, Organizations). */
  region: z.string().nullable(),
  outcome: collectorOutcomeSchema,
  message: z.string().nullable(),
  calls: z.number().int(),
  durationMs: z.number().int(),
});
export type CollectorRunInfo = z.infer<typeof collectorRunSchema>;

export const scanDetailSchema = scanSummarySchema.extend({
  scannerArn: z.string().nullable(),
  collectors: z.array(collectorRunSchema),
  /** AWS API calls per IAM action (e.g. iam:GetAccountAuthorizationDetails). */
  apiCalls: z.array(z.object({ operation: z.string(), count: z.number().int() })),
  warnings: z.array(z.string()),
});
export type ScanDetail = z.infer<typeof scanDetailSchema>;

export const scanRequestSchema = z.object({
  target: z.union([
    z.object({ connectionId: z.string().min(1) }),
    z.object({
      profile: profileNameSchema.nullable(),
      roleArn: roleArnSchema.nullable().default(null),
      externalId: externalIdSchema.nullable().default(null),
    }),
  ]),
  /** Regions for the regional collectors; empty: the connection's regions, else the profile's region. */
  regions: z.array(regionSchema).max(40).default([]),
  /** Scan every region enabled for the account (EC2 DescribeRegions). */
  allRegions: z.boolean().default(false),
  /** Also scan every member account of the organisation through this read-only role. */
  organization: z.object({ memberRoleName: memberRoleNameSchema }).nullable().default(null),
});
export type ScanRequest = z.input<typeof scanRequestSchema>;

export const JOB_KINDS = ['scan', 'import', 'demo', 'report'] as const;
export const jobKindSchema = z.enum(JOB_KINDS);
export const JOB_STEP_STATUSES = ['pending', 'running', ...COLLECTOR_OUTCOMES] as const;
export const jobStepStatusSchema = z.enum(JOB_STEP_STATUSES);

/** One row of a job's live progress panel: a collector in a region, or an import step. */
export const jobStepSchema = z.object({
  step: z.string(),
  label: z.string(),
  region: z.string().nullable(),
  /** Which account, for organisation-wide scans. */
  accountId: z.string().nullable(),
  status: jobStepStatusSchema,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  calls: z.number().int().min(0),
  message: z.string().nullable(),
});
export type JobStep = z.infer<typeof jobStepSchema>;

export const jobSchema = z.object({
  jobId: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  steps: z.array(jobStepSchema),
  /** Scans written by the job (one per account). */
  scanIds: z.array(z.string()),
  message: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

export const scansChannels = {
  'scans:list': channel('read', 'Scan history of this workspace, newest first.', empty, z.array(scanSummarySchema)),
  'scans:get': channel(
    'read',
    'One scan with its per-collector outcomes, API calls and warnings.',
    z.object({ id: z.string().min(1) }),
    scanDetailSchema,
  ),
  'scans:start': channel(
    'write',
    'Start a read-only scan of a connection or profile; progress arrives as job:progress events.',
    scanRequestSchema,
    z.object({ jobId: z.string() }),
  ),
  'scans:cancel': channel('read', 'Cancel a running job; in-flight AWS requests are aborted.', z.object({ jobId: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
  'scans:jobs': channel('read', 'Jobs of this session (running and finished), with their progress.', empty, z.array(jobSchema)),
} as const satisfies ChannelTable<'scans'>;
