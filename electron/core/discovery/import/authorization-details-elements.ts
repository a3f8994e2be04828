/**
 * One element of GetAccountAuthorizationDetails (a user, group, role or managed policy) → facts.
 * Accepts what the AWS CLI prints (documents already decoded, timestamps as text) and what the SDK
 * returns (URL-encoded document strings, Date objects), validates the shape, and throws
 * AppError('invalid_input') naming the field: `RoleDetailList[12].RoleName: missing (expected a string)`.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { isAwsManagedPolicyArn } from '../arn';
import { toIsoTimestamp } from '../aws-timestamp';
import {
  isServiceLinkedRolePath,
  type AttachedPolicyRef,
  type IamGroupFacts,
  type IamRoleFacts,
  type IamUserFacts,
  type InlinePolicy,
  type ManagedPolicyFacts,
  type PermissionsBoundaryRef,
  type PolicyDocument,
  type Tags,
} from '../facts';
import { decodePolicyDocument } from '../policy-document';
import { describeShapeProblems, joinPath } from '../shape-problems';

const timestampField = z.union([z.string(), z.date()]).transform((value, ctx): string => {
  const iso = toIsoTimestamp(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: `expected a date-time, found ${JSON.stringify(String(value))}` });
    return z.NEVER;
  }
  return iso;
});

const policyDocumentField = z.unknown().transform((value, ctx): PolicyDocument => {
  const document = decodePolicyDocument(value);
  if (document === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        value === undefined
          ? 'missing (expected a policy document)'
          : 'expected a policy document (a JSON object with a Statement, or its URL-encoded text)',
    });
    return z.NEVER;
  }
  return document;
});

const tagList = z.array(z.object({ Key: z.string(), Value: z.string().nullish() }));
const attachedList = z.array(z.object({ PolicyName: z.string(), PolicyArn: z.string() }));
const inlineList = z.array(z.object({ PolicyName: z.string(), PolicyDocument: policyDocumentField }));
const boundary = z.object({ PermissionsBoundaryArn: z.string(), PermissionsBoundaryType: z.string().nullish() });

const userDetailSchema = z.object({
  Path: z.string().nullish(),
  UserName: z.string(),
  UserId: z.string().nullish(),
  Arn: z.string(),
  CreateDate: timestampField.nullish(),
  UserPolicyList: inlineList.nullish(),
  GroupList: z.array(z.string()).nullish(),
  AttachedManagedPolicies: attachedList.nullish(),
  PermissionsBoundary: boundary.nullish(),
  Tags: tagList.nullish(),
});

const groupDetailSchema = z.object({
  Path: z.string().nullish(),
  GroupName: z.string(),
  GroupId: z.string().nullish(),
  Arn: z.string(),
  CreateDate: timestampField.nullish(),
  GroupPolicyList: inlineList.nullish(),
  AttachedManagedPolicies: attachedList.nullish(),
});

const instanceProfileSchema = z.object({
  Path: z.string().nullish(),
  InstanceProfileName: z.string(),
  InstanceProfileId: z.string().nullish(),
  Arn: z.string(),
  CreateDate: timestampField.nullish(),
});

const roleDetailSchema = z.object({
  Path: z.string().nullish(),
  RoleName: z.string(),
  RoleId: z.string().nullish(),
  Arn: z.string(),
  CreateDate: timestampField.nullish(),
  Description: z.string().nullish(),
  MaxSessionDuration: z.number().int().positive().nullish(),
  AssumeRolePolicyDocument: policyDocumentField,
  InstanceProfileList: z.array(instanceProfileSchema).nullish(),
  RolePolicyList: inlineList.nullish(),
  AttachedManagedPolicies: attachedList.nullish(),
  PermissionsBoundary: boundary.nullish(),
  Tags: tagList.nullish(),
  RoleLastUsed: z.object({ LastUsedDate: timestampField.nullish(), Region: z.string().nullish() }).nullish(),
});

const policyVersionSchema = z.object({
  Document: z.unknown(),
  VersionId: z.string().nullish(),
  IsDefaultVersion: z.boolean().nullish(),
  CreateDate: timestampField.nullish(),
});

const managedPolicySchema = z.object({
  PolicyName: z.string(),
  PolicyId: z.string().nullish(),
  Arn: z.string(),
  Path: z.string().nullish(),
  DefaultVersionId: z.string().nullish(),
  AttachmentCount: z.number().int().nonnegative().nullish(),
  PermissionsBoundaryUsageCount: z.number().int().nonnegative().nullish(),
  IsAttachable: z.boolean().nullish(),
  Description: z.string().nullish(),
  CreateDate: timestampField.nullish(),
  UpdateDate: timestampField.nullish(),
  PolicyVersionList: z.array(policyVersionSchema).nullish(),
});

function parseShape<T extends z.ZodType>(schema: T, raw: unknown, where: string): z.output<T> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new AppError('invalid_input', describeShapeProblems(where, result.error.issues));
  return result.data;
}

function tagsOf(list: readonly { Key: string; Value?: string | null }[] | null | undefined): Tags {
  return Object.fromEntries((list ?? []).map((tag) => [tag.Key, tag.Value ?? '']));
}

function attachedOf(list: readonly { PolicyName: string; PolicyArn: string }[] | null | undefined): AttachedPolicyRef[] {
  return (list ?? []).map((policy) => ({ arn: policy.PolicyArn, name: policy.PolicyName }));
}

function inlineOf(list: readonly { PolicyName: string; PolicyDocument: PolicyDocument }[] | null | undefined): InlinePolicy[] {
  return (list ?? []).map((policy) => ({ name: policy.PolicyName, document: policy.PolicyDocument }));
}

function boundaryOf(value: { PermissionsBoundaryArn: string } | null | undefined): PermissionsBoundaryRef | null {
  return value ? { arn: value.PermissionsBoundaryArn } : null;
}

/** A `UserDetailList` element → IamUserFacts. `where` names the element in error messages. */
export function mapUserDetail(raw: unknown, where = 'UserDetailList[]'): IamUserFacts {
  const user = parseShape(userDetailSchema, raw, where);
  return {
    arn: user.Arn,
    name: user.UserName,
    id: user.UserId ?? null,
    path: user.Path ?? '/',
    createdAt: user.CreateDate ?? null,
    groups: user.GroupList ?? [],
    inlinePolicies: inlineOf(user.UserPolicyList),
    attachedPolicies: attachedOf(user.AttachedManagedPolicies),
    tags: tagsOf(user.Tags),
    permissionsBoundary: boundaryOf(user.PermissionsBoundary),
  };
}

