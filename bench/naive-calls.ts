/**
 * What the same IAM inventory costs when gathered entity by entity, the way most scripts and many
 * tools do it: list each entity type, then ask about each entity. Counted from the synthetic account
 * (not run), per API operation, with the list calls at their largest page (MaxItems 1000) and every
 * per-entity list assumed to fit in one page, so the figure is a lower bound of the naive approach.
 *
 * Per user:   GetUser (tags, permissions boundary: ListUsers omits them), ListAttachedUserPolicies,
 *             ListUserPolicies, GetUserPolicy per inline policy, ListGroupsForUser, ListAccessKeys,
 *             GetAccessKeyLastUsed per key.
 * Per group:  ListAttachedGroupPolicies, ListGroupPolicies, GetGroupPolicy per inline policy.
 * Per role:   GetRole (trust policy, RoleLastUsed, tags, boundary), ListAttachedRolePolicies,
 *             ListRolePolicies, GetRolePolicy per inline policy, ListInstanceProfilesForRole.
 * Per managed policy (customer managed, and the AWS managed ones attached): GetPolicy, GetPolicyVersion.
 *
 * The credential report, identity providers, Bedrock API keys and last-accessed jobs cost the same
 * either way and are left out of both sides of the comparison.
 */
import type { SyntheticAccount } from './synthetic-account';

export interface NaiveCount {
  total: number;
  byOperation: Record<string, number>;
}

export function naivePerEntityCalls(account: SyntheticAccount): NaiveCount {
  const ops: Record<string, number> = {};
  const add = (operation: string, n: number): void => {
    ops[operation] = (ops[operation] ?? 0) + n;
  };
  const pages = (n: number): number => Math.max(1, Math.ceil(n / 1000));
  add('iam:ListUsers', pages(account.userCount));
  add('iam:ListGroups', pages(account.groupCount));
  add('iam:ListRoles', pages(account.roleCount));
  // Scope=Local, then Scope=AWS&OnlyAttached=true.
  add('iam:ListPolicies', pages(account.policyCount) + pages(account.awsPolicyCount));

  for (let i = 0; i < account.userCount; i += 1) {
    const { detail, credentials } = account.user(i);
    add('iam:GetUser', 1);
    add('iam:ListAttachedUserPolicies', 1);
    add('iam:ListUserPolicies', 1);
    add('iam:GetUserPolicy', detail.UserPolicyList.length);
    add('iam:ListGroupsForUser', 1);
    add('iam:ListAccessKeys', 1);
    add('iam:GetAccessKeyLastUsed', credentials.accessKeys.length);
  }
  for (let i = 0; i < account.groupCount; i += 1) {
    const group = account.group(i);
    add('iam:ListAttachedGroupPolicies', 1);
    add('iam:ListGroupPolicies', 1);
    add('iam:GetGroupPolicy', group.GroupPolicyList.length);
  }
  for (let i = 0; i < account.roleCount; i += 1) {
    const role = account.role(i);
    add('iam:GetRole', 1);
    add('iam:ListAttachedRolePolicies', 1);
    add('iam:ListRolePolicies', 1);
    add('iam:GetRolePolicy', role.RolePolicyList.length);
    add('iam:ListInstanceProfilesForRole', 1);
  }
  const managed = account.policyCount + account.awsPolicyCount;
  add('iam:GetPolicy', managed);
  add('iam:GetPolicyVersion', managed);

  const byOperation = Object.fromEntries(Object.entries(ops).sort(([a], [b]) => a.localeCompare(b)));
  return { total: Object.values(ops).reduce((sum, n) => sum + n, 0), byOperation };
}
