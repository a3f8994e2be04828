/**
 * The demo is one persistent file (issue 10 §2): built on first use, reopened with what the user did in
 * it, rebuilt when older than DEMO_MAX_AGE_DAYS, reset on `demo:reset`; never a temporary folder.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanSummary, Settings, WorkspaceInfo } from '../../../shared/contract';
import { createBackend, type Backend } from '../../../electron/core/backend';
import { DEMO_MAX_AGE_DAYS } from '../../../electron/core/demo/demo-file';
import { call } from '../../support/dispatch-call';

const DAY_MS = 24 * 60 * 60 * 1000;

let dir: string;
let now: Date;
const open: Backend[] = [];

function start(): Backend {
  const backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  open.push(backend);
  return backend;
}

function demoTempFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`agent-warden-demo-${process.pid}-`));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-demo-file-'));
  now = new Date('2026-03-10T12:00:00Z');
});

afterEach(() => {
  for (const backend of open.splice(0)) backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the persistent demo', () => {
  it('is built on first use as one file in the app-data folder, marked demo, with no temporary folder', async () => {
    const backend = start();
    const info = await call<WorkspaceInfo>(backend, 'demo:open', {});
    expect(info.path).toBe(join(dir, 'app-data', 'demo.sqlite'));
    expect(info.demo).toBe(true);
    expect(existsSync(info.path)).toBe(true);
    expect(demoTempFolders()).toEqual([]);
    expect(existsSync(join(dir, 'workspace.sqlite'))).toBe(false);
    const scans = await call<ScanSummary[]>(backend, 'scans:list', {});
    expect(scans.length).toBeGreaterThanOrEqual(2);
    expect(scans.every((s) => s.source === 'demo')).toBe(true);
    // Nothing but the demo file (and no leftover of the build) beside it.
    expect(readdirSync(join(dir, 'app-data')).filter((name) => !/^demo\.sqlite(-wal|-shm)?$/.test(name))).toEqual([]);
  }, 120_000);

  it('is reopened on the next start with what the user did in it, then rebuilt once older than the limit', async () => {
    const first = start();
    await call(first, 'demo:open', {});
    const changed = await call<Settings>(first, 'settings:update', { thresholds: { keyRotationDays: 123, keyUnusedDays: 45, keyGraceDays: 7, roleUnusedDays: 90 } });
    expect(changed.thresholds.keyRotationDays).toBe(123);
    const scanIds = (await call<ScanSummary[]>(first, 'scans:list', {})).map((s) => s.id);
    first.close();

    now = new Date(now.getTime() + (DEMO_MAX_AGE_DAYS - 1) * DAY_MS);
    const second = start();
    await call(second, 'demo:open', {});
    expect((await call<Settings>(second, 'settings:get', {})).thresholds.keyRotationDays).toBe(123);
    expect((await call<ScanSummary[]>(second, 'scans:list', {})).map((s) => s.id)).toEqual(scanIds);
    second.close();

    now = new Date(now.getTime() + 2 * DAY_MS);
    const third = start();
    await call(third, 'demo:open', {});
    expect((await call<Settings>(third, 'settings:get', {})).thresholds.keyRotationDays).not.toBe(123);
    const rebuilt = await call<ScanSummary[]>(third, 'scans:list', {});
    expect(rebuilt.map((s) => s.id)).not.toEqual(scanIds);
    // Dated as of the new today.
    expect(Math.max(...rebuilt.map((s) => Date.parse(s.finishedAt ?? '')))).toBeGreaterThan(now.getTime() - DAY_MS);
  }, 180_000);

  it('resets on demo:reset, from the demo itself or from the user’s own workspace, leaving the user’s untouched', async () => {
    const backend = start();
    await call(backend, 'demo:open', {});
    await call(backend, 'settings:update', { thresholds: { keyRotationDays: 123, keyUnusedDays: 45, keyGraceDays: 7, roleUnusedDays: 90 } });
    const before = (await call<ScanSummary[]>(backend, 'scans:list', {})).map((s) => s.id);

    const reset = await call<WorkspaceInfo>(backend, 'demo:reset', {});
    expect(reset).toMatchObject({ path: join(dir, 'app-data', 'demo.sqlite'), demo: true });
    expect((await call<Settings>(backend, 'settings:get', {})).thresholds.keyRotationDays).toBe(90);
    const after = (await call<ScanSummary[]>(backend, 'scans:list', {})).map((s) => s.id);
    expect(after).not.toEqual(before);

    // From the user's own workspace: the demo is rebuilt and opened; the user's file keeps its scans.
    const own = await call<WorkspaceInfo>(backend, 'workspace:open', { path: join(dir, 'workspace.sqlite') });
    expect(own.demo).toBe(false);
    await call(backend, 'settings:update', { thresholds: { keyRotationDays: 77, keyUnusedDays: 45, keyGraceDays: 7, roleUnusedDays: 90 } });
    const again = await call<WorkspaceInfo>(backend, 'demo:reset', {});
    expect(again.demo).toBe(true);
    expect((await call<ScanSummary[]>(backend, 'scans:list', {})).map((s) => s.id)).not.toEqual(after);
    await call(backend, 'workspace:open', { path: join(dir, 'workspace.sqlite') });
    expect((await call<Settings>(backend, 'settings:get', {})).thresholds.keyRotationDays).toBe(77);
    expect(demoTempFolders()).toEqual([]);
  }, 180_000);

  it('opening the demo file by its path shows it as the demo', async () => {
    const backend = start();
    await call(backend, 'demo:open', {});
    await call(backend, 'workspace:open', { path: join(dir, 'workspace.sqlite') });
    const reopened = await call<WorkspaceInfo>(backend, 'workspace:open', { path: join(dir, 'app-data', 'demo.sqlite') });
    expect(reopened.demo).toBe(true);
  }, 120_000);
});
