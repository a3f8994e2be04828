/**
 * Statements naming the same action list share one compiled set within an analysis: these check that
 * sharing never changes what a statement compiles to (property over generated statements), that
 * only lists compiling alike are shared (NotAction, Allows limited to AWS-owned resources, lists
 * that would join to the same text), and that the analyzer's permissions do not change with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@core/discovery/facts';
import { getActionCatalogue } from '@core/analysis/iam-policy/action-catalogue';
import { ActionListCache, compileDocument, type CompiledStatement } from '@core/analysis/iam-policy/compile';
import type { PolicyContext } from '@core/analysis/iam-policy/evaluate';
import { allowSt, context, denySt, doc, evaluate, role } from './helpers';

const catalogue = getActionCatalogue();

const action = fc.constantFrom(
  's3:GetObject',
  's3:PutObject',
  'S3:getobject',
  ' iam:PassRole ',
  'iam:*',
  'iam:Get*',
  's3:*',
  '*',
  'bedrock:Invoke*',
  'ec2:Describe?nstances',
  'made:UpAction',
  'kms:Decrypt',
  'lambda:*Function*',
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  list: fc.oneof(action, fc.array(action, { minLength: 1, maxLength: 5 })),
  not: fc.boolean(),
  Resource: fc.constantFrom('*', 'arn:aws:iam::aws:policy/ReadOnlyAccess', ['arn:aws:s3:::bucket/*', '*'], 'arn:aws:s3:::bucket'),
});
const document = fc.array(statement, { minLength: 1, maxLength: 6 }).map(
  (statements): JsonObject => ({
    Version: '2012-10-17',
    Statement: statements.map(({ Effect, list, not, Resource }) => ({ Effect, [not ? 'NotAction' : 'Action']: list, Resource })),
  }),
);

/** What a statement's actions compile to, comparable across compilations. */
function actionsOf(st: CompiledStatement): unknown {
  return {
    words: [...st.actions.words],
    everyAction: st.everyAction,
    unknownActions: st.unknownActions,
    wildcardServices: st.wildcardServices,
    actionPatterns: st.actionPatterns,
    notAction: st.notAction,
  };
}

describe('ActionListCache', () => {
  it('compiles every statement as it compiles alone, whatever was compiled before it', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 8 }), (documents) => {
        const cache = new ActionListCache();
        for (const doc of documents) {
          const shared = compileDocument(doc, catalogue, cache);
          const alone = compileDocument(doc, catalogue);
          expect(shared.warnings).toEqual(alone.warnings);
          expect(shared.statements.map(actionsOf)).toEqual(alone.statements.map(actionsOf));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shares one set between statements naming the same list, and not between lists that compile otherwise', () => {
    const cache = new ActionListCache();
    const one = compileDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:Get*'], Resource: '*' }] }, catalogue, cache);
    const two = compileDocument(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: ['s3:GetObject', 'iam:Get*'], Resource: 'arn:aws:s3:::b' },
          // NotAction with the same list: the complement.
          { Effect: 'Allow', NotAction: ['s3:GetObject', 'iam:Get*'], Resource: '*' },
          // Limited to AWS-owned resources: no writes.
          { Effect: 'Allow', Action: ['s3:GetObject', 'iam:Get*', 's3:PutObject'], Resource: 'arn:aws:iam::aws:policy/X' },
          { Effect: 'Allow', Action: ['s3:GetObject', 'iam:Get*', 's3:PutObject'], Resource: '*' },
        ],
      },
      catalogue,
      cache,
    );
    const [deny, notAction, awsOwned, anywhere] = two.statements;
    expect(deny?.actions).toBe(one.statements[0]?.actions);
    expect(notAction?.actions).not.toBe(one.statements[0]?.actions);
    expect(notAction?.actions.has(catalogue.indexOf('s3:getobject'))).toBe(false);
    expect(notAction?.actions.has(catalogue.indexOf('kms:decrypt'))).toBe(true);
    expect(awsOwned?.actions).not.toBe(anywhere?.actions);
    expect(awsOwned?.actions.has(catalogue.indexOf('s3:putobject'))).toBe(false);
    expect(anywhere?.actions.has(catalogue.indexOf('s3:putobject'))).toBe(true);
    expect(cache.size).toBe(4);
  });

  it('keeps lists apart that would join to the same text', () => {
    const cache = new ActionListCache();
    const hostile = 's3:GetObject","kms:Decrypt';
    const doc = compileDocument(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: '*' },
          { Effect: 'Allow', Action: [hostile], Resource: '*' },
          { Effect: 'Allow', Action: 's3:GetObject\u0000kms:Decrypt', Resource: '*' },
          { Effect: 'Allow', Action: ['s3:GetObject\u0000kms:Decrypt'], Resource: '*' },
        ],
      },
      catalogue,
      cache,
    );
    const [pair, joined, nulString, nulList] = doc.statements;
    expect(pair?.actions.count()).toBe(2);
    expect(joined?.actions.count()).toBe(0);
    expect(joined?.unknownActions).toEqual([hostile]);
    expect(nulString?.actions.count()).toBe(0);
    // A string and a one-element list of it compile alike and may share.
    expect(nulList?.unknownActions).toEqual(nulString?.unknownActions);
  });

  it('gives the analyzer the same permissions as compiling every statement alone', () => {
    const policies = (i: number): { name: string; document: JsonObject }[] => [
      { name: 'p', document: doc(allowSt(i === 2 ? ['iam:*', 's3:GetObject'] : ['iam:*']), denySt(['iam:PassRole'])) },
      { name: 'q', document: doc(allowSt(['bedrock:Invoke*'])) },
    ];
    const shared: PolicyContext = { ...context(), actionLists: new ActionListCache() };
    const alone = context();
    for (const i of [0, 1, 2]) {
      // Documents of their own each time: the compiled-document cache must not make the two agree.
      const a = evaluate(role(`r${i}`, { inlinePolicies: policies(i) }), shared);
      const b = evaluate(role(`r${i}`, { inlinePolicies: policies(i) }), alone);
      expect([...a.allowedSet.words]).toEqual([...b.allowedSet.words]);
      expect(a.fullAdmin).toEqual(b.fullAdmin);
      expect(a.isAllowed('iam:PassRole', '*')).toBe(false);
      expect(a.isAllowed('iam:CreateRole', '*')).toBe(true);
      expect(a.isAllowed('s3:GetObject', '*')).toBe(i === 2);
      expect(b.isAllowed('s3:GetObject', '*')).toBe(i === 2);
    }
    // iam:*, its Deny, bedrock:Invoke*, and iam:* with s3:GetObject.
    expect(shared.actionLists?.size).toBe(4);
  });
});
