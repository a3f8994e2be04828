/**
 * Effective permissions for the analysis: `createPermissionsAnalyzer(facts)` indexes a scan's
 * policies and groups once and answers per principal (memoised), so the rules, tiers and the
 * escalation graph can all ask without recomputing.
 */
import type { IamGroupFacts, IamRoleFacts, IamUserFacts, ManagedPolicyFacts, ScanFacts } from '../../discovery/facts';
import type { ActionCatalogue } from './action-catalogue';
import type { PolicyContext, PrincipalPermissions } from './evaluate';
import { computeEffectivePermissions } from './evaluate';
import { ActionListCache } from './compile';
import { ServiceSummaryCache } from './service-summary';

export { ActionSet } from './action-set';
export {
  ActionCatalogue,
  expandActionPattern,
  getActionCatalogue,
  normaliseAccessLevel,
  setActionCatalogueDataDir,
  wildcardMatch,
} from './action-catalogue';
export type { CatalogueAction, CatalogueSource, ServiceRange } from './action-catalogue';
export { ADMINISTRATOR_ACCESS_ARN_SUFFIX, computeEffectivePermissions, principalContextOf } from './evaluate';
export type { PolicyContext, PrincipalPermissions } from './evaluate';

export interface PermissionsAnalyzer {
  /** Effective permissions of an IAM user or role of the scan; null for an unknown ARN. */
  forPrincipal(arn: string): PrincipalPermissions | null;
  /** The users and roles the analyzer knows, by ARN. */
  readonly principals: ReadonlyMap<string, IamUserFacts | IamRoleFacts>;
  readonly context: PolicyContext;
}

export function createPermissionsAnalyzer(facts: ScanFacts, options: { catalogue?: ActionCatalogue } = {}): PermissionsAnalyzer {
  const policiesByArn = new Map<string, ManagedPolicyFacts>();
  const groupsByName = new Map<string, IamGroupFacts>();
  const principals = new Map<string, IamUserFacts | IamRoleFacts>();
  for (const policy of facts.iam?.policies ?? []) policiesByArn.set(policy.arn, policy);
  for (const group of facts.iam?.groups ?? []) groupsByName.set(group.name, group);
  for (const user of facts.iam?.users ?? []) principals.set(user.arn, user);
  for (const role of facts.iam?.roles ?? []) principals.set(role.arn, role);
  const context: PolicyContext = { policiesByArn, groupsByName, summaries: new ServiceSummaryCache(), actionLists: new ActionListCache(), ...(options.catalogue ? { catalogue: options.catalogue } : {}) };
  const memo = new Map<string, PrincipalPermissions>();
  return {
    principals,
    context,
    forPrincipal(arn) {
      const cached = memo.get(arn);
      if (cached !== undefined) return cached;
      const principal = principals.get(arn);
      if (principal === undefined) return null;
      const permissions = computeEffectivePermissions(principal, context);
      memo.set(arn, permissions);
      return permissions;
    },
  };
}
