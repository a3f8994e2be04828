/**
 * Effective permissions of one IAM user or role, from its identity policies (inline, attached, and
 * for users their groups'), explicit Deny, NotAction/NotResource, the conditions we can decide
 * offline, and its permissions boundary.
 *
 * Speed: documents are compiled once (memoised per document object, so a managed policy attached to
 * 5,000 roles compiles once), each document keeps OR-ed bitsets of its statements, and a principal's
 * sets are a handful of bitset operations. Per-action questions (`isAllowed`, `grantsFor`) walk the
 * principal's statements, which are few.
 *
 * Choices (a governance tool should overstate rather than hide power, and say which it did):
 * - Conditions are decided only for keys about the principal itself (`aws:PrincipalArn`,
 *   `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`, `aws:userid` for users,
 *   `aws:PrincipalTag/*`, `aws:PrincipalIsAWSService`) with the string, ARN, Bool and Null operators.
 *   Any other key makes the statement "undecidable".
 * - An Allow under an undecidable condition is *possible*: it counts for `isAllowedAnywhere`,
 *   `allowedActions`, `serviceSummary`, `grantsFor` and `resourcesFor`, and `isConditional` says so;
 *   `isAllowed` (a definite answer) ignores it.
 * - A Deny applies only when its condition is absent or decidably true. A Deny under an undecidable
 *   condition is ignored: it may not hold for every request, so it does not remove the permission.
 * - `isAllowed(action)` without a resource asks about the request resource `*`: only statements
 *   whose Resource matches `*` (i.e. `*`) or whose NotResource does not, grant it. A resource-scoped
 *   Allow counts for `isAllowedAnywhere` only.
 * - A resource-scoped Deny removes an action from "anywhere" only when it covers every resource
 *   pattern the Allows grant it on (`arn:…:bucket/*` covers `arn:…:bucket/key`).
 * - The permissions boundary caps: an action is allowed only if the boundary allows it too (its
 *   Deny statements deny). Where only a resource-scoped boundary Allow applies, "anywhere" is
 *   judged per document, not on the intersection of resource patterns.
 * - A boundary, attached policy or group missing from the facts: a warning; a missing boundary is
 *   not applied (permissions may be overstated), a missing policy grants nothing (except
 *   AdministratorAccess, whose content is known).
 * Not modelled: resource-based policies, SCPs/RCPs, session policies, request-context conditions.
 */
import type { IamGroupFacts, IamRoleFacts, IamUserFacts, JsonObject, ManagedPolicyFacts } from '../../discovery/facts';
import type { EffectivePermissions, StatementRef } from '../types';
import type { ActionCatalogue } from './action-catalogue';
import { getActionCatalogue, hasWildcard, wildcardMatch } from './action-catalogue';
import { ActionSet } from './action-set';
import type { CompiledDocument, CompiledStatement, PrincipalContext, Tri } from './compile';
import { compileDocument, conditionFor, type ActionListCache } from './compile';
import { ServiceSummaryTable, type ServiceSummaryCache } from './service-summary';

export const ADMINISTRATOR_ACCESS_ARN_SUFFIX = ':iam::aws:policy/AdministratorAccess';

/** AdministratorAccess's content, for exports that list the attachment but not the document. */
const ADMINISTRATOR_ACCESS_DOCUMENT: JsonObject = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export interface PolicyContext {
  policiesByArn: ReadonlyMap<string, ManagedPolicyFacts>;
  groupsByName: ReadonlyMap<string, IamGroupFacts>;
  /** Defaults to the iam-data catalogue; tests pass a small one. */
  catalogue?: ActionCatalogue;
  /** Summary tables shared by principals with equal sets, for one analysis (service-summary.ts). */
  summaries?: ServiceSummaryCache;
  /** Compiled action lists shared by statements naming equal lists, for one analysis (compile.ts). */
  actionLists?: ActionListCache;
}

/** What `computeEffectivePermissions` returns: the contract plus evidence of our own. */
export interface PrincipalPermissions extends EffectivePermissions {
  /** Skipped statements, unknown actions, missing policies: what a human should know we could not read. */
  readonly warnings: readonly string[];
  /** Every unconditional Allow of `*` on `*` (or AdministratorAccess), whether or not a Deny or boundary cuts it. */
  readonly adminGrants: readonly StatementRef[];
  /** Catalogue actions allowed on some resource (shared: do not modify). */
  readonly allowedSet: ActionSet;
  /** Allowed only under a condition we cannot decide offline. */
  isConditional(action: string): boolean;
}

