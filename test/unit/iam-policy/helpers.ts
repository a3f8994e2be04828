/** Small builders for policy-evaluator tests. */
import type { IamGroupFacts, IamRoleFacts, IamUserFacts, JsonObject, JsonValue, ManagedPolicyFacts } from '@core/discovery/facts';
import type { PolicyContext, PrincipalPermissions } from '@core/analysis/iam-policy/evaluate';
import { computeEffectivePermissions } from '@core/analysis/iam-policy/evaluate';

export const ACCOUNT = '111122223333';

export function doc(...statements: JsonValue[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements };
}

export function allowSt(action: string | string[], resource: string | string[] = '*', extra: JsonObject = {}): JsonObject {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function denySt(action: string | string[], resource: string | string[] = '*', extra: JsonObject = {}): JsonObject {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

export function role(name: string, overrides: Partial<IamRoleFacts> = {}): IamRoleFacts {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    name,
    id: `AROA${name.toUpperCase()}`,
    path: '/',
    createdAt: null,
    description: null,
    trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    inlinePolicies: [],
    attachedPolicies: [],
    tags: {},
    permissionsBoundary: null,
    maxSessionDurationSeconds: null,
    lastUsed: { date: null, region: null },
    instanceProfiles: [],
    serviceLinked: false,
    ...overrides,
  };
}

export function user(name: string, overrides: Partial<IamUserFacts> = {}): IamUserFacts {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    name,
    id: `AIDA${name.toUpperCase()}`,
    path: '/',
    createdAt: null,
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: {},
    permissionsBoundary: null,
    ...overrides,
  };
}

export function group(name: string, overrides: Partial<IamGroupFacts> = {}): IamGroupFacts {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    name,
    id: null,
    path: '/',
    createdAt: null,
    inlinePolicies: [],
    attachedPolicies: [],
    ...overrides,
  };
}

export function managed(name: string, document: JsonObject | null, aws = false): ManagedPolicyFacts {
  return {
    arn: aws ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    name,
    id: null,
    path: '/',
    awsManaged: aws,
    defaultVersionId: 'v1',
    document,
    attachmentCount: null,
    permissionsBoundaryUsageCount: null,
    isAttachable: true,
    description: null,
    createdAt: null,
    updatedAt: null,
  };
}

export function context(policies: ManagedPolicyFacts[] = [], groups: IamGroupFacts[] = []): PolicyContext {
  return {
    policiesByArn: new Map(policies.map((p) => [p.arn, p])),
    groupsByName: new Map(groups.map((g) => [g.name, g])),
  };
}

/** A role with the given inline documents. */
export function withInline(...documents: JsonValue[]): IamRoleFacts {
  return role('subject', { inlinePolicies: documents.map((d, i) => ({ name: `p${i}`, document: d as JsonObject })) });
}

export function evaluate(principal: IamRoleFacts | IamUserFacts, ctx: PolicyContext = context()): PrincipalPermissions {
  return computeEffectivePermissions(principal, ctx);
}
