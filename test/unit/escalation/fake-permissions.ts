/**
 * A small stand-in for the policy evaluator: Allow and Deny statements with action and resource
 * wildcards and `${aws:username}`, no conditions. Enough to drive the graph in unit tests.
 */
import type { EffectivePermissions, StatementRef } from '@core/analysis/types';

export interface FakeStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources?: string[];
}

export const allowOn = (actions: string | readonly string[], resources: string | string[] = '*'): FakeStatement => ({
  effect: 'Allow',
  actions: typeof actions === 'string' ? [actions] : [...actions],
  resources: typeof resources === 'string' ? [resources] : resources,
});

export const denyOn = (actions: string | readonly string[], resources: string | string[] = '*'): FakeStatement => ({
  effect: 'Deny',
  actions: typeof actions === 'string' ? [actions] : [...actions],
  resources: typeof resources === 'string' ? [resources] : resources,
});

const regexes = new Map<string, RegExp>();

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (p === '*' || p === v) return true;
  let regex = regexes.get(p);
  if (regex === undefined) {
    regex = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    regexes.set(p, regex);
  }
  return regex.test(v);
}

const REF: StatementRef = { policy: 'fake', policyName: 'fake', via: 'inline', group: null, index: 0, sid: null, statement: {} };

export function fakePermissions(principalArn: string, statements: FakeStatement[]): EffectivePermissions {
  const name = principalArn.split('/').pop() ?? '';
  const resourcesOf = (s: FakeStatement): string[] => (s.resources ?? ['*']).map((r) => r.replace('${aws:username}', name));
  const matchesAction = (s: FakeStatement, action: string): boolean => s.actions.some((a) => glob(a, action, true));
  const matchesResource = (s: FakeStatement, resource: string): boolean => resourcesOf(s).some((r) => glob(r, resource, false));
  // Memoised, as the real evaluator's bitsets are cheap: the timing test then measures the graph.
  const memo = new Map<string, boolean>();
  const cached = (key: string, compute: () => boolean): boolean => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute();
      memo.set(key, value);
    }
    return value;
  };
  const isAllowedUncached = (action: string, resource = '*'): boolean =>
    statements.some((s) => s.effect === 'Allow' && matchesAction(s, action) && (resource === '*' ? true : matchesResource(s, resource))) &&
    !statements.some((s) => s.effect === 'Deny' && matchesAction(s, action) && (resource === '*' ? resourcesOf(s).includes('*') : matchesResource(s, resource)));
  const isAllowed = (action: string, resource = '*'): boolean => cached(`${action} ${resource}`, () => isAllowedUncached(action, resource));
  const isAllowedAnywhere = (action: string): boolean => cached(action, () => isAllowedAnywhereUncached(action));
  const isAllowedAnywhereUncached = (action: string): boolean =>
    statements.some((s) => s.effect === 'Allow' && matchesAction(s, action)) &&
    !statements.some((s) => s.effect === 'Deny' && matchesAction(s, action) && resourcesOf(s).includes('*'));
  const fullAdmin = statements.some((s) => s.effect === 'Allow' && s.actions.includes('*') && resourcesOf(s).includes('*')) && !statements.some((s) => s.effect === 'Deny');
  return {
    principalArn,
    isAllowed,
    isAllowedAnywhere,
    allowedActions: () => [],
    resourcesFor: (action) => statements.filter((s) => s.effect === 'Allow' && matchesAction(s, action)).flatMap((s) => s.resources ?? ['*']),
    fullAdmin: fullAdmin ? REF : null,
    serviceWildcards: [],
    serviceSummary: () => [],
    grantsFor: () => [],
  };
}

/** permissionsOf for the graph: principals not listed have no permissions at all. */
export function fakeEvaluator(byArn: Record<string, FakeStatement[]>): (arn: string) => EffectivePermissions | null {
  const cache = new Map<string, EffectivePermissions>();
  return (arn) => {
    let perms = cache.get(arn);
    if (perms === undefined) {
      perms = fakePermissions(arn, byArn[arn] ?? []);
      cache.set(arn, perms);
    }
    return perms;
  };
}
