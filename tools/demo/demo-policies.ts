/**
 * Small builders for the IAM documents of the demo company, and deterministic identifiers. Nothing
 * random: the same input always gives the same ID, so the generated files never churn.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue, PolicyDocument } from '@core/discovery/facts';

export type Statement = JsonObject;
type OneOrMany = string | string[];

export function policy(...statements: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function statement(
  effect: 'Allow' | 'Deny',
  action: OneOrMany,
  resource: OneOrMany,
  options: { sid?: string; condition?: JsonObject; notAction?: boolean } = {},
): Statement {
  const result: Statement = {};
  if (options.sid !== undefined) result['Sid'] = options.sid;
  result['Effect'] = effect;
  result[options.notAction === true ? 'NotAction' : 'Action'] = action;
  result['Resource'] = resource;
  if (options.condition !== undefined) result['Condition'] = options.condition;
  return result;
}

export function allow(action: OneOrMany, resource: OneOrMany = '*', options: { sid?: string; condition?: JsonObject } = {}): Statement {
  return statement('Allow', action, resource, options);
}

export function deny(action: OneOrMany, resource: OneOrMany = '*', options: { sid?: string; condition?: JsonObject } = {}): Statement {
  return statement('Deny', action, resource, options);
}

export function allowNot(notAction: OneOrMany, resource: OneOrMany = '*', options: { sid?: string } = {}): Statement {
  return statement('Allow', notAction, resource, { ...options, notAction: true });
}

// ---------------------------------------------------------------------------------------------
// Trust policies
// ---------------------------------------------------------------------------------------------

function trust(principal: JsonObject, action: JsonValue, condition?: JsonObject, sid?: string): PolicyDocument {
  const result: Statement = {};
  if (sid !== undefined) result['Sid'] = sid;
  result['Effect'] = 'Allow';
  result['Principal'] = principal;
  result['Action'] = action;
  if (condition !== undefined) result['Condition'] = condition;
  return policy(result);
}

/** Trusted by an AWS service (`lambda.amazonaws.com`, …). */
export function trustService(service: OneOrMany, condition?: JsonObject): PolicyDocument {
  return trust({ Service: service }, 'sts:AssumeRole', condition);
}

/** Trusted by a whole account (`arn:aws:iam::<id>:root`), optionally with a condition. */
export function trustAccount(accountId: string, condition?: JsonObject): PolicyDocument {
  return trust({ AWS: `arn:aws:iam::${accountId}:root` }, 'sts:AssumeRole', condition);
}

/** Trusted by any AWS principal (`"AWS": "*"`), optionally restricted by a condition. */
export function trustAnyone(condition?: JsonObject): PolicyDocument {
  return trust({ AWS: '*' }, 'sts:AssumeRole', condition);
}

/** Trusted by a named role of the same account through the account and `aws:PrincipalArn`. */
export function trustPrincipalArn(accountId: string, principalArnPattern: string): PolicyDocument {
  return trustAccount(accountId, { ArnLike: { 'aws:PrincipalArn': principalArnPattern } });
}

/** IAM Identity Center permission-set roles: SAML federation through the account's SSO provider. */
export function trustSso(accountId: string, samlProviderName: string): PolicyDocument {
  return trust(
    { Federated: `arn:aws:iam::${accountId}:saml-provider/${samlProviderName}` },
    ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
    { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  );
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * GitHub Actions web identity. `sub` pins the repository/branch/environment; leave it out for the
 * classic mistake (only the audience checked).
 */
export function trustGithubActions(
  accountId: string,
  sub?: { operator: 'StringEquals' | 'StringLike'; value: OneOrMany },
): PolicyDocument {
  const condition: JsonObject = { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' } };
  if (sub !== undefined) {
    const existing = condition[sub.operator];
    const block: JsonObject = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {};
    block[`${GITHUB_OIDC_HOST}:sub`] = sub.value;
    condition[sub.operator] = block;
  }
  return trust(
    { Federated: `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
    'sts:AssumeRoleWithWebIdentity',
    condition,
  );
}

/** The trust AWS recommends for a Bedrock agent's service role. */
export function trustBedrock(accountId: string, region: string, kind: 'agent' | 'knowledge-base'): PolicyDocument {
  return trustService('bedrock.amazonaws.com', {
    StringEquals: { 'aws:SourceAccount': accountId },
    ArnLike: { 'AWS:SourceArn': `arn:aws:bedrock:${region}:${accountId}:${kind}/*` },
  });
}

// ---------------------------------------------------------------------------------------------
// Deterministic identifiers
// ---------------------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of `alphabet` derived from `seed` (SHA-256, so stable across runs and machines). */
export function hashChars(seed: string, length: number, alphabet: string = BASE32): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    const digest = createHash('sha256').update(`${seed}#${round}`).digest();
    for (const byte of digest) {
      if (out.length >= length) break;
      out += alphabet[byte % alphabet.length] ?? '';
    }
    round++;
  }
  return out;
}

/** Hex characters derived from `seed`. */
export function hashHex(seed: string, length: number): string {
  return hashChars(seed, length, '0123456789abcdef');
}

/** A UUID-shaped identifier derived from `seed` (KMS key IDs, job IDs). */
export function hashUuid(seed: string): string {
  const hex = hashHex(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type IamIdPrefix = 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA' | 'ACCA';

/**
 * An IAM unique ID (`AROA…`, 21 characters). Like AWS's, the IDs of one account share their first
 * characters after the prefix.
 */
export function iamUniqueId(prefix: IamIdPrefix, accountId: string, name: string): string {
  return `${prefix}${hashChars(`account:${accountId}`, 6)}${hashChars(`${prefix}:${accountId}:${name}`, 11)}`;
}

/** Bedrock resource IDs: 10 upper-case letters and digits (agents, action groups, knowledge bases). */
export function bedrockId(seed: string): string {
  return hashChars(seed, 10, UPPER_ALNUM);
}

/** Bedrock guardrail IDs: 12 lower-case letters and digits. */
export function guardrailId(seed: string): string {
  return hashChars(seed, 12, LOWER_ALNUM);
}

/** Minutes of jitter (0–599) so that times of day vary from entity to entity, deterministically. */
export function jitterMinutes(seed: string): number {
  const digest = createHash('sha256').update(seed).digest();
  return ((digest[0] ?? 0) * 256 + (digest[1] ?? 0)) % 600;
}
