/**
 * `reviews:*` — review meetings (../shared/PRODUCT.md step 10): which agents are due for review by their
 * tier's cadence (Settings `reviewCadence`), meetings planned with an agenda drawn from them, run one
 * agent at a time (meeting mode: the agent as `agents:get` shows it, the evidence the room saw and what
 * changed since its last review), decisions committed one by one (registry effects and `review.*` audit
 * entries in the same transaction), action items tracked afterwards, and the minutes as a model the
 * reports render. Fully offline. Handler: electron/core/handlers/reviews-handlers.ts; rules:
 * electron/core/governance/reviews/.
 */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';
import { accountIdSchema, isoDateSchema, tierSchema } from './common';
import { agentDetailSchema } from './agents';
import { severitySchema } from './findings';

export const MEETING_STATUSES = ['planned', 'in_progress', 'held'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/** What the room decides about one agent. */
export const REVIEW_DECISIONS = ['keep', 'keep_with_changes', 'reduce_access', 'rotate_credentials', 'retier', 'decommission', 'defer'] as const;
export const reviewDecisionKindSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecisionKind = z.infer<typeof reviewDecisionKindSchema>;

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export const actionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);

/** Longest texts people type in a meeting: kept in the workspace and the minutes. */
export const REVIEW_TEXT_LIMITS = { title: 200, person: 100, note: 4000, reason: 2000, actionText: 500, attendees: 50, deciders: 20, actionItems: 20, agenda: 500 } as const;

/** One line of visible text (a name, a title): a line break would let it pose as two rows of the minutes. */
const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .refine((text) => !/[\p{Cc}\u2028\u2029]/u.test(text), `${what} cannot contain line breaks or control characters`);

const personSchema = oneLine(REVIEW_TEXT_LIMITS.person, 'a name');
const reasonSchema = z.string().trim().min(10, 'say why, in at least 10 characters').max(REVIEW_TEXT_LIMITS.reason);

/**
 * A meeting's local date and time (`YYYY-MM-DDTHH:MM`, no offset): read in the meeting's time zone, so a
 * 10:00 meeting stays at 10:00 across a daylight-saving change.
 */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a local date and time (YYYY-MM-DDTHH:MM)');

/** An IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone (use an IANA name such as Europe/Berlin)');

/** One agent on an agenda: why it is there (due since…, never reviewed, carried over, added by hand). */
export const agendaEntrySchema = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  tier: tierSchema,
  reason: z.string(),
});
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

