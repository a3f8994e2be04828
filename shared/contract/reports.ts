/**
 * `reports:*` — the reports leadership reads and auditors check (issue 13). One model per report, built
 * pure in the core (electron/core/reports/), drawn by one print page in the renderer (renderer/src/print/)
 * and printed to PDF through a `ReportPrinter` (Chromium via playwright-core in `warden report` and the
 * loopback server, `webContents.printToPDF` in the desktop app). Handler: electron/core/handlers/reports-handlers.ts.
 * docs/reports.md says where every figure comes from.
 */
import { z } from 'zod';
import { channel, type ChannelTable } from './channel';
import { accountIdSchema, tierSchema } from './common';
import { severitySchema } from './findings';
import { overviewSchema, OVERVIEW_KPI_IDS } from './overview';
import { minutesSchema } from './reviews';

export const PAPER_SIZES = ['a4', 'letter'] as const;
export const paperSizeSchema = z.enum(PAPER_SIZES);
export type PaperSize = z.infer<typeof paperSizeSchema>;

const namedAgentSchema = z.object({ arn: z.string(), name: z.string(), accountId: z.string(), tier: tierSchema.nullable() });

/** One of the top risks: plain words first (page 1), the detail and the fix later. */
export const reportRiskSchema = z.object({
  rank: z.number().int(),
  findingId: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  /** The finding's title, as the Findings screen shows it. */
  title: z.string(),
  /** What could go wrong, in plain words: the first sentence of the finding's explanation. */
  plainWords: z.string(),
  explanation: z.string(),
  agent: namedAgentSchema.nullable(),
  /** The agent's owner (registry or tag), else the owner of the plan task it blocks; null: nobody. */
  owner: z.string().nullable(),
  /** The due date of the plan task it blocks; null when no task covers it. */
  dueDate: z.string().nullable(),
  planTask: z.string().nullable(),
  remediation: z.string(),
  fix: z.object({ kind: z.enum(['aws-cli', 'policy-json']), text: z.string() }),
  firstSeenAt: z.string(),
});
export type ReportRisk = z.infer<typeof reportRiskSchema>;

export const reportKpiSchema = z.object({
  id: z.enum(OVERVIEW_KPI_IDS),
  label: z.string(),
  value: z.number().int(),
  previous: z.number().int().nullable(),
  delta: z.number().int().nullable(),
  /**
   * Whether the change is good news (fewer open findings) or bad (more agents without owners); `changed`
   * for a count that is neither (more AI agents); `none` without a previous figure.
   */
  direction: z.enum(['better', 'worse', 'same', 'changed', 'none']),
});
export type ReportKpi = z.infer<typeof reportKpiSchema>;

/** One row of the appendix (Tier 1 agents, or all agents when asked). */
const appendixAgentSchema = namedAgentSchema.extend({ ai: z.boolean(), owner: z.string().nullable(), status: z.string(), criticalHigh: z.number().int(), open: z.number().int(), lastUsedAt: z.string().nullable() });
export type ReportAppendixAgent = z.infer<typeof appendixAgentSchema>;

export const leadershipReportSchema = z.object({
  /** Stable for the same data on the same day (scans, audit head, scope): `LR-YYYYMMDD-xxxxxxxx`. */
  reportId: z.string(),
  generatedAt: z.string(),
  /** The company (the demo's) or the workspace's file name. */
  organisation: z.string(),
  /**
   * What the changes compare against. `days` null (the default): each account's previous scan, `from`
   * the earliest previous scan's date (null with one scan per account), `to` the newest current one.
   * `days` N: the last N days, `from` the period's start and `to` the day the report is made; each
   * account compares with its last scan at or before the start (`comparedWith`, scan null: none).
   */
  period: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    days: z.number().int().nullable(),
    comparedWith: z.array(z.object({ accountId: z.string().nullable(), label: z.string(), scanId: z.string().nullable(), scannedAt: z.string().nullable() })),
    /** One sentence for page 1: what the arrows compare with, or that there is nothing earlier to compare with. */
    comparison: z.string(),
  }),
  scope: z.object({ accountId: accountIdSchema.nullable(), accounts: z.array(z.object({ accountId: z.string().nullable(), label: z.string(), scanId: z.string(), scannedAt: z.string() })) }),
  /** The current scans every figure comes from. */
  scanIds: z.array(z.string()),
  /** The audit log's newest entry: an auditor re-runs `warden audit verify` and finds the same head. */
  audit: z.object({ headHash: z.string().nullable(), headSeq: z.number().int().nullable(), chainOk: z.boolean() }),
  verdict: z.object({ ok: z.boolean(), text: z.string(), reasons: z.array(z.string()) }),
  score: z.object({ value: z.number().int(), previous: z.number().int().nullable(), change: z.number().int().nullable(), formula: z.string() }),
  kpis: z.array(reportKpiSchema),
  topRisks: z.array(reportRiskSchema),
  /** Open critical and high findings in all (the top risks are the first of them). */
  openCriticalHigh: z.number().int(),
  plan: z
    .object({
      startDate: z.string(),
      week: z.number().int().nullable(),
      verifiedPercent: z.number().int(),
      done: z.number().int(),
      total: z.number().int(),
      regressed: z.number().int(),
      late: z.array(z.object({ title: z.string(), owner: z.string().nullable(), dueDate: z.string() })),
    })
    .nullable(),
  decisions: z.object({
    expiringRisks: z.array(z.object({ findingId: z.string(), title: z.string(), agentName: z.string().nullable(), until: z.string(), acceptedBy: z.string().nullable() })),
    /** Identities unused long enough to be decommission candidates (`identity_unused`), Tier 1 first. */
    decommission: z.array(namedAgentSchema.extend({ lastUsedAt: z.string().nullable() })),
    decommissionTotal: z.number().int(),
    /** AI agents with no owner (the Overview's KPI), Tier 1 first. */
    missingOwners: z.array(namedAgentSchema),
    missingOwnersTotal: z.number().int(),
  }),
  shadowAi: z.object({
    aiAgents: z.number().int(),
    registered: z.number().int(),
    unregistered: z.number().int(),
    /**
     * Unregistered AI agents found since the previous scan (new `shadow_ai_unregistered` findings); with
     * a period, those first seen in it.
     */
    newSincePrevious: z.number().int(),
    /** The first SHADOW_NAMES_SHOWN of them, Tier 1 first (`unregistered` is the total): page 2 stays one block. */
    unregisteredAgents: z.array(namedAgentSchema.extend({ owner: z.string().nullable() })),
  }),
  /**
   * The appendix: the Tier 1 agents (AI agents first, then the most critical and high findings), with
   * their owner and open findings, one row each; at most TIER1_APPENDIX_ROWS of them, so the report's
   * length is bounded whatever the workspace (`tier1AgentsTotal` says how many there are; `allAgents`
   * lists every agent when asked).
   */
  tier1Agents: z.array(appendixAgentSchema),
  tier1AgentsTotal: z.number().int(),
  /**
   * Only when asked (`allAgents`): every agent of the scope, Tier 1 first; the appendix then lists
   * these instead of the Tier 1 agents (which are among them). Null: not asked.
   */
  allAgents: z.array(appendixAgentSchema).nullable(),
  /** The Overview the charts draw, as `overview:get` gives it (the same components draw it). */
  overview: overviewSchema,
  /** Every AWS word the report uses, with a one-line gloss. */
  glossary: z.array(z.object({ term: z.string(), meaning: z.string() })),
});
export type LeadershipReport = z.infer<typeof leadershipReportSchema>;

