/**
 * Escalation combinations the catalogue names on their own: `iam:PassRole` on EVERY role together
 * with a service action that runs code as the passed role (Lambda, SageMaker notebooks, Glue, EC2, …).
 * The graph (escalation/) reports a path only when a role that would make the principal stronger exists
 * today and trusts that service; a PassRole on `role/*` also covers every role created tomorrow, so the
 * combination is an escalation finding by itself (FINDINGS.md: "contain a known escalation combination").
 */
import { ESCALATION_TECHNIQUES } from '../escalation/techniques';
import type { EffectivePermissions, EscalationPath } from '../types';
import { touchesService } from './permission-reading';

export interface EscalationCombination {
  technique: string;
  label: string;
  actions: string[];
  /** The PassRole resource patterns that cover every role. */
  passRoleOn: string[];
  service: string | null;
  explanation: string;
}

/** `*`, `arn:aws:iam::*:role/*`, `arn:aws:iam::123456789012:role/*`: every role (of an account). */
export function coversEveryRole(pattern: string): boolean {
  return pattern === '*' || /^arn:[^:]*:iam::[^:]*:(role\/)?\*$/.test(pattern);
}

const PASS_ROLE_TECHNIQUES = ESCALATION_TECHNIQUES.filter((technique) => technique.target === 'passable-role');

export function passAnyRoleCombinations(permissions: EffectivePermissions): EscalationCombination[] {
  if (!touchesService(permissions, 'iam')) return [];
  const passRoleOn = permissions.resourcesFor('iam:PassRole').filter(coversEveryRole);
  if (passRoleOn.length === 0) return [];
  const result: EscalationCombination[] = [];
  for (const technique of PASS_ROLE_TECHNIQUES) {
    if (!technique.actions.every((action) => action === 'iam:PassRole' || permissions.isAllowedAnywhere(action))) continue;
    result.push({
      technique: technique.id,
      label: technique.label,
      actions: [...technique.actions],
      passRoleOn,
      service: technique.service ?? null,
      explanation: technique.explanation.replace('{target}', 'any role that trusts the service'),
    });
  }
  return result;
}

/**
 * A combination as an escalation path of its own, listed with the graph's paths wherever an identity's
 * paths are shown (agents:get, review evidence, the CEL view's canEscalate): the tier reasons and the
 * privilege_escalation finding count the combination, so a list without it would say "no path" beside
 * a finding that says there is one. One step: the identity passes any role to the service and runs
 * its own code there as that role.
 */
export function combinationPath(principal: { arn: string; name: string }, combination: EscalationCombination): EscalationPath {
  const service = combination.service ?? 'the service';
  return {
    principalArn: principal.arn,
    outcome: 'pass-any-role',
    steps: [
      {
        from: principal.arn,
        technique: combination.label,
        actions: [...combination.actions],
        to: `any role ${service} can assume`,
        explanation:
          `${principal.name} ${combination.explanation}: iam:PassRole is allowed on ${combination.passRoleOn.join(', ')}, which covers every role ` +
          '(including roles created later), so it gains the permissions of whichever one it picks',
      },
    ],
  };
}
