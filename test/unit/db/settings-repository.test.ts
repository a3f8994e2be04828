import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATIONS, DEFAULT_THRESHOLDS, type Settings } from '@shared/contract';
import type { Workspace } from '@core/db/open-workspace';
import { currentActor, getSettings, updateSettings } from '@core/db/repositories/settings';
import { sql } from '@core/db/sql';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';
import { openTestWorkspace } from './helpers/workspace-fixtures';

describe('settings repository', () => {
  let workspace: Workspace;

  beforeEach(() => {
    workspace = openTestWorkspace(join(makeTempDir(), 'w.sqlite'));
  });

  afterEach(() => {
    workspace.close();
    removeTempDirs();
  });

  it('starts from the default thresholds and no declared known accounts', () => {
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
  });

  it('saves a patch and returns the settings as saved', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, keyRotationDays: 30 };
    expect(updateSettings(workspace.write, { thresholds })).toEqual({ thresholds, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
    expect(getSettings(workspace.read)).toEqual({ thresholds, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
  });

  it('leaves settings alone for an empty patch', () => {
    updateSettings(workspace.write, { thresholds: { ...DEFAULT_THRESHOLDS, keyGraceDays: 0 } });
    expect(updateSettings(workspace.write, {}).thresholds.keyGraceDays).toBe(0);
  });

  it('refuses an invalid patch without saving anything', () => {
    const bad = { thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: -1 } };
    expect(() => updateSettings(workspace.write, bad)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => updateSettings(workspace.write, bad)).toThrow(/thresholds\.keyRotationDays/);
    expect(() => updateSettings(workspace.write, { colour: 'red' } as Partial<Settings>)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
  });

  it('falls back to defaults field by field when a stored value was damaged by hand', () => {
    workspace.write.run(sql`INSERT INTO settings (key, value)
                            VALUES ('thresholds', '{"keyRotationDays": "soon", "keyUnusedDays": 30, "extra": 1}')`);
    expect(getSettings(workspace.read).thresholds).toEqual({ ...DEFAULT_THRESHOLDS, keyUnusedDays: 30 });
    workspace.write.run(sql`UPDATE settings SET value = '[1, 2]' WHERE key = 'thresholds'`);
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
    // The next save writes a clean value again.
    updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS });
    expect(JSON.parse(String(workspace.read.value(sql`SELECT value FROM settings WHERE key = 'thresholds'`)))).toEqual(
      DEFAULT_THRESHOLDS,
    );
  });

  describe('display name (the actor of audit entries)', () => {
    it('is unset by default, and the actor is then the OS user from the environment', () => {
      expect(getSettings(workspace.read).displayName).toBeNull();
      expect(currentActor(workspace.read, { USER: 'jdoe' })).toBe('jdoe');
    });

    it('once saved (trimmed), is the actor; a patch without it keeps it; null clears it back to the OS user', () => {
      expect(updateSettings(workspace.write, { displayName: '  Jane Doe ' }).displayName).toBe('Jane Doe');
      expect(currentActor(workspace.read, { USER: 'jdoe' })).toBe('Jane Doe');
      expect(updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS }).displayName).toBe('Jane Doe');
      expect(updateSettings(workspace.write, { displayName: null }).displayName).toBeNull();
      expect(currentActor(workspace.read, { USER: 'jdoe' })).toBe('jdoe');
    });

    it('refuses a blank, overlong or multi-line name, and ignores one a hand edit broke', () => {
      const refused = (displayName: string): (() => void) => () => updateSettings(workspace.write, { displayName });
      expect(refused('   ')).toThrow(/displayName: a name is required/);
      expect(refused('x'.repeat(65))).toThrow(/displayName: a name is at most 64 characters/);
      expect(refused('Jane\nadmin')).toThrow(/line breaks or control characters/);
      expect(refused('Jane\u202Eeod')).toThrow(/line breaks or control characters/);
      expect(updateSettings(workspace.write, { displayName: 'x'.repeat(64) }).displayName).toHaveLength(64);
      workspace.write.run(sql`UPDATE settings SET value = '42' WHERE key = 'displayName'`);
      expect(getSettings(workspace.read).displayName).toBeNull();
      expect(currentActor(workspace.read, { USER: 'jdoe' })).toBe('jdoe');
    });
  });

  describe('known accounts', () => {
    const datadog = { accountId: '464622532012', label: 'Vendor: Datadog' };
    const audit = { accountId: '111100009999', label: 'Security audit account' };

    it('loads a workspace saved before the setting existed (only thresholds stored) with none declared', () => {
      workspace.write.run(sql`INSERT INTO settings (key, value) VALUES ('thresholds', ${JSON.stringify({ ...DEFAULT_THRESHOLDS, keyRotationDays: 60 })})`);
      expect(getSettings(workspace.read)).toEqual({ thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: 60 }, knownAccounts: [], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
      // Saving thresholds alone keeps the (empty) list; saving the list keeps the thresholds.
      updateSettings(workspace.write, { knownAccounts: [datadog], displayName: null });
      expect(getSettings(workspace.read)).toEqual({ thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: 60 }, knownAccounts: [datadog], displayName: null, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS });
    });

    it('replaces the list whole, trims labels, and leaves it alone when a patch has only thresholds', () => {
      expect(updateSettings(workspace.write, { knownAccounts: [datadog, { ...audit, label: '  Security audit account ' }] }).knownAccounts).toEqual([datadog, audit]);
      expect(updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS }).knownAccounts).toEqual([datadog, audit]);
      expect(updateSettings(workspace.write, { knownAccounts: [audit] }).knownAccounts).toEqual([audit]);
      expect(updateSettings(workspace.write, { knownAccounts: [] }).knownAccounts).toEqual([]);
    });

    it('refuses an ID that is not exactly 12 digits, a missing or overlong label, and a repeated account', () => {
      const refused = (knownAccounts: unknown[]): (() => void) => () => updateSettings(workspace.write, { knownAccounts } as Partial<Settings>);
      expect(refused([{ accountId: '12345678901', label: 'short' }])).toThrow(/knownAccounts\.0\.accountId: an AWS account ID is exactly 12 digits/);
      expect(refused([{ accountId: '1234567890123', label: 'long' }])).toThrow(/exactly 12 digits/);
      expect(refused([{ accountId: '1234-5678-9012', label: 'dashes' }])).toThrow(/exactly 12 digits/);
      expect(refused([{ accountId: '123456789012', label: '   ' }])).toThrow(/knownAccounts\.0\.label: a label is required/);
      expect(refused([{ accountId: '123456789012', label: 'x'.repeat(65) }])).toThrow(/at most 64 characters/);
      expect(refused([datadog, { ...datadog, label: 'again' }])).toThrow(/knownAccounts\.1\.accountId: account 464622532012 is listed twice/);
      expect(getSettings(workspace.read).knownAccounts).toEqual([]);
    });

    it('reads a damaged stored list entry by entry: bad entries and repeats are dropped', () => {
      const stored = [datadog, { accountId: 'not-an-id', label: 'x' }, { ...datadog, label: 'repeat' }, 'junk', audit];
      workspace.write.run(sql`INSERT INTO settings (key, value) VALUES ('knownAccounts', ${JSON.stringify(stored)})`);
      expect(getSettings(workspace.read).knownAccounts).toEqual([datadog, audit]);
      workspace.write.run(sql`UPDATE settings SET value = '{"accountId": "464622532012"}' WHERE key = 'knownAccounts'`);
      expect(getSettings(workspace.read).knownAccounts).toEqual([]);
    });
  });
  describe('review cadence', () => {
    it('is null until the team sets it, saved whole, cleared back to null, and a damaged value reads as not set', () => {
      expect(getSettings(workspace.read).reviewCadence).toBeNull();
      const cadence = { tier1Days: 14, tier2Days: 60, tier3Days: 120 };
      expect(updateSettings(workspace.write, { reviewCadence: cadence }).reviewCadence).toEqual(cadence);
      expect(updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS }).reviewCadence).toEqual(cadence);
      expect(() => updateSettings(workspace.write, { reviewCadence: { ...cadence, tier1Days: 0 } })).toThrow(/reviewCadence\.tier1Days/);
      expect(updateSettings(workspace.write, { reviewCadence: null }).reviewCadence).toBeNull();
      workspace.write.run(sql`INSERT INTO settings (key, value) VALUES ('reviewCadence', '{"tier1Days": "soon"}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      expect(getSettings(workspace.read).reviewCadence).toBeNull();
    });
  });
  describe('notifications', () => {
    it('default to shadow AI, new critical/high and regressed; saved whole, kept by other saves; a damaged field reads as its default', () => {
      expect(getSettings(workspace.read).notifications).toEqual({ newShadowAi: true, newCriticalHigh: true, regressed: true, resolved: false, identitiesChanged: false });
      const chosen = { newShadowAi: false, newCriticalHigh: true, regressed: false, resolved: true, identitiesChanged: true };
      expect(updateSettings(workspace.write, { notifications: chosen }).notifications).toEqual(chosen);
      expect(updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS }).notifications).toEqual(chosen);
      expect(() => updateSettings(workspace.write, { notifications: { ...chosen, resolved: 'yes' } as unknown as typeof chosen })).toThrow(/notifications\.resolved/);
      workspace.write.run(sql`UPDATE settings SET value = '{"newShadowAi": "no", "resolved": true}' WHERE key = 'notifications'`);
      expect(getSettings(workspace.read).notifications).toEqual({ ...DEFAULT_NOTIFICATIONS, resolved: true });
    });
  });
});
