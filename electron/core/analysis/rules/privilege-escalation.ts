import type { JsonObject } from '../../discovery/facts';
import type { EscalationPath, Finding } from '../types';
import { makeFinding, policyFix } from './finding';
import { isPermissionSubject } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

function pathJson(path: EscalationPath): JsonObject {
  return {
    outcome: path.outcome,
    steps: path.steps.map((step) => ({ from: step.from, technique: step.technique, actions: [...step.actions], to: step.to, explanation: step.explanation })),
  };
}

/**
 * NHI5 / ASI03: the identity can make itself (or a role it reaches) more powerful. One finding per
 * identity listing every path. A full admin has nothing to escalate to: policy_full_admin covers it.
 */
export const privilegeEscalation: RuleDefinition = {
  id: 'privilege_escalation',
  title: 'The identity can escalate its privileges',
  defaultSeverity: 'high',
  step: 4,
  frameworks: ['NHI5', 'ASI03'],
  firesWhen:
    "the identity's effective Allow permissions contain a known escalation combination (e.g. `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction`, `iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, `iam:PutRolePolicy`, `iam:UpdateAssumeRolePolicy`, `iam:CreateAccessKey` on others, `sagemaker:CreateNotebookInstance` + `iam:PassRole`, …); the finding lists the path",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (!isPermissionSubject(agent)) continue;
      const paths = ctx.escalation(agent.arn);
      const combinations = ctx.escalationCombinations(agent.arn);
      if ((paths.length === 0 && combinations.length === 0) || ctx.permissions(agent.arn)?.fullAdmin) continue;
      const first = paths[0];
      const actions = [...new Set([...paths.flatMap((path) => path.steps[0]?.actions ?? []), ...combinations.flatMap((c) => c.actions)])].sort();
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: {
            identity: agent.name,
            paths: paths.map(pathJson),
            combinations: combinations.map((c) => ({ technique: c.technique, label: c.label, actions: c.actions, passRoleOn: c.passRoleOn, service: c.service, explanation: c.explanation })),
            firstSteps: actions,
          },
          remediation:
            `Remove from ${agent.name} the permission combination that starts each path below (${actions.join(', ')}), or scope it to resources that cannot lead further ` +
            '(for iam:PassRole: name the exact roles and add an iam:PassedToService condition). Where the permissions are needed, add a permissions boundary that denies the escalation actions.',
          fix: policyFix({
            Version: '2012-10-17',
            Statement: [{ Sid: 'DenyPrivilegeEscalation', Effect: 'Deny', Action: actions, Resource: '*' }],
          }),
          explanation:
            first === undefined
              ? `The identity can pass any role to a service and run its own code there (${combinations.map((c) => c.label).join('; ')}): it gains the permissions of whichever role it picks, including roles created later.`
              : `The identity can gain ${first.outcome === 'full-admin' ? 'full administrator access' : 'write access to IAM'}: ${first.steps.map((step) => step.explanation).join(' Then ')} Whatever limits were meant for it do not hold.`,
        }),
      );
    }
    return findings;
  },
};
