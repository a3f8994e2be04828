/**
 * Reading trust policies for the trust rules and the tiers: who may assume the role, and whether a
 * condition really narrows it. Conditions are read, not evaluated: a condition "restricts" when it
 * compares a key to something other than a bare wildcard and cannot be skipped (`…IfExists`, `Null`).
 */
import type { JsonObject, JsonValue, PolicyDocument } from '../../discovery/facts';
import { statementsOf, stringList } from '../inventory/policy-reading';

export interface TrustStatement {
  index: number;
  statement: JsonObject;
  actions: string[];
  /** `*` or `{"AWS":"*"}`. */
  anyPrincipal: boolean;
  aws: string[];
  federated: string[];
  services: string[];
  condition: JsonObject | null;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Allow statements of a trust policy, with their principals spelled out. */
export function allowTrustStatements(document: PolicyDocument): TrustStatement[] {
  const result: TrustStatement[] = [];
  statementsOf(document).forEach((statement, index) => {
    if (statement['Effect'] !== 'Allow') return;
    const principal = statement['Principal'];
    const aws: string[] = [];
    const federated: string[] = [];
    const services: string[] = [];
    let anyPrincipal = false;
    if (principal === '*') anyPrincipal = true;
    else if (isObject(principal)) {
      aws.push(...stringList(principal['AWS']));
      federated.push(...stringList(principal['Federated']));
      services.push(...stringList(principal['Service']));
      if (aws.includes('*')) anyPrincipal = true;
    }
    const condition = statement['Condition'];
    result.push({
      index,
      statement,
      actions: stringList(statement['Action']),
      anyPrincipal,
      aws,
      federated,
      services,
      condition: isObject(condition) ? condition : null,
    });
  });
  return result;
}

/** Condition values are strings, numbers or booleans; anything else cannot match and is kept as JSON. */
function scalarText(value: JsonValue): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

export interface ConditionEntry {
  operator: string;
  key: string;
  values: string[];
}

export function conditionEntries(condition: JsonObject | null): ConditionEntry[] {
  if (condition === null) return [];
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map(scalarText);
      entries.push({ operator, key, values });
    }
  }
  return entries;
}

/** A value that matches anything: `*`, or only wildcards. */
export function isWildcardValue(value: string): boolean {
  return /^[*?]*$/.test(value) && value.includes('*');
}

/**
 * Whether an entry narrows who may assume: it must apply when the key is absent (not `…IfExists`,
 * not `Null`, not a negation that lets everything else in) and compare to something specific.
 */
export function isRestrictingEntry(entry: ConditionEntry): boolean {
  const operator = entry.operator.replace(/^(ForAnyValue|ForAllValues):/, '');
  if (operator.endsWith('IfExists') || operator === 'Null') return false;
  // A negative match ("not this account") still admits everyone else.
  if (/^(StringNot|ArnNot)/.test(operator)) return false;
  if (entry.values.length === 0) return false;
  if (/^(String|Arn)/.test(operator) && operator.includes('Like') && entry.values.some(isWildcardValue)) return false;
  return true;
}

export function restrictingEntries(condition: JsonObject | null): ConditionEntry[] {
  return conditionEntries(condition).filter(isRestrictingEntry);
}

/** The 12-digit account a principal names (`123…`, `arn:aws:iam::123…:root`, a user or role ARN); null otherwise. */
export function accountOfPrincipal(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal);
  return match?.[1] ?? null;
}

/** True for an OIDC provider principal (`arn:aws:iam::…:oidc-provider/host`). */
export function isOidcProvider(principal: string): boolean {
  return /:oidc-provider\//.test(principal);
}

/** The provider host of an OIDC provider ARN (`token.actions.githubusercontent.com`). */
export function oidcHost(principal: string): string {
  return principal.slice(principal.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
}

/** Whether a statement's actions include web-identity federation (or every STS action). */
export function allowsWebIdentity(statement: TrustStatement): boolean {
  return statement.actions.length === 0 || statement.actions.some((action) => /^(\*|sts:\*|sts:AssumeRoleWithWebIdentity)$/i.test(action));
}

/**
 * The `sub` pin of an OIDC trust statement: a restricting condition on `<host>:sub` (a wildcard within
 * a repository still pins it; `*` as the whole value does not). Null when there is none.
 */
export function oidcSubPin(statement: TrustStatement, host: string): ConditionEntry | null {
  const wanted = `${host.toLowerCase()}:sub`;
  for (const entry of restrictingEntries(statement.condition)) {
    if (entry.key.toLowerCase() === wanted && !entry.values.some(isWildcardValue)) return entry;
  }
  return null;
}

/** Unpinned OIDC trusts of a role (for the rule and for Tier 1). */
export function unpinnedOidcTrusts(document: PolicyDocument): { statement: TrustStatement; provider: string; host: string }[] {
  const result: { statement: TrustStatement; provider: string; host: string }[] = [];
  for (const statement of allowTrustStatements(document)) {
    if (!allowsWebIdentity(statement)) continue;
    for (const provider of statement.federated) {
      if (!isOidcProvider(provider)) continue;
      const host = oidcHost(provider);
      if (oidcSubPin(statement, host) === null) result.push({ statement, provider, host });
    }
  }
  return result;
}

/** Statements that let any principal assume the role with no restricting condition. */
export function openTrusts(document: PolicyDocument): TrustStatement[] {
  return allowTrustStatements(document).filter((statement) => statement.anyPrincipal && restrictingEntries(statement.condition).length === 0);
}
