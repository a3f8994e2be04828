import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import { activeAccessKeys } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/** CIS 1.13: two active keys on one user (one finding per user: the user is the resource). */
export const userMultipleActiveKeys: RuleDefinition = {
  id: 'user_multiple_active_keys',
  title: 'An IAM user has two active access keys',
  defaultSeverity: 'low',
  step: 3,
  frameworks: ['CIS 1.13'],
  firesWhen: 'an IAM user has two active keys',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (agent.kind !== 'iam-user') continue;
      const keys = activeAccessKeys(agent);
      if (keys.length < 2) continue;
      const user = agent.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { user: agent.name, keys: keys.map((key) => ({ slot: key.slot, lastRotated: key.lastRotated, lastUsedDate: key.lastUsedAt })) },
          remediation: `Finish the rotation of ${agent.name}: find which key is still in use (last-used dates below), then deactivate and delete the other one.`,
          fix: cliFix(
            shellLines([
              posix`aws iam list-access-keys --user-name ${user}`,
              posix`aws iam get-access-key-last-used --access-key-id '<ACCESS_KEY_ID>'`,
              posix`aws iam update-access-key --user-name ${user} --access-key-id '<UNUSED_ACCESS_KEY_ID>' --status Inactive`,
            ]),
          ),
          explanation: 'Two active keys usually mean a rotation that was never finished: the old key still works, doubling what can leak.',
        }),
      );
    }
    return findings;
  },
};
