/**
 * Compiling a policy document once into what the evaluator needs: per statement its effect, the
 * catalogue actions it covers as a bitset (NotAction already inverted), its resource patterns and
 * its condition reduced to "none / always / never / undecidable / depends on the principal".
 *
 * Compilation never throws: a statement that IAM itself would reject (no Effect, both Action and
 * NotAction, a number where a string belongs…) is skipped and a warning says why, so one bad
 * document cannot hide every other permission of an account.
 */
import type { JsonObject, JsonValue } from '../../discovery/facts';
import type { ActionCatalogue } from './action-catalogue';
import { hasWildcard, wildcardMatch } from './action-catalogue';
import { ActionSet } from './action-set';

/** A condition's value: true/false when decidable offline, null when it depends on the request. */
export type Tri = boolean | null;

/** What is known offline about the principal making requests (conditions and policy variables). */
export interface PrincipalContext {
  arn: string;
  accountId: string | null;
  type: 'User' | 'AssumedRole';
  /** User name (`aws:username` exists only for IAM users). */
  userName: string | null;
  userId: string | null;
  tags: Readonly<Record<string, string>>;
}

export type CompiledCondition =
  | { kind: 'none' }
  | { kind: 'static'; value: Tri }
  | { kind: 'principal'; evaluate: (principal: PrincipalContext) => Tri };

export interface CompiledStatement {
  index: number;
  sid: string | null;
  statement: JsonObject;
  effect: 'Allow' | 'Deny';
  notAction: boolean;
  /** Lower-cased action patterns as written (for actions outside the catalogue). */
  actionPatterns: string[];
  /** Catalogue actions the statement covers (after NotAction inversion). Shared, do not modify. */
  actions: ActionSet;
  /** Literal actions named in `Action` that the catalogue does not know (kept by name). */
  unknownActions: string[];
  /** Covers every catalogue action (`*`, or a NotAction that excludes nothing known). */
  everyAction: boolean;
  /** Services granted whole by `service:*` in `Action` (`*` for `*`). */
  wildcardServices: string[];
  notResource: boolean;
  resources: string[];
  /** `Resource` includes `*`: the statement applies to every resource. */
  allResources: boolean;
  /** Resource patterns use policy variables (`${aws:username}`), resolved per principal. */
  variables: boolean;
  condition: CompiledCondition;
}

export interface CompiledDocument {
  /** Unique per compilation: lets callers memoise by the set of documents a principal has. */
  id: number;
  statements: CompiledStatement[];
  warnings: string[];
}

let nextId = 1;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: JsonValue | undefined): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  return null;
}

/** What a statement's `Action` / `NotAction` list compiles to: the same for every statement naming the same list. */
interface CompiledActions {
  actions: ActionSet;
  everyAction: boolean;
  unknownActions: string[];
  wildcardServices: string[];
}

/**
 * Compiled action lists by the list as written, for one analysis: statements copied between policies
 * name the same lists (an account of 10,000 synthetic principals has ~35,000 statements and under
 * 900 distinct lists), and each compiled list is a 2.8 KB bitset made by expanding its patterns.
 * Statements naming an equal list share one set, which is read-only like every compiled set.
 * Held by the analysis's policy context, so it lives as long as one analysis.
 */
export class ActionListCache {
  private readonly byList = new Map<string, CompiledActions>();

  get(key: string): CompiledActions | undefined {
    return this.byList.get(key);
  }

  set(key: string, compiled: CompiledActions): void {
    this.byList.set(key, compiled);
  }

  get size(): number {
    return this.byList.size;
  }
}

export function compileDocument(document: unknown, catalogue: ActionCatalogue, actionLists?: ActionListCache): CompiledDocument {
  const compiled: CompiledDocument = { id: nextId++, statements: [], warnings: [] };
  if (!isPlainObject(document)) {
    compiled.warnings.push('the document is not a JSON object: ignored');
    return compiled;
  }
  const raw = document['Statement'];
  const statements: JsonValue[] = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  if (raw === undefined) compiled.warnings.push('the document has no Statement');
  // Policy variables exist only from policy language version 2012-10-17; before that `${…}` is literal.
  const variablesEnabled = document['Version'] === '2012-10-17';
  statements.forEach((statement, index) => {
    const result = compileStatement(statement, index, catalogue, variablesEnabled, actionLists);
    if (typeof result === 'string') compiled.warnings.push(`statement ${index}: ${result}; skipped`);
    else {
      compiled.statements.push(result);
      if (result.unknownActions.length > 0) {
        compiled.warnings.push(
          `statement ${index}: ${result.unknownActions.join(', ')} not in the action catalogue (typo or newer than the data); kept by name`,
        );
      }
    }
  });
  return compiled;
}

