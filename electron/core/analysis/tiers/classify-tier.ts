/**
 * Risk tiers (FINDINGS.md "Tiers"), always with their reasons:
 *
 * - Tier 1: full admin or a privilege-escalation path; write or permissions-management access to IAM,
 *   Organizations or KMS key management; sts:AssumeRole on any role; reads secrets (Secrets Manager,
 *   SSM parameters, kms:Decrypt on any key); data access (S3 objects, DynamoDB items, RDS/Redshift
 *   data APIs) on every resource or on resources whose names mark sensitive data; trusted by any
 *   principal or by an OIDC provider without a pinned subject.
 * - Tier 2: any other write access, or reads of data stores.
 * - Tier 3: only metadata, logs and metrics, or nothing.
 *
 * Tags only raise the computed tier (`data-class=pii`, `tier=1`); only a human override in the
 * registry, with its reason, can set a lower one, and it is recorded apart from the computed tier.
 */
import type { IamRoleFacts } from '../../discovery/facts';
import type { InventoryAgent } from '../inventory/types';
import type { EffectivePermissions, EscalationPath, RegistryRecord, Tier, TierReason, TierResult } from '../types';
import type { EscalationCombination } from '../rules/escalation-combinations';
import { summaryOf, touchesService, writableServices, writeCount } from '../rules/permission-reading';
import { openTrusts, unpinnedOidcTrusts } from '../rules/trust-reading';
import { sensitiveDataTag, sensitiveWordIn, tierFromTags } from './sensitive-data';

export interface TierInput {
  agent: InventoryAgent;
  /** The role's facts (for its trust policy); null for users and unscanned roles. */
  role: IamRoleFacts | null;
  /** Null when the principal's policies are not in the scan (or were not analysed). */
  permissions: EffectivePermissions | null;
  escalation: readonly EscalationPath[];
  /** PassRole on every role + a service that runs code as it. */
  combinations?: readonly EscalationCombination[];
  registry: RegistryRecord | null;
}

/** Data-plane actions on data stores, by what they do. */
const DATA_READ_ACTIONS = [
  's3:GetObject',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'rds-data:ExecuteStatement',
  'rds-data:BatchExecuteStatement',
  'redshift-data:ExecuteStatement',
  'redshift-data:GetStatementResult',
] as const;
const DATA_WRITE_ACTIONS = ['s3:PutObject', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;
const SECRET_ACTIONS = ['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'] as const;
/** Other reads of data stores that make Tier 2 (not Tier 1 even on `*`: query results, streams, queues). */
const OTHER_DATA_READS = ['athena:GetQueryResults', 'kinesis:GetRecords', 'sqs:ReceiveMessage', 'es:ESHttpGet', 'glue:GetTable'] as const;

/** IAM reads and tagging: not "write or permissions management". */
const IAM_NON_WRITE = /^iam:(Get|List|Generate|Simulate|Tag|Untag)/;
/** KMS cryptographic operations and reads: using keys is not managing them. */
const KMS_NON_MANAGEMENT = /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|GenerateRandom|GenerateMac|VerifyMac|Sign|Verify|Describe|Get|List|Tag|Untag)/;
const ORGANIZATIONS_NON_WRITE = /^organizations:(Describe|List|Tag|Untag)/;

const coversEverythingMemo = new Map<string, boolean>();

/**
 * A resource pattern that covers every resource of its type: `*`, every bucket or object of S3,
 * `…:table/*`. Remembered per pattern: the same few recur across principals.
 */
export function coversEverything(pattern: string): boolean {
  let answer = coversEverythingMemo.get(pattern);
  if (answer === undefined) {
    answer = coversEverythingUncached(pattern);
    // Bounded: patterns come from customer policies.
    if (coversEverythingMemo.size >= 20_000) coversEverythingMemo.clear();
    coversEverythingMemo.set(pattern, answer);
  }
  return answer;
}

function coversEverythingUncached(pattern: string): boolean {
  if (pattern === '*') return true;
  const parts = pattern.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  const resource = parts.slice(5).join(':');
  if (resource === '*' || resource === '*/*') return true;
  // S3 resources have no type prefix: `bucket/*` is one bucket's objects, not every object.
  if (parts[2] === 's3') return false;
  // Other services: a type followed by nothing but wildcards (`table/*`, `secret:*`, `parameter/*`).
  return /^[A-Za-z][A-Za-z-]*[/:]\*(\/\*)?$/.test(resource);
}

