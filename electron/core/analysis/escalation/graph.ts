/**
 * Privilege escalation as a graph. Nodes are the account's users, roles and groups; an edge A → B
 * means A can gain B's permissions (assume B, rewrite B's trust, pass B to a service it drives,
 * reprogram a workload running as B, take over B's credentials, join group B). Two sinks:
 *
 * - full admin: a node whose effective permissions are `*` on `*`, or A rewriting its own
 *   permissions (its inline or attached policies, a group it is in, a customer policy attached to it);
 * - iam-write: A can hand arbitrary permissions to someone else (attach or write policies on other
 *   principals or groups, rewrite a customer policy attached elsewhere, add users to groups, switch
 *   a policy's default version) but no path shows it reaching them: a permissions-management
 *   foothold, as FINDINGS.md's `privilege_escalation` lists these actions on their own.
 *
 * Who is reported: users and roles that reach a sink. A principal that already is a full admin is
 * not escalating (the rules report `policy_full_admin` for it); nor are service-linked roles (AWS
 * owns them) or groups (they are targets, not actors). Each gets its shortest path (fewest steps,
 * full admin before iam-write), at most `maxDepth` steps.
 *
 * How: a reverse breadth-first search from the sinks, level by level, so every node is settled once
 * (cycles end by construction) and the first level that reaches a node gives its shortest path.
 * Principals are indexed by the few escalation actions they hold anywhere, so only those are tried,
 * and targets are pre-filtered by the principal's resource patterns before the evaluator decides.
 * Companion actions count when allowed anywhere (possibly under a condition); the action on the
 * target (PassRole on the role, CreateAccessKey on the user…) must be definitely allowed on its ARN.
 *
 * Not modelled: resource-based policies other than trust policies, SCPs/RCPs and session policies;
 * non-default policy versions (SetDefaultPolicyVersion is a foothold, not admin); workloads that are
 * never collected (EC2 instances, Glue endpoints, stacks, CodeBuild projects: a role trusting the
 * service is assumed to run one, said in the step); `iam:PassedToService` and other request-context
 * conditions (undecidable, so such a PassRole does not count as definite); creating new roles or
 * instance profiles as a step; principals outside the facts (cross-account chains stop at the edge).
 */
import type { IamGroupFacts, IamRoleFacts, IamUserFacts, ScanFacts } from '../../discovery/facts';
import type { EffectivePermissions, EscalationPath, EscalationStep } from '../types';
import { globMatches, resourcePrefilter } from './patterns';
import { ESCALATION_ACTIONS, ESCALATION_TECHNIQUES, type EscalationTechnique } from './techniques';
import { readTrustPolicy, trustAllows, trustsService, type RoleTrust, type TrustOptions } from './trust';

/** The facts the graph reads. Lambda and SageMaker make workload targets exact when collected. */
export type EscalationFacts = Pick<ScanFacts, 'account' | 'iam'> & Partial<Pick<ScanFacts, 'credentialReport' | 'lambda' | 'sageMaker'>>;

export interface EscalationOptions {
  /** Longest path searched, in steps. Default 4. */
  maxDepth?: number;
  /** How to take trust-policy conditions that cannot be decided offline. Default `satisfiable`. */
  undecidableTrustConditions?: TrustOptions['undecidableConditions'];
  /**
   * When the workloads of a kind were not collected (an offline import; EC2, Glue, CloudFormation and
   * CodeBuild are never collected), whether a role trusting that service may be running one. Default
   * true: reprogramming an existing function or instance is how several lab paths work.
   */
  assumeUncollectedWorkloads?: boolean;
}

type NodeKind = 'user' | 'role' | 'group';

