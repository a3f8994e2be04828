/** The team's policies (repository and service): saves checked by the engine, names unique, every change audited and re-analysed. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { enabledUserPolicies, getUserPolicy, listUserPolicies } from '@core/db/repositories/team-policies';
import { deleteUserPolicy, saveUserPolicy, type PolicyInput } from '@core/governance/team-policies/team-policy-service';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { isAppError } from '@core/errors';
import { makeTempDir, removeTempDirs } from './helpers/temp-dir';
import { join } from 'node:path';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const T1 = new Date('2026-03-02T10:00:00.000Z');

function draft(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    id: null,
    name: 'AI agents have owners',
    description: 'Every AI agent has an accountable owner.',
    severity: 'high',
    condition: 'agent.ai ? agent.owner != null : true',
    appliesTo: null,
    remediation: 'Set the owner in the registry.',
    enabled: true,
    ...overrides,
  };
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('did not throw');
}

describe('policies repository', () => {
  let workspace: Workspace;
  let ids: number;
  const context = (now = T0) => ({ actor: 'alice', now, newId: () => `policy-${(ids += 1)}` });

  beforeEach(() => {
    ids = 0;
    workspace = openWorkspace(join(makeTempDir(), 'w.sqlite'), { clock: () => T0, create: true, appVersion: '0.0.0-test' });
  });

  afterEach(() => {
    workspace.close();
    removeTempDirs();
  });

  it('creates a policy with who and when, audits it and bumps the analysis inputs', () => {
    const before = analysisInputsRevision(workspace.read);
    const saved = saveUserPolicy(workspace.write, draft({ appliesTo: '  ' }), context());
    expect(saved).toEqual({
      id: 'policy-1',
      name: 'AI agents have owners',
      description: 'Every AI agent has an accountable owner.',
      condition: 'agent.ai ? agent.owner != null : true',
      appliesTo: null,
      severity: 'high',
      remediation: 'Set the owner in the registry.',
      enabled: true,
      createdAt: T0.toISOString(),
      createdBy: 'alice',
      updatedAt: T0.toISOString(),
      updatedBy: 'alice',
    });
    expect(analysisInputsRevision(workspace.read)).toBe(before + 1);
    const [entry] = listAuditEntries(workspace.read, 10, null);
    expect(entry).toMatchObject({ action: 'policy.create', actor: 'alice', target: 'policy:policy-1' });
    expect(entry?.details).toMatchObject({ name: 'AI agents have owners', condition: 'agent.ai ? agent.owner != null : true', severity: 'high', enabled: true });
  });

  it('refuses an expression that does not compile, with the field, line and column, and writes nothing', () => {
    const error = errorOf(() => saveUserPolicy(workspace.write, draft({ condition: 'agent.owner ==', appliesTo: 'agent.tierr == 1' }), context()));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'The policy does not compile. Condition, line 1, column 15: Unexpected token: EOF Applies to, line 1, column 7: No such key: tierr',
    );
    expect(listUserPolicies(workspace.read)).toEqual([]);
    expect(listAuditEntries(workspace.read, 10, null)).toEqual([]);
  });

  it('keeps names unique in any case and alphabet, and away from the built-ins', () => {
    saveUserPolicy(workspace.write, draft({ name: 'Ägent owners' }), context());
    expect(errorOf(() => saveUserPolicy(workspace.write, draft({ name: '  äGENT OWNERS ' }), context()))).toMatchObject({ code: 'conflict' });
    expect(errorOf(() => saveUserPolicy(workspace.write, draft({ name: 'Owned Agent' }), context()))).toEqual({
      code: 'conflict',
      message: '"Owned Agent" is the name of a built-in policy. Choose another name.',
    });
    expect(errorOf(() => saveUserPolicy(workspace.write, draft({ name: '   ' }), context())).code).toBe('invalid_input');
  });

  it('updates in place: the changed fields in the audit log, created stays, updated moves', () => {
    const created = saveUserPolicy(workspace.write, draft(), context());
    const revision = analysisInputsRevision(workspace.read);
    const updated = saveUserPolicy(workspace.write, { ...draft({ severity: 'critical', appliesTo: 'agent.tier == 1' }), id: created.id }, context(T1));
    expect(updated).toMatchObject({ id: created.id, severity: 'critical', appliesTo: 'agent.tier == 1', createdAt: T0.toISOString(), updatedAt: T1.toISOString() });
    expect(analysisInputsRevision(workspace.read)).toBe(revision + 1);
    const [entry] = listAuditEntries(workspace.read, 1, null);
    expect(entry).toMatchObject({ action: 'policy.update', target: `policy:${created.id}` });
    expect(entry?.details).toEqual({
      name: 'AI agents have owners',
      changes: { severity: { from: 'high', to: 'critical' }, appliesTo: { from: null, to: 'agent.tier == 1' } },
    });
  });

  it('records a toggle as enable/disable, and only the enabled ones reach the analysis', () => {
    const created = saveUserPolicy(workspace.write, draft(), context());
    saveUserPolicy(workspace.write, draft({ name: 'Second', condition: 'true' }), context());
    saveUserPolicy(workspace.write, { ...draft(), id: created.id, enabled: false }, context(T1));
    expect(listAuditEntries(workspace.read, 1, null)[0]).toMatchObject({ action: 'policy.disable', details: { changes: { enabled: { from: true, to: false } } } });
    expect(enabledUserPolicies(workspace.read).map((p) => p.name)).toEqual(['Second']);
    saveUserPolicy(workspace.write, { ...draft(), id: created.id, enabled: true }, context(T1));
    expect(listAuditEntries(workspace.read, 1, null)[0]?.action).toBe('policy.enable');
    expect(enabledUserPolicies(workspace.read).map((p) => p.name)).toEqual(['AI agents have owners', 'Second']);
  });

  it('writes nothing for a save that changes nothing', () => {
    const created = saveUserPolicy(workspace.write, draft(), context());
    const entries = listAuditEntries(workspace.read, 10, null).length;
    const revision = analysisInputsRevision(workspace.read);
    expect(saveUserPolicy(workspace.write, { ...draft(), id: created.id }, context(T1))).toEqual(created);
    expect(listAuditEntries(workspace.read, 10, null)).toHaveLength(entries);
    expect(analysisInputsRevision(workspace.read)).toBe(revision);
  });

  it('refuses to update a policy that is not there', () => {
    expect(errorOf(() => saveUserPolicy(workspace.write, { ...draft(), id: 'gone' }, context()))).toMatchObject({ code: 'not_found' });
  });

  it('deletes with an audit entry holding what was deleted; a second delete is a no-op', () => {
    const created = saveUserPolicy(workspace.write, draft(), context());
    expect(deleteUserPolicy(workspace.write, created.id, context(T1))).toBe(true);
    expect(getUserPolicy(workspace.read, created.id)).toBeNull();
    expect(listAuditEntries(workspace.read, 1, null)[0]).toMatchObject({ action: 'policy.delete', details: { name: 'AI agents have owners', severity: 'high' } });
    expect(deleteUserPolicy(workspace.write, created.id, context(T1))).toBe(false);
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: true, entries: 2 });
  });
});
