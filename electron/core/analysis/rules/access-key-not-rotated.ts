import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { accessKeyResourceArn, cliFix, makeFinding } from './finding';
import { activeAccessKeys } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/** Over a year old is a key that has probably been copied around more than once. */
const HIGH_AFTER_DAYS = 365;

/** CIS 1.14: an active key older than the rotation threshold (default 90 days); one finding per key. */
export const accessKeyNotRotated: RuleDefinition = {
  id: 'access_key_not_rotated',
  title: 'An access key has not been rotated',
  defaultSeverity: 'medium',
  step: 3,
  frameworks: ['CIS 1.14', 'NHI7'],
  firesWhen: 'an active key is older than 90 days',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const limit = ctx.thresholds.keyRotationDays;
    for (const agent of ctx.agents) {
      if (agent.kind !== 'iam-user') continue;
      for (const key of activeAccessKeys(agent)) {
        const age = daysSince(key.lastRotated, ctx.now);
        if (age === null || age <= limit) continue;
        const user = agent.name;
        findings.push(
          makeFinding(this, ctx, {
            severity: age > HIGH_AFTER_DAYS ? 'high' : 'medium',
            principalArn: agent.arn,
            resourceArn: accessKeyResourceArn(agent.arn, key.slot),
            resourceId: `access key ${key.slot}`,
            evidence: { user: agent.name, slot: key.slot, lastRotated: key.lastRotated, ageDays: age, thresholdDays: limit, lastUsedDate: key.lastUsedAt },
            remediation:
              `Rotate access key ${key.slot} of ${agent.name}: create a second key, update every place that uses the old one, check (credential report or CloudTrail) ` +
              'that the old key is no longer used, then deactivate and delete it. Better still, move the workload to an IAM role so there is no key to rotate.',
            fix: cliFix(
              shellLines([
                posix`aws iam list-access-keys --user-name ${user}`,
                posix`aws iam create-access-key --user-name ${user}`,
                posix`# deploy the new key, then retire the old one (slot ${key.slot}, created ${key.lastRotated ?? 'unknown'}):`,
                posix`aws iam update-access-key --user-name ${user} --access-key-id '<OLD_ACCESS_KEY_ID>' --status Inactive`,
                posix`aws iam delete-access-key --user-name ${user} --access-key-id '<OLD_ACCESS_KEY_ID>'`,
              ]),
            ),
            explanation: `This key is ${age} days old. The longer a key lives, the more copies of it exist (old laptops, CI logs, backups) and the longer a leak stays useful to an attacker.`,
          }),
        );
      }
    }
    return findings;
  },
};