function compileStatement(
  raw: JsonValue,
  index: number,
  catalogue: ActionCatalogue,
  variablesEnabled: boolean,
  actionLists: ActionListCache | undefined,
): CompiledStatement | string {
  if (!isPlainObject(raw)) return 'not an object';
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `Effect must be "Allow" or "Deny", found ${short(effect)}`;
  if ((raw['Action'] === undefined) === (raw['NotAction'] === undefined)) return 'needs exactly one of Action and NotAction';
  if ((raw['Resource'] === undefined) === (raw['NotResource'] === undefined)) return 'needs exactly one of Resource and NotResource';
  const notAction = raw['NotAction'] !== undefined;
  const actionList = stringList(notAction ? raw['NotAction'] : raw['Action']);
  if (actionList === null) return `${notAction ? 'NotAction' : 'Action'} must be a string or a list of strings`;
  const notResource = raw['NotResource'] !== undefined;
  const resourceList = stringList(notResource ? raw['NotResource'] : raw['Resource']);
  if (resourceList === null) return `${notResource ? 'NotResource' : 'Resource'} must be a string or a list of strings`;
  const condition = compileCondition(raw['Condition']);
  if (typeof condition === 'string') return condition;
  const sidValue = raw['Sid'];

  const actionPatterns = actionList.map((a) => a.trim().toLowerCase());
  // What the actions compile to depends on the list as written, NotAction, and whether the Allow is
  // limited to resources AWS owns; nothing else of the statement.
  const awsOwnedOnly = effect === 'Allow' && !notResource && resourceList.every(isAwsOwnedArn);
  const key = actionLists === undefined ? '' : `${notAction ? 'N' : 'A'}${awsOwnedOnly ? 'o' : '-'}${JSON.stringify(actionList)}`;
  let compiledActions = actionLists?.get(key);
  if (compiledActions === undefined) {
    compiledActions = compileActions(actionList, actionPatterns, notAction, awsOwnedOnly, catalogue);
    actionLists?.set(key, compiledActions);
  }

  return {
    index,
    sid: typeof sidValue === 'string' ? sidValue : null,
    statement: raw,
    effect,
    notAction,
    actionPatterns,
    actions: compiledActions.actions,
    everyAction: compiledActions.everyAction,
    unknownActions: compiledActions.unknownActions,
    wildcardServices: compiledActions.wildcardServices,
    notResource,
    resources: resourceList,
    allResources: !notResource && resourceList.includes('*'),
    variables: variablesEnabled && resourceList.some((r) => r.includes('${')),
    condition,
  };
}

function compileActions(
  actionList: readonly string[],
  actionPatterns: readonly string[],
  notAction: boolean,
  awsOwnedOnly: boolean,
  catalogue: ActionCatalogue,
): CompiledActions {
  let covered: ActionSet | null = null;
  // Memoised pattern sets are shared: copy before the first modification.
  let owned = false;
  const exact: number[] = [];
  const unknownActions: string[] = [];
  const wildcardServices: string[] = [];
  for (const [i, pattern] of actionPatterns.entries()) {
    if (!hasWildcard(pattern)) {
      // Exact names set bits directly: memoising a set per exact action would cost 2.8 KB each.
      const index = catalogue.indexOf(pattern);
      if (index >= 0) exact.push(index);
      else unknownActions.push(actionList[i] ?? pattern);
      continue;
    }
    const set = catalogue.expand(pattern);
    if (covered === null) covered = set;
    else if (owned) covered.orInPlace(set);
    else {
      covered = covered.or(set);
      owned = true;
    }
    if (!notAction) {
      if (/^[*]+(:[*]+)?$/.test(pattern)) wildcardServices.push('*');
      else {
        const match = /^([^:*?]+):[*]+$/.exec(pattern);
        if (match?.[1] !== undefined && catalogue.hasService(match[1])) wildcardServices.push(match[1]);
      }
    }
  }
  if (exact.length > 0) {
    const target = covered === null ? ActionSet.empty(catalogue.size) : owned ? covered : covered.clone();
    for (const index of exact) target.add(index);
    covered = target;
  }
  const matched = covered ?? catalogue.expand('');
  let actions = notAction ? matched.not() : matched;
  // Resources owned by AWS itself (`arn:aws:iam::aws:policy/…`) cannot be changed by any account:
  // an Allow limited to them grants no write. (The iam-vulnerable lab's fp4 trap is exactly this.)
  if (awsOwnedOnly) actions = actions.andNot(catalogue.mutating());
  return {
    actions,
    // Only a wildcard or NotAction can cover the catalogue: exact lists skip the count.
    everyAction: (notAction || actionPatterns.some(hasWildcard) || exact.length >= catalogue.size) && actions.count() === catalogue.size,
    unknownActions: notAction ? [] : unknownActions,
    wildcardServices: [...new Set(wildcardServices)],
  };

}

function isAwsOwnedArn(resource: string): boolean {
  const parts = resource.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[4] === 'aws';
}