function serviceOf(action: string): string {
  return action.slice(0, action.indexOf(':'));
}

function quote(actions: readonly string[], max = 3): string {
  return actions.length > max ? `${actions.slice(0, max).join(', ')} and ${actions.length - max} more` : actions.join(', ');
}

function grantSource(permissions: EffectivePermissions, action: string): string {
  const ref = permissions.grantsFor(action)[0];
  if (ref === undefined) return permissions.principalArn;
  return `${ref.policyName}${ref.sid !== null ? ` (${ref.sid})` : ` statement ${ref.index}`}`;
}

export function classifyTier(input: TierInput): TierResult {
  const reasons: TierReason[] = [];
  const { agent, permissions } = input;
  const add = (tier: Tier, reason: string, source: string): void => {
    reasons.push({ tier, reason, source });
  };

  // Tier 1: escalation, full admin.
  if (permissions?.fullAdmin) {
    add(1, `full administrator: ${permissions.fullAdmin.policyName} allows every action on every resource`, permissions.fullAdmin.policy);
  }
  const path = input.escalation[0];
  if (path !== undefined && !permissions?.fullAdmin) {
    const techniques = path.steps.map((step) => step.technique).join(' → ');
    add(1, `privilege-escalation path to ${path.outcome === 'full-admin' ? 'full admin' : 'IAM write'}: ${techniques}`, `escalation:${path.steps[0]?.to ?? agent.arn}`);
  }
  const combination = input.combinations?.[0];
  if (path === undefined && combination !== undefined && !permissions?.fullAdmin) {
    add(1, `privilege-escalation path: ${combination.label} with iam:PassRole on ${combination.passRoleOn.join(', ')} (runs code as any role that trusts ${combination.service ?? 'the service'})`, `escalation:${combination.technique}`);
  }

  // Tier 1: trust.
  if (input.role !== null) {
    if (openTrusts(input.role.trustPolicy).length > 0) add(1, 'trusted by any principal: any AWS account can assume it', `trust policy of ${agent.name}`);
    for (const trust of unpinnedOidcTrusts(input.role.trustPolicy)) {
      add(1, `trusted by the OIDC provider ${trust.host} without a pinned subject (sub): any token it issues can assume it`, trust.provider);
    }
  }

  if (permissions !== null && !permissions.fullAdmin) tierOnePermissions(permissions, add);

  // Tags raise (never lower) the tier.
  const dataTag = sensitiveDataTag(agent.tags);
  if (dataTag !== null) add(1, `tagged ${dataTag.key}=${dataTag.value}: handles sensitive data`, `tag ${dataTag.key}`);
  const tierTag = tierFromTags(agent.tags);
  if (tierTag !== null && tierTag.tier < 3) add(tierTag.tier, `tagged ${tierTag.key}=${tierTag.value}`, `tag ${tierTag.key}`);

  if (permissions !== null && !reasons.some((reason) => reason.tier === 1)) tierTwoPermissions(permissions, add);

  const computed: Tier = reasons.some((r) => r.tier === 1) ? 1 : reasons.some((r) => r.tier === 2) ? 2 : 3;
  let shown = reasons.filter((reason) => reason.tier === computed);
  if (computed === 3) {
    shown = [
      {
        tier: 3,
        reason:
          permissions === null
            ? agent.kind === 'unscanned-role'
              ? 'the role is not in this scan: its permissions are unknown'
              : 'its permissions were not analysed'
            : summaryOf(permissions).services().length === 0
              ? 'no permissions at all'
              : 'only reads metadata, logs and metrics (no writes, no data-store reads)',
        source: permissions === null ? 'facts' : agent.arn,
      },
    ];
  }

  const record = input.registry;
  const overrideReason = record?.overrideReason?.trim() ?? '';
  // An override without its justification is not one: the registry requires a reason, and a tier
  // lowered silently would hide risk.
  const override =
    record !== null && record.tierOverride !== null && overrideReason !== ''
      ? { tier: record.tierOverride, reason: overrideReason, by: record.overrideBy, at: record.overrideAt }
      : null;
  return { tier: override?.tier ?? computed, computed, reasons: shown, override };
}

