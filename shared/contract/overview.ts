/**
 * `overview:*` — the Overview: "are our AI agents under control?" in one verdict, a posture score,
 * KPIs with their change since the previous scan, and the series the charts draw. Everything comes
 * from the stored per-scan metrics (electron/core/governance/overview/); nothing is re-analysed.
 * Handler: electron/core/handlers/overview-handlers.ts. docs/overview.md defines every figure.
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { accountIdSchema, tierSchema } from './common';
import { FINDING_STATUSES, SEVERITY_NAMES } from './findings';
import { planViewSchema, planWeekSchema } from './plan';

/** Access-key age buckets (days at the scan): < 30, 30–89, 90–364, ≥ 365, unknown. */
export const KEY_AGE_BUCKETS = ['lt30', 'd30to90', 'd90to365', 'gt365', 'unknown'] as const;
export type KeyAgeBucket = (typeof KEY_AGE_BUCKETS)[number];

/**
 * Which rows a figure counts, so a KPI or a chart's bar opens the list it counts. `query` is the
 * screen's address query (`#/inventory?…`, `#/findings?…`); `match` says the same as data, and
 * `shared/overview-filters.ts` applies it to `agents:list` / `findings:list` rows (the test that holds
 * the figures to the lists uses it, and so can the screens). Lists of values mean "any of".
 */
export const inventoryMatchSchema = z.object({
  ai: z.boolean().optional(),
  tier: tierSchema.optional(),
  /** `none`: no owner; `any`: some owner. */
  owner: z.enum(['none', 'any']).optional(),
  status: z.enum(['registered', 'unregistered', 'decommissioned']).optional(),
  /** At least one active long-lived key (the inventory's keys column > 0). */
  activeKeys: z.boolean().optional(),
  /**
   * The age bucket of the identity's oldest active access key at its scan (`oldestKeyAgeBucket` in
   * shared/overview-filters.ts): the key-age chart counts identities, so a bar opens exactly its rows.
   */
  keyAge: z.enum(KEY_AGE_BUCKETS).optional(),
});
export const findingsMatchSchema = z.object({
  /** `resolvedSinceLastScan`: the findings:list answer's second list. */
  list: z.enum(['findings', 'resolvedSinceLastScan']),
  severities: z.array(z.enum(SEVERITY_NAMES)).optional(),
  statuses: z.array(z.enum(FINDING_STATUSES)).optional(),
  ruleId: z.string().optional(),
  isNew: z.boolean().optional(),
  step: z.number().int().optional(),
  /** Tier of the finding's principal in the same scan; `none` when it has none or it is not an inventory row. */
  tier: z.enum(['1', '2', '3', 'none']).optional(),
});
export const overviewFilterSchema = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('inventory'), query: z.string(), match: inventoryMatchSchema }),
  z.object({ screen: z.literal('findings'), query: z.string(), match: findingsMatchSchema }),
]);
export type OverviewFilter = z.infer<typeof overviewFilterSchema>;

/**
 * Where a point of the trend opens. Findings when one list shows that date's figure: one account's
 * scan of that day (`scan=ID`, its past view; the current one for the newest date), or, for all
 * accounts, the current findings for the newest date. An older date of several accounts sums scans
 * of different accounts and days that no one list shows, so it opens the Scans list.
 */
export const trendOpensSchema = z.discriminatedUnion('screen', [
  z.object({
    screen: z.literal('findings'),
    query: z.string(),
    /** The scan whose findings:list the figure equals; null: the current state of the scope. */
    scanId: z.string().nullable(),
    /** Counts the point's `open` figure in that list. */
    match: findingsMatchSchema,
  }),
  z.object({ screen: z.literal('scans'), query: z.string() }),
]);
export type TrendOpens = z.infer<typeof trendOpensSchema>;

export const OVERVIEW_KPI_IDS = [
  'identities',
  'aiAgents',
  'tier1Agents',
  'openCriticalHigh',
  'aiAgentsWithoutOwner',
  'tier1LongLivedKeys',
  'unregisteredAiAgents',
  'reviewsOverdue',
  'acceptedRisks',
  'newFindings',
  'resolvedFindings',
] as const;