interface GraphNode {
  arn: string;
  name: string;
  kind: NodeKind;
  accountId: string;
  perms: EffectivePermissions | null;
  /** Escalation-relevant actions allowed on some resource. */
  held: ReadonlySet<string>;
  /** Groups this node's permissions come from: a user's groups; a group itself. */
  groupArns: readonly string[];
  /** Customer-managed policies attached to it directly or through its groups. */
  ownPolicyArns: ReadonlySet<string>;
  trust: RoleTrust | null;
  /** A role trust that lets identity policies decide (account root, `*`, NotPrincipal). */
  trustDelegates: boolean;
  inInstanceProfile: boolean;
  /** From the credential report: has a console password (null when unknown). */
  hasPassword: boolean | null;
  /** Reported when it escalates: users and roles, not service-linked. */
  reportable: boolean;
}

interface Target {
  arn: string;
  name: string;
}

interface WorkloadTarget extends Target {
  /** The role the workload runs as. */
  role: GraphNode;
}

interface Link {
  step: EscalationStep;
  /** The node whose power the step gains, when the path continues there; null when the step ends it. */
  next: GraphNode | null;
}

type Sink = 'full-admin' | 'iam-write';

const SELF_IDENTITY_TECHNIQUE: Record<'user' | 'role', readonly string[]> = {
  user: ['attach-user-policy', 'put-user-policy'],
  role: ['attach-role-policy', 'put-role-policy'],
};

function techniquesWith(predicate: (t: EscalationTechnique) => boolean): EscalationTechnique[] {
  return ESCALATION_TECHNIQUES.filter(predicate);
}

const EDGE_TECHNIQUES = techniquesWith((t) => t.gain === 'target-permissions');
// Direct rewrites of an identity or group read best in a path; policy versions come after them.
const REWRITE_ORDER: readonly string[] = ['identity-policy', 'group-policy', 'managed-policy'];
const REWRITE_TECHNIQUES = techniquesWith((t) => t.gain !== 'target-permissions').sort((a, b) => REWRITE_ORDER.indexOf(a.target) - REWRITE_ORDER.indexOf(b.target));
const ADD_TO_GROUP = ESCALATION_TECHNIQUES.find((t) => t.id === 'add-user-to-group');

function roleNode(role: IamRoleFacts, accountId: string, perms: EffectivePermissions | null, held: Set<string>, policies: Set<string>): GraphNode {
  const trust = readTrustPolicy(role.trustPolicy);
  const trustDelegates = trust.statements.some(
    (s) => s.effect === 'Allow' && (s.anyPrincipal || s.notPrincipal || s.awsPrincipals.some((p) => /^\d{12}$/.test(p) || p.endsWith(':root'))),
  );
  return {
    arn: role.arn,
    name: role.name,
    kind: 'role',
    accountId,
    perms,
    held,
    groupArns: [],
    ownPolicyArns: policies,
    trust,
    trustDelegates,
    inInstanceProfile: role.instanceProfiles.length > 0,
    hasPassword: null,
    reportable: !role.serviceLinked,
  };
}

function heldActions(perms: EffectivePermissions | null): Set<string> {
  const held = new Set<string>();
  if (perms === null) return held;
  for (const action of ESCALATION_ACTIONS) if (perms.isAllowedAnywhere(action)) held.add(action);
  return held;
}

function customerPolicies(attached: readonly { arn: string }[], customer: ReadonlySet<string>, into: Set<string>): void {
  for (const policy of attached) if (customer.has(policy.arn)) into.add(policy.arn);
}

interface Graph {
  nodes: GraphNode[];
  users: GraphNode[];
  roles: GraphNode[];
  /** Roles that are not service-linked (AWS owns those). */
  reportableRoles: GraphNode[];
  groups: GraphNode[];
  customerPolicies: Target[];
  /** Customer policy ARN → its position in customerPolicies (a principal's own policies without a scan of all). */
  customerPolicyIndex: Map<string, number>;
  byArn: Map<string, GraphNode>;
  /** role ARN → ARNs of Lambda functions / SageMaker notebooks running as it (when collected). */
  lambdaFunctions: Map<string, string[]> | null;
  notebooks: Map<string, string[]> | null;
  /** ARN or `session:NAME` → roles whose trust names it. */
  explicitTrusters: Map<string, GraphNode[]>;
}

