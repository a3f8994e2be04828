/** Small IAM facts for the service-last-accessed tests. */
import type { IamFacts, IamGroupFacts, IamRoleFacts, IamUserFacts, ManagedPolicyFacts, PolicyDocument } from '@core/discovery/facts';

export const ACCOUNT = '123456789012';

export const allow = (action: string | string[], extra: Record<string, unknown> = {}): PolicyDocument =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }] });

export const trust = (...services: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: services.length === 1 ? (services[0] as string) : services }, Action: 'sts:AssumeRole' }],
});

export function userFacts(name: string, options: { inline?: PolicyDocument[]; attached?: string[]; groups?: string[] } = {}): IamUserFacts {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    name,
    id: null,
    path: '/',
    createdAt: null,
    groups: options.groups ?? [],
    inlinePolicies: (options.inline ?? []).map((document, index) => ({ name: `inline-${index}`, document })),
    attachedPolicies: (options.attached ?? []).map((arn) => ({ arn, name: arn.split('/').pop() ?? arn })),
    tags: {},
    permissionsBoundary: null,
  };
}

export function roleFacts(
  name: string,
  options: { trust?: PolicyDocument; inline?: PolicyDocument[]; attached?: string[]; path?: string } = {},
): IamRoleFacts {
  const path = options.path ?? '/';
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
    name,
    id: null,
    path,
    createdAt: null,
    description: null,
    trustPolicy: options.trust ?? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
    inlinePolicies: (options.inline ?? []).map((document, index) => ({ name: `inline-${index}`, document })),
    attachedPolicies: (options.attached ?? []).map((arn) => ({ arn, name: arn.split('/').pop() ?? arn })),
    tags: {},
    permissionsBoundary: null,
    maxSessionDurationSeconds: null,
    lastUsed: { date: null, region: null },
    instanceProfiles: [],
    serviceLinked: path.startsWith('/aws-service-role/'),
  };
}

export function groupFacts(name: string, options: { inline?: PolicyDocument[]; attached?: string[] } = {}): IamGroupFacts {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    name,
    id: null,
    path: '/',
    createdAt: null,
    inlinePolicies: (options.inline ?? []).map((document, index) => ({ name: `inline-${index}`, document })),
    attachedPolicies: (options.attached ?? []).map((arn) => ({ arn, name: arn.split('/').pop() ?? arn })),
  };
}

export function managedPolicy(arn: string, document: PolicyDocument | null): ManagedPolicyFacts {
  return {
    arn,
    name: arn.split('/').pop() ?? arn,
    id: null,
    path: '/',
    awsManaged: arn.includes(':aws:policy/'),
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

export function iamFacts(parts: Partial<IamFacts>): IamFacts {
  return { users: [], groups: [], roles: [], policies: [], ...parts };
}
