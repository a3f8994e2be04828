/**
 * The escalation graph asks for a group's permissions (a user who can add itself to a group gains
 * them); the policy analyzer answers for users and roles only. A group's permissions are those of a
 * member with nothing else: a synthetic user in just that group, evaluated by the same evaluator.
 */
import type { IamUserFacts, ScanFacts } from '../../discovery/facts';
import { computeEffectivePermissions, type PolicyContext } from '../iam-policy';
import type { EffectivePermissions } from '../types';

export interface PrincipalPermissionsSource {
  forPrincipal(arn: string): EffectivePermissions | null;
  readonly context: PolicyContext;
}

/** `permissionsOf` for `findEscalationPaths`: the analyzer's answer for users and roles, a sole member's for groups. */
export function escalationPermissionsOf(facts: Pick<ScanFacts, 'iam'>, analyzer: PrincipalPermissionsSource): (arn: string) => EffectivePermissions | null {
  const groups = new Map((facts.iam?.groups ?? []).map((g) => [g.arn, g]));
  const memo = new Map<string, EffectivePermissions>();
  return (arn) => {
    const group = groups.get(arn);
    if (group === undefined) return analyzer.forPrincipal(arn);
    let perms = memo.get(arn);
    if (perms === undefined) {
      const member: IamUserFacts = {
        arn: group.arn,
        name: group.name,
        id: null,
        path: group.path,
        createdAt: null,
        groups: [group.name],
        inlinePolicies: [],
        attachedPolicies: [],
        tags: {},
        permissionsBoundary: null,
      };
      perms = computeEffectivePermissions(member, analyzer.context);
      memo.set(arn, perms);
    }
    return perms;
  };
}