function short(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------

/**
 * Which condition keys we can decide offline: those about the principal itself, which the facts
 * describe. Everything about the request (source IP, MFA, time, region, tags of the resource,
 * `iam:PassedToService`…) is undecidable and makes the statement conditional.
 */
function principalValue(key: string, principal: PrincipalContext): string | null | undefined {
  // undefined: the key is absent from the request context; null: present but unknown offline.
  switch (key) {
    case 'aws:principalarn':
      return principal.arn;
    case 'aws:principalaccount':
      return principal.accountId ?? null;
    case 'aws:principaltype':
      return principal.type;
    case 'aws:username':
      return principal.type === 'User' ? (principal.userName ?? null) : undefined;
    case 'aws:userid':
      // A role session's user ID includes the session name, unknown offline.
      return principal.type === 'User' ? principal.userId : null;
    case 'aws:principalisawsservice':
      return 'false';
    default:
      break;
  }
  if (key.startsWith('aws:principaltag/')) {
    const wanted = key.slice('aws:principaltag/'.length);
    for (const [k, v] of Object.entries(principal.tags)) if (k.toLowerCase() === wanted) return v;
    return undefined;
  }
  return null;
}

function isPrincipalKey(key: string): boolean {
  return (
    key.startsWith('aws:principaltag/') ||
    ['aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:principalisawsservice'].includes(key)
  );
}

const DECIDABLE_OPERATORS = new Set([
  'stringequals',
  'stringnotequals',
  'stringequalsignorecase',
  'stringnotequalsignorecase',
  'stringlike',
  'stringnotlike',
  'arnequals',
  'arnlike',
  'arnnotequals',
  'arnnotlike',
  'bool',
  'null',
]);

interface ConditionBlock {
  operator: string;
  ifExists: boolean;
  key: string;
  values: string[];
}

export function compileCondition(raw: JsonValue | undefined): CompiledCondition | string {
  if (raw === undefined) return { kind: 'none' };
  if (!isPlainObject(raw)) return 'Condition must be an object';
  const blocks: ConditionBlock[] = [];
  let undecidable = false;
  for (const [operatorRaw, body] of Object.entries(raw)) {
    if (!isPlainObject(body)) return `Condition operator ${operatorRaw} must map to an object`;
    let operator = operatorRaw.toLowerCase();
    let setOperator: 'any' | 'all' | null = null;
    if (operator.startsWith('foranyvalue:')) {
      setOperator = 'any';
      operator = operator.slice('foranyvalue:'.length);
    } else if (operator.startsWith('forallvalues:')) {
      setOperator = 'all';
      operator = operator.slice('forallvalues:'.length);
    }
    const ifExists = operator.endsWith('ifexists');
    if (ifExists) operator = operator.slice(0, -'ifexists'.length);
    for (const [keyRaw, value] of Object.entries(body)) {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
        return `Condition ${operatorRaw}/${keyRaw} must be a value or a list of values`;
      }
      const key = keyRaw.toLowerCase();
      const strings = values.map(String);
      // ForAllValues over a single-valued key, and values with policy variables, are left undecided.
      if (
        setOperator === 'all' ||
        !isPrincipalKey(key) ||
        !DECIDABLE_OPERATORS.has(operator) ||
        strings.some((s) => s.includes('${'))
      ) {
        undecidable = true;
        continue;
      }
      blocks.push({ operator, ifExists, key, values: strings });
    }
  }
  if (blocks.length === 0) return { kind: 'static', value: undecidable ? null : true };
  return {
    kind: 'principal',
    evaluate: (principal) => {
      let result: Tri = undecidable ? null : true;
      for (const block of blocks) {
        const value = evaluateBlock(block, principalValue(block.key, principal));
        if (value === false) return false;
        if (value === null) result = null;
      }
      return result;
    },
  };
}

function evaluateBlock(block: ConditionBlock, value: string | null | undefined): Tri {
  if (value === null) return null;
  const negated = block.operator.includes('not');
  if (block.operator === 'null') {
    const wantsAbsent = block.values.some((v) => v.toLowerCase() === 'true');
    const wantsPresent = block.values.some((v) => v.toLowerCase() === 'false');
    return value === undefined ? wantsAbsent : wantsPresent;
  }
  // IAM: an absent key fails a positive operator and satisfies a negated one; …IfExists passes.
  if (value === undefined) return block.ifExists || negated;
  let matches: boolean;
  switch (block.operator) {
    case 'stringequals':
    case 'stringnotequals':
      matches = block.values.some((v) => v === value);
      break;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      matches = block.values.some((v) => v.toLowerCase() === value.toLowerCase());
      break;
    case 'bool':
      matches = block.values.some((v) => v.toLowerCase() === value.toLowerCase());
      break;
    default:
      // StringLike / ArnEquals / ArnLike and their negations: wildcard matching.
      matches = block.values.some((v) => wildcardMatch(v, value, false));
  }
  return negated ? !matches : matches;
}

/** The condition's value for one principal: true when absent or always true. */
export function conditionFor(statement: CompiledStatement, principal: PrincipalContext): Tri {
  const c = statement.condition;
  if (c.kind === 'none') return true;
  if (c.kind === 'static') return c.value;
  return c.evaluate(principal);
}
