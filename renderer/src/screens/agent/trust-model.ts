/** A role's trust policy, read for people: who may assume it, how, and under which conditions. */

export interface TrustCondition {
  operator: string;
  key: string;
  values: string[];
}

export interface TrustStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  services: string[];
  /** AWS principals: account IDs, account root ARNs, role/user ARNs. */
  aws: string[];
  federated: string[];
  /** `"Principal": "*"` or `{"AWS": "*"}`: any AWS identity in any account. */
  anyone: boolean;
  conditions: TrustCondition[];
  /** Uses NotPrincipal (rare and confusing in trust policies). */
  notPrincipal: boolean;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function readTrustPolicy(document: Record<string, unknown>): TrustStatement[] {
  const raw = document['Statement'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => {
    const statement = record(item);
    const principalValue = statement['Principal'] ?? statement['NotPrincipal'];
    const principal = record(principalValue);
    const aws = strings(principal['AWS']);
    const anyone = principalValue === '*' || aws.includes('*');
    const conditions: TrustCondition[] = [];
    for (const [operator, keys] of Object.entries(record(statement['Condition']))) {
      for (const [key, values] of Object.entries(record(keys))) conditions.push({ operator, key, values: strings(values).length > 0 ? strings(values) : [JSON.stringify(values)] });
    }
    return {
      effect: statement['Effect'] === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(statement['Action']),
      services: strings(principal['Service']),
      aws: aws.filter((value) => value !== '*'),
      federated: strings(principal['Federated']),
      anyone,
      conditions,
      notPrincipal: statement['NotPrincipal'] !== undefined,
    };
  });
}

/** `arn:aws:iam::123456789012:root` and `123456789012` → the account; other ARNs as they are. */
export function describeAwsPrincipal(value: string): string {
  if (/^\d{12}$/.test(value)) return `any identity in account ${value} that is allowed to`;
  const root = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(value);
  if (root?.[1] !== undefined) return `any identity in account ${root[1]} that is allowed to`;
  return value;
}

/** Warnings a security engineer would raise about one statement. */
export function trustWarnings(statement: TrustStatement): string[] {
  if (statement.effect !== 'Allow') return [];
  const warnings: string[] = [];
  if (statement.anyone && statement.conditions.length === 0) warnings.push('Anyone with an AWS account can assume this role: there is no condition.');
  else if (statement.anyone) warnings.push('Any AWS principal is trusted; only the conditions below restrict it. Check they hold.');
  const webIdentity = statement.actions.some((action) => action === 'sts:AssumeRoleWithWebIdentity' || action === 'sts:*' || action === '*');
  if (statement.federated.length > 0 && webIdentity) {
    const pinsSubject = statement.conditions.some((condition) => condition.key.endsWith(':sub') && condition.values.every((value) => value !== '*' && value.trim() !== ''));
    if (!pinsSubject) warnings.push('Web identity federation without a condition on the token’s subject (sub): any workload of that provider may assume it.');
  }
  return warnings;
}
