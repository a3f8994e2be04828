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

export const settingsSchema = z.object({
  thresholds: thresholdsSchema,
  /** Declared by the team, beside the accounts it scans: see trust_cross_account_no_external_id. */
  knownAccounts: knownAccountsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsChannels = {
  'settings:get': channel('read', 'The workspace settings (finding thresholds, declared known accounts).', empty, settingsSchema),
  'settings:update': channel('write', 'Change workspace settings; returns them as saved.', settingsSchema.partial(), settingsSchema),
} as const satisfies ChannelTable<'settings'>;