function buildGraph(facts: EscalationFacts, permissionsOf: (arn: string) => EffectivePermissions | null): Graph {
  const iam = facts.iam ?? { users: [], groups: [], roles: [], policies: [] };
  const accountId = facts.account.id;
  const customer = new Set(iam.policies.filter((p) => !p.awsManaged).map((p) => p.arn));
  const groupByName = new Map<string, IamGroupFacts>(iam.groups.map((g) => [g.name, g]));
  const passwords = new Map<string, boolean | null>();
  for (const row of facts.credentialReport?.rows ?? []) passwords.set(row.arn, row.passwordEnabled);

  const groups: GraphNode[] = iam.groups.map((group) => {
    const perms = permissionsOf(group.arn);
    const policies = new Set<string>();
    customerPolicies(group.attachedPolicies, customer, policies);
    return {
      arn: group.arn, name: group.name, kind: 'group', accountId, perms, held: heldActions(perms), groupArns: [group.arn],
      ownPolicyArns: policies, trust: null, trustDelegates: false, inInstanceProfile: false, hasPassword: null, reportable: false,
    };
  });
  const users: GraphNode[] = iam.users.map((user: IamUserFacts) => {
    const perms = permissionsOf(user.arn);
    const policies = new Set<string>();
    customerPolicies(user.attachedPolicies, customer, policies);
    const groupArns: string[] = [];
    for (const name of user.groups) {
      const group = groupByName.get(name);
      if (group === undefined) continue;
      groupArns.push(group.arn);
      customerPolicies(group.attachedPolicies, customer, policies);
    }
    return {
      arn: user.arn, name: user.name, kind: 'user', accountId, perms, held: heldActions(perms), groupArns,
      ownPolicyArns: policies, trust: null, trustDelegates: false, inInstanceProfile: false,
      hasPassword: passwords.get(user.arn) ?? null, reportable: true,
    };
  });
  const roles = iam.roles.map((role) => {
    const perms = permissionsOf(role.arn);
    const policies = new Set<string>();
    customerPolicies(role.attachedPolicies, customer, policies);
    return roleNode(role, accountId, perms, heldActions(perms), policies);
  });

  const byArn = new Map<string, GraphNode>();
  for (const node of [...users, ...roles, ...groups]) byArn.set(node.arn, node);
  const explicitTrusters = new Map<string, GraphNode[]>();
  for (const role of roles) {
    if (role.trust === null) continue;
    const keys = new Set([...role.trust.explicitArns, ...role.trust.sessionRoleNames.map((n) => `session:${n}`)]);
    for (const key of keys) explicitTrusters.set(key, [...(explicitTrusters.get(key) ?? []), role]);
  }
  const collect = (entries: readonly { arn: string; roleArn: string | null }[] | undefined): Map<string, string[]> | null => {
    if (entries === undefined) return null;
    const map = new Map<string, string[]>();
    for (const entry of entries) if (entry.roleArn !== null) map.set(entry.roleArn, [...(map.get(entry.roleArn) ?? []), entry.arn]);
    return map;
  };
  const targets = iam.policies.filter((p) => !p.awsManaged).map((p) => ({ arn: p.arn, name: p.name }));
  return {
    nodes: [...users, ...roles, ...groups],
    users,
    roles,
    reportableRoles: roles.filter((role) => role.reportable),
    groups,
    customerPolicies: targets,
    customerPolicyIndex: new Map(targets.map((t, i) => [t.arn, i])),
    byArn,
    lambdaFunctions: facts.lambda ? collect(facts.lambda.functions) : null,
    notebooks: facts.sageMaker ? collect(facts.sageMaker.notebookInstances) : null,
    explicitTrusters,
  };
}

/** Where targets of one (stable) list are, by ARN: exact ARNs and `prefix*` patterns become lookups. */
interface TargetIndex {
  byArn: Map<string, number[]>;
  /** Positions sorted by ARN, for prefix ranges. */
  sorted: number[];
}

