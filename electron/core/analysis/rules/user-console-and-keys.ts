import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import { activeAccessKeys, passwordOf } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/** NHI10: one IAM user that is both a person (console password) and a machine credential (active key). */
export const userConsoleAndKeys: RuleDefinition = {
  id: 'user_console_and_keys',
  title: 'An IAM user has both a console password and an access key',
  defaultSeverity: 'medium',
  step: 3,
  frameworks: ['NHI10'],
  firesWhen: 'an IAM user has both a console password and an active key (a human using a machine credential, or the reverse)',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (agent.kind !== 'iam-user') continue;
      const password = passwordOf(agent);
      const keys = activeAccessKeys(agent);
      if (password?.enabled !== true || keys.length === 0) continue;
      const user = agent.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: {
            user: agent.name,
            passwordLastUsed: password.lastUsedAt,
            mfaActive: password.mfaActive,
            activeKeys: keys.map((key) => ({ slot: key.slot, lastRotated: key.lastRotated, lastUsedDate: key.lastUsedAt, lastUsedService: key.lastUsedService })),
          },
          remediation:
            `Decide what ${agent.name} is. If it is a person: delete the access key and use IAM Identity Center (aws sso login) for the CLI. ` +
            'If it is a machine: remove the console password and move it to a role.',
          fix: cliFix(
            shellLines([
              posix`# a person: retire the key`,
              posix`aws iam list-access-keys --user-name ${user}`,
              posix`aws iam update-access-key --user-name ${user} --access-key-id '<ACCESS_KEY_ID>' --status Inactive`,
              posix`# a machine: remove the console password instead`,
              posix`aws iam delete-login-profile --user-name ${user}`,
            ]),
          ),
          explanation:
            'A person with a long-lived key carries a credential that skips MFA and sign-in monitoring; a machine with a password can be logged into. Either way one identity mixes two kinds of access, and nobody knows which use is legitimate.',
        }),
      );
    }
    return findings;
  },
};
