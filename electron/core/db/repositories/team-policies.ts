/**
 * The team's own governance policies (CEL), one row each in the `policies` table: reads, and the
 * plain writes the team-policy service (governance/team-policies/team-policy-service.ts) composes
 * with its checks, audit entry and analysis-inputs revision in one transaction.
 */
import { POLICY_SEVERITY_NAMES, type PolicySeverityName, type UserPolicyInfo } from '@shared/contract';
import type { UserPolicy } from '../../analysis/team-policies/team-policy';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';

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

/** The fields of a policy as stored (already checked and trimmed by the service). */
export interface PolicyFields {
  name: string;
  description: string;
  severity: PolicySeverityName;
  condition: string;
  appliesTo: string | null;
  remediation: string;
  enabled: boolean;
}

export function insertUserPolicy(db: WriteDb, id: string, fields: PolicyFields, change: { at: string; actor: string }): void {
  db.run(sql`
    INSERT INTO policies (id, name, description, condition, applies_to, severity, remediation, enabled, created_at, created_by, updated_at, updated_by)
    VALUES (${id}, ${fields.name}, ${fields.description}, ${fields.condition}, ${fields.appliesTo}, ${fields.severity}, ${fields.remediation},
            ${fields.enabled}, ${change.at}, ${change.actor}, ${change.at}, ${change.actor})`);
}

export function updateUserPolicy(db: WriteDb, id: string, fields: PolicyFields, change: { at: string; actor: string }): void {
  db.run(sql`
    UPDATE policies SET name = ${fields.name}, description = ${fields.description}, condition = ${fields.condition}, applies_to = ${fields.appliesTo},
      severity = ${fields.severity}, remediation = ${fields.remediation}, enabled = ${fields.enabled}, updated_at = ${change.at}, updated_by = ${change.actor}
    WHERE id = ${id}`);
}

export function deleteUserPolicyRow(db: WriteDb, id: string): void {
  db.run(sql`DELETE FROM policies WHERE id = ${id}`);
}
