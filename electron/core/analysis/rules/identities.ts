/**
 * Who is a machine: the judgement the credential and ownership rules share. A role is a machine
 * identity unless AWS manages it (service-linked) or people sign in through it (IAM Identity Center).
 * An IAM user is one when it has no console password (nobody signs in as it), or when it is tagged as
 * a workload even though a password was left on.
 */
import type { AccessKeyCredential, InventoryAgent, PasswordCredential } from '../inventory/types';

/** Tag keys that say "this identity is a workload" whatever its credentials look like. */
const WORKLOAD_TAG_KEYS: ReadonlySet<string> = new Set(['workload', 'service', 'application', 'app', 'tool', 'automation', 'ci', 'bot', 'pipeline']);
/** Tag keys naming an identity's kind, and the values that mean a machine. */
const KIND_TAG_KEYS: ReadonlySet<string> = new Set(['identity-type', 'identitytype', 'principal-type', 'principaltype', 'type', 'kind', 'usage']);
const MACHINE_KIND_VALUES: ReadonlySet<string> = new Set(['machine', 'service', 'bot', 'workload', 'automation', 'ci', 'non-human', 'nonhuman', 'system', 'service-account']);

export function passwordOf(agent: InventoryAgent): PasswordCredential | null {
  for (const credential of agent.credentials) if (credential.type === 'console-password') return credential;
  return null;
}

export function accessKeysOf(agent: InventoryAgent): AccessKeyCredential[] {
  return agent.credentials.filter((credential): credential is AccessKeyCredential => credential.type === 'access-key');
}

export function activeAccessKeys(agent: InventoryAgent): AccessKeyCredential[] {
  return accessKeysOf(agent).filter((key) => key.active);
}

export function hasWorkloadTags(agent: InventoryAgent): boolean {
  for (const [key, value] of Object.entries(agent.tags)) {
    const k = key.trim().toLowerCase();
    if (WORKLOAD_TAG_KEYS.has(k)) return true;
    if (KIND_TAG_KEYS.has(k) && MACHINE_KIND_VALUES.has(value.trim().toLowerCase())) return true;
  }
  return false;
}

export function hasConsolePassword(agent: InventoryAgent): boolean {
  return passwordOf(agent)?.enabled === true;
}

/** An IAM user judged a machine: no console password, or tagged as a workload. */
export function isNonHumanUser(agent: InventoryAgent): boolean {
  if (agent.kind !== 'iam-user') return false;
  return !hasConsolePassword(agent) || hasWorkloadTags(agent) || agent.workloads.length > 0;
}

/** The identities the governance rules (owner, registry, review) are about. */
export function isGovernedAgent(agent: InventoryAgent): boolean {
  if (agent.awsManaged || agent.managedBy !== null) return false;
  if (agent.kind === 'iam-user') return isNonHumanUser(agent);
  return true;
}

/** Roles and users whose permissions the permission rules judge (service-linked roles are AWS's to fix). */
export function isPermissionSubject(agent: InventoryAgent): boolean {
  return !agent.awsManaged && agent.kind !== 'unscanned-role';
}
