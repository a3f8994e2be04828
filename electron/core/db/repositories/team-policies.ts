/**
 * The team's own governance policies (CEL), one row each. Every create, change and delete is checked
 * by the engine first (an expression that does not compile is refused with its position), written
 * with its audit entry in the same transaction, and bumps the analysis-inputs revision, so the next
 * read of a scan evaluates the policies as they now are (re-analysis keeps lifecycle and acceptances).
 */
import { randomUUID } from 'node:crypto';
import { POLICY_SEVERITY_NAMES, type PolicySeverityName, type UserPolicyInfo } from '@shared/contract';
import { BUILT_IN_GOVERNANCE_POLICIES } from '../../analysis/rules/built-in-policies';
import { bumpAnalysisInputsRevision } from '../../analysis/store/analysis-inputs';
import { AppError } from '../../errors';
import { compilePolicy, describeProblem } from '../../analysis/team-policies/evaluate-policies';
import type { UserPolicy } from '../../analysis/team-policies/team-policy';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { appendAuditEntry } from './audit-log';

const SEVERITIES: ReadonlySet<string> = new Set(POLICY_SEVERITY_NAMES);

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toPolicy(row: Row): UserPolicyInfo {
  const severity = String(row['severity']);
  const appliesTo = text(row['applies_to']);
  return {
    id: String(row['id']),
    name: String(row['name']),
    description: text(row['description']) ?? '',
    condition: text(row['condition']) ?? '',
    appliesTo: appliesTo === null || appliesTo.trim() === '' ? null : appliesTo,
    severity: SEVERITIES.has(severity) ? (severity as PolicySeverityName) : 'medium',
    remediation: text(row['remediation']) ?? '',
    enabled: row['enabled'] === 1,
    createdAt: String(row['created_at']),
    createdBy: text(row['created_by']),
    updatedAt: String(row['updated_at']),
    updatedBy: text(row['updated_by']),
  };
}

/** Every user policy, by name. */
export function listUserPolicies(db: ReadDb): UserPolicyInfo[] {
  return db
    .all(sql`SELECT * FROM policies`)
    .map(toPolicy)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

export function getUserPolicy(db: ReadDb, id: string): UserPolicyInfo | null {
  const row = db.get(sql`SELECT * FROM policies WHERE id = ${id}`);
  return row === undefined ? null : toPolicy(row);
}

/** What the analysis evaluates: the enabled policies. */
export function enabledUserPolicies(db: ReadDb): UserPolicy[] {
  return listUserPolicies(db)
    .filter((policy) => policy.enabled)
    .map(({ id, name, description, condition, appliesTo, severity, remediation, enabled }) => ({ id, name, description, condition, appliesTo, severity, remediation, enabled }));
}

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

function normalised(input: PolicyInput): Omit<PolicyInput, 'id'> {
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
      tx.run(sql`
        INSERT INTO policies (id, name, description, condition, applies_to, severity, remediation, enabled, created_at, created_by, updated_at, updated_by)
        VALUES (${id}, ${wanted.name}, ${wanted.description}, ${wanted.condition}, ${wanted.appliesTo}, ${wanted.severity}, ${wanted.remediation},
                ${wanted.enabled}, ${at}, ${context.actor}, ${at}, ${context.actor})`);
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
    tx.run(sql`
      UPDATE policies SET name = ${wanted.name}, description = ${wanted.description}, condition = ${wanted.condition}, applies_to = ${wanted.appliesTo},
        severity = ${wanted.severity}, remediation = ${wanted.remediation}, enabled = ${wanted.enabled}, updated_at = ${at}, updated_by = ${context.actor}
      WHERE id = ${current.id}`);
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
    tx.run(sql`DELETE FROM policies WHERE id = ${id}`);
    appendAuditEntry(tx, { at, actor: context.actor, action: 'policy.delete', target: `policy:${id}`, details: auditSnapshot(current) });
    bumpAnalysisInputsRevision(tx, at);
    return true;
  });
}
