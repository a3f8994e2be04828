/**
 * The one typed contract between the UI and the back end.
 *
 * Every channel is named `domain:verb` and has a zod input schema, a zod output schema and a one-line
 * doc. Both transports (Electron IPC and loopback HTTP) carry exactly these channels; the back end
 * parses input and output with these schemas on its side of either transport.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Envelope: errors travel as data.
// ---------------------------------------------------------------------------------------------

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'workspace_error',
  'aws_error',
  'unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// ---------------------------------------------------------------------------------------------
// Domain schemas.
// ---------------------------------------------------------------------------------------------

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

export const thresholdsSchema = z.object({
  /** access_key_not_rotated fires past this many days. */
  keyRotationDays: z.number().int().min(1).max(3650),
  /** access_key_unused fires past this many days without use. */
  keyUnusedDays: z.number().int().min(1).max(3650),
  /** A never-used key younger than this is not yet "unused". */
  keyGraceDays: z.number().int().min(0).max(365),
  /** identity_unused fires for roles unused this long. */
  roleUnusedDays: z.number().int().min(1).max(3650),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;
export const DEFAULT_THRESHOLDS: Thresholds = {
  keyRotationDays: 90,
  keyUnusedDays: 45,
  keyGraceDays: 7,
  roleUnusedDays: 90,
};

export const settingsSchema = z.object({ thresholds: thresholdsSchema });
export type Settings = z.infer<typeof settingsSchema>;

export const workspaceInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string().nullable(),
  /** True when this is the built-in demo workspace. */
  demo: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** `ipc` in the desktop app, `http` in browser mode. */
  transport: z.enum(['ipc', 'http']),
  /** Whether the back end can show native file dialogs (desktop app only). */
  nativeDialogs: z.boolean(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A file path chosen by the user; in browser mode typed in, in the desktop app from a dialog. */
const pathInputSchema = z.object({ path: z.string().min(1).max(4096).nullable().default(null) });

// ---------------------------------------------------------------------------------------------
// Channels.
// ---------------------------------------------------------------------------------------------

function channel<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O) {
  return { doc, input, output } as const;
}

const empty = z.object({}).strict().default({});

export const channels = {
  'app:info': channel('Name, version, transport and capabilities of the running back end.', empty, appInfoSchema),

  'workspace:info': channel('Where the open workspace lives and its schema version.', empty, workspaceInfoSchema),
  'workspace:open': channel(
    'Open another workspace file (created when it does not exist); null path asks with a native dialog.',
    pathInputSchema,
    workspaceInfoSchema.nullable(),
  ),
  'workspace:saveCopy': channel(
    'Write a consistent copy of the open workspace to a new file; null path asks with a native dialog.',
    pathInputSchema,
    z.object({ path: z.string(), sizeBytes: z.number().int() }).nullable(),
  ),

  'settings:get': channel('The workspace settings (finding thresholds).', empty, settingsSchema),
  'settings:update': channel('Change workspace settings; returns them as saved.', settingsSchema.partial(), settingsSchema),

  'connections:profiles': channel(
    'AWS profiles in the shared config and credentials files, with their kind and region (never a secret).',
    empty,
    awsProfilesSchema,
  ),
  'connections:list': channel('Saved connections of this workspace.', empty, z.array(connectionSchema)),
  'connections:create': channel('Save a new connection.', connectionInputSchema, connectionSchema),
  'connections:update': channel(
    'Rename or change a saved connection.',
    connectionUpdateSchema,
    connectionSchema,
  ),
  'connections:remove': channel('Remove a saved connection.', z.object({ id: z.string().min(1) }), z.object({ removed: z.boolean() })),
  'connections:test': channel(
    'Call STS GetCallerIdentity through the SDK credential chain for a saved connection or a profile.',
    connectionTargetSchema,
    connectionTestResultSchema,
  ),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

// ---------------------------------------------------------------------------------------------
// Events (back end → UI).
// ---------------------------------------------------------------------------------------------

export const events = {
  /** Progress of a long job (scan, import, report), one message per collector step. */
  'job:progress': z.object({
    jobId: z.string(),
    kind: z.enum(['scan', 'import', 'report']),
    step: z.string(),
    status: z.enum(['pending', 'running', 'ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled']),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    message: z.string().nullable(),
  }),
  /** The open workspace changed (opened another file, or data written by another window). */
  'workspace:changed': z.object({ path: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** The client interface both transports implement; screens are written against this only. */
export interface Api {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
}

/** The thin bridge the preload exposes on `window.wardenBridge` (envelopes, not exceptions). */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}
