import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type Settings } from '../../../shared/contract';
import type { Workspace } from '../../../electron/core/db/open-workspace';
import { getSettings, updateSettings } from '../../../electron/core/db/repositories/settings';
import { sql } from '../../../electron/core/db/sql';
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

  it('starts from the default thresholds', () => {
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS });
  });

  it('saves a patch and returns the settings as saved', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, keyRotationDays: 30 };
    expect(updateSettings(workspace.write, { thresholds })).toEqual({ thresholds });
    expect(getSettings(workspace.read)).toEqual({ thresholds });
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
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS });
  });

  it('falls back to defaults field by field when a stored value was damaged by hand', () => {
    workspace.write.run(sql`INSERT INTO settings (key, value)
                            VALUES ('thresholds', '{"keyRotationDays": "soon", "keyUnusedDays": 30, "extra": 1}')`);
    expect(getSettings(workspace.read).thresholds).toEqual({ ...DEFAULT_THRESHOLDS, keyUnusedDays: 30 });
    workspace.write.run(sql`UPDATE settings SET value = '[1, 2]' WHERE key = 'thresholds'`);
    expect(getSettings(workspace.read)).toEqual({ thresholds: DEFAULT_THRESHOLDS });
    // The next save writes a clean value again.
    updateSettings(workspace.write, { thresholds: DEFAULT_THRESHOLDS });
    expect(JSON.parse(String(workspace.read.value(sql`SELECT value FROM settings WHERE key = 'thresholds'`)))).toEqual(
      DEFAULT_THRESHOLDS,
    );
  });
});
