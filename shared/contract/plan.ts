/**
 * `plan:*` — the workspace's 30-day plan (../shared/PRODUCT.md): a start date, four weeks, the built-in
 * tasks of `electron/core/governance/plan/plan-criteria.ts` (measured from the current state, or manual)
 * and the team's own manual tasks. A measured task says which scans verified it; a manual one who
 * claimed it: the two never share a shape (`evidence.kind`). Every change is audited (`plan.*`).
 * Handler: electron/core/handlers/plan-handlers.ts. docs/plan.md defines every criterion.
 */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';
import { isoDateSchema } from './common';
import { SEVERITY_NAMES } from './findings';

export const PLAN_TASK_STATUSES = ['open', 'done', 'regressed', 'skipped'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];

export const planWeekSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** What stands in the way of a measured task: an agent, a finding (with the fix it already carries) or an account to scan. */
export const planBlockerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), arn: z.string(), name: z.string(), accountId: z.string().nullable(), tier: z.number().int() }),
  z.object({
    kind: z.literal('finding'),
    /** The finding's fingerprint (stable across scans): `#/findings?finding=` opens it. */
    findingId: z.string(),
    ruleId: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITY_NAMES),
    principalArn: z.string().nullable(),
    principalName: z.string().nullable(),
    fix: z.object({ kind: z.enum(['aws-cli', 'policy-json']), text: z.string() }).nullable(),
  }),
  z.object({ kind: z.literal('account'), accountId: z.string(), alias: z.string().nullable(), newestScanAt: z.string().nullable() }),
]);
export type PlanBlocker = z.infer<typeof planBlockerSchema>;

/** How a task's "done" is known. Measured: the scans whose data showed it. Manual: the person who said so. */
export const planEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scan'), scanIds: z.array(z.string()), at: z.string() }),
  z.object({ kind: z.literal('claim'), by: z.string(), at: z.string(), note: z.string() }),
]);
export type PlanEvidence = z.infer<typeof planEvidenceSchema>;

export const planTaskSchema = z.object({
  id: z.string(),
  /** false: a task the team added (always manual). */
  builtIn: z.boolean(),
  week: planWeekSchema,
  step: z.number().int().min(1).max(10),
  title: z.string(),
  /** 'measured' only when the current state can decide it (e.g. human approval is measured where Bedrock action groups exist). */
  kind: z.enum(['measured', 'manual']),
  status: z.enum(PLAN_TASK_STATUSES),
  /** Past its due date and neither done nor skipped. */
  late: z.boolean(),
  /** The exact criterion (built-in tasks); null for the team's own tasks. */
  criterion: z.string().nullable(),
  /** Measured tasks: how many of what the criterion counts are done (e.g. 7 of 9 Tier 1 agents have an owner). */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** The done task's evidence; for a regressed task, when it was last verified. null while open. */
  evidence: planEvidenceSchema.nullable(),
  /** When a regressed task was found undone, and by which scans. */
  regressedAt: z.object({ at: z.string(), scanIds: z.array(z.string()) }).nullable(),
  owner: z.string().nullable(),
  dueDate: z.string(),
  notes: z.string(),
  skip: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  /** The first blockers (at most PLAN_BLOCKERS_SHOWN); blockingTotal counts them all. */
  blocking: z.array(planBlockerSchema),
  blockingTotal: z.number().int(),
  /** Accepted risks: handled, listed apart with their expiry. */
  acceptedApart: z.array(z.object({ findingId: z.string(), ruleId: z.string(), principalName: z.string().nullable(), until: z.string().nullable() })),
});
export type PlanTask = z.infer<typeof planTaskSchema>;
export const PLAN_BLOCKERS_SHOWN = 25;

export const planPositionSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('before'), day: z.number().int() }),
  z.object({ phase: z.literal('week'), week: planWeekSchema, day: z.number().int() }),
  z.object({ phase: z.literal('after'), day: z.number().int() }),
]);

