/** What each part of the scanner policy is for, grouped by AWS service (the back end gives only the actions). */

export interface PolicyServiceGroup {
  prefix: string;
  name: string;
  purpose: string;
  actions: string[];
}

const SERVICES: Record<string, { name: string; purpose: string }> = {
  sts: {
    name: 'AWS STS',
    purpose: 'Who the scanner is, and assuming the connection’s role (or the read-only role in each member account).',
  },
  iam: {
    name: 'IAM',
    purpose:
      'The identity inventory: users, groups, roles, policies, access keys, federation providers, Bedrock API keys, and when identities last used AI services. The two Generate actions ask IAM to build a report; they change no setting.',
  },
  ec2: { name: 'EC2', purpose: 'Only which regions are enabled, when you scan every region.' },
  lambda: { name: 'Lambda', purpose: 'Functions, the role each runs as, function URLs and tags. Environment variable names only: values are dropped.' },
  sagemaker: { name: 'SageMaker', purpose: 'Endpoints, endpoint configs, models and notebooks, with their roles and network settings.' },
  bedrock: { name: 'Bedrock', purpose: 'Invocation logging, guardrails, custom models, agents with their action groups and aliases, knowledge bases.' },
  cloudtrail: {
    name: 'CloudTrail',
    purpose:
      'Whether trails exist, are logging and record management events. Optional, in a statement of its own: LookupEvents reads who created the identities and AI workloads that are new since the previous scan (refused, the scan goes on without it).',
  },
  organizations: { name: 'Organizations', purpose: 'The organisation and its member accounts, for organisation-wide scans.' },
};

const ORDER = ['sts', 'iam', 'ec2', 'lambda', 'sagemaker', 'bedrock', 'cloudtrail', 'organizations'];

/** The actions grouped by service prefix, known services in a fixed order, any others after them. */
export function groupPolicyActions(actions: readonly string[]): PolicyServiceGroup[] {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const prefix = action.includes(':') ? action.slice(0, action.indexOf(':')) : action;
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  const rank = (prefix: string): number => {
    const index = ORDER.indexOf(prefix);
    return index === -1 ? ORDER.length : index;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([prefix, list]) => ({
      prefix,
      name: SERVICES[prefix]?.name ?? prefix,
      purpose: SERVICES[prefix]?.purpose ?? 'Read by the scanner.',
      actions: [...new Set(list)].sort(),
    }));
}

/** Actions that are not plainly reads (Get/List/Describe), to name them in the explanation. */
export function nonReadActions(actions: readonly string[]): string[] {
  // LookupEvents reads CloudTrail's event history (IAM's access level: Read).
  return actions.filter((action) => !/:(Get|List|Describe|LookupEvents$)/.test(action));
}
