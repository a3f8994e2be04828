/**
 * Who a role's trust policy lets assume it, read once per role. The identity side (does the
 * would-be assumer hold sts:AssumeRole?) is the evaluator's; this is the resource side.
 *
 * Rules (same account unless said): a trust naming a user or role ARN (or a session of a role) lets
 * that principal assume the role with no sts:AssumeRole in its own policies; a trust naming the
 * account (`ID`, `arn:…:root`) or `*` delegates to identity policies, so the assumer must hold
 * sts:AssumeRole on the role. Across accounts both sides are always needed.
 *
 * Conditions: `aws:PrincipalArn`, `aws:PrincipalAccount` and `aws:MultiFactorAuthPresent` are decided
 * (roles never carry MFA); any other key cannot be decided offline and is taken as satisfiable by
 * default (a risk view: the attacker picks the external ID, source, tags it can), which the step's
 * explanation then says. A Deny with a condition is not applied, for the same reason.
 */
import type { JsonObject, JsonValue } from '../../discovery/facts';
import { globMatches } from './patterns';

export interface TrustSubject {
  arn: string;
  kind: 'user' | 'role';
  accountId: string;
  /** For roles: the role name, matched by `assumed-role/NAME/…` session principals. */
  name: string;
}

export interface TrustVerdict {
  allowed: boolean;
  /** The trust names the subject itself (no sts:AssumeRole needed on its side, same account). */
  explicit: boolean;
  /** Conditions taken as satisfiable though they could not be decided (for the explanation). */
  assumedConditions: string[];
}

interface TrustStatement {
  effect: 'Allow' | 'Deny';
  awsPrincipals: string[];
  anyPrincipal: boolean;
  services: string[];
  notPrincipal: boolean;
  conditions: JsonObject | null;
}

export interface RoleTrust {
  statements: TrustStatement[];
  /** Service principals allowed (unconditionally or not): the role can be passed to them. */
  services: ReadonlySet<string>;
  /** The trust allows `*` (any principal, including any service). */
  anyPrincipal: boolean;
  /** ARNs named explicitly, and role names whose sessions are named, for indexing. */
  explicitArns: readonly string[];
  sessionRoleNames: readonly string[];
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function strings(value: JsonValue | undefined): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coversAssumeRole(statement: JsonObject): boolean {
  const actions = strings(statement['Action']);
  if (actions.length > 0) return actions.some((a) => globMatches(a.toLowerCase(), 'sts:assumerole'));
  const notActions = strings(statement['NotAction']);
  return notActions.length > 0 && !notActions.some((a) => globMatches(a.toLowerCase(), 'sts:assumerole'));
}

/** Reads a trust policy; malformed parts are skipped (they grant nothing). */
export function readTrustPolicy(document: JsonObject): RoleTrust {
  const statements: TrustStatement[] = [];
  const services = new Set<string>();
  const explicitArns: string[] = [];
  const sessionRoleNames: string[] = [];
  let anyPrincipal = false;
  for (const raw of asArray(document['Statement'])) {
    if (!isObject(raw) || !coversAssumeRole(raw)) continue;
    const effect = raw['Effect'] === 'Deny' ? 'Deny' : raw['Effect'] === 'Allow' ? 'Allow' : null;
    if (effect === null) continue;
    const notPrincipal = raw['NotPrincipal'] !== undefined;
    const principal = notPrincipal ? raw['NotPrincipal'] : raw['Principal'];
    const statement: TrustStatement = {
      effect,
      awsPrincipals: [],
      anyPrincipal: false,
      services: [],
      notPrincipal,
      conditions: isObject(raw['Condition']) ? raw['Condition'] : null,
    };
    if (principal === '*') statement.anyPrincipal = true;
    else if (isObject(principal)) {
      for (const arn of strings(principal['AWS'])) {
        if (arn === '*') statement.anyPrincipal = true;
        else statement.awsPrincipals.push(arn);
      }
      statement.services.push(...strings(principal['Service']));
    }
    statements.push(statement);
    if (effect === 'Allow' && !notPrincipal) {
      for (const service of statement.services) services.add(service);
      if (statement.anyPrincipal) anyPrincipal = true;
      for (const arn of statement.awsPrincipals) {
        const session = /^arn:[^:]+:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn);
        if (session?.[1] !== undefined) sessionRoleNames.push(session[1]);
        else if (/:(user|role)\//.test(arn)) explicitArns.push(arn);
      }
    }
  }
  return { statements, services, anyPrincipal, explicitArns, sessionRoleNames };
}

type Match = 'explicit' | 'delegated' | 'none';

function principalMatch(entry: string, subject: TrustSubject): Match {
  if (entry === subject.arn) return 'explicit';
  if (entry === subject.accountId || entry === `arn:aws:iam::${subject.accountId}:root` || /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(entry)?.[1] === subject.accountId) {
    return 'delegated';
  }
  if (subject.kind === 'role') {
    const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(entry);
    // A session of the role is the role acting (it chooses its own session name when it assumes).
    if (session?.[1] === subject.accountId && session[2] === subject.name) return 'explicit';
  }
  return 'none';
}

function statementMatch(statement: TrustStatement, subject: TrustSubject): Match {
  if (statement.notPrincipal) {
    // Allow with NotPrincipal: everyone except those named; treat as delegated when the subject is not named.
    return statement.awsPrincipals.some((p) => principalMatch(p, subject) !== 'none') ? 'none' : 'delegated';
  }
  let best: Match = statement.anyPrincipal ? 'delegated' : 'none';
  for (const entry of statement.awsPrincipals) {
    const match = principalMatch(entry, subject);
    if (match === 'explicit') return 'explicit';
    if (match === 'delegated') best = 'delegated';
  }
  return best;
}

const DECIDED_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:multifactorauthpresent']);

/** true / false when decided, null when the condition cannot be decided offline. */
function decideCondition(operator: string, key: string, values: string[], subject: TrustSubject): boolean | null {
  const lowerKey = key.toLowerCase();
  if (!DECIDED_KEYS.has(lowerKey)) return null;
  if (lowerKey === 'aws:multifactorauthpresent') {
    // Roles never carry MFA; a user might.
    if (subject.kind === 'user') return null;
    const base = operator.replace(/IfExists$/, '');
    if (base !== 'Bool') return null;
    const wantsTrue = values.some((v) => v.toLowerCase() === 'true');
    return operator.endsWith('IfExists') ? true : !wantsTrue;
  }
  const actual = lowerKey === 'aws:principalarn' ? subject.arn : subject.accountId;
  const op = operator.replace(/^For(Any|All)Values:/, '').replace(/IfExists$/, '');
  const negated = op.includes('Not');
  const ignoreCase = op.endsWith('IgnoreCase');
  const like = op.includes('Like');
  const known = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike'];
  if (!known.includes(op)) return null;
  const subjectValue = ignoreCase ? actual.toLowerCase() : actual;
  const hit = values.some((v) => {
    const value = ignoreCase ? v.toLowerCase() : v;
    return like || op.startsWith('Arn') ? globMatches(value, subjectValue) : value === subjectValue;
  });
  return negated ? !hit : hit;
}

function evaluateConditions(conditions: JsonObject | null, subject: TrustSubject, assumed: string[]): boolean | null {
  if (conditions === null) return true;
  let undecided = false;
  for (const [operator, block] of Object.entries(conditions)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const decided = decideCondition(operator, key, strings(value), subject);
      if (decided === false) return false;
      if (decided === null) {
        undecided = true;
        assumed.push(`${operator} ${key}`);
      }
    }
  }
  return undecided ? null : true;
}