interface Grant {
  doc: CompiledDocument;
  policy: string;
  policyName: string;
  via: StatementRef['via'];
  group: string | null;
}

interface Bound {
  st: CompiledStatement;
  grant: Grant;
  cond: Tri;
}

// ---------------------------------------------------------------------------------------------
// Compilation cache and per-catalogue data
// ---------------------------------------------------------------------------------------------

interface DocumentAggregate {
  /** Principal-independent statements OR-ed by kind; null when empty. */
  possible: ActionSet | null;
  possibleAll: ActionSet | null;
  definite: ActionSet | null;
  definiteAll: ActionSet | null;
  denyAll: ActionSet | null;
  denyScoped: ActionSet | null;
  /** Statements whose condition depends on the principal: folded per principal. */
  dependent: CompiledStatement[];
  /** Allow statements that could be full-admin or service-wildcard evidence. */
  notable: CompiledStatement[];
}

const compiledByCatalogue = new WeakMap<ActionCatalogue, WeakMap<object, CompiledDocument>>();
const aggregates = new WeakMap<CompiledDocument, DocumentAggregate>();

export function compiledDocumentFor(document: unknown, catalogue: ActionCatalogue, actionLists?: ActionListCache): CompiledDocument {
  if (typeof document !== 'object' || document === null) return compileDocument(document, catalogue, actionLists);
  let cache = compiledByCatalogue.get(catalogue);
  if (cache === undefined) {
    cache = new WeakMap();
    compiledByCatalogue.set(catalogue, cache);
  }
  let compiled = cache.get(document);
  if (compiled === undefined) {
    compiled = compileDocument(document, catalogue, actionLists);
    cache.set(document, compiled);
  }
  return compiled;
}

function aggregateOf(doc: CompiledDocument): DocumentAggregate {
  let agg = aggregates.get(doc);
  if (agg !== undefined) return agg;
  // Copy-on-write ORs, and one set for several aggregates when they must be equal (every Allow on `*`,
  // or none under a condition): a one-statement policy allocates nothing here. A first pass finds
  // which aggregates are distinct, so only those are built.
  let everyAllowOnAll = true;
  let everyAllowDefinite = true;
  const dependent: CompiledStatement[] = [];
  const notable: CompiledStatement[] = [];
  const independent: { st: CompiledStatement; cond: Tri }[] = [];
  for (const st of doc.statements) {
    if (st.effect === 'Allow' && (st.everyAction || st.notAction || st.wildcardServices.length > 0)) notable.push(st);
    if (st.condition.kind === 'principal') {
      dependent.push(st);
      continue;
    }
    const cond: Tri = st.condition.kind === 'none' ? true : st.condition.value;
    if (cond === false) continue;
    independent.push({ st, cond });
    if (st.effect === 'Allow') {
      if (!st.allResources) everyAllowOnAll = false;
      if (cond !== true) everyAllowDefinite = false;
    }
  }
  const possible = new Accumulator();
  const possibleAll = everyAllowOnAll ? null : new Accumulator();
  const definite = everyAllowDefinite ? null : new Accumulator();
  const definiteAll = everyAllowOnAll || everyAllowDefinite ? null : new Accumulator();
  const denyAll = new Accumulator();
  const denyScoped = new Accumulator();
  for (const { st, cond } of independent) {
    if (st.effect === 'Allow') {
      possible.add(st.actions);
      if (st.allResources) possibleAll?.add(st.actions);
      if (cond === true) {
        definite?.add(st.actions);
        if (st.allResources) definiteAll?.add(st.actions);
      }
    } else if (cond === true) {
      (st.allResources ? denyAll : denyScoped).add(st.actions);
    }
  }
  const shared = possible.set;
  agg = {
    possible: shared,
    possibleAll: possibleAll === null ? shared : possibleAll.set,
    definite: definite === null ? shared : definite.set,
    // Equal to possible when both hold; to definite (every Allow on `*`) or possibleAll (none conditional) when one does.
    definiteAll: everyAllowOnAll ? (definite === null ? shared : definite.set) : everyAllowDefinite ? (possibleAll?.set ?? null) : (definiteAll?.set ?? null),
    denyAll: denyAll.set,
    denyScoped: denyScoped.set,
    dependent,
    notable,
  };
  aggregates.set(doc, agg);
  return agg;
}

