/** The shells warm the action catalogue up after start-up; a failure there is reported, never thrown. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '@core/backend';
import { EventHub } from '@core/events';
import { getActionCatalogue, setActionCatalogueDataDir } from '@core/analysis/iam-policy/index';

function backendWith(onInternalError: (channel: string, error: unknown) => void): { close(): void; warmUp(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-warm-'));
  const backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { HOME: dir },
    dialogs: null,
    emit: new EventHub().emit,
    acceptUploads: false,
    collectors: [],
    onInternalError,
  });
  return {
    warmUp: () => backend.warmUp(),
    close: () => {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  setActionCatalogueDataDir(null);
});

describe('backend.warmUp', () => {
  it('loads the action catalogue a moment after start-up, not during it', () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    const backend = backendWith((channel) => errors.push(channel));
    setActionCatalogueDataDir(null); // a fresh load
    backend.warmUp();
    vi.advanceTimersByTime(300);
    expect(errors).toEqual([]);
    expect(getActionCatalogue().size).toBeGreaterThan(15_000);
    backend.close();
  });

  it('reports a catalogue that cannot be read instead of throwing', () => {
    vi.useFakeTimers();
    const errors: [string, unknown][] = [];
    const backend = backendWith((channel, error) => errors.push([channel, error]));
    setActionCatalogueDataDir(join(tmpdir(), 'no-such-iam-data-folder'));
    backend.warmUp();
    // Nothing read during start-up itself…
    expect(errors).toEqual([]);
    // …a moment later the load runs, and its failure is reported, not thrown.
    expect(() => vi.advanceTimersByTime(300)).not.toThrow();
    expect(errors.map(([channel]) => channel)).toEqual(['warm-up']);
    backend.close();
  });
});