export const actionItemSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  arn: z.string(),
  agentName: z.string(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: actionItemStatusSchema,
  /** Open past its due date (the day after it, today's date). */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const reviewDecisionSchema = z.object({
  arn: z.string(),
  agentName: z.string(),
  decision: reviewDecisionKindSchema,
  /** retier: the tier set (a registry tier override with `reason`). */
  newTier: tierSchema.nullable(),
  /** Why: retier, decommission and defer carry one. */
  reason: z.string().nullable(),
  /** defer: the date the agent is due again. */
  deferUntil: z.string().nullable(),
  note: z.string(),
  deciders: z.array(z.string()),
  decidedAt: z.string(),
  /** SHA-256 (hex) of the canonical JSON of the evidence the room saw (reviewEvidenceSchema). */
  evidenceHash: z.string(),
  actionItems: z.array(actionItemSchema),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const meetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  scheduledFor: localDateTimeSchema,
  timeZone: z.string(),
  status: meetingStatusSchema,
  attendees: z.array(z.string()),
  /** Which tiers and accounts the agenda was drawn from (empty: all). */
  tiers: z.array(tierSchema),
  accountIds: z.array(z.string()),
  agenda: z.array(agendaEntrySchema),
  decisions: z.array(reviewDecisionSchema),
  /** Agents on the agenda not decided when the meeting ended: carried to the next meeting. */
  carriedOver: z.array(agendaEntrySchema),
  /** The first agenda agent without a decision (where meeting mode resumes); null when all are decided. */
  nextArn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const reviewCadenceInfoSchema = z.object({
  tier1Days: z.number().int(),
  tier2Days: z.number().int(),
  tier3Days: z.number().int(),
  /** false: the team has not set it (Settings), the defaults 30 / 90 / 182 are in force. */
  set: z.boolean(),
});

/** An agent due for review by a date. */
export const dueAgentSchema = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  tier: tierSchema,
  owner: z.string().nullable(),
  lastReviewAt: z.string().nullable(),
  /** When its next review falls due (YYYY-MM-DD); null: never reviewed nor scheduled (due now). */
  dueDate: z.string().nullable(),
  neverReviewed: z.boolean(),
  /** Due before today. */
  overdue: z.boolean(),
  /** Why it is due, in words. */
  reason: z.string(),
  openCriticalHigh: z.number().int(),
});
export type DueAgent = z.infer<typeof dueAgentSchema>;

/**
 * What the room saw of one agent, stored with each decision and hashed (SHA-256 of its canonical JSON):
 * the next review's "changed since" is the diff of this against the agent now.
 */
export const reviewEvidenceSchema = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  /** The scan the agent was read from (null: no current scan has it any more). */
  scanId: z.string().nullable(),
  owner: z.string().nullable(),
  status: z.string(),
  tier: tierSchema,
  tierReasons: z.array(z.string()),
  credentials: z.array(z.object({ type: z.string(), label: z.string(), active: z.boolean(), ageDays: z.number().int().nullable() })),
  /** Services with the access levels allowed (at least one action). */
  permissions: z.array(z.object({ service: z.string(), levels: z.array(z.string()), anyResource: z.boolean() })),
  escalation: z.array(z.object({ outcome: z.string(), via: z.array(z.string()) })),
  workloads: z.array(z.object({ arn: z.string(), type: z.string(), name: z.string(), region: z.string() })),
  openFindings: z.array(z.object({ fingerprint: z.string(), ruleId: z.string(), severity: severitySchema, title: z.string() })),
});
export type ReviewEvidence = z.infer<typeof reviewEvidenceSchema>;

const findingRefSchema = z.object({ fingerprint: z.string(), ruleId: z.string(), severity: severitySchema, title: z.string() });

/** What changed since the agent's previous decision (the evidence stored with it, against now). */
export const reviewChangesSchema = z.object({
  /** null: never reviewed (everything is new; the lists are empty). */
  previous: z.object({ meetingId: z.string(), meetingTitle: z.string(), decision: reviewDecisionKindSchema, decidedAt: z.string(), evidenceHash: z.string() }).nullable(),
  newFindings: z.array(findingRefSchema),
  resolvedFindings: z.array(findingRefSchema),
  /** Services newly reachable, or reachable at new access levels (the levels listed are the new ones). */
  newPermissions: z.array(z.object({ service: z.string(), levels: z.array(z.string()) })),
  newWorkloads: z.array(z.object({ arn: z.string(), type: z.string(), name: z.string(), region: z.string() })),
  ownerChange: z.object({ from: z.string().nullable(), to: z.string().nullable() }).nullable(),
  tierChange: z.object({ from: tierSchema, to: tierSchema }).nullable(),
});
export type ReviewChanges = z.infer<typeof reviewChangesSchema>;

/** Meeting mode's one agent. */
export const agendaItemViewSchema = z.object({
  meetingId: z.string(),
  meetingStatus: meetingStatusSchema,
  /** 1-based place on the agenda, of `total`. */
  position: z.number().int(),
  total: z.number().int(),
  decidedCount: z.number().int(),
  entry: agendaEntrySchema,
  previousArn: z.string().nullable(),
  nextArn: z.string().nullable(),
  /** The agent as agents:get shows it; null when no account's current scan has it any more. */
  detail: agentDetailSchema.nullable(),
  evidence: reviewEvidenceSchema,
  evidenceHash: z.string(),
  changes: reviewChangesSchema,
  /** Its decision in this meeting, once made. */
  decision: reviewDecisionSchema.nullable(),
});
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;

