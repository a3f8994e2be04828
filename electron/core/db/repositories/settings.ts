/**
 * Workspace settings, one JSON value per top-level key of `Settings`.
 *
 * Reading never fails: a missing key, or a value a hand edit broke, falls back to its default field by
 * field, so the app keeps working and the next save writes a valid value again.
 */
import {
  DEFAULT_THRESHOLDS,
  settingsSchema,
  thresholdsSchema,
  type Settings,
  type Thresholds,
} from '../../../../shared/contract';
import { AppError } from '../../errors';
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

export function getSettings(db: ReadDb): Settings {
  return { thresholds: readThresholds(storedValue(db, 'thresholds')) };
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
    };
    for (const [key, value] of Object.entries(next) as [keyof Settings, unknown][]) {
      tx.run(sql`
        INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)})
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    }
    return getSettings(tx);
  });
}