type Add = (tier: Tier, reason: string, source: string) => void;

function tierOnePermissions(permissions: EffectivePermissions, add: Add): void {
  // The summary gates each question: most principals never touch IAM, KMS or Organizations.
  const iamWrites = (writeCount(permissions, 'iam') === 0 ? [] : permissions.allowedActions('iam:*')).filter((action) => {
    if (IAM_NON_WRITE.test(action) || action === 'iam:CreateServiceLinkedRole') return false;
    // Passing a named role is how deployments work; passing any role is what escalation needs.
    if (action === 'iam:PassRole') return permissions.resourcesFor(action).some(coversEverything);
    return true;
  });
  if (iamWrites.length > 0) add(1, `write or permissions-management access to IAM (${quote(iamWrites)})`, grantSource(permissions, iamWrites[0] ?? 'iam:*'));

  const assumeAny = touchesService(permissions, 'sts') ? permissions.resourcesFor('sts:AssumeRole').filter(coversEverything) : [];
  if (assumeAny.length > 0) add(1, 'can assume any role (sts:AssumeRole on *)', grantSource(permissions, 'sts:AssumeRole'));

  const orgWrites = (writeCount(permissions, 'organizations') === 0 ? [] : permissions.allowedActions('organizations:*')).filter((action) => !ORGANIZATIONS_NON_WRITE.test(action));
  if (orgWrites.length > 0) add(1, `write access to AWS Organizations (${quote(orgWrites)})`, grantSource(permissions, orgWrites[0] ?? 'organizations:*'));

  const kmsTouched = touchesService(permissions, 'kms');
  const kmsWrites = (writeCount(permissions, 'kms') === 0 ? [] : permissions.allowedActions('kms:*')).filter((action) => !KMS_NON_MANAGEMENT.test(action));
  if (kmsWrites.length > 0) add(1, `manages KMS keys or their policies (${quote(kmsWrites)})`, grantSource(permissions, kmsWrites[0] ?? 'kms:*'));

  const secrets = SECRET_ACTIONS.filter((action) => touchesService(permissions, serviceOf(action)) && permissions.isAllowedAnywhere(action));
  if (secrets.length > 0) add(1, `reads secrets (${quote(secrets)})`, grantSource(permissions, secrets[0] ?? 'secretsmanager:GetSecretValue'));
  if (kmsTouched && permissions.resourcesFor('kms:Decrypt').some(coversEverything)) add(1, 'can decrypt with any KMS key (kms:Decrypt on *)', grantSource(permissions, 'kms:Decrypt'));

  for (const action of [...DATA_READ_ACTIONS, ...DATA_WRITE_ACTIONS]) {
    if (!touchesService(permissions, serviceOf(action)) || !permissions.isAllowedAnywhere(action)) continue;
    const resources = permissions.resourcesFor(action);
    const verb = (DATA_WRITE_ACTIONS as readonly string[]).includes(action) ? 'writes' : 'reads';
    const everything = resources.find(coversEverything);
    if (everything !== undefined) {
      add(1, `${verb} data on every resource (${action} on ${everything})`, grantSource(permissions, action));
      continue;
    }
    for (const resource of resources) {
      const word = sensitiveWordIn(resource);
      if (word === null) continue;
      add(1, `${verb} data in ${resource} (${action}), a name that marks ${word} data`, grantSource(permissions, action));
      break;
    }
  }
}

function tierTwoPermissions(permissions: EffectivePermissions, add: Add): void {
  const writers = writableServices(permissions);
  if (writers.length > 0) add(2, `write access to ${quote(writers, 5)}`, permissions.principalArn);
  const reads = [...DATA_READ_ACTIONS, ...OTHER_DATA_READS].filter((action) => touchesService(permissions, serviceOf(action)) && permissions.isAllowedAnywhere(action));
  if (reads.length > 0) add(2, `reads data stores (${quote(reads)})`, grantSource(permissions, reads[0] ?? 's3:GetObject'));
}

/** The tier of an ARN the analysis does not know (a trust to another account, a deleted role). */
export function unknownTier(): TierResult {
  return { tier: 3, computed: 3, reasons: [{ tier: 3, reason: 'not an identity of this scan', source: 'facts' }], override: null };
}
