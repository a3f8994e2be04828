/**
 * Who is a machine: the judgement the credential and ownership rules share. A role is a machine
 * identity unless AWS manages it (service-linked) or people sign in through it (IAM Identity Center,
 * SAML federation: `access: 'human'`, judged by the inventory, inventory/human-access.ts).
 * An IAM user is one when it has no console password (nobody signs in as it), or when it is tagged as
 * a workload even though a password was left on.
 */
import { hasWorkloadTags as tagsMarkWorkload } from '../inventory/human-access';
import type { AccessKeyCredential, InventoryAgent, PasswordCredential } from '../inventory/types';

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
  return tagsMarkWorkload(agent.tags);
}

export function hasConsolePassword(agent: InventoryAgent): boolean {
  return passwordOf(agent)?.enabled === true;
}

/** An IAM user judged a machine: no console password, or tagged as a workload. */
export function isNonHumanUser(agent: InventoryAgent): boolean {
  if (agent.kind !== 'iam-user') return false;
  return !hasConsolePassword(agent) || hasWorkloadTags(agent) || agent.workloads.length > 0;
}

/** The identities the governance rules (owner, registry, review) are about: not people's access. */
export function isGovernedAgent(agent: InventoryAgent): boolean {
  if (agent.awsManaged || agent.managedBy !== null || agent.access === 'human') return false;
  if (agent.kind === 'iam-user') return isNonHumanUser(agent);
  return true;
}

/** Roles and users whose permissions the permission rules judge (service-linked roles are AWS's to fix). */
export function isPermissionSubject(agent: InventoryAgent): boolean {
  return !agent.awsManaged && agent.kind !== 'unscanned-role';
}
