/**
 * The demo company as a whole: its three accounts and the golden checklist gathered from them (which
 * identity should raise which finding, which near misses must not, which tier each key identity
 * should get, what changed since the previous scan).
 */
import { productionAccount } from './account-production';
import { sandboxAccount } from './account-sandbox';
import { stagingAccount } from './account-staging';
import type { AccountModel, Expectations, RuleId } from './demo-model';
import { PREVIOUS_SCAN_DAYS_AGO, demoArns, roleArn, userArn } from './render-demo-account';

export const DEMO_ACCOUNTS: readonly AccountModel[] = [productionAccount, stagingAccount, sandboxAccount];

export type SubjectKind =
  | 'account'
  | 'root'
  | 'user'
  | 'role'
  | 'lambda'
  | 'endpoint'
  | 'notebook'
  | 'guardrail'
  | 'agent'
  | 'invocation-logging';

export interface ExpectedFinding {
  rule: RuleId;
  accountId: string;
  account: string;
  kind: SubjectKind;
  /** The identity or workload concerned: an ARN, or `account:<id>` / `region:<id>/<region>`. */
  subject: string;
  name: string;
  resource: string | null;
  why: string;
  /** `new`: raised since the previous scan; `resolved`: raised by the previous scan only. */
  change: 'new' | 'resolved' | null;
}

export interface ExpectedTrap {
  rule: RuleId;
  accountId: string;
  account: string;
  kind: SubjectKind;
  subject: string;
  name: string;
  why: string;
}

export interface ExpectedTier {
  accountId: string;
  account: string;
  kind: SubjectKind;
  subject: string;
  name: string;
  tier: 1 | 2 | 3;
  ai: boolean | null;
  why: string;
}

export interface ExpectedChange {
  accountId: string;
  account: string;
  kind: 'appeared' | 'removed' | 'finding-new' | 'finding-resolved' | 'changed';
  subject: string;
  name: string;
  what: string;
}

export interface DemoExpectations {
  fires: ExpectedFinding[];
  traps: ExpectedTrap[];
  tiers: ExpectedTier[];
  changes: ExpectedChange[];
}

interface Subject {
  kind: SubjectKind;
  subject: string;
  name: string;
  expectations: Expectations;
  created?: number;
  onlyPrevious?: boolean;
  previousDiffers?: string;
}

function subjectsOf(account: AccountModel): Subject[] {
  const A = account.id;
  const region = (value: string | undefined): string => value ?? account.primaryRegion;
  const subjects: Subject[] = [
    { kind: 'account', subject: `account:${A}`, name: account.alias, expectations: account.account },
    { kind: 'root', subject: demoArns.root(A), name: '<root_account>', expectations: account.root },
  ];
  for (const user of account.users) {
    subjects.push({
      kind: 'user',
      subject: userArn(A, user),
      name: user.name,
      expectations: user,
      created: user.created,
      onlyPrevious: user.onlyPrevious === true,
      ...(user.previous?.keys === undefined ? {} : { previousDiffers: 'access keys rotated since' }),
    });
  }
  for (const role of account.roles) {
    subjects.push({ kind: 'role', subject: roleArn(A, role), name: role.name, expectations: role, created: role.created, onlyPrevious: role.onlyPrevious === true });
  }
  for (const fn of account.lambdas) {
    const differs = fn.previous === undefined ? undefined : Object.keys(fn.previous).filter((key) => key !== 'modified').join(', ') + ' changed';
    subjects.push({
      kind: 'lambda',
      subject: demoArns.lambda(A, region(fn.region), fn.name),
      name: fn.name,
      expectations: fn,
      created: fn.created,
      onlyPrevious: fn.onlyPrevious === true,
      ...(differs === undefined ? {} : { previousDiffers: differs }),
    });
  }
  for (const endpoint of account.endpoints) {
    subjects.push({ kind: 'endpoint', subject: demoArns.endpoint(A, region(endpoint.region), endpoint.name), name: endpoint.name, expectations: endpoint, created: endpoint.created });
  }
  for (const notebook of account.notebooks) {
    subjects.push({ kind: 'notebook', subject: demoArns.notebook(A, region(notebook.region), notebook.name), name: notebook.name, expectations: notebook, created: notebook.created });
  }
  for (const guardrail of account.guardrails) {
    subjects.push({ kind: 'guardrail', subject: demoArns.guardrail(A, region(guardrail.region), guardrail.name), name: guardrail.name, expectations: guardrail, created: guardrail.created });
  }
  for (const agent of account.agents) {
    subjects.push({
      kind: 'agent',
      subject: demoArns.agent(A, region(agent.region), agent.name),
      name: agent.name,
      expectations: agent,
      created: agent.created,
      ...(agent.previous === undefined ? {} : { previousDiffers: 'action-group settings changed (new agent version)' }),
    });
  }
  for (const logging of account.invocationLogging) {
    subjects.push({ kind: 'invocation-logging', subject: `region:${A}/${logging.region}`, name: `Bedrock invocation logging, ${logging.region}`, expectations: logging });
  }
  return subjects;
}

/** The golden checklist of the whole demo. */
export function demoExpectations(accounts: readonly AccountModel[] = DEMO_ACCOUNTS): DemoExpectations {
  const result: DemoExpectations = { fires: [], traps: [], tiers: [], changes: [] };
  for (const account of accounts) {
    for (const subject of subjectsOf(account)) {
      const base = { accountId: account.id, account: account.alias, kind: subject.kind, subject: subject.subject, name: subject.name };
      for (const fire of subject.expectations.fires ?? []) {
        result.fires.push({ rule: fire.rule, ...base, resource: fire.resource ?? null, why: fire.why, change: fire.change ?? null });
        if (fire.change !== undefined) {
          result.changes.push({
            ...base,
            kind: fire.change === 'new' ? 'finding-new' : 'finding-resolved',
            what: `${fire.rule}${fire.resource === undefined ? '' : ` (${fire.resource})`}: ${fire.why}`,
          });
        }
      }
      for (const trap of subject.expectations.traps ?? []) result.traps.push({ rule: trap.rule, ...base, why: trap.why });
      const tier = subject.expectations.tier;
      if (tier !== undefined) result.tiers.push({ ...base, tier: tier.tier, ai: subject.expectations.ai ?? null, why: tier.why });
      if (subject.onlyPrevious === true) {
        result.changes.push({ ...base, kind: 'removed', what: 'existed at the previous scan, deleted since' });
      } else if (subject.created !== undefined && subject.created < PREVIOUS_SCAN_DAYS_AGO) {
        result.changes.push({ ...base, kind: 'appeared', what: `created ${subject.created} day${subject.created === 1 ? '' : 's'} ago, after the previous scan` });
      }
      if (subject.previousDiffers !== undefined) result.changes.push({ ...base, kind: 'changed', what: subject.previousDiffers });
    }
  }
  return result;
}
