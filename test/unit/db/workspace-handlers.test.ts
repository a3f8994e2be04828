import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, DEFAULT_NOTIFICATIONS, DEFAULT_THRESHOLDS, type EventName } from '@shared/contract';
import { createAnalysisRunner } from '@core/analysis-store/analysis-runner';
import type { Dialogs, ServiceDeps } from '@core/services';
import { createWorkspaceHandlers, suggestedCopyName } from '@core/handlers/workspace-handlers';
import { WorkspaceManager } from '@core/db/workspace-manager';
import { JobManager } from '@core/jobs/job-manager';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { sql } from '@core/db/sql';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';
import { fixedClock } from './helpers/workspace-fixtures';

describe('workspace handlers', () => {
  let dir: string;
  let workspaces: WorkspaceManager;
  let emitted: [EventName, unknown][];

  function deps(overrides: Partial<ServiceDeps> = {}): ServiceDeps {
    return {
      workspaces,
      appInfo: { name: 'Agent Warden', version: '0.1.0', transport: 'http', nativeDialogs: false, platform: 'linux' },
      env: { HOME: dir },
      clock: fixedClock,
      dialogs: null,
      emit: (event, payload) => {
        emitted.push([event, payload]);
      },
      jobs: new JobManager(() => undefined, fixedClock),
      uploads: null,
      collectors: [],
      demoDir: null,
      demoPath: join(dir, 'demo.sqlite'),
      analysis: createAnalysisRunner({ clock: fixedClock, workerScript: null }),
      ...overrides,
    };
  }

  beforeEach(() => {
    dir = makeTempDir();
    workspaces = new WorkspaceManager({ initialPath: join(dir, 'workspace.sqlite'), clock: fixedClock });
    emitted = [];
  });

  afterEach(() => {
    workspaces.close();
    removeTempDirs();
  });

  it('answers workspace:info in the contract’s shape', async () => {
    const info = await createWorkspaceHandlers(deps())['workspace:info']({});
    expect(channels['workspace:info'].output.parse(info)).toEqual(info);
    expect(info.path).toBe(join(dir, 'workspace.sqlite'));
  });

  it('opens a typed absolute path, creating it, and announces the change', async () => {
    const handlers = createWorkspaceHandlers(deps());
    const target = join(dir, 'other.sqlite');
    const info = await handlers['workspace:open']({ path: target });
    expect(info?.path).toBe(target);
    expect(emitted).toEqual([['workspace:changed', { path: target }]]);
    expect(workspaces.info().path).toBe(target);
  });

  it('expands ~ to the home folder', async () => {
    const info = await createWorkspaceHandlers(deps())['workspace:open']({ path: '~/tilde.sqlite' });
    expect(info?.path).toBe(join(dir, 'tilde.sqlite'));
  });

  it('refuses a relative path with a clear message', async () => {
    const handlers = createWorkspaceHandlers(deps());
    await expect(handlers['workspace:open']({ path: 'relative.sqlite' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(handlers['workspace:open']({ path: 'relative.sqlite' })).rejects.toThrow(
      /"relative.sqlite" is a relative path\. Type the full path/,
    );
    await expect(handlers['workspace:saveCopy']({ path: './copy.sqlite' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(emitted).toEqual([]);
  });

  it('asks for a typed path when there is no file dialog', async () => {
    const handlers = createWorkspaceHandlers(deps());
    await expect(handlers['workspace:open']({ path: null })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(handlers['workspace:open']({ path: null })).rejects.toThrow(/^Type a file path to open/);
    await expect(handlers['workspace:saveCopy']({ path: null })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(handlers['workspace:saveCopy']({ path: null })).rejects.toThrow(/^Type a file path to save the copy to/);
  });

  it('uses the native dialogs when there are some; a cancelled dialog answers null', async () => {
    const picked = join(dir, 'picked.sqlite');
    const dialogs: Dialogs = {
      pickWorkspaceToOpen: vi.fn<Dialogs['pickWorkspaceToOpen']>().mockResolvedValueOnce(null).mockResolvedValueOnce(picked),
      pickImportFile: vi.fn<Dialogs['pickImportFile']>(),
      pickCopyDestination: vi.fn<Dialogs['pickCopyDestination']>().mockResolvedValueOnce(null).mockResolvedValueOnce(join(dir, 'copy.sqlite')),
    };
    const handlers = createWorkspaceHandlers(deps({ dialogs }));

    expect(await handlers['workspace:open']({ path: null })).toBeNull();
    expect(emitted).toEqual([]);
    expect((await handlers['workspace:open']({ path: null }))?.path).toBe(picked);

    expect(await handlers['workspace:saveCopy']({ path: null })).toBeNull();
    const copy = await handlers['workspace:saveCopy']({ path: null });
    expect(copy?.path).toBe(join(dir, 'copy.sqlite'));
    expect(channels['workspace:saveCopy'].output.parse(copy)).toEqual(copy);
    expect(dialogs.pickCopyDestination).toHaveBeenCalledWith('picked copy 2025-03-04.sqlite');
  });

  it('reports a refused file as a workspace error and keeps the current workspace', async () => {
    const handlers = createWorkspaceHandlers(deps());
    await expect(handlers['workspace:open']({ path: dir })).rejects.toMatchObject({ code: 'workspace_error' });
    expect(workspaces.info().path).toBe(join(dir, 'workspace.sqlite'));
  });

  it('refuses to save a copy over an existing file', async () => {
    const handlers = createWorkspaceHandlers(deps());
    const target = join(dir, 'copy.sqlite');
    await handlers['workspace:saveCopy']({ path: target });
    await expect(handlers['workspace:saveCopy']({ path: target })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('gets and updates settings', async () => {
    const handlers = createWorkspaceHandlers(deps());
    const unnamed = { displayName: null, defaultDisplayName: expect.any(String) as unknown };
    expect(await handlers['settings:get']({})).toEqual({ thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS, ...unnamed });
    const thresholds = { ...DEFAULT_THRESHOLDS, roleUnusedDays: 60 };
    expect(await handlers['settings:update']({ thresholds })).toEqual({ thresholds, knownAccounts: [], reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS, ...unnamed });
    expect(await handlers['settings:get']({})).toEqual({ thresholds, knownAccounts: [], reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS, ...unnamed });
    const knownAccounts = [{ accountId: '464622532012', label: 'Vendor: Datadog' }];
    expect(await handlers['settings:update']({ knownAccounts })).toEqual({ thresholds, knownAccounts, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS, ...unnamed });
    expect(channels['settings:get'].output.parse(await handlers['settings:get']({}))).toEqual({ thresholds, knownAccounts, reviewCadence: null, notifications: DEFAULT_NOTIFICATIONS, ...unnamed });
  });

  it('answers settings:get for a workspace saved before known accounts existed', async () => {
    workspaces.current().write.run(sql`INSERT INTO settings (key, value) VALUES ('thresholds', ${JSON.stringify({ ...DEFAULT_THRESHOLDS, keyUnusedDays: 30 })})`);
    const handlers = createWorkspaceHandlers(deps());
    const settings = await handlers['settings:get']({});
    expect(channels['settings:get'].output.parse(settings)).toEqual({
      thresholds: { ...DEFAULT_THRESHOLDS, keyUnusedDays: 30 },
      knownAccounts: [],
      displayName: null,
      reviewCadence: null,
      notifications: DEFAULT_NOTIFICATIONS,
      defaultDisplayName: expect.any(String) as unknown,
    });
  });

  it('records changes under the display name once set (that change included), the OS user before; the chain holds', async () => {
    const handlers = createWorkspaceHandlers(deps({ env: { HOME: dir, USER: 'alice' } }));
    expect(await handlers['settings:get']({})).toMatchObject({ displayName: null, defaultDisplayName: 'alice' });
    await handlers['settings:update']({ thresholds: { ...DEFAULT_THRESHOLDS, keyGraceDays: 3 } });
    expect(await handlers['settings:update']({ displayName: 'Alice Martin' })).toMatchObject({ displayName: 'Alice Martin', defaultDisplayName: 'alice' });
    await handlers['settings:update']({ thresholds: { ...DEFAULT_THRESHOLDS, keyGraceDays: 5 } });
    const entries = listAuditEntries(workspaces.current().read, 10, null).reverse();
    expect(entries.map((entry) => entry.actor)).toEqual(['alice', 'Alice Martin', 'Alice Martin']);
    expect(entries[1]?.details).toEqual({ changes: { 'your name': { from: null, to: 'Alice Martin' } } });
    expect(verifyAuditLog(workspaces.current().read)).toMatchObject({ ok: true, entries: 3 });
  });

  it('records declared, relabelled and removed known accounts in the audit log', async () => {
    const handlers = createWorkspaceHandlers(deps({ env: { HOME: dir, USER: 'alice' } }));
    await handlers['settings:update']({ knownAccounts: [{ accountId: '464622532012', label: 'Vendor: Datadog' }] });
    await handlers['settings:update']({ knownAccounts: [{ accountId: '464622532012', label: 'Datadog (monitoring)' }, { accountId: '111100009999', label: 'Audit' }] });
    await handlers['settings:update']({ knownAccounts: [{ accountId: '111100009999', label: 'Audit' }] });
    const entries = listAuditEntries(workspaces.current().read, 10, null).reverse();
    expect(entries.map((entry) => entry.details)).toEqual([
      { changes: { 'known account 464622532012': { from: null, to: 'Vendor: Datadog' } } },
      {
        changes: {
          'known account 464622532012': { from: 'Vendor: Datadog', to: 'Datadog (monitoring)' },
          'known account 111100009999': { from: null, to: 'Audit' },
        },
      },
      { changes: { 'known account 464622532012': { from: 'Datadog (monitoring)', to: null } } },
    ]);
    expect(verifyAuditLog(workspaces.current().read)).toMatchObject({ ok: true, entries: 3 });
  });

  it('records each settings change in the audit log, with what changed', async () => {
    const handlers = createWorkspaceHandlers(deps({ env: { HOME: dir, USER: 'alice' } }));
    await handlers['settings:update']({ thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: 60 } });
    await handlers['settings:update']({ thresholds: { ...DEFAULT_THRESHOLDS, keyRotationDays: 60 } }); // no change: no entry
    const entries = listAuditEntries(workspaces.current().read, 10, null);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'alice', action: 'settings.update', details: { changes: { keyRotationDays: { from: 90, to: 60 } } } });
  });

  it('suggests a dated copy name from the workspace name', () => {
    expect(suggestedCopyName('/data/team.sqlite', new Date('2025-06-07T08:00:00Z'))).toBe('team copy 2025-06-07.sqlite');
  });
});
