/** Property-based tests (fast-check): robustness on arbitrary JSON, and monotonicity of Deny/Allow. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getActionCatalogue } from '@core/analysis/iam-policy/action-catalogue';
import type { JsonObject, JsonValue } from '@core/discovery/facts';
import { allowSt, context, denySt, doc, evaluate, managed, role, user, withInline } from './helpers';

const catalogue = getActionCatalogue();
const SAMPLE_ACTIONS = [
  'iam:PassRole', 'iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 's3:GetObject', 's3:PutObject',
  'kms:Decrypt', 'lambda:CreateFunction', 'sts:AssumeRole', 'ec2:RunInstances', 'bedrock:InvokeModel',
  'secretsmanager:GetSecretValue', 'sagemaker:CreateNotebookInstance', 'bedrock:SomethingNotInTheCatalogue',
];
const RESOURCES = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key', 'arn:aws:iam::111122223333:role/*', 'arn:aws:iam::aws:policy/x'];

const actionPattern = fc.oneof(
  fc.constantFrom(...SAMPLE_ACTIONS, '*', 'iam:*', 's3:Get*', 'iam:Pass*', 's3:*Object', 'kms:?ecrypt', '*:*'),
  fc.integer({ min: 0, max: catalogue.size - 1 }).map((i) => catalogue.nameAt(i)),
);
const condition = fc.option(
  fc.constantFrom<JsonObject>(
    { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
    { StringEquals: { 'aws:PrincipalType': 'User' } },
    { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/sub*' } },
  ),
  { nil: undefined },
);
const statement = (effect: 'Allow' | 'Deny'): fc.Arbitrary<JsonObject> =>
  fc.record({
    not: fc.boolean(),
    notRes: fc.boolean(),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 4 }),
    resources: fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
    condition,
  }).map(({ not, notRes, actions, resources, condition: c }) => ({
    Effect: effect,
    [not && effect === 'Deny' ? 'NotAction' : 'Action']: actions,
    [notRes ? 'NotResource' : 'Resource']: resources,
    ...(c ? { Condition: c } : {}),
  }));
const anyStatement = fc.oneof(statement('Allow'), statement('Deny'));
const policy = fc.array(anyStatement, { minLength: 1, maxLength: 5 });

function allowedAnywhere(statements: JsonValue[], boundary: JsonValue[] | null): Set<string> {
  const b = managed('Boundary', boundary === null ? null : doc(...boundary));
  const subject = role('subject', {
    inlinePolicies: [{ name: 'p', document: doc(...statements) }],
    permissionsBoundary: boundary === null ? null : { arn: b.arn },
  });
  const p = evaluate(subject, context(boundary === null ? [] : [b]));
  const out = new Set<string>();
  for (const a of SAMPLE_ACTIONS) {
    if (p.isAllowedAnywhere(a)) out.add(`anywhere ${a}`);
    for (const r of RESOURCES) if (p.isAllowed(a, r)) out.add(`${a} ${r}`);
  }
  for (const a of p.allowedActions('*')) out.add(`listed ${a}`);
  return out;
}

describe('policy analysis properties', () => {
  it('never throws on arbitrary JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), fc.array(fc.jsonValue(), { maxLength: 4 }), (a, b, statements) => {
        for (const document of [a, b, { Version: '2012-10-17', Statement: statements }, { Statement: a }]) {
          const subject = user('u', { inlinePolicies: [{ name: 'x', document: document as JsonObject }], groups: ['g'] });
          const p = evaluate(subject, context([managed('M', document as JsonObject)]));
          p.isAllowed('s3:GetObject');
          p.isAllowed('s3:GetObject', 'arn:aws:s3:::b/k');
          p.isAllowedAnywhere('iam:PassRole');
          p.allowedActions('iam:*');
          p.resourcesFor('s3:GetObject');
          p.grantsFor('s3:GetObject');
          p.serviceSummary();
          void p.fullAdmin;
          void p.serviceWildcards;
          evaluate(withInline(document as JsonValue)).serviceSummary();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a Deny never widens what is allowed', () => {
    fc.assert(
      fc.property(policy, statement('Deny'), fc.option(policy, { nil: null }), (statements, deny, boundary) => {
        const before = allowedAnywhere(statements, boundary);
        const after = allowedAnywhere([...statements, deny], boundary);
        for (const item of after) expect(before.has(item), item).toBe(true);
      }),
      { numRuns: Number(process.env["POLICY_PROP_RUNS"] ?? 100) },
    );
  });

  it('adding an Allow never narrows what is allowed', () => {
    fc.assert(
      fc.property(policy, statement('Allow'), fc.option(policy, { nil: null }), (statements, allow, boundary) => {
        const before = allowedAnywhere(statements, boundary);
        const after = allowedAnywhere([...statements, allow], boundary);
        for (const item of before) expect(after.has(item), item).toBe(true);
      }),
      { numRuns: Number(process.env["POLICY_PROP_RUNS"] ?? 100) },
    );
  });

  it('a Deny of `*` on `*` leaves nothing', () => {
    fc.assert(
      fc.property(policy, (statements) => {
        expect(allowedAnywhere([...statements, denySt('*')], null).size).toBe(0);
        expect(allowedAnywhere([allowSt('*'), ...statements], [denySt('*')]).size).toBe(0);
      }),
      { numRuns: Number(process.env["POLICY_PROP_RUNS"] ?? 100) },
    );
  });
});
