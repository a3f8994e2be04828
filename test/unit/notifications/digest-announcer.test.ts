import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '@shared/contract';
import { createDigestAnnouncer } from '@core/notifications/digest-announcer';
import type { WorkspaceManager } from '@core/db/workspace-manager';
import { updateSettings } from '@core/db/repositories/settings';
import { addScan, tempWorkspace } from '../governance/analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function job(scanIds: string[]): Job {
  return { jobId: 'j1', kind: 'import', status: 'completed', scanIds } as unknown as Job;
}

describe('the change digest is not computed when it cannot say anything', () => {
  it('skips an account’s first scan and a workspace with every kind off, without diffing', async () => {
    const made = tempWorkspace(() => NOW);
    cleanup = made.cleanup;
    const asked: string[] = [];
    const announce = createDigestAnnouncer({
      handlers: {
        'changes:get': (input: { to: string | null }) => {
          asked.push(input.to ?? '');
          throw new Error('not expected in this test');
        },
      },
      workspaces: { current: () => made.workspace } as unknown as WorkspaceManager,
      emit: () => undefined,
    });
    addScan(made.workspace, 'first', '2026-02-01T00:00:00.000Z');
    expect(await announce(job(['first']))).toBeNull();
    expect(asked).toEqual([]);
    addScan(made.workspace, 'second', '2026-02-08T00:00:00.000Z');
    updateSettings(made.workspace.write, { notifications: { newShadowAi: false, newCriticalHigh: false, regressed: false, resolved: false, identitiesChanged: false } });
    expect(await announce(job(['second']))).toBeNull();
    expect(asked).toEqual([]);
    // With a kind on and a scan to compare with, it asks for the diff.
    updateSettings(made.workspace.write, { notifications: { newShadowAi: true, newCriticalHigh: false, regressed: false, resolved: false, identitiesChanged: false } });
    await announce(job(['second']));
    expect(asked).toEqual(['second']);
  });
});