/** The longest period a report compares over (`365d`). */
export const MAX_REPORT_PERIOD_DAYS = 365;
/** The periods the Reports screen offers; `warden report --period Nd` takes any N from 1 to 365. */
export const REPORT_PERIODS = ['7d', '30d', '90d'] as const;
/** `Nd`: the last N days (1–365). */
export const reportPeriodSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}d$/, 'a number of days such as 7d, 30d or 90d')
  .refine((value) => Number.parseInt(value, 10) <= MAX_REPORT_PERIOD_DAYS, `at most ${MAX_REPORT_PERIOD_DAYS}d`);
/** The days of a valid period (`30d` → 30). */
export function reportPeriodDays(period: string): number {
  return Number.parseInt(period, 10);
}

const reportInputSchema = z.object({
  accountId: accountIdSchema.nullable().default(null),
  /** The leadership report's appendix lists every agent, not only Tier 1 (`--all-agents`): many more pages. */
  allAgents: z.boolean().default(false),
  /** The leadership report's period (`30d`): the changes compare with its start. Null: since the previous scan. */
  period: reportPeriodSchema.nullable().default(null),
});

/** The reports that print: the leadership report (scope: all accounts or one) and a meeting's minutes. */
export const REPORT_KINDS = ['leadership', 'minutes'] as const;
export const reportKindSchema = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof reportKindSchema>;

/**
 * A meeting's minutes as a report: the `reviews:minutes` model word for word, with what every printed
 * page carries (report ID, generation time, the audit log head an auditor checks it against).
 */
export const minutesReportSchema = z.object({
  /** Stable for the same meeting and audit head on the same day: `MN-YYYYMMDD-xxxxxxxx`. */
  reportId: z.string(),
  generatedAt: z.string(),
  organisation: z.string(),
  audit: z.object({ headHash: z.string().nullable(), headSeq: z.number().int().nullable(), chainOk: z.boolean() }),
  minutes: minutesSchema,
});
export type MinutesReport = z.infer<typeof minutesReportSchema>;

export const reportsChannels = {
  'reports:leadership': channel(
    'read',
    'The leadership report: verdict and score with their change, KPIs, top risks with owners and due dates, plan progress, the decisions leadership must take, charts, shadow AI, Tier 1 agents; with the scans and audit head it came from.',
    reportInputSchema,
    leadershipReportSchema,
  ),
  'reports:minutes': channel(
    'read',
    'A meeting’s minutes as a printable report: the minutes (reviews:minutes) with a report ID, the generation time and the audit log head.',
    z.object({ meetingId: z.string().min(1) }),
    minutesReportSchema,
  ),
  'reports:print': channel(
    'read',
    'Print a report to PDF through the back end’s printer (Chromium, or the desktop app’s own); answers the file as base64 with its name and page count. Unavailable where no printer is. `minutes` needs `meetingId`.',
    reportInputSchema.extend({ report: reportKindSchema, meetingId: z.string().min(1).nullable().default(null), paper: paperSizeSchema.default('a4') }),
    z.object({ fileName: z.string(), mediaType: z.literal('application/pdf'), base64: z.string(), pages: z.number().int(), reportId: z.string() }),
  ),
} as const satisfies ChannelTable<'reports'>;
