import { afterEach, describe, expect, it } from 'vitest';
import { registryUpdateSchema } from '@shared/contract';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { getRegistryRecord } from '@core/db/repositories/registry';
import { updateRegistry } from '@core/governance/registry-service';
import { tempWorkspace } from './analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ARNS = ['arn:aws:iam::111100003333:user/BedrockAPIKey-hk4z', 'arn:aws:iam::111100002222:role/old-experiment'];

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('decommissioning takes a reason (issue 10 §4)', () => {
  it('the contract refuses a decommission without a reason, or with a reason too short to explain anything', () => {
    expect(registryUpdateSchema.safeParse({ arns: ARNS, patch: { status: 'decommissioned' } }).success).toBe(false);
    expect(registryUpdateSchema.safeParse({ arns: ARNS, patch: { status: 'decommissioned' }, reason: 'old' }).success).toBe(false);
    expect(registryUpdateSchema.parse({ arns: ARNS, patch: { status: 'decommissioned' }, reason: '  hackathon key, nobody claims it  ' }).reason).toBe('hackathon key, nobody claims it');
    // Other edits need none.
    expect(registryUpdateSchema.parse({ arns: ARNS, patch: { owner: 'ml-team' } }).reason).toBeNull();
  });

  it('the service refuses one without a reason, and records the reason in one audit entry per identity retired', () => {
    const made = tempWorkspace(() => NOW);
    cleanup = made.cleanup;
    const { workspace } = made;
    expect(() => updateRegistry(workspace.write, { arns: ARNS, patch: { status: 'decommissioned' }, actor: 'alice', now: NOW, tierOf: () => 2 })).toThrow(/why/);
    expect(listAuditEntries(workspace.read, 100, null)).toHaveLength(0);

    const reason = 'Hackathon key; nobody claims it, disabled in AWS';
    updateRegistry(workspace.write, { arns: ARNS, patch: { status: 'decommissioned' }, reason, actor: 'alice', now: NOW, tierOf: () => 2 });
    expect(getRegistryRecord(workspace.read, ARNS[0] ?? '').status).toBe('decommissioned');
    const entries = listAuditEntries(workspace.read, 100, null).filter((entry) => entry.action === 'registry.decommissioned');
    expect(entries.map((entry) => entry.target).sort()).toEqual([...ARNS].sort());
    expect(entries[0]?.details).toEqual({ reason, previousStatus: 'unregistered' });
    expect(entries[0]?.actor).toBe('alice');

    // Decommissioning again is no change: no second entry.
    updateRegistry(workspace.write, { arns: ARNS, patch: { status: 'decommissioned' }, reason, actor: 'alice', now: NOW, tierOf: () => 2 });
    expect(listAuditEntries(workspace.read, 100, null).filter((entry) => entry.action === 'registry.decommissioned')).toHaveLength(2);
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: true });
  });
});