export const planViewSchema = z.object({
  generatedAt: z.string(),
  /** null: no plan started yet (tasks still list what it would measure today). */
  plan: z
    .object({
      startDate: z.string(),
      /** 1–4 inside the 30 days; null before the start or after the fourth week. */
      week: planWeekSchema.nullable(),
      position: planPositionSchema,
      startedBy: z.string(),
      startedAt: z.string(),
      /** How many times it was restarted. */
      restarts: z.number().int(),
    })
    .nullable(),
  /** The current scans the measured tasks read (newest completed scan of each account). */
  scans: z.array(z.object({ scanId: z.string(), accountId: z.string().nullable(), alias: z.string().nullable(), startedAt: z.string() })),
  tasks: z.array(planTaskSchema),
  summary: z.object({ total: z.number().int(), done: z.number().int(), open: z.number().int(), regressed: z.number().int(), skipped: z.number().int(), late: z.number().int(), verifiedPercent: z.number().int() }),
  /**
   * One point per recorded evaluation since the start (a new current state or a change in any task):
   * how many of the plan's tasks were not done (skipped ones excepted). Drawn as the burn-down.
   */
  burnDown: z.array(z.object({ at: z.string(), scanIds: z.array(z.string()), open: z.number().int(), done: z.number().int(), total: z.number().int() })),
});
export type PlanView = z.infer<typeof planViewSchema>;

const taskIdSchema = z.string().min(1).max(100);
const noteSchema = z.string().trim().max(4000);
const ownerSchema = z.string().trim().min(1).max(200);
const reasonSchema = z.string().trim().min(10, 'say why, in at least 10 characters').max(2000);

export const planChannels = {
  'plan:get': channel('read', 'The 30-day plan: its position, every task with its status, progress, evidence and blockers, and the burn-down.', empty, planViewSchema),
  'plan:start': channel(
    'write',
    'Start the plan (or restart it: a new start date; claims, skips and the recorded history are cleared, owners, notes and the team\'s tasks kept).',
    z.object({ startDate: isoDateSchema.nullable().default(null), restart: z.boolean().default(false) }),
    planViewSchema,
  ),
  'plan:updateTask': channel(
    'write',
    'Change a task\'s owner, due date or notes.',
    z.object({ id: taskIdSchema, owner: ownerSchema.nullable().optional(), dueDate: isoDateSchema.optional(), notes: noteSchema.optional() }),
    planViewSchema,
  ),
  'plan:claimTask': channel(
    'write',
    'Mark a manual task done, with a note or link as evidence (claimed by you, now).',
    z.object({ id: taskIdSchema, evidence: z.string().trim().min(3, 'say what shows it is done (a note or a link)').max(2000) }),
    planViewSchema,
  ),
  'plan:reopenTask': channel('write', 'Withdraw a manual task\'s claim.', z.object({ id: taskIdSchema, reason: z.string().trim().max(2000).default('') }), planViewSchema),
  'plan:skipTask': channel('write', 'Skip a built-in task, with a reason.', z.object({ id: taskIdSchema, reason: reasonSchema }), planViewSchema),
  'plan:unskipTask': channel('write', 'Take a skipped task back into the plan.', z.object({ id: taskIdSchema }), planViewSchema),
  'plan:addTask': channel(
    'write',
    'Add the team\'s own manual task.',
    z.object({
      week: planWeekSchema,
      step: z.number().int().min(1).max(10),
      title: z.string().trim().min(3).max(200),
      owner: ownerSchema.nullable().default(null),
      dueDate: isoDateSchema.nullable().default(null),
      notes: noteSchema.default(''),
    }),
    planViewSchema,
  ),
  'plan:removeTask': channel('write', 'Remove one of the team\'s own tasks (built-in ones are skipped instead).', z.object({ id: taskIdSchema }), planViewSchema),
} as const satisfies ChannelTable<'plan'>;