interface CatalogueDerived {
  /** IAM's Write and Permissions-management actions: holding all of them means one can lift any own restriction. */
  iamPower: ActionSet;
  writableServiceNames: Set<string>;
}

/**
 * OR of shared sets with copy-on-write: a principal whose sets come from one document reuses that
 * document's set instead of allocating (most principals of a large account).
 */
class Accumulator {
  set: ActionSet | null = null;
  private mine = false;

  add(other: ActionSet): void {
    if (this.set === null) {
      this.set = other;
      return;
    }
    if (!this.mine) {
      this.set = this.set.or(other);
      this.mine = true;
      return;
    }
    this.set.orInPlace(other);
  }

  /** A set the caller may modify. */
  owned(size: number): ActionSet {
    if (this.set === null) return ActionSet.empty(size);
    return this.mine ? this.set : this.set.clone();
  }
}

const derivedByCatalogue = new WeakMap<ActionCatalogue, CatalogueDerived>();

function derived(catalogue: ActionCatalogue): CatalogueDerived {
  let d = derivedByCatalogue.get(catalogue);
  if (d !== undefined) return d;
  const powerful = catalogue.withLevel('Write').orInPlace(catalogue.withLevel('Permissions management'));
  const writableServiceNames = new Set<string>();
  for (const range of catalogue.services) {
    for (let i = range.start; i < range.end; i++) {
      if (powerful.has(i)) {
        writableServiceNames.add(range.service);
        break;
      }
    }
  }
  d = {
    iamPower: catalogue.expand('iam:*').and(powerful),
    writableServiceNames,
  };
  derivedByCatalogue.set(catalogue, d);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Gathering a principal's policies
// ---------------------------------------------------------------------------------------------

function isRole(principal: IamUserFacts | IamRoleFacts): principal is IamRoleFacts {
  return 'trustPolicy' in principal;
}

function managedGrant(
  ref: { arn: string; name: string },
  via: Grant['via'],
  group: string | null,
  context: PolicyContext,
  catalogue: ActionCatalogue,
  warnings: string[],
): Grant | null {
  const facts = context.policiesByArn.get(ref.arn);
  let document: unknown = facts?.document ?? null;
  if (document === null && ref.arn.endsWith(ADMINISTRATOR_ACCESS_ARN_SUFFIX)) document = ADMINISTRATOR_ACCESS_DOCUMENT;
  if (document === null) {
    warnings.push(`${ref.arn}: ${facts === undefined ? 'not in the facts' : 'no document in the facts'}; its permissions are unknown`);
    return null;
  }
  return { doc: compiledDocumentFor(document, catalogue, context.actionLists), policy: ref.arn, policyName: facts?.name ?? ref.name, via, group };
}

function gatherGrants(
  principal: IamUserFacts | IamRoleFacts,
  context: PolicyContext,
  catalogue: ActionCatalogue,
  warnings: string[],
): { identity: Grant[]; boundary: Grant | null } {
  const identity: Grant[] = [];
  for (const inline of principal.inlinePolicies) {
    identity.push({
      doc: compiledDocumentFor(inline.document, catalogue, context.actionLists),
      policy: `inline:${principal.arn}:${inline.name}`,
      policyName: inline.name,
      via: 'inline',
      group: null,
    });
  }
  for (const ref of principal.attachedPolicies) {
    const grant = managedGrant(ref, 'attached', null, context, catalogue, warnings);
    if (grant !== null) identity.push(grant);
  }
  if (!isRole(principal)) {
    for (const name of principal.groups) {
      const group = context.groupsByName.get(name);
      if (group === undefined) {
        warnings.push(`group ${name}: not in the facts; its policies are unknown`);
        continue;
      }
      for (const inline of group.inlinePolicies) {
        identity.push({
          doc: compiledDocumentFor(inline.document, catalogue, context.actionLists),
          policy: `group-inline:${group.arn}:${inline.name}`,
          policyName: inline.name,
          via: 'group',
          group: group.name,
        });
      }
      for (const ref of group.attachedPolicies) {
        const grant = managedGrant(ref, 'group', group.name, context, catalogue, warnings);
        if (grant !== null) identity.push(grant);
      }
    }
  }
  let boundary: Grant | null = null;
  if (principal.permissionsBoundary !== null) {
    const arn = principal.permissionsBoundary.arn;
    const facts = context.policiesByArn.get(arn);
    let document: unknown = facts?.document ?? null;
    if (document === null && arn.endsWith(ADMINISTRATOR_ACCESS_ARN_SUFFIX)) document = ADMINISTRATOR_ACCESS_DOCUMENT;
    if (document === null) {
      warnings.push(`permissions boundary ${arn}: its document is not in the facts; not applied (permissions may be overstated)`);
    } else {
      boundary = { doc: compiledDocumentFor(document, catalogue, context.actionLists), policy: arn, policyName: facts?.name ?? arn, via: 'boundary', group: null };
    }
  }
  for (const grant of identity) for (const w of grant.doc.warnings) warnings.push(`${grant.policy}: ${w}`);
  if (boundary !== null) for (const w of boundary.doc.warnings) warnings.push(`${boundary.policy}: ${w}`);
  return { identity, boundary };
}

export function principalContextOf(principal: IamUserFacts | IamRoleFacts): PrincipalContext {
  const accountId = principal.arn.split(':')[4] ?? '';
  const role = isRole(principal);
  return {
    arn: principal.arn,
    accountId: /^\d{12}$/.test(accountId) ? accountId : null,
    type: role ? 'AssumedRole' : 'User',
    userName: role ? null : principal.name,
    userId: role ? null : principal.id,
    tags: principal.tags,
  };
}

// ---------------------------------------------------------------------------------------------
// Resource matching
// ---------------------------------------------------------------------------------------------

/** Resolves `${…}` policy variables for a principal; null when one cannot be known offline. */
function resolveVariables(pattern: string, pc: PrincipalContext): string | null {
  let unresolved = false;
  const out = pattern.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
    const [keyRaw = '', defaultRaw] = inner.split(',');
    const key = keyRaw.trim().toLowerCase();
    if (key === '*' || key === '?' || key === '$') return key;
    let value: string | null | undefined;
    if (key === 'aws:username') value = pc.userName;
    else if (key === 'aws:userid') value = pc.userId;
    else if (key === 'aws:principalaccount') value = pc.accountId;
    else if (key.startsWith('aws:principaltag/')) {
      const wanted = key.slice('aws:principaltag/'.length);
      value = Object.entries(pc.tags).find(([k]) => k.toLowerCase() === wanted)?.[1];
    }
    if (value === null || value === undefined) {
      const fallback = defaultRaw?.trim().replace(/^'(.*)'$/, '$1');
      if (fallback !== undefined && defaultRaw !== undefined) return fallback;
      unresolved = true;
      return '';
    }
    return value;
  });
  return unresolved ? null : out;
}

