/**
 * Workspace settings, one JSON value per top-level key of `Settings`.
 *
 * Reading never fails: a missing key (a workspace saved before the setting existed), or a value a hand
 * edit broke, falls back to its default field by field (entry by entry for lists), so the app keeps
 * working and the next save writes a valid value again.
 */
import {
  DEFAULT_NOTIFICATIONS,
  DEFAULT_THRESHOLDS,
  displayNameSchema,
  KNOWN_ACCOUNTS_MAX,
  knownAccountSchema,
  notificationSettingsSchema,
  reviewCadenceSchema,
  settingsSchema,
  thresholdsSchema,
  type KnownAccount,
  type NotificationSettings,
  type ReviewCadence,
  type Settings,
  type Thresholds,
} from '@shared/contract';
import { AppError } from '../../errors';
import { actorFromEnv } from '../../lib/audit-chain';
import type { ReadDb, WriteDb } from '../handles';
import { sql } from '../sql';

function storedValue(db: ReadDb, key: keyof Settings): unknown {
  const row = db.get(sql`SELECT value FROM settings WHERE key = ${key}`);
  const value = row?.['value'];
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function readThresholds(stored: unknown): Thresholds {
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
  if (typeof stored !== 'object' || stored === null) return thresholds;
  const record = stored as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const field = thresholdsSchema.shape[key].safeParse(record[key]);
    if (field.success) thresholds[key] = field.data;
  }
  return thresholds;
}

/** The valid entries of a stored list, the first of any repeated account, at most the allowed number. */
function readKnownAccounts(stored: unknown): KnownAccount[] {
  if (!Array.isArray(stored)) return [];
  const accounts: KnownAccount[] = [];
  const seen = new Set<string>();
  for (const entry of stored) {
    const parsed = knownAccountSchema.safeParse(entry);
    if (!parsed.success || seen.has(parsed.data.accountId)) continue;
    seen.add(parsed.data.accountId);
    accounts.push(parsed.data);
    if (accounts.length === KNOWN_ACCOUNTS_MAX) break;
  }
  return accounts;
}

/** The saved display name, or null (never set, cleared, or a hand edit made it invalid). */
function readDisplayName(stored: unknown): string | null {
  const parsed = displayNameSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The team's review cadence, or null (never set, or a hand edit broke it: the defaults are in force). */
function readReviewCadence(stored: unknown): ReviewCadence | null {
  const parsed = reviewCadenceSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** Which kinds of change a digest announces: the defaults, field by field, where none is saved or a hand edit broke it. */
function readNotifications(stored: unknown): NotificationSettings {
  const notifications: NotificationSettings = { ...DEFAULT_NOTIFICATIONS };
  if (typeof stored !== 'object' || stored === null) return notifications;
  const record = stored as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_NOTIFICATIONS) as (keyof NotificationSettings)[]) {
    const field = notificationSettingsSchema.shape[key].safeParse(record[key]);
    if (field.success) notifications[key] = field.data;
  }
  return notifications;
}

export function getSettings(db: ReadDb): Settings {
  return {
    thresholds: readThresholds(storedValue(db, 'thresholds')),
    knownAccounts: readKnownAccounts(storedValue(db, 'knownAccounts')),
    displayName: readDisplayName(storedValue(db, 'displayName')),
    reviewCadence: readReviewCadence(storedValue(db, 'reviewCadence')),
    notifications: readNotifications(storedValue(db, 'notifications')),
  };
}

/**
 * Who a change is recorded as: the display name set in Settings, else the OS user running the app.
 * Every audited write asks this, inside or beside its transaction, so the log names the person.
 */
export function currentActor(db: ReadDb, env: NodeJS.ProcessEnv): string {
  return readDisplayName(storedValue(db, 'displayName')) ?? actorFromEnv(env);
}

const settingsPatchSchema = settingsSchema.partial().strict();

/** Applies `patch` over the saved settings and returns them as saved. */
export function updateSettings(db: WriteDb, patch: Partial<Settings>): Settings {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new AppError('invalid_input', `Settings not saved: ${detail}.`);
  }
  return db.transaction((tx) => {
    const current = getSettings(tx);
    const next: Settings = {
      thresholds: { ...current.thresholds, ...(parsed.data.thresholds ?? {}) },
      // A list is replaced whole: the screen sends the list as the user left it.
      knownAccounts: parsed.data.knownAccounts ?? current.knownAccounts,
      // null clears the name (back to the OS user); absent leaves it as it was.
      displayName: parsed.data.displayName === undefined ? current.displayName : parsed.data.displayName,
      // Whole (all three tiers) or null (back to "not set": the defaults).
      reviewCadence: parsed.data.reviewCadence === undefined ? current.reviewCadence : parsed.data.reviewCadence,
      // Whole: the screen sends every kind's checkbox.
      notifications: parsed.data.notifications ?? current.notifications,
    };
    for (const [key, value] of Object.entries(next) as [keyof Settings, unknown][]) {
      tx.run(sql`
        INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    }
    return getSettings(tx);
  });
}
