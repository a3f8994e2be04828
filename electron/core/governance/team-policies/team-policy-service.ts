/**
 * The team's policies, changed: every create, change and delete is checked by the engine first (an
 * expression that does not compile is refused with its position), written with its audit entry in
 * the same transaction, and bumps the analysis-inputs revision, so the next read of a scan evaluates
 * the policies as they now are (re-analysis keeps lifecycle and acceptances).
 */
import { randomUUID } from 'node:crypto';
import type { PolicySeverityName, UserPolicyInfo } from '@shared/contract';
import { BUILT_IN_GOVERNANCE_POLICIES } from '../../analysis/rules/built-in-policies';
import { compilePolicy, describeProblem } from '../../analysis/team-policies/evaluate-policies';
import { bumpAnalysisInputsRevision } from '../../analysis-store/analysis-inputs';
import type { WriteDb } from '../../db/handles';
import { appendAuditEntry } from '../../db/repositories/audit-log';
import {
  deleteUserPolicyRow,
  getUserPolicy,
  insertUserPolicy,
  listUserPolicies,
  updateUserPolicy,
  type PolicyFields,
} from '../../db/repositories/team-policies';
import { AppError } from '../../errors';

/** Case-insensitive and ignoring surrounding spaces, for any alphabet (SQLite's NOCASE is ASCII only). */
function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('und');
}

export interface PolicyInput {
  /** Null to create a policy. */
  id: string | null;
  name: string;
  description: string;
  severity: PolicySeverityName;
  condition: string;
  appliesTo: string | null;
  remediation: string;
  enabled: boolean;
}

export interface PolicyChangeContext {
  actor: string;
  now: Date;
  newId?: () => string;
}

const AUDITED_FIELDS = ['name', 'description', 'severity', 'condition', 'appliesTo', 'remediation', 'enabled'] as const;

function auditSnapshot(policy: UserPolicyInfo): Record<string, unknown> {
  return { name: policy.name, description: policy.description, severity: policy.severity, condition: policy.condition, appliesTo: policy.appliesTo, remediation: policy.remediation, enabled: policy.enabled };
}

function normalised(input: PolicyInput): PolicyFields {
  const appliesTo = input.appliesTo === null || input.appliesTo.trim() === '' ? null : input.appliesTo;
  return {
    name: input.name.trim(),
    description: input.description.trim(),
    severity: input.severity,
    condition: input.condition,
    appliesTo,
    remediation: input.remediation.trim(),
    enabled: input.enabled,
  };
}

/**
 * Creates (id null) or replaces a policy. Refuses an empty or duplicate name (also a built-in
 * policy's name: findings are titled by it) and an expression that does not compile.
 */
export function saveUserPolicy(db: WriteDb, input: PolicyInput, context: PolicyChangeContext): UserPolicyInfo {
  const wanted = normalised(input);
  if (wanted.name === '') throw new AppError('invalid_input', 'A policy needs a name.');
  const compiled = compilePolicy(wanted);
  if (!compiled.ok) throw new AppError('invalid_input', `The policy does not compile. ${compiled.problems.map(describeProblem).join(' ')}`);
  if (BUILT_IN_GOVERNANCE_POLICIES.some((builtIn) => nameKey(builtIn.name) === nameKey(wanted.name))) {
    throw new AppError('conflict', `"${wanted.name}" is the name of a built-in policy. Choose another name.`);
  }
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const current = input.id === null ? null : getUserPolicy(tx, input.id);
    if (input.id !== null && current === null) throw new AppError('not_found', `There is no policy ${input.id} in this workspace (it may have been deleted).`);
    const clash = listUserPolicies(tx).find((policy) => policy.id !== input.id && nameKey(policy.name) === nameKey(wanted.name));
    if (clash !== undefined) throw new AppError('conflict', `A policy named "${clash.name}" already exists. Choose another name.`);

    if (current === null) {
      const id = (context.newId ?? randomUUID)();
      insertUserPolicy(tx, id, wanted, { at, actor: context.actor });
      const created = getUserPolicy(tx, id);
      if (created === null) throw new AppError('internal', 'The policy was not saved.');
      appendAuditEntry(tx, { at, actor: context.actor, action: 'policy.create', target: `policy:${id}`, details: auditSnapshot(created) });
      bumpAnalysisInputsRevision(tx, at);
      return created;
    }

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of AUDITED_FIELDS) {
      if (current[field] !== wanted[field]) changes[field] = { from: current[field], to: wanted[field] };
    }
    if (Object.keys(changes).length === 0) return current;
    updateUserPolicy(tx, current.id, wanted, { at, actor: context.actor });
    const onlyToggled = Object.keys(changes).length === 1 && changes['enabled'] !== undefined;
    const action = onlyToggled ? (wanted.enabled ? 'policy.enable' : 'policy.disable') : 'policy.update';
    appendAuditEntry(tx, { at, actor: context.actor, action, target: `policy:${current.id}`, details: { name: wanted.name, changes } });
    bumpAnalysisInputsRevision(tx, at);
    const updated = getUserPolicy(tx, current.id);
    if (updated === null) throw new AppError('internal', 'The policy was not saved.');
    return updated;
  });
}

/** Deletes a policy; false when there was none with this id. */
export function deleteUserPolicy(db: WriteDb, id: string, context: PolicyChangeContext): boolean {
  const at = context.now.toISOString();
  return db.transaction((tx) => {
    const current = getUserPolicy(tx, id);
    if (current === null) return false;
    deleteUserPolicyRow(tx, id);
    appendAuditEntry(tx, { at, actor: context.actor, action: 'policy.delete', target: `policy:${id}`, details: auditSnapshot(current) });
    bumpAnalysisInputsRevision(tx, at);
    return true;
  });
}