/** The minutes as data: the app shows them, the reports issue renders them to PDF, the CLI to Markdown. */
export const minutesSchema = z.object({
  meetingId: z.string(),
  title: z.string(),
  status: meetingStatusSchema,
  scheduledFor: z.string(),
  timeZone: z.string(),
  /** When it was held: started and ended (null while not yet). */
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  attendees: z.array(z.string()),
  agenda: z.array(agendaEntrySchema.extend({ outcome: z.union([reviewDecisionKindSchema, z.literal('carried_over'), z.literal('pending')]) })),
  decisions: z.array(reviewDecisionSchema),
  actionItems: z.array(actionItemSchema),
  carriedOver: z.array(agendaEntrySchema),
  generatedAt: z.string(),
});
export type Minutes = z.infer<typeof minutesSchema>;

const meetingIdSchema = z.object({ id: z.string().min(1) });

export const actionItemInputSchema = z.object({
  text: oneLine(REVIEW_TEXT_LIMITS.actionText, 'an action item'),
  owner: personSchema,
  dueDate: isoDateSchema,
});

export const reviewDecideSchema = z
  .object({
    id: z.string().min(1),
    arn: z.string().min(1),
    decision: reviewDecisionKindSchema,
    /** retier only. */
    newTier: tierSchema.nullable().default(null),
    /** Required for retier, decommission and defer. */
    reason: reasonSchema.nullable().default(null),
    /** defer only: when the agent is due again (after today). */
    deferUntil: isoDateSchema.nullable().default(null),
    note: z.string().trim().max(REVIEW_TEXT_LIMITS.note).default(''),
    deciders: z.array(personSchema).min(1, 'say who decided').max(REVIEW_TEXT_LIMITS.deciders),
    actionItems: z.array(actionItemInputSchema).max(REVIEW_TEXT_LIMITS.actionItems).default([]),
    /**
     * The evidence hash meeting mode showed (reviews:agendaItem): when given, the decision is refused
     * (conflict) if the agent's evidence changed since, so what is recorded is what the room saw.
     */
    evidenceHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex').nullable().default(null),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'retier' && input.newTier === null) ctx.addIssue({ code: 'custom', path: ['newTier'], message: 'a re-tier needs the new tier' });
    if (input.decision !== 'retier' && input.newTier !== null) ctx.addIssue({ code: 'custom', path: ['newTier'], message: 'only a re-tier sets a tier' });
    if ((input.decision === 'retier' || input.decision === 'decommission' || input.decision === 'defer') && input.reason === null) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why' });
    }
    if (input.decision === 'defer' && input.deferUntil === null) ctx.addIssue({ code: 'custom', path: ['deferUntil'], message: 'a deferral needs the date the agent is due again' });
    if (input.decision !== 'defer' && input.deferUntil !== null) ctx.addIssue({ code: 'custom', path: ['deferUntil'], message: 'only a deferral takes a date' });
    if (input.decision === 'keep_with_changes' && input.actionItems.length === 0) ctx.addIssue({ code: 'custom', path: ['actionItems'], message: 'keep with changes needs at least one action item' });
  });

export const reviewPlanSchema = z.object({
  title: oneLine(REVIEW_TEXT_LIMITS.title, 'a title'),
  scheduledFor: localDateTimeSchema,
  timeZone: timeZoneSchema,
  attendees: z.array(personSchema).max(REVIEW_TEXT_LIMITS.attendees).default([]),
  /** Which tiers the agenda is drawn from; empty: all. */
  tiers: z.array(tierSchema).max(3).default([]),
  /** Which accounts; empty: all. */
  accountIds: z.array(accountIdSchema).max(200).default([]),
});