export const overviewKpiSchema = z.object({
  id: z.enum(OVERVIEW_KPI_IDS),
  label: z.string(),
  value: z.number().int(),
  /** The same figure over each account's previous scan; null when no account in scope has one. */
  previous: z.number().int().nullable(),
  /** value − previous (null with previous). */
  delta: z.number().int().nullable(),
  filter: overviewFilterSchema,
});
export type OverviewKpi = z.infer<typeof overviewKpiSchema>;

const countPoint = z.object({ key: z.string(), label: z.string(), value: z.number().int(), filter: overviewFilterSchema });

export const overviewSchema = z.object({
  generatedAt: z.string(),
  scope: z.object({
    /** null: all accounts. */
    accountId: accountIdSchema.nullable(),
    accounts: z.array(z.object({ accountId: z.string().nullable(), alias: z.string().nullable(), label: z.string().nullable(), currentScanId: z.string(), scannedAt: z.string() })),
  }),
  score: z.object({ value: z.number().int().min(0).max(100), previous: z.number().int().nullable(), formula: z.string() }),
  verdict: z.object({
    /** `yes` only when nothing critical or high is open and every AI agent has an owner. */
    ok: z.boolean(),
    text: z.string(),
    reasons: z.array(z.string()),
  }),
  kpis: z.array(overviewKpiSchema),
  /**
   * What `previous` is: per account with a current scan, the scan its previous figures come from (null:
   * none, so the account is left out of them); `since` the instant asked for (null: the previous scan).
   */
  comparedWith: z.object({
    since: z.string().nullable(),
    scans: z.array(z.object({ accountId: z.string().nullable(), scanId: z.string().nullable(), startedAt: z.string().nullable() })),
  }),
  series: z.object({
    tiers: z.array(countPoint),
    /** Open findings by the tier of the identity they are about, each split by severity. */
    findingsBySeverityTier: z.array(z.object({ tier: z.enum(['1', '2', '3', 'none']), label: z.string(), counts: z.array(countPoint) })),
    findingsByStep: z.array(countPoint),
    trend: z.array(z.object({ date: z.string(), open: z.number().int(), new: z.number().int(), resolved: z.number().int(), opens: trendOpensSchema })),
    /** Identities with an active access key, by the age of their oldest one (days at the scan). */
    keyAges: z.array(countPoint),
    ownership: z.object({
      aiAgents: z.number().int(),
      aiAgentsOwned: z.number().int(),
      identities: z.number().int(),
      identitiesOwned: z.number().int(),
      /** The rows each bar counts: with an owner and without, for AI agents and for all identities. */
      filters: z.object({ aiAgentsOwned: overviewFilterSchema, aiAgentsWithoutOwner: overviewFilterSchema, identitiesOwned: overviewFilterSchema, identitiesWithoutOwner: overviewFilterSchema }),
    }),
  }),
  /**
   * The 30-day plan's progress as of its last recorded evaluation (the Plan screen and `plan:get` read
   * the live one), with its progress over time; null before the plan starts. Workspace-wide: the plan
   * covers every account.
   */
  plan: z
    .object({
      startDate: z.string(),
      week: planWeekSchema.nullable(),
      evaluatedAt: z.string().nullable(),
      summary: planViewSchema.shape.summary,
      progress: planViewSchema.shape.burnDown,
    })
    .nullable(),
});
export type Overview = z.infer<typeof overviewSchema>;

export const overviewChannels = {
  'overview:get': channel(
    'read',
    'The Overview of every account’s newest scan (or of one account): verdict, posture score, KPIs with their change since the previous scan, and the chart series, from the stored per-scan metrics.',
    z.object({
      accountId: accountIdSchema.nullable().default(null),
      /**
       * Compare with the state at this instant (a report's period start) instead of each account's
       * previous scan: each account's last completed scan started at or before it. Null: the previous scan.
       */
      since: z.string().datetime().nullable().default(null),
    }),
    overviewSchema,
  ),
} as const satisfies ChannelTable<'overview'>;
