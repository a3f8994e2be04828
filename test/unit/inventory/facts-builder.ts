/** Small builders for inventory tests: each fact with quiet defaults, overridden where a test cares. */
import {
  emptyScanFacts,
  type AccessKeyReport,
  type CredentialReportRow,
  type IamGroupFacts,
  type IamRoleFacts,
  type IamUserFacts,
  type LambdaFunctionFacts,
  type ManagedPolicyFacts,
  type PolicyDocument,
  type ScanFacts,
} from '@core/discovery/facts';

export const ACCOUNT = '111122223333';
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const clock = (): Date => NOW;

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

export function emptyFacts(): ScanFacts {
  const facts = emptyScanFacts({
    collectedAt: NOW.toISOString(),
    account: { id: ACCOUNT, alias: 'acme', partition: 'aws', source: 'live' },
  });
  facts.iam = { users: [], groups: [], roles: [], policies: [] };
  return facts;
}

export function iam(facts: ScanFacts): NonNullable<ScanFacts['iam']> {
  if (facts.iam === null) throw new Error('facts without IAM');
  return facts.iam;
}

export function allow(action: string | string[], resource: string | string[] = '*'): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
}

export function trustService(...services: string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: services.length === 1 ? (services[0] ?? '') : services }, Action: 'sts:AssumeRole' }],
  };
}

export function roleArn(name: string, path = '/'): string {
  return `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
}

export function userArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:user/${name}`;
}

export function role(name: string, overrides: Partial<IamRoleFacts> = {}): IamRoleFacts {
  const path = overrides.path ?? '/';
  return {
    arn: roleArn(name, path),
    name,
    id: `AROA${name.toUpperCase()}`,
    path,
    createdAt: daysAgo(400),
    description: null,
    trustPolicy: trustService('lambda.amazonaws.com'),
    inlinePolicies: [],
    attachedPolicies: [],
    tags: {},
    permissionsBoundary: null,
    maxSessionDurationSeconds: 3600,
    lastUsed: { date: null, region: null },
    instanceProfiles: [],
    serviceLinked: path.startsWith('/aws-service-role/'),
    ...overrides,
  };
}

export function user(name: string, overrides: Partial<IamUserFacts> = {}): IamUserFacts {
  return {
    arn: userArn(name),
    name,
    id: `AIDA${name.toUpperCase()}`,
    path: '/',
    createdAt: daysAgo(500),
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
    id: `AGPA${name.toUpperCase()}`,
    path: '/',
    createdAt: daysAgo(600),
    inlinePolicies: [],
    attachedPolicies: [],
    ...overrides,
  };
}

export function managedPolicy(name: string, document: PolicyDocument | null, awsManaged = false): ManagedPolicyFacts {
  return {
    arn: awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    name,
    id: `ANPA${name.toUpperCase()}`,
    path: '/',
    awsManaged,
    defaultVersionId: 'v1',
    document,
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    description: null,
    createdAt: daysAgo(700),
    updatedAt: daysAgo(700),
  };
}

function key(slot: 1 | 2, overrides: Partial<AccessKeyReport> = {}): AccessKeyReport {
  return { slot, active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null, ...overrides };
}

export function reportRow(
  name: string,
  overrides: Partial<Omit<CredentialReportRow, 'accessKeys'>> & { key1?: Partial<AccessKeyReport>; key2?: Partial<AccessKeyReport> } = {},
): CredentialReportRow {
  const { key1, key2, ...rest } = overrides;
  return {
    user: name,
    arn: userArn(name),
    isRoot: false,
    userCreationTime: daysAgo(500),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: false,
    accessKeys: [key(1, key1), key(2, key2)],
    certificates: [
      { slot: 1, active: false, lastRotated: null },
      { slot: 2, active: false, lastRotated: null },
    ],
    ...rest,
  };
}

export function lambdaFunction(name: string, roleArnValue: string, overrides: Partial<LambdaFunctionFacts> = {}): LambdaFunctionFacts {
  return {
    arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
    name,
    region: 'eu-west-1',
    runtime: 'python3.12',
    roleArn: roleArnValue,
    environmentVariableNames: [],
    tags: {},
    functionUrls: [],
    lastModified: daysAgo(10),
    description: null,
    ...overrides,
  };
}

export function emptySageMaker(): NonNullable<ScanFacts['sageMaker']> {
  return { regions: ['eu-west-1'], endpoints: [], endpointConfigs: [], models: [], notebookInstances: [] };
}

export function emptyBedrockAgents(): NonNullable<ScanFacts['bedrockAgents']> {
  return { regions: ['eu-west-1'], agents: [], knowledgeBases: [] };
}
