/**
 * `connections:*` — AWS profiles, saved connections, their test and the scanner's read-only policy (from the
 * scanner's allowlist). Handler: electron/core/handlers/connections-handlers.ts.
 */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';
import { memberRoleNameSchema } from './common';

/** A region code such as `eu-west-1`. */
export const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region code');
export const roleArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'not an IAM role ARN');
export const externalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, 'not a valid external ID');
export const profileNameSchema = z.string().min(1).max(256);

export const PROFILE_KINDS = [
  'sso',
  'static',
  'assume-role',
  'credential-process',
  'web-identity',
  'unknown',
] as const;
export const profileKindSchema = z.enum(PROFILE_KINDS);
export type ProfileKind = z.infer<typeof profileKindSchema>;

/** A profile found in the user's shared AWS config/credentials files. Never carries a secret. */
export const awsProfileSchema = z.object({
  name: z.string(),
  kind: profileKindSchema,
  region: z.string().nullable(),
  /** Where it was found: config, credentials, or both. */
  sources: z.array(z.enum(['config', 'credentials'])),
  /** For assume-role profiles: the role it assumes and its source profile (no secrets). */
  roleArn: z.string().nullable(),
  sourceProfile: z.string().nullable(),
  /** For SSO profiles: the session or start URL, to name in `aws sso login` advice. */
  ssoSession: z.string().nullable(),
});
export type AwsProfile = z.infer<typeof awsProfileSchema>;

export const awsProfilesSchema = z.object({
  profiles: z.array(awsProfileSchema),
  configFile: z.string(),
  credentialsFile: z.string(),
  /** Problems reading the files, in words a person can act on (the list may still be partial). */
  warnings: z.array(z.string()),
});
export type AwsProfiles = z.infer<typeof awsProfilesSchema>;

export const connectionNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80, 'at most 80 characters');

/** `HH:mm`, 24-hour, local to the schedule's time zone. */
export const scheduleTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm (24-hour)');

/** An IANA time zone the runtime knows (Europe/Berlin, UTC); as reviews.ts's, which cannot be imported here (cycle). */
const scheduleTimeZoneSchema = z
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

export const SCHEDULE_MAX_HOURS = 168;

/** When a connection is scanned on its own: never, every N hours, or daily at a local time. */
export const connectionScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('every'), hours: z.number().int().min(1).max(SCHEDULE_MAX_HOURS) }),
  z.object({ kind: z.literal('daily'), at: scheduleTimeSchema, timeZone: scheduleTimeZoneSchema }),
]);
export type ConnectionSchedule = z.infer<typeof connectionScheduleSchema>;

export const SCHEDULED_RUN_OUTCOMES = ['running', 'completed', 'failed', 'cancelled', 'skipped'] as const;
export const scheduledRunOutcomeSchema = z.enum(SCHEDULED_RUN_OUTCOMES);
export type ScheduledRunOutcome = z.infer<typeof scheduledRunOutcomeSchema>;

/** The last scheduled run: when it was due and started (or skipped), how it ended, the scan it stored. */
export const scheduledRunSchema = z.object({
  at: z.string(),
  outcome: scheduledRunOutcomeSchema,
  message: z.string().nullable(),
  scanId: z.string().nullable(),
});
export type ScheduledRun = z.infer<typeof scheduledRunSchema>;

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  profile: z.string(),
  roleArn: z.string().nullable(),
  externalId: z.string().nullable(),
  regions: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The result of the latest "Test", if any. */
  lastTest: z
    .object({ at: z.string(), ok: z.boolean(), accountId: z.string().nullable(), message: z.string() })
    .nullable(),
  schedule: connectionScheduleSchema,
  /** The last scheduled run, if any (scans started by hand are not counted). */
  lastRun: scheduledRunSchema.nullable(),
  /** When the schedule is next due (in the past: overdue, it runs once the app is open); null when off. */
  nextRunAt: z.string().nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

const connectionFieldsSchema = z.object({
  name: connectionNameSchema,
  profile: profileNameSchema,
  roleArn: roleArnSchema.nullable(),
  externalId: externalIdSchema.nullable(),
  regions: z.array(regionSchema).max(40),
});

/** A new connection: role, external ID and regions are optional. */
export const connectionInputSchema = connectionFieldsSchema.extend({
  roleArn: connectionFieldsSchema.shape.roleArn.default(null),
  externalId: connectionFieldsSchema.shape.externalId.default(null),
  regions: connectionFieldsSchema.shape.regions.default([]),
});
export type ConnectionInput = z.input<typeof connectionInputSchema>;

/** A change to a connection: only the fields sent are changed (no defaults, so "not sent" ≠ "cleared"). */
export const connectionUpdateSchema = connectionFieldsSchema.partial().extend({ id: z.string().min(1) });

export const CONNECTION_FAILURES = [
  'sso_expired',
  'no_credentials',
  'access_denied',
  'unreachable',
  'invalid_profile',
  'expired_credentials',
  'unknown',
] as const;
export const connectionFailureSchema = z.enum(CONNECTION_FAILURES);
export type ConnectionFailure = z.infer<typeof connectionFailureSchema>;

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    accountId: z.string(),
    arn: z.string(),
    userId: z.string(),
    accountAlias: z.string().nullable(),
    /** The identity the scanner would act as (after assuming the role, if any). */
    assumedRole: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    failure: connectionFailureSchema,
    message: z.string(),
    /** What to do about it, e.g. the exact `aws sso login --profile …` command. */
    action: z.string(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionTargetSchema = z.union([
  z.object({ connectionId: z.string().min(1) }),
  z.object({
    profile: profileNameSchema,
    roleArn: roleArnSchema.nullable().default(null),
    externalId: externalIdSchema.nullable().default(null),
    region: regionSchema.nullable().default(null),
  }),
]);

export const connectionsChannels = {
  'connections:profiles': channel(
    'read',
    'AWS profiles in the shared config and credentials files, with their kind and region (never a secret).',
    empty,
    awsProfilesSchema,
  ),
  'connections:list': channel('read', 'Saved connections of this workspace.', empty, z.array(connectionSchema)),
  'connections:create': channel('write', 'Save a new connection.', connectionInputSchema, connectionSchema),
  'connections:update': channel(
    'write',
    'Rename or change a saved connection.',
    connectionUpdateSchema,
    connectionSchema,
  ),
  'connections:remove': channel('write', 'Remove a saved connection.', z.object({ id: z.string().min(1) }), z.object({ removed: z.boolean() })),
  'connections:setSchedule': channel(
    'write',
    'Set when a saved connection is scanned on its own (off, every N hours, daily at a local time); audited.',
    z.object({ id: z.string().min(1), schedule: connectionScheduleSchema }),
    connectionSchema,
  ),
  'connections:test': channel(
    'write',
    'Call STS GetCallerIdentity through the SDK credential chain for a saved connection or a profile.',
    connectionTargetSchema,
    connectionTestResultSchema,
  ),
  'connections:scannerPolicy': channel(
    'read',
    'The least-privilege read-only IAM policy for the scanner, generated from its allowlist of operations.',
    z.object({ memberRoleName: memberRoleNameSchema.nullable().default(null) }),
    z.object({ policy: z.string(), actions: z.array(z.string()) }),
  ),
} as const satisfies ChannelTable<'connections'>;