export const reviewsChannels = {
  'reviews:due': channel(
    'read',
    'Agents due for review by a date (today by default), by their tier’s cadence and last decision: never reviewed first, then by tier, then by open critical and high findings.',
    z.object({
      by: isoDateSchema.nullable().default(null),
      tiers: z.array(tierSchema).max(3).default([]),
      accountIds: z.array(accountIdSchema).max(200).default([]),
    }),
    z.object({ by: z.string(), cadence: reviewCadenceInfoSchema, agents: z.array(dueAgentSchema) }),
  ),
  'reviews:list': channel('read', 'Every review meeting, the newest scheduled first.', empty, z.object({ meetings: z.array(meetingSchema) })),
  'reviews:get': channel('read', 'One review meeting: agenda, decisions with their action items, what was carried over.', meetingIdSchema, meetingSchema),
  'reviews:plan': channel(
    'write',
    'Plan a review meeting; its agenda is drawn from the agents due by its date (and those carried over from earlier meetings).',
    reviewPlanSchema,
    meetingSchema,
  ),
  'reviews:updateAgenda': channel(
    'write',
    'Set a planned meeting’s agenda (add, remove, reorder): the ARNs in order. Refused once the meeting has started.',
    z.object({ id: z.string().min(1), arns: z.array(z.string().min(1)).max(REVIEW_TEXT_LIMITS.agenda) }),
    meetingSchema,
  ),
  'reviews:start': channel('write', 'Start a planned meeting (meeting mode); starting one in progress resumes it.', meetingIdSchema, meetingSchema),
  'reviews:agendaItem': channel(
    'read',
    'Meeting mode’s one agent: the agent as agents:get shows it, the evidence the room sees (and its hash), what changed since its last review, and its decision once made.',
    z.object({ id: z.string().min(1), arn: z.string().min(1) }),
    agendaItemViewSchema,
  ),
  'reviews:decide': channel(
    'write',
    'Record the room’s decision on one agent of a meeting in progress: committed at once with its registry effects (review dates, tier override, decommissioning) and audit entries.',
    reviewDecideSchema,
    meetingSchema,
  ),
  'reviews:end': channel('write', 'End a meeting in progress: agents not reached are carried over to the next meeting.', meetingIdSchema, meetingSchema),
  'reviews:minutes': channel('read', 'A meeting’s minutes as data: date, attendees, agenda, decisions with notes and evidence hashes, action items, what was carried over.', meetingIdSchema, minutesSchema),
  'reviews:actionItems': channel(
    'read',
    'Action items from review decisions (open ones first, by due date), overdue ones flagged; optionally one agent’s.',
    z.object({ status: actionItemStatusSchema.nullable().default(null), arn: z.string().min(1).nullable().default(null) }),
    z.object({ items: z.array(actionItemSchema) }),
  ),
  'reviews:calendar': channel(
    'write',
    'The review meetings as an iCalendar file (RFC 5545): one series per tier at its cadence (or one tier), or one combined monthly meeting, at the time and zone of the next planned meeting; UIDs stable, SEQUENCE bumped when a series changes (kept in the workspace).',
    // Strict: a request with anything else is refused before a file is made (and SEQUENCE numbers stored).
    z.object({ mode: z.enum(['per-tier', 'combined']).default('per-tier'), tier: tierSchema.nullable().default(null) }).strict(),
    z.object({
      fileName: z.string(),
      text: z.string(),
      series: z.array(z.object({ key: z.string(), title: z.string(), firstStart: z.string(), timeZone: z.string(), freq: z.enum(['WEEKLY', 'MONTHLY']), interval: z.number().int(), sequence: z.number().int() })),
    }),
  ),
  'reviews:updateActionItem': channel(
    'write',
    'Mark an action item done, or reopen it; audited.',
    z.object({ id: z.string().min(1), status: actionItemStatusSchema }),
    actionItemSchema,
  ),
} as const satisfies ChannelTable<'reviews'>;
