import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { accessKeyResourceArn, cliFix, makeFinding, raisedForTier1 } from './finding';
import { activeAccessKeys, hasConsolePassword, hasWorkloadTags, isNonHumanUser } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/** NHI7: a machine identity on a long-lived key; one finding per active key. Humans are user_console_and_keys. */
export const staticAccessKey: RuleDefinition = {
  id: 'static_access_key',
  title: 'A non-human identity uses a long-lived access key',
  defaultSeverity: 'medium',
  step: 3,
  frameworks: ['NHI7'],
  firesWhen:
    'an IAM user that is a non-human identity (has an active key and no console password, or is tagged/used as a workload) holds an active long-lived access key; one finding per key',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (!isNonHumanUser(agent)) continue;
      const tier = ctx.tier(agent.arn).tier;
      for (const key of activeAccessKeys(agent)) {
        const user = agent.name;
        findings.push(
          makeFinding(this, ctx, {
            severity: raisedForTier1('medium', 'high', tier),
            principalArn: agent.arn,
            resourceArn: accessKeyResourceArn(agent.arn, key.slot),
            resourceId: `access key ${key.slot}`,
            evidence: {
              user: agent.name,
              slot: key.slot,
              lastRotated: key.lastRotated,
              ageDays: daysSince(key.lastRotated, ctx.now),
              lastUsedDate: key.lastUsedAt,
              lastUsedService: key.lastUsedService,
              consolePassword: hasConsolePassword(agent),
              workloadTags: hasWorkloadTags(agent),
              tier,
            },
            remediation:
              `Replace the access key of ${agent.name} with temporary credentials: run the workload as an IAM role (Lambda/ECS/EC2 execution role, ` +
              'IAM Roles Anywhere for servers outside AWS, or OIDC federation for CI such as GitHub Actions). When nothing uses the key any more, deactivate it, wait a few days, then delete it.',
            fix: cliFix(
              shellLines([
                posix`# The credential report has no key IDs: list the keys of the user and pick the one in slot ${key.slot} (creation date ${key.lastRotated ?? 'unknown'})`,
                posix`aws iam list-access-keys --user-name ${user}`,
                posix`aws iam update-access-key --user-name ${user} --access-key-id '<ACCESS_KEY_ID>' --status Inactive`,
                posix`# once nothing broke:`,
                posix`aws iam delete-access-key --user-name ${user} --access-key-id '<ACCESS_KEY_ID>'`,
              ]),
            ),
            explanation:
              'A long-lived access key works from anywhere until someone deletes it. Keys end up in CI settings, laptops and repositories, and a leaked one keeps working for years. Roles give short-lived credentials that expire on their own.',
          }),
        );
      }
    }
    return findings;
  },
};
