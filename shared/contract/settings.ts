/** `settings:*` — workspace settings (finding thresholds, declared known accounts). Handler: electron/core/handlers/workspace-handlers.ts. */
import { z } from 'zod';
import { channel, empty, type ChannelTable } from './channel';

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

/** Longest label of a declared known account ("Vendor: Datadog"). */
export const KNOWN_ACCOUNT_LABEL_MAX = 64;
/** Most accounts a workspace may declare: a list people read, not an organisation's directory. */
export const KNOWN_ACCOUNTS_MAX = 200;
/** An account the team declares as its own or a trusted vendor's: trusts to it are not "cross-account" findings. */
export const knownAccountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'an AWS account ID is exactly 12 digits'),
  /** Who it is, e.g. "Vendor: Datadog". */
  label: z
    .string()
    .trim()
    .min(1, 'a label is required (who the account belongs to)')
    .max(KNOWN_ACCOUNT_LABEL_MAX, `a label is at most ${KNOWN_ACCOUNT_LABEL_MAX} characters`),
});
export type KnownAccount = z.infer<typeof knownAccountSchema>;
export const knownAccountsSchema = z
  .array(knownAccountSchema)
  .max(KNOWN_ACCOUNTS_MAX, `at most ${KNOWN_ACCOUNTS_MAX} known accounts`)
  .superRefine((accounts, ctx) => {
    const seen = new Set<string>();
    accounts.forEach((account, index) => {
      if (seen.has(account.accountId)) ctx.addIssue({ code: 'custom', path: [index, 'accountId'], message: `account ${account.accountId} is listed twice` });
      seen.add(account.accountId);
    });
  });

/** Longest display name recorded as the actor of audit entries. */
export const DISPLAY_NAME_MAX = 64;
/** The person's name as the audit log records it: one line of visible text. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required (or clear it to use your computer user name)')
  .max(DISPLAY_NAME_MAX, `a name is at most ${DISPLAY_NAME_MAX} characters`)
  // A line break or control character would let a name pose as two audit rows in a terminal or CSV.
  .refine((name) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name), 'a name cannot contain line breaks or control characters');

/** Days between an agent's reviews, per tier (step 10). */
export const reviewCadenceSchema = z.object({
  tier1Days: z.number().int().min(1).max(3650),
  tier2Days: z.number().int().min(1).max(3650),
  tier3Days: z.number().int().min(1).max(3650),
});
export type ReviewCadence = z.infer<typeof reviewCadenceSchema>;
/** In force while the team has not set its own (FINDINGS.md: Tier 1 monthly, Tier 2 quarterly, Tier 3 every six months). */
export const DEFAULT_REVIEW_CADENCE: ReviewCadence = { tier1Days: 30, tier2Days: 90, tier3Days: 182 };

/**
 * Which kinds of change a scan's digest announces (issue 14: a notification in the desktop app, a toast in
 * the browser; one per scan or import job). The first three are on by default: they ask someone to act.
 */
export const NOTIFICATION_KINDS = ['newShadowAi', 'newCriticalHigh', 'regressed', 'resolved', 'identitiesChanged'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationSettingsSchema = z.object({
  /** Unregistered AI agents new since the previous scan of the account. */
  newShadowAi: z.boolean(),
  /** New critical or high findings. */
  newCriticalHigh: z.boolean(),
  /** Critical or high findings that came back. */
  regressed: z.boolean(),
  /** Findings no longer raised (any severity). */
  resolved: z.boolean(),
  /** Identities added or removed. */
  identitiesChanged: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export const DEFAULT_NOTIFICATIONS: NotificationSettings = { newShadowAi: true, newCriticalHigh: true, regressed: true, resolved: false, identitiesChanged: false };

export const settingsSchema = z.object({
  thresholds: thresholdsSchema,
  /** Declared by the team, beside the accounts it scans: see trust_cross_account_no_external_id. */
  knownAccounts: knownAccountsSchema,
  /** Who "you" are in the audit log; null: the computer's user name (see `defaultDisplayName`). */
  displayName: displayNameSchema.nullable(),
  /** Review cadence per tier; null: the team has not set it (DEFAULT_REVIEW_CADENCE is in force). */
  reviewCadence: reviewCadenceSchema.nullable(),
  /** Which kinds of change a scan's digest announces (DEFAULT_NOTIFICATIONS until the team changes them). */
  notifications: notificationSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** The settings as read: with the name recorded when no display name is set (the OS user). */
export const settingsViewSchema = settingsSchema.extend({ defaultDisplayName: z.string() });
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsChannels = {
  'settings:get': channel('read', 'The workspace settings (finding thresholds, declared known accounts, your name in the audit log).', empty, settingsViewSchema),
  'settings:update': channel('write', 'Change workspace settings; returns them as saved.', settingsSchema.partial(), settingsViewSchema),
} as const satisfies ChannelTable<'settings'>;