export interface TrustOptions {
  /** How to take trust conditions that cannot be decided offline. Default `satisfiable`. */
  undecidableConditions?: 'satisfiable' | 'unsatisfiable';
}

/** Does the trust let this user or role assume the role (resource side only)? */
export function trustAllows(trust: RoleTrust, subject: TrustSubject, options: TrustOptions = {}): TrustVerdict {
  const undecidable = options.undecidableConditions ?? 'satisfiable';
  for (const statement of trust.statements) {
    if (statement.effect !== 'Deny' || statement.conditions !== null) continue;
    if (statementMatch(statement, subject) !== 'none') {
      return { allowed: false, explicit: false, assumedConditions: [] };
    }
  }
  let verdict: TrustVerdict = { allowed: false, explicit: false, assumedConditions: [] };
  for (const statement of trust.statements) {
    if (statement.effect !== 'Allow') continue;
    const match = statementMatch(statement, subject);
    if (match === 'none') continue;
    const assumed: string[] = [];
    const conditions = evaluateConditions(statement.conditions, subject, assumed);
    if (conditions === false || (conditions === null && undecidable === 'unsatisfiable')) continue;
    const candidate: TrustVerdict = { allowed: true, explicit: match === 'explicit', assumedConditions: assumed };
    // Prefer an explicit, unconditional grant: it needs nothing more from the subject.
    if (!verdict.allowed || (candidate.explicit && !verdict.explicit) || (candidate.explicit === verdict.explicit && assumed.length < verdict.assumedConditions.length)) {
      verdict = candidate;
    }
    if (verdict.explicit && verdict.assumedConditions.length === 0) break;
  }
  return verdict;
}

/** The role can be handed to this service (it trusts the service principal, or anyone). */
export function trustsService(trust: RoleTrust, service: string): boolean {
  return trust.anyPrincipal || trust.services.has(service);
}