const NO_TARGET_FILTER = (): boolean => true;

/** Per actor and action: the resource patterns it holds, as pre-filters (memoised per search). */
class ResourceFilter {
  private readonly cache = new WeakMap<GraphNode, Map<string, string[] | null>>();
  private readonly indexes = new WeakMap<readonly Target[], TargetIndex>();

  patterns(actor: GraphNode, action: string): string[] | null {
    let byAction = this.cache.get(actor);
    if (byAction === undefined) {
      byAction = new Map();
      this.cache.set(actor, byAction);
    }
    let patterns = byAction.get(action);
    if (patterns === undefined) {
      // Where the action is definitely allowed: a target elsewhere cannot pass `isAllowed`.
      const raw = actor.perms?.resourcesFor(action, 'definite') ?? [];
      // `*` (also what NotResource gives): no pre-filter, the evaluator decides each target. None at
      // all: no target can be allowed.
      patterns = raw.includes('*') ? null : raw.map((p) => resourcePrefilter(p, actor.name));
      byAction.set(action, patterns);
    }
    return patterns;
  }

  /**
   * The first target (in list order) that `accept`s and the actor may apply the action to. `targets`
   * must be a list that lives for the search (the graph's or a frontier's): it is indexed once, so an
   * actor whose patterns name a few ARNs or ARN prefixes looks those up instead of trying thousands.
   */
  first<T extends Target>(actor: GraphNode, action: string, targets: readonly T[], accept: (target: T) => boolean = NO_TARGET_FILTER): T | null {
    if (actor.perms === null || !actor.held.has(action) || targets.length === 0) return null;
    const perms = actor.perms;
    // Held only under an undecidable condition: no target can be definitely allowed, so none is tried.
    if (perms.isConditional?.(action) === true) return null;
    const patterns = this.patterns(actor, action);
    const tryAt = (position: number): T | null => {
      const target = targets[position];
      return target !== undefined && accept(target) && perms.isAllowed(action, target.arn) ? target : null;
    };
    const positions = patterns === null ? null : this.candidates(targets, patterns);
    if (positions === null) {
      for (let k = 0; k < targets.length; k++) {
        const target = targets[k] as T;
        if (patterns !== null && !patterns.some((p) => globMatches(p, target.arn))) continue;
        const hit = tryAt(k);
        if (hit !== null) return hit;
      }
      return null;
    }
    for (const position of positions) {
      const hit = tryAt(position);
      if (hit !== null) return hit;
    }
    return null;
  }