/** A `GroupDetailList` element → IamGroupFacts. */
export function mapGroupDetail(raw: unknown, where = 'GroupDetailList[]'): IamGroupFacts {
  const group = parseShape(groupDetailSchema, raw, where);
  return {
    arn: group.Arn,
    name: group.GroupName,
    id: group.GroupId ?? null,
    path: group.Path ?? '/',
    createdAt: group.CreateDate ?? null,
    inlinePolicies: inlineOf(group.GroupPolicyList),
    attachedPolicies: attachedOf(group.AttachedManagedPolicies),
  };
}

/** A `RoleDetailList` element → IamRoleFacts. */
export function mapRoleDetail(raw: unknown, where = 'RoleDetailList[]'): IamRoleFacts {
  const role = parseShape(roleDetailSchema, raw, where);
  const path = role.Path ?? '/';
  return {
    arn: role.Arn,
    name: role.RoleName,
    id: role.RoleId ?? null,
    path,
    createdAt: role.CreateDate ?? null,
    description: role.Description ?? null,
    trustPolicy: role.AssumeRolePolicyDocument,
    inlinePolicies: inlineOf(role.RolePolicyList),
    attachedPolicies: attachedOf(role.AttachedManagedPolicies),
    tags: tagsOf(role.Tags),
    permissionsBoundary: boundaryOf(role.PermissionsBoundary),
    maxSessionDurationSeconds: role.MaxSessionDuration ?? null,
    lastUsed: { date: role.RoleLastUsed?.LastUsedDate ?? null, region: role.RoleLastUsed?.Region ?? null },
    instanceProfiles: (role.InstanceProfileList ?? []).map((profile) => ({
      arn: profile.Arn,
      name: profile.InstanceProfileName,
      id: profile.InstanceProfileId ?? null,
      path: profile.Path ?? '/',
      createdAt: profile.CreateDate ?? null,
    })),
    serviceLinked: isServiceLinkedRolePath(path),
  };
}

/**
 * A `Policies` element → ManagedPolicyFacts, keeping only the default version's document (the one
 * in force). `document` is null when the export carries no default version.
 */
export function mapManagedPolicy(raw: unknown, where = 'Policies[]'): ManagedPolicyFacts {
  const policy = parseShape(managedPolicySchema, raw, where);
  const versions = policy.PolicyVersionList ?? [];
  let defaultIndex = versions.findIndex((version) => version.IsDefaultVersion === true);
  if (defaultIndex < 0 && policy.DefaultVersionId) {
    defaultIndex = versions.findIndex((version) => version.VersionId === policy.DefaultVersionId);
  }
  let document: PolicyDocument | null = null;
  const defaultVersion = versions[defaultIndex];
  if (defaultVersion !== undefined) {
    document = decodePolicyDocument(defaultVersion.Document);
    if (document === null) {
      const field = joinPath(where, ['PolicyVersionList', defaultIndex, 'Document']);
      throw new AppError(
        'invalid_input',
        `${field}: expected a policy document (a JSON object with a Statement, or its URL-encoded text)`,
      );
    }
  }
  return {
    arn: policy.Arn,
    name: policy.PolicyName,
    id: policy.PolicyId ?? null,
    path: policy.Path ?? '/',
    awsManaged: isAwsManagedPolicyArn(policy.Arn),
    defaultVersionId: policy.DefaultVersionId ?? defaultVersion?.VersionId ?? null,
    document,
    attachmentCount: policy.AttachmentCount ?? null,
    permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount ?? null,
    isAttachable: policy.IsAttachable ?? null,
    description: policy.Description ?? null,
    createdAt: policy.CreateDate ?? null,
    updatedAt: policy.UpdateDate ?? null,
  };
}
