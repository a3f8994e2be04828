/**
 * Our evaluator against the AGPL simulator `@cloud-copilot/iam-simulate` (test-only devDependency,
 * never imported from electron/**) on every user and role of a real export (iam-vulnerable lab).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { createPermissionsAnalyzer } from '@core/analysis/iam-policy';
import { parseAuthorizationDetailsFile } from '@core/discovery/import/authorization-details';
import type { IamRoleFacts, IamUserFacts, JsonObject } from '@core/discovery/facts';
import { emptyScanFacts } from '@core/discovery/facts';

const FIXTURE = '../shared/fixtures/real-iam/cloudsplaining/example-authz-iam-vulnerable-2023.json';

const ACTIONS = [
  'iam:PassRole',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'lambda:CreateFunction',
  'lambda:InvokeFunction',
  'lambda:UpdateFunctionCode',
  'sts:AssumeRole',
  's3:GetObject',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'sagemaker:CreateNotebookInstance',
  'ec2:RunInstances',
  'glue:CreateDevEndpoint',
  'cloudformation:CreateStack',
  'ssm:GetParameter',
];

/**
 * Known, explained disagreements (principal ARN suffix + action → reason). Each is a case where the
 * oracle models something we deliberately do not, or the reverse; kept short and explicit.
 */
const EXCLUSIONS: Record<string, string> = {};

describe('oracle: iam-simulate on the iam-vulnerable export', () => {
  it('agrees with the simulator on sensitive actions for every user and role', { timeout: 600_000 }, async () => {
    const inventory = await parseAuthorizationDetailsFile(FIXTURE);
    const facts = emptyScanFacts({
      collectedAt: '2026-01-01T00:00:00.000Z',
      account: { id: inventory.accountId, alias: null, partition: inventory.partition, source: 'import' },
    });
    facts.iam = inventory.iam;
    const analyzer = createPermissionsAnalyzer(facts);
    const { policiesByArn, groupsByName } = analyzer.context;

    const policiesOf = (p: IamUserFacts | IamRoleFacts): { name: string; policy: JsonObject }[] => {
      const out: { name: string; policy: JsonObject }[] = [];
      const managed = (arn: string): void => {
        const doc = policiesByArn.get(arn)?.document;
        if (doc) out.push({ name: arn, policy: doc });
      };
      for (const i of p.inlinePolicies) out.push({ name: `inline:${i.name}`, policy: i.document });
      for (const a of p.attachedPolicies) managed(a.arn);
      if ('groups' in p) {
        for (const g of p.groups) {
          const group = groupsByName.get(g);
          for (const i of group?.inlinePolicies ?? []) out.push({ name: `group:${g}:${i.name}`, policy: i.document });
          for (const a of group?.attachedPolicies ?? []) managed(a.arn);
        }
      }
      return out;
    };

    let compared = 0;
    let agreed = 0;
    const disagreements: string[] = [];
    const errors: string[] = [];
    const types: Record<string, number> = {};
    for (const principal of analyzer.principals.values()) {
      const ours = analyzer.forPrincipal(principal.arn);
      if (ours === null) continue;
      const isUser = 'groups' in principal;
      const boundaryDoc = principal.permissionsBoundary ? policiesByArn.get(principal.permissionsBoundary.arn)?.document : undefined;
      const contextVariables: Record<string, string> = {
        'aws:PrincipalArn': principal.arn,
        'aws:PrincipalAccount': inventory.accountId,
        'aws:PrincipalType': isUser ? 'User' : 'AssumedRole',
        ...(isUser ? { 'aws:username': principal.name } : {}),
      };
      for (const action of ACTIONS) {
        const result = await runSimulation(
          {
            request: { principal: principal.arn, action, resource: { resource: '*', accountId: inventory.accountId }, contextVariables },
            identityPolicies: policiesOf(principal),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            ...(boundaryDoc ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: boundaryDoc }] } : {}),
          },
          {},
        );
        if (result.resultType === 'error') {
          errors.push(`${principal.arn} ${action}: ${result.errors.message}`);
          continue;
        }
        const oracle = result.overallResult === 'Allowed';
        // The simulator reads resource `*` as "some resource of the action's types" (a wildcard
        // result) when the action has resource types, and as the literal `*` for wildcard-only
        // actions. Compare like with like: unconditionally allowed on some resource, or on `*`.
        const mine =
          result.resultType === 'wildcard'
            ? ours.isAllowedAnywhere(action) && !ours.isConditional(action)
            : ours.isAllowed(action, '*');
        types[result.resultType] = (types[result.resultType] ?? 0) + 1;
        const key = `${principal.arn.split(':').pop() ?? ''} ${action}`;
        if (EXCLUSIONS[key] !== undefined) continue;
        compared++;
        if (oracle === mine) agreed++;
        else disagreements.push(`${key}: simulator ${result.overallResult}, ours ${mine ? 'allowed' : 'not allowed'}`);
      }
    }
    const rate = agreed / compared;
    console.log(`oracle agreement: ${agreed}/${compared} = ${(rate * 100).toFixed(2)}%`);
    console.log(`simulator result types: ${JSON.stringify(types)}`);
    if (disagreements.length > 0) console.log(`disagreements:\n  ${disagreements.join('\n  ')}`);
    if (errors.length > 0) console.log(`simulator errors (${errors.length}):\n  ${errors.slice(0, 10).join('\n  ')}`);
    expect(compared).toBeGreaterThan(2_000);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });
});