  /** Positions of the targets the patterns can match, ascending; null when a pattern needs a full scan. */
  private candidates(targets: readonly Target[], patterns: readonly string[]): number[] | null {
    let index: TargetIndex | undefined;
    const found = new Set<number>();
    for (const pattern of patterns) {
      const star = pattern.indexOf('*');
      const exact = star < 0 && !pattern.includes('?');
      const prefix = star === pattern.length - 1 && !pattern.includes('?');
      if (!exact && !prefix) return null;
      index ??= this.indexOf(targets);
      if (exact) {
        for (const position of index.byArn.get(pattern) ?? []) found.add(position);
        continue;
      }
      const stem = pattern.slice(0, -1);
      const sorted = index.sorted;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((targets[sorted[mid] ?? 0]?.arn ?? '') < stem) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < sorted.length; k++) {
        const position = sorted[k] ?? 0;
        if (!(targets[position]?.arn ?? '').startsWith(stem)) break;
        found.add(position);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  private indexOf(targets: readonly Target[]): TargetIndex {
    let index = this.indexes.get(targets);
    if (index === undefined) {
      const byArn = new Map<string, number[]>();
      targets.forEach((target, position) => {
        const list = byArn.get(target.arn);
        if (list === undefined) byArn.set(target.arn, [position]);
        else list.push(position);
      });
      const sorted = targets.map((_, position) => position);
      sorted.sort((a, b) => {
        const x = targets[a]?.arn ?? '';
        const y = targets[b]?.arn ?? '';
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      index = { byArn, sorted };
      this.indexes.set(targets, index);
    }
    return index;
  }
}

function holdsAll(actor: GraphNode, technique: EscalationTechnique): boolean {
  // A plain loop: asked for every actor, technique and level (no callback per call).
  for (const action of technique.actions) if (!actor.held.has(action)) return false;
  return true;
}

function step(actor: GraphNode, technique: EscalationTechnique, to: string, targetName: string, notes: string[] = []): EscalationStep {
  const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return {
    from: actor.arn,
    technique: technique.label,
    actions: [...technique.actions],
    to,
    explanation: `${actor.name} ${technique.explanation.replace('{target}', targetName)}${note}`,
  };
}

class EscalationSearch {
  private readonly filter = new ResourceFilter();

  constructor(
    private readonly graph: Graph,
    private readonly options: Required<EscalationOptions>,
  ) {}

  /** The actor's own customer policies, in catalogue order (looked up, not scanned for). */
  private ownCustomerPolicies(actor: GraphNode): Target[] {
    const positions: number[] = [];
    for (const arn of actor.ownPolicyArns) {
      const position = this.graph.customerPolicyIndex.get(arn);
      if (position !== undefined) positions.push(position);
    }
    return positions.sort((a, b) => a - b).flatMap((i) => this.graph.customerPolicies[i] ?? []);
  }

  /** A rewrite of the actor's own permissions, ending in full admin. */
  selfRewrite(actor: GraphNode): Link | null {
    for (const technique of REWRITE_TECHNIQUES) {
      if (technique.gain !== 'arbitrary-policy' || !holdsAll(actor, technique) || technique.targetAction === null) continue;
      let target: Target | null = null;
      if (technique.target === 'identity-policy' && actor.kind !== 'group') {
        if (SELF_IDENTITY_TECHNIQUE[actor.kind].includes(technique.id)) target = this.filter.first(actor, technique.targetAction, [actor]);
      } else if (technique.target === 'group-policy') {
        target = this.filter.first(actor, technique.targetAction, this.targetsByArn(actor.groupArns));
      } else if (technique.target === 'managed-policy') {
        target = this.filter.first(actor, technique.targetAction, this.ownCustomerPolicies(actor));
      }
      if (target !== null) {
        const notes = target.arn === actor.arn ? [] : technique.target === 'group-policy' ? [`${actor.name} is a member`] : [`it is attached to ${actor.name}`];
        return { step: step(actor, technique, actor.arn, target.name, notes), next: null };
      }
    }
    return null;
  }

  /** A rewrite of someone else's permissions: the iam-write foothold. */
  otherRewrite(actor: GraphNode): Link | null {
    const techniques = [...REWRITE_TECHNIQUES, ...(ADD_TO_GROUP ? [ADD_TO_GROUP] : [])];
    for (const technique of techniques) {
      if (!holdsAll(actor, technique) || technique.targetAction === null) continue;
      let candidates: readonly Target[] = [];
      let accept: (target: Target) => boolean = () => true;
      if (technique.target === 'identity-policy') {
        candidates = technique.id.includes('user') ? this.graph.users : this.graph.reportableRoles;
        accept = (n) => n.arn !== actor.arn;
      } else if (technique.target === 'group-policy') {
        candidates = this.graph.groups;
        accept = (g) => !actor.groupArns.includes(g.arn);
      } else if (technique.target === 'managed-policy') {
        // Switching the default version is unknowable even on one's own policy; a new version is not, elsewhere.
        candidates = this.graph.customerPolicies;
        if (technique.gain !== 'unknown-policy-version') accept = (p) => !actor.ownPolicyArns.has(p.arn);
      } else if (technique.target === 'group-membership') {
        candidates = this.graph.groups;
      }
      const target = this.filter.first(actor, technique.targetAction, candidates, accept);
      if (target !== null) {
        const foothold = 'a permissions-management foothold: it can hand out any permissions';
        const base =
          technique.id === 'add-user-to-group'
            ? { ...step(actor, technique, target.arn, target.name), explanation: `${actor.name} can add any user to the group ${target.name} (${foothold})` }
            : step(actor, technique, target.arn, target.name, [foothold]);
        return { step: base, next: null };
      }
    }
    return null;
  }

  /** An edge from the actor to a node of the frontier. */
  edgeInto(actor: GraphNode, frontier: FrontierIndex): Link | null {
    for (const technique of EDGE_TECHNIQUES) {
      const link = this.edgeWith(actor, technique, frontier);
      if (link !== null) return link;
    }
    return null;
  }

  private edgeWith(actor: GraphNode, technique: EscalationTechnique, frontier: FrontierIndex): Link | null {
    switch (technique.target) {
      case 'assume-role':
        return this.assumeEdge(actor, technique, frontier);
      case 'role-trust':
      case 'passable-role': {
        if (!holdsAll(actor, technique) || technique.targetAction === null) return null;
        const candidates = frontier.cached(technique.id, (roles) =>
          roles.filter(
            (r) =>
              r.reportable &&
              (technique.target === 'role-trust' ||
                (r.trust !== null && technique.service !== undefined && trustsService(r.trust, technique.service) && (!technique.needsInstanceProfile || r.inInstanceProfile))),
          ),
        );
        const target = this.filter.first(actor, technique.targetAction, candidates, (r) => r !== actor);
        return target === null ? null : { step: step(actor, technique, target.arn, target.name), next: target };
      }
      case 'workload-role':
        return this.workloadEdge(actor, technique, frontier);
      case 'user-credentials': {
        if (!holdsAll(actor, technique) || technique.targetAction === null) return null;
        const target = this.filter.first(
          actor,
          technique.targetAction,
          frontier.users,
          (u) =>
            u !== actor &&
            // A login profile can be created only where none exists, and updated only where one does.
            !(technique.id === 'create-login-profile' && u.hasPassword === true) &&
            !(technique.id === 'update-login-profile' && u.hasPassword === false),
        );
        return target === null ? null : { step: step(actor, technique, target.arn, target.name), next: target };
      }
      case 'group-membership': {
        if (actor.kind !== 'user' || !holdsAll(actor, technique) || technique.targetAction === null) return null;
        const target = this.filter.first(actor, technique.targetAction, frontier.groups, (g) => !actor.groupArns.includes(g.arn));
        return target === null ? null : { step: step(actor, technique, target.arn, target.name), next: target };
      }
      default:
        return null;
    }
  }

  private assumeEdge(actor: GraphNode, technique: EscalationTechnique, frontier: FrontierIndex): Link | null {
    if (actor.kind === 'group') return null;
    const subject = { arn: actor.arn, kind: actor.kind, accountId: actor.accountId, name: actor.name };
    const trustOptions = { undecidableConditions: this.options.undecidableTrustConditions };
    // Explicitly named: no sts:AssumeRole needed on the actor's side within the account.
    const named = [...(this.graph.explicitTrusters.get(actor.arn) ?? []), ...(actor.kind === 'role' ? (this.graph.explicitTrusters.get(`session:${actor.name}`) ?? []) : [])];
    for (const role of named) {
      if (role === actor || !frontier.has(role) || role.trust === null) continue;
      const verdict = trustAllows(role.trust, subject, trustOptions);
      if (!verdict.allowed) continue;
      const sameAccount = role.accountId === actor.accountId;
      if (verdict.explicit && sameAccount) return { step: step(actor, technique, role.arn, role.name, conditionNotes(verdict.assumedConditions)), next: role };
      if (actor.perms?.isAllowed('sts:AssumeRole', role.arn) === true) {
        return { step: step(actor, technique, role.arn, role.name, conditionNotes(verdict.assumedConditions)), next: role };
      }
    }
    if (!actor.held.has('sts:AssumeRole')) return null;
    const delegated = frontier.cached('delegated-trust', (roles) => roles.filter((r) => r.trustDelegates && r.trust !== null));
    const patterns = this.filter.patterns(actor, 'sts:AssumeRole');
    for (const role of delegated) {
      if (role === actor) continue;
      if (patterns !== null && !patterns.some((p) => globMatches(p, role.arn))) continue;
      const verdict = trustAllows(role.trust as RoleTrust, subject, trustOptions);
      if (verdict.allowed && actor.perms?.isAllowed('sts:AssumeRole', role.arn) === true) {
        return { step: step(actor, technique, role.arn, role.name, conditionNotes(verdict.assumedConditions)), next: role };
      }
    }
    return null;
  }

  private workloadEdge(actor: GraphNode, technique: EscalationTechnique, frontier: FrontierIndex): Link | null {
    if (!holdsAll(actor, technique) || technique.service === undefined) return null;
    const action = technique.actions[0] ?? '';
    const collected = technique.workload === 'lambda-function' ? this.graph.lambdaFunctions : technique.workload === 'sagemaker-notebook' ? this.graph.notebooks : null;
    if (collected !== null) {
      // Workloads were collected: only roles that real ones run as, and the action on that workload
      // (listed once per level: every frontier role's workloads, in frontier order).
      const workloads = frontier.memo(`workloads:${technique.workload ?? ''}`, () =>
        frontier.roles.flatMap((role) => (collected.get(role.arn) ?? []).map((arn): WorkloadTarget => ({ arn, name: arn, role }))),
      );
      const hit = this.filter.first(actor, action, workloads, (w) => w.role !== actor);
      return hit === null ? null : { step: step(actor, technique, hit.role.arn, hit.role.name, [`through ${hit.arn}`]), next: hit.role };
    }
    if (!this.options.assumeUncollectedWorkloads) return null;
    const service = technique.service;
    const candidates = frontier.cached(technique.id, (roles) =>
      roles.filter(
        (role) =>
          role.reportable &&
          role.trust !== null &&
          trustsService(role.trust, service) &&
          (technique.needsInstanceProfile !== true || role.inInstanceProfile) &&
          // The SSM agent registers only with ssm:UpdateInstanceInformation: without it no command reaches the instance.
          (!technique.id.startsWith('ssm-') || role.perms?.isAllowedAnywhere('ssm:UpdateInstanceInformation') === true),
      ),
    );
    for (const role of candidates) {
      if (role === actor) continue;
      return { step: step(actor, technique, role.arn, role.name, ['if such a workload exists: they were not collected']), next: role };
    }
    return null;
  }

  private targetsByArn(arns: readonly string[]): GraphNode[] {
    return arns.map((arn) => this.graph.byArn.get(arn)).filter((n): n is GraphNode => n !== undefined);
  }
}

function conditionNotes(assumed: string[]): string[] {
  return assumed.length === 0 ? [] : [`if the trust condition ${assumed.join(', ')} holds`];
}

class FrontierIndex {
  readonly roles: GraphNode[] = [];
  readonly users: GraphNode[] = [];
  readonly groups: GraphNode[] = [];
  private readonly members = new Set<GraphNode>();
  private readonly byTechnique = new Map<string, GraphNode[]>();
  private readonly memos = new Map<string, unknown>();

  /** Anything derived from the frontier, worked out once per level (and a stable list to index). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Frontier roles fit for one technique, worked out once per level rather than once per actor. */
  cached(key: string, select: (roles: GraphNode[]) => GraphNode[]): GraphNode[] {
    let selected = this.byTechnique.get(key);
    if (selected === undefined) {
      selected = select(this.roles);
      this.byTechnique.set(key, selected);
    }
    return selected;
  }

  constructor(nodes: Iterable<GraphNode>) {
    for (const node of nodes) {
      this.members.add(node);
      if (node.kind === 'role') this.roles.push(node);
      else if (node.kind === 'user') this.users.push(node);
      else this.groups.push(node);
    }
  }

  has(node: GraphNode): boolean {
    return this.members.has(node);
  }

  get size(): number {
    return this.members.size;
  }
}

/** Reverse BFS towards one sink; returns each reached node's first link (null for the sink nodes themselves). */
function searchTowards(
  sink: Sink,
  graph: Graph,
  search: EscalationSearch,
  maxDepth: number,
  exclude: ReadonlySet<GraphNode>,
): Map<GraphNode, Link | null> {
  const reached = new Map<GraphNode, Link | null>();
  let frontier: GraphNode[] = [];
  if (sink === 'full-admin') {
    for (const node of graph.nodes) {
      if (node.perms?.fullAdmin) {
        reached.set(node, null);
        frontier.push(node);
      }
    }
  }
  // Actors: those holding an escalation action, and those a trust names (they need none of their own).
  // Groups act too, as intermediates: a user who joins one acts with its permissions.
  const named = (n: GraphNode): boolean => graph.explicitTrusters.has(n.arn) || (n.kind === 'role' && graph.explicitTrusters.has(`session:${n.name}`));
  const actors = graph.nodes.filter((n) => !exclude.has(n) && ((n.perms !== null && n.held.size > 0) || named(n)));
  for (let depth = 1; depth <= maxDepth; depth++) {
    const index = new FrontierIndex(frontier);
    const settled: [GraphNode, Link][] = [];
    for (const actor of actors) {
      if (reached.has(actor)) continue;
      let link: Link | null = null;
      if (depth === 1) link = sink === 'full-admin' ? search.selfRewrite(actor) : search.otherRewrite(actor);
      if (link === null && index.size > 0) link = search.edgeInto(actor, index);
      if (link !== null) settled.push([actor, link]);
    }
    if (settled.length === 0) break;
    // Settled after the level, so a node reached at this depth is not a target within it: paths stay shortest.
    for (const [node, link] of settled) reached.set(node, link);
    frontier = settled.map(([node]) => node);
  }
  return reached;
}

function pathOf(start: GraphNode, reached: Map<GraphNode, Link | null>, outcome: Sink, maxDepth: number): EscalationPath {
  const steps: EscalationStep[] = [];
  let link = reached.get(start) ?? null;
  while (link !== null && steps.length < maxDepth) {
    steps.push(link.step);
    link = link.next === null ? null : (reached.get(link.next) ?? null);
  }
  return { principalArn: start.arn, outcome, steps };
}

/**
 * Every user and role that can escalate, with its shortest path (one per principal). A principal
 * whose permissions are unknown (`permissionsOf` returns null) acts on nothing but may be a target.
 */
export function findEscalationPaths(
  facts: EscalationFacts,
  permissionsOf: (arn: string) => EffectivePermissions | null,
  options: EscalationOptions = {},
): Map<string, EscalationPath[]> {
  const settings: Required<EscalationOptions> = {
    maxDepth: options.maxDepth ?? 4,
    undecidableTrustConditions: options.undecidableTrustConditions ?? 'satisfiable',
    assumeUncollectedWorkloads: options.assumeUncollectedWorkloads ?? true,
  };
  const graph = buildGraph(facts, permissionsOf);
  const search = new EscalationSearch(graph, settings);
  const result = new Map<string, EscalationPath[]>();

  const admin = searchTowards('full-admin', graph, search, settings.maxDepth, new Set());
  const adminNodes = new Set(admin.keys());
  // Nodes already reaching full admin (or being it) are left out: their better path is known.
  const iamWrite = searchTowards('iam-write', graph, search, settings.maxDepth, adminNodes);

  for (const node of graph.nodes) {
    if (!node.reportable) continue;
    if (admin.has(node)) {
      if (admin.get(node) === null) continue; // already a full admin: not escalating
      result.set(node.arn, [pathOf(node, admin, 'full-admin', settings.maxDepth)]);
    } else if (iamWrite.has(node)) {
      result.set(node.arn, [pathOf(node, iamWrite, 'iam-write', settings.maxDepth)]);
    }
  }
  return result;
}
