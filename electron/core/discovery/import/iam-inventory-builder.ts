/**
 * Gathers mapped IAM elements into IamFacts and works out whose account they describe: every ARN
 * that names an account must name the same one (AWS-owned `aws` ARNs aside).
 *
 * The same ARN twice: a file is refused (`duplicates: 'refuse'`) with both places named, because
 * AWS never lists an entity twice in one export, so a repeat means a merged or edited file, and
 * silently keeping one copy (1,000 roles in, 1 out) hides which one is analysed. A live scan keeps
 * the last copy with a warning (`'keep-last'`, the default): IAM can change while pages are read, so
 * an entity may legitimately appear on two pages.
 */
import { AppError } from '../../errors';
import { parseArn } from '../arn';
import type { IamFacts, IamGroupFacts, IamRoleFacts, IamUserFacts, ManagedPolicyFacts } from '../facts';

export type IamElement =
  | { kind: 'user'; value: IamUserFacts }
  | { kind: 'group'; value: IamGroupFacts }
  | { kind: 'role'; value: IamRoleFacts }
  | { kind: 'policy'; value: ManagedPolicyFacts };

export interface IamInventory {
  accountId: string;
  partition: string;
  iam: IamFacts;
  warnings: string[];
}

export type DuplicatePolicy = 'refuse' | 'keep-last';

export interface IamInventoryBuilderOptions {
  /** What to do with a second entity of the same ARN. Default `keep-last` (live scans). */
  duplicates?: DuplicatePolicy;
}

class KeyedList<T extends { arn: string }> {
  readonly items: T[] = [];
  /** ARN → position in `items`, and where the entity was read (for the refusal message). */
  private readonly index = new Map<string, { at: number; where: string }>();
  duplicates = 0;
  firstDuplicate: string | null = null;

  constructor(
    private readonly noun: string,
    private readonly policy: DuplicatePolicy,
  ) {}

  add(item: T, where: string): void {
    const known = this.index.get(item.arn);
    if (known === undefined) {
      this.index.set(item.arn, { at: this.items.length, where });
      this.items.push(item);
      return;
    }
    if (this.policy === 'refuse') {
      throw new AppError(
        'invalid_input',
        `${this.noun} ${JSON.stringify(item.arn)} appears twice: ${known.where} and ${where}; an export lists each ${this.noun} once, so remove the repeated entry (or the page that was added twice)`,
      );
    }
    this.items[known.at] = item;
    this.duplicates++;
    this.firstDuplicate ??= item.arn;
  }
}

export class IamInventoryBuilder {
  private readonly users: KeyedList<IamUserFacts>;
  private readonly groups: KeyedList<IamGroupFacts>;
  private readonly roles: KeyedList<IamRoleFacts>;
  private readonly policies: KeyedList<ManagedPolicyFacts>;
  /** Account ID → where it was first seen. */
  private readonly accounts = new Map<string, string>();
  private readonly partitions = new Map<string, string>();
  private awsAccountFieldCount = 0;
  private awsAccountFieldExample: string | null = null;

  constructor(options: IamInventoryBuilderOptions = {}) {
    const policy = options.duplicates ?? 'keep-last';
    this.users = new KeyedList('user', policy);
    this.groups = new KeyedList('group', policy);
    this.roles = new KeyedList('role', policy);
    this.policies = new KeyedList('managed policy', policy);
  }

  /**
   * Adds one element; `where` names it for messages (e.g. `RoleDetailList[3]`), `line` is the line
   * of the file it starts on, when it came from a file.
   */
  add(element: IamElement, where: string, line?: number): void {
    const place = line === undefined ? where : `${where} (line ${line})`;
    switch (element.kind) {
      case 'user':
        this.users.add(element.value, place);
        break;
      case 'group':
        this.groups.add(element.value, place);
        break;
      case 'role':
        this.roles.add(element.value, place);
        break;
      case 'policy':
        this.policies.add(element.value, place);
        break;
    }
    this.noteArn(element.value.arn, `${where}.Arn`, element.kind !== 'policy');
  }

  /**
   * The inventory. `accountId`, when given, must agree with the ARNs; it is required when no ARN
   * names an account (an empty export).
   */
  finish(accountId?: string): IamInventory {
    const warnings: string[] = [];
    const found = [...this.accounts.entries()];
    if (found.length > 1) {
      const list = found.map(([id, where]) => `${id} (${where})`).join(', ');
      throw new AppError('invalid_input', `the export mixes several AWS accounts: ${list}; import one account at a time`);
    }
    const fromArns = found[0];
    if (accountId !== undefined) {
      if (!/^\d{12}$/.test(accountId)) throw new AppError('invalid_input', `account ID "${accountId}" is not 12 digits`);
      if (fromArns !== undefined && fromArns[0] !== accountId) {
        throw new AppError(
          'invalid_input',
          `the export is for account ${fromArns[0]} (${fromArns[1]}), not for the given account ${accountId}`,
        );
      }
    } else if (fromArns === undefined) {
      throw new AppError(
        'invalid_input',
        'cannot tell which AWS account the export is from: none of its ARNs names an account; give the account ID',
      );
    }
    const partitions = [...this.partitions.entries()];
    if (partitions.length > 1) {
      const list = partitions.map(([name, where]) => `${name} (${where})`).join(', ');
      throw new AppError('invalid_input', `the export mixes AWS partitions: ${list}`);
    }
    if (this.awsAccountFieldCount > 0) {
      warnings.push(
        `${this.awsAccountFieldCount} user/group/role ${this.awsAccountFieldCount === 1 ? 'ARN has' : 'ARNs have'} "aws" where the account ID belongs (e.g. ${this.awsAccountFieldExample ?? ''}); kept as given`,
      );
    }
    for (const [label, list] of [
      ['users', this.users],
      ['groups', this.groups],
      ['roles', this.roles],
      ['managed policies', this.policies],
    ] as const) {
      if (list.duplicates > 0) {
        warnings.push(
          `${list.duplicates} ${label} appeared more than once (e.g. ${list.firstDuplicate ?? ''}); the last copy was kept`,
        );
      }
    }
    return {
      accountId: accountId ?? (fromArns as [string, string])[0],
      partition: partitions[0]?.[0] ?? 'aws',
      iam: { users: this.users.items, groups: this.groups.items, roles: this.roles.items, policies: this.policies.items },
      warnings,
    };
  }

  private noteArn(arn: string, where: string, principal: boolean): void {
    const parsed = parseArn(arn);
    if (parsed === null) throw new AppError('invalid_input', `${where}: "${arn}" is not an ARN`);
    if (!this.partitions.has(parsed.partition)) this.partitions.set(parsed.partition, where);
    if (/^\d{12}$/.test(parsed.accountId)) {
      if (!this.accounts.has(parsed.accountId)) this.accounts.set(parsed.accountId, where);
    } else if (principal && parsed.accountId === 'aws') {
      this.awsAccountFieldCount++;
      this.awsAccountFieldExample ??= arn;
    } else if (principal) {
      throw new AppError('invalid_input', `${where}: "${arn}" names no account`);
    }
  }
}