function resourcePatterns(st: CompiledStatement, pc: PrincipalContext): (string | null)[] {
  return st.variables ? st.resources.map((r) => resolveVariables(r, pc)) : st.resources;
}

function matchesResource(st: CompiledStatement, resource: string, pc: PrincipalContext): boolean {
  const matched = resourcePatterns(st, pc).some((p) => p !== null && wildcardMatch(p, resource, false));
  return st.notResource ? !matched : matched;
}

/** Deny pattern `d` surely matches every resource allow pattern `p` matches. */
function covers(d: string, p: string): boolean {
  if (d === '*') return true;
  if (!hasWildcard(p)) return wildcardMatch(d, p, false);
  if (d.endsWith('*')) {
    const prefix = d.slice(0, -1);
    return !hasWildcard(prefix) && p.startsWith(prefix);
  }
  return d === p;
}

// ---------------------------------------------------------------------------------------------
// The evaluator
// ---------------------------------------------------------------------------------------------

export function computeEffectivePermissions(principal: IamUserFacts | IamRoleFacts, context: PolicyContext): PrincipalPermissions {
  const catalogue = context.catalogue ?? getActionCatalogue();
  const d = derived(catalogue);
  const warnings: string[] = [];
  const { identity, boundary } = gatherGrants(principal, context, catalogue, warnings);
  const pc = principalContextOf(principal);
  const size = catalogue.size;

  // Bitsets, eagerly only what every caller needs: identity and boundary Allows (on some resource /
  // on every resource) and Denies. Definite (unconditional) sets are computed on demand.
  // possibleAll (allowed on every resource) is only read by the summary, as masks: kept as a list.
  const id = { possible: new Accumulator(), possibleAll: [] as ActionSet[] };
  const bd = boundary === null ? null : { possible: new Accumulator(), possibleAll: [] as ActionSet[] };
  const denyAllAcc = new Accumulator();
  const denyScopedAcc = new Accumulator();
  const fold = (grant: Grant, target: typeof id): void => {
    const agg = aggregateOf(grant.doc);
    if (agg.possible !== null) target.possible.add(agg.possible);
    if (agg.possibleAll !== null) target.possibleAll.push(agg.possibleAll);
    if (agg.denyAll !== null) denyAllAcc.add(agg.denyAll);
    if (agg.denyScoped !== null) denyScopedAcc.add(agg.denyScoped);
    for (const st of agg.dependent) {
      const cond = conditionFor(st, pc);
      if (cond === false) continue;
      if (st.effect === 'Allow') {
        target.possible.add(st.actions);
        if (st.allResources) target.possibleAll.push(st.actions);
      } else if (cond === true) {
        (st.allResources ? denyAllAcc : denyScopedAcc).add(st.actions);
      }
    }
  };
  for (const grant of identity) fold(grant, id);
  if (boundary !== null && bd !== null) fold(boundary, bd);
  const denyAll = denyAllAcc.set;
  const denyScoped = denyScopedAcc.set;
  const definiteSets = (): { any: ActionSet; all: ActionSet } => {
    const fromGrants = (grants: Grant[]): { any: Accumulator; all: Accumulator } => {
      const any = new Accumulator();
      const all = new Accumulator();
      for (const grant of grants) {
        const agg = aggregateOf(grant.doc);
        if (agg.definite !== null) any.add(agg.definite);
        if (agg.definiteAll !== null) all.add(agg.definiteAll);
        for (const st of agg.dependent) {
          if (st.effect !== 'Allow' || conditionFor(st, pc) !== true) continue;
          any.add(st.actions);
          if (st.allResources) all.add(st.actions);
        }
      }
      return { any, all };
    };
    const idd = fromGrants(identity);
    const anyOut = idd.any.owned(size);
    const allOut = idd.all.owned(size);
    if (boundary !== null) {
      const bdd = fromGrants([boundary]);
      anyOut.andInPlace(bdd.any.set ?? ActionSet.empty(size));
      allOut.andInPlace(bdd.all.set ?? ActionSet.empty(size));
    }
    if (denyAll !== null) allOut.andNotInPlace(denyAll);
    return { any: anyOut, all: allOut };
  };
  /** `definite().any.has(index)` without building the sets (asked for many principals by the graph). */
  const definitelyAllowed = (index: number): boolean => {
    const holds = (grants: Grant[]): boolean =>
      grants.some((grant) => {
        const agg = aggregateOf(grant.doc);
        return agg.definite?.has(index) === true || agg.dependent.some((st) => st.effect === 'Allow' && st.actions.has(index) && conditionFor(st, pc) === true);
      });
    return holds(identity) && (boundary === null || holds([boundary]));
  };
  let definiteMemo: { any: ActionSet; all: ActionSet } | null = null;
  const definite = (): { any: ActionSet; all: ActionSet } => (definiteMemo ??= definiteSets());

  // Statement lists for per-action questions, built on first use.
  let bound: { identity: Bound[]; boundary: Bound[] | null } | null = null;
  const statements = (): { identity: Bound[]; boundary: Bound[] | null } => {
    if (bound !== null) return bound;
    const bind = (grants: readonly Grant[]): Bound[] => {
      const out: Bound[] = [];
      for (const grant of grants) {
        for (const st of grant.doc.statements) {
          const cond = conditionFor(st, pc);
          if (cond !== false) out.push({ st, grant, cond });
        }
      }
      return out;
    };
    bound = { identity: bind(identity), boundary: boundary === null ? null : bind([boundary]) };
    return bound;
  };

  const actionMatcher = (action: string): ((st: CompiledStatement) => boolean) => {
    const index = catalogue.indexOf(action);
    if (index >= 0) return (st) => st.actions.has(index);
    const lower = action.trim().toLowerCase();
    // Outside the catalogue: match the statement's own patterns by name.
    return (st) => {
      const m = st.actionPatterns.some((p) => wildcardMatch(p, lower, true));
      return st.notAction ? !m : m;
    };
  };

  const definiteDenies = (matches: (st: CompiledStatement) => boolean): Bound[] => {
    const s = statements();
    return [...s.identity, ...(s.boundary ?? [])].filter((b) => b.st.effect === 'Deny' && b.cond === true && matches(b.st));
  };

  const coveredByDenies = (allow: Bound, denies: Bound[]): boolean => {
    if (denies.some((x) => x.st.allResources)) return true;
    if (allow.st.notResource) return false;
    const patterns = resourcePatterns(allow.st, pc);
    return patterns.every(
      (p) => p !== null && denies.some((x) => !x.st.notResource && resourcePatterns(x.st, pc).some((dp) => dp !== null && covers(dp, p))),
    );
  };

  const survivingAllows = (list: Bound[], matches: (st: CompiledStatement) => boolean, denies: Bound[]): Bound[] =>
    list.filter((b) => b.st.effect === 'Allow' && matches(b.st) && !coveredByDenies(b, denies));

  const preciseAnywhere = (action: string): boolean => {
    const matches = actionMatcher(action);
    const denies = definiteDenies(matches);
    const s = statements();
    if (survivingAllows(s.identity, matches, denies).length === 0) return false;
    return s.boundary === null || survivingAllows(s.boundary, matches, denies).length > 0;
  };

  /**
   * `preciseAnywhere` for catalogue actions under a resource-scoped Deny, by number. The answer depends
   * only on which Deny and Allow statements hold the action, so it is worked out once per such
   * combination: a Deny on `s3:*` over a bucket touches hundreds of actions but one combination.
   */
  const scopedDenyCheck = (): ((index: number) => boolean) => {
    const s = statements();
    const denies = [...s.identity, ...(s.boundary ?? [])].filter((b) => b.st.effect === 'Deny' && b.cond === true);
    const identityAllows = s.identity.filter((b) => b.st.effect === 'Allow');
    const boundaryAllows = s.boundary === null ? null : s.boundary.filter((b) => b.st.effect === 'Allow');
    const memo = new Map<number | string, boolean>();
    // Which statements hold the action, as one number when they are few enough (the usual case).
    const statementCount = denies.length + identityAllows.length + (boundaryAllows?.length ?? 0);
    const lists = [denies, identityAllows, boundaryAllows ?? []];
    const keyOf = (index: number): number | string => {
      if (statementCount <= 52) {
        let key = 0;
        let bit = 1;
        for (const list of lists) {
          for (const b of list) {
            if (b.st.actions.has(index)) key += bit;
            bit *= 2;
          }
        }
        return key;
      }
      return lists.map((list) => list.map((b, k) => (b.st.actions.has(index) ? k : -1)).filter((k) => k >= 0).join(',')).join('|');
    };
    return (index) => {
      const key = keyOf(index);
      let answer = memo.get(key);
      if (answer === undefined) {
        const applicable = denies.filter((b) => b.st.actions.has(index));
        const surviving = (list: Bound[]): boolean => list.some((b) => b.st.actions.has(index) && !coveredByDenies(b, applicable));
        answer = surviving(identityAllows) && (boundaryAllows === null || surviving(boundaryAllows));
        memo.set(key, answer);
      }
      return answer;
    };
  };

  // Allowed on some resource: identity ∧ boundary, minus Denies on every resource, then the
  // resource-scoped Denies checked precisely (they are rare).
  let anywhere: ActionSet = id.possible.set ?? ActionSet.empty(size);
  if (bd !== null || denyAll !== null || denyScoped !== null) {
    anywhere = anywhere.clone();
    if (bd !== null) anywhere.andInPlace(bd.possible.set ?? ActionSet.empty(size));
    if (denyAll !== null) anywhere.andNotInPlace(denyAll);
    if (denyScoped?.intersects(anywhere) === true) {
      const survives = scopedDenyCheck();
      for (const i of anywhere.commonWith(denyScoped)) if (!survives(i)) anywhere.delete(i);
    }
  }

  const decide = (action: string, resource: string, mode: 'definite' | 'possible'): boolean => {
    const index = catalogue.indexOf(action);
    if (index >= 0 && !anywhere.has(index)) return false;
    const matches = actionMatcher(action);
    const s = statements();
    const applies = (b: Bound): boolean => matches(b.st) && matchesResource(b.st, resource, pc);
    const allowedIn = (list: Bound[]): boolean =>
      list.some((b) => b.st.effect === 'Allow' && (mode === 'possible' || b.cond === true) && applies(b));
    if ([...s.identity, ...(s.boundary ?? [])].some((b) => b.st.effect === 'Deny' && b.cond === true && applies(b))) return false;
    return allowedIn(s.identity) && (s.boundary === null || allowedIn(s.boundary));
  };

  const isAllowedAnywhere = (action: string): boolean => {
    const index = catalogue.indexOf(action);
    return index >= 0 ? anywhere.has(index) : preciseAnywhere(action);
  };

  const refOf = (b: Bound): StatementRef => ({
    policy: b.grant.policy,
    policyName: b.grant.policyName,
    via: b.grant.via,
    group: b.grant.group,
    index: b.st.index,
    sid: b.st.sid,
    statement: b.st.statement,
  });

  // Only the few statements that can be admin or wildcard evidence, without binding all of them.
  const resourcesMemo = new Map<number | string, readonly string[]>();
  let notableMemo: Bound[] | null = null;
  const notableBound = (): Bound[] =>
    (notableMemo ??= identity.flatMap((grant) =>
      aggregateOf(grant.doc)
        .notable.map((st) => ({ st, grant, cond: conditionFor(st, pc) }))
        .filter((b) => b.cond !== false),
    ));

  let adminGrants: StatementRef[] | null = null;
  const getAdminGrants = (): StatementRef[] => {
    if (adminGrants !== null) return adminGrants;
    // Asked of every principal (the escalation graph's sinks, tiers, rules) and most have no
    // `*`-on-`*` statement at all: look for one before binding anything.
    const any = identity.some((grant) => aggregateOf(grant.doc).notable.some((st) => st.allResources && st.everyAction));
    adminGrants = !any
      ? []
      : notableBound()
          .filter((b) => b.cond === true && b.st.allResources && b.st.everyAction)
          .map(refOf);
    return adminGrants;
  };

  let wildcards: { service: string; ref: StatementRef }[] | null = null;
  const getWildcards = (): { service: string; ref: StatementRef }[] => {
    if (wildcards !== null) return wildcards;
    const out: { service: string; ref: StatementRef }[] = [];
    for (const b of notableBound()) {
      for (const service of b.st.wildcardServices) {
        if (service === '*' || d.writableServiceNames.has(service)) out.push({ service, ref: refOf(b) });
      }
      // Allow + NotAction grants whole services by omission: reported once, as `*`.
      if (b.st.notAction) {
        const whole = catalogue.services.some(
          (r) => r.end > r.start && d.writableServiceNames.has(r.service) && b.st.actions.countRange(r.start, r.end) === r.end - r.start,
        );
        if (whole) out.push({ service: '*', ref: refOf(b) });
      }
    }
    wildcards = out;
    return out;
  };

  let summaryTable: ServiceSummaryTable | null = null;
  const getSummaryTable = (): ServiceSummaryTable => {
    // "Allowed on every resource" is anywhere ∧ identity-on-* (∧ boundary-on-*): masks, not a new set.
    const everywhere = bd === null ? [id.possibleAll] : [id.possibleAll, bd.possibleAll];
    summaryTable ??= context.summaries?.of(catalogue, anywhere, everywhere) ?? ServiceSummaryTable.of(catalogue, anywhere, everywhere);
    return summaryTable;
  };

  return {
    principalArn: principal.arn,
    warnings,
    allowedSet: anywhere,
    get adminGrants() {
      return getAdminGrants();
    },
    isAllowed: (action, resource) => decide(action, resource ?? '*', 'definite'),
    isAllowedAnywhere,
    isConditional: (action) => {
      if (!isAllowedAnywhere(action)) return false;
      const index = catalogue.indexOf(action);
      if (index >= 0) return !definitelyAllowed(index);
      const matches = actionMatcher(action);
      return !statements().identity.some((b) => b.st.effect === 'Allow' && b.cond === true && matches(b.st));
    },
    allowedActions: (pattern) => {
      const names = catalogue.expand(pattern).commonWith(anywhere).map((i) => catalogue.nameAt(i));
      const extras = new Set<string>();
      for (const b of statements().identity) {
        if (b.st.effect !== 'Allow') continue;
        for (const name of b.st.unknownActions) {
          if (wildcardMatch(pattern.trim(), name, true) && isAllowedAnywhere(name)) extras.add(name);
        }
      }
      return [...names, ...[...extras].sort()];
    },
    resourcesFor: (action, mode = 'possible') => {
      if (!isAllowedAnywhere(action)) return [];
      // The answer depends only on which statements hold the action: actions granted by the same
      // statements (ReadOnlyAccess's s3:GetObject, dynamodb:Query, …) share one computation.
      const index = catalogue.indexOf(action);
      let key: number | string | null = null;
      if (index >= 0) {
        const s = statements();
        const all = s.boundary === null ? s.identity : [...s.identity, ...s.boundary];
        if (all.length <= 51) {
          // One number: a bit per statement holding the action, and one for the mode.
          let bits = mode === 'definite' ? 1 : 0;
          let bit = 2;
          for (const b of all) {
            if (b.st.actions.has(index)) bits += bit;
            bit *= 2;
          }
          key = bits;
        } else {
          key = `${mode}|${all.map((b, k) => (b.st.actions.has(index) ? k : -1)).filter((k) => k >= 0).join(',')}`;
        }
        const known = resourcesMemo.get(key);
        if (known !== undefined) return [...known];
      }
      const matches = actionMatcher(action);
      const denies = definiteDenies(matches);
      const s = statements();
      const collect = (list: Bound[]): string[] =>
        survivingAllows(list, matches, denies).flatMap((b) =>
          mode === 'definite' && b.cond !== true ? [] :
          b.st.notResource ? ['*'] : resourcePatterns(b.st, pc).map((p, k) => p ?? b.st.resources[k] ?? ''),
        );
      let resources = collect(s.identity);
      if (s.boundary !== null) {
        const capped = collect(s.boundary);
        if (!capped.includes('*')) {
          // Each allowed pattern within the boundary: itself where a boundary pattern covers it, else the
          // boundary patterns it covers (identity `user/*` under boundary `user/a*` is `user/a*`).
          resources = resources.flatMap((p) => (p === '*' ? capped : capped.some((c) => covers(c, p)) ? [p] : capped.filter((c) => covers(p, c))));
        }
      }
      const result = [...new Set(resources)].sort();
      if (key !== null) resourcesMemo.set(key, result);
      return [...result];
    },
    get fullAdmin() {
      const grants = getAdminGrants();
      if (grants.length === 0) return null;
      // "Not cut": still holding every IAM write/permissions-management action on `*`, it can lift any
      // restriction of its own (a boundary or Deny that takes some of these away makes it not admin).
      return definite().all.containsAll(d.iamPower) ? (grants[0] ?? null) : null;
    },
    get serviceWildcards() {
      return getWildcards();
    },
    serviceSummary: () => getSummaryTable().toList(),
    serviceSummaryView: getSummaryTable,
    grantsFor: (action, resource) => {
      const matches = actionMatcher(action);
      const s = statements();
      if (resource === undefined) {
        if (!isAllowedAnywhere(action)) return [];
        return survivingAllows(s.identity, matches, definiteDenies(matches)).map(refOf);
      }
      if (!decide(action, resource, 'possible')) return [];
      return s.identity.filter((b) => b.st.effect === 'Allow' && matches(b.st) && matchesResource(b.st, resource, pc)).map(refOf);
    },
  };
}
