import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { accessKeyResourceArn, cliFix, makeFinding } from './finding';
import { activeAccessKeys } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * CIS 1.12 / NHI1: an active key unused for the threshold (default 45 days), or never used and older
 * than the grace period (default 7 days: a key just handed to a new integration is not stale yet).
 */
export const accessKeyUnused: RuleDefinition = {
  id: 'access_key_unused',
  title: 'An active access key is not used',
  defaultSeverity: 'medium',
  step: 1,
  frameworks: ['CIS 1.12', 'NHI1'],
  firesWhen: 'an active key has not been used for 45 days, or was never used and is older than a 7-day grace period',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const { keyUnusedDays, keyGraceDays } = ctx.thresholds;
    for (const agent of ctx.agents) {
      if (agent.kind !== 'iam-user') continue;
      for (const key of activeAccessKeys(agent)) {
        const idle = daysSince(key.lastUsedAt, ctx.now);
        // Without a rotation date the user's creation date is the key's earliest possible birth.
        const age = daysSince(key.lastRotated ?? agent.createdAt, ctx.now);
        const fires = idle !== null ? idle > keyUnusedDays : age !== null && age > keyGraceDays;
        if (!fires) continue;
        const user = agent.name;
        findings.push(
          makeFinding(this, ctx, {
            principalArn: agent.arn,
            resourceArn: accessKeyResourceArn(agent.arn, key.slot),
            resourceId: `access key ${key.slot}`,
            evidence: {
              user: agent.name,
              slot: key.slot,
              lastUsedDate: key.lastUsedAt,
              daysSinceUse: idle,
              neverUsed: idle === null,
              lastRotated: key.lastRotated,
              ageDays: age,
              thresholdDays: keyUnusedDays,
              graceDays: keyGraceDays,
            },
            remediation:
              idle === null
                ? `Access key ${key.slot} of ${agent.name} was created ${age ?? '?'} days ago and never used. If nobody is about to use it, deactivate it now and delete it later.`
                : `Access key ${key.slot} of ${agent.name} was last used ${idle} days ago. Deactivate it; if something breaks, reactivate it and plan a move to a role. Otherwise delete it after a few weeks.`,
            fix: cliFix(
              shellLines([
                posix`aws iam list-access-keys --user-name ${user}`,
                posix`aws iam update-access-key --user-name ${user} --access-key-id '<ACCESS_KEY_ID>' --status Inactive`,
              ]),
            ),
            explanation: 'An access key nobody uses gives nothing to the business but still works for whoever finds it. Removing unused credentials shrinks what an attacker can steal.',
          }),
        );
      }
    }
    return findings;
  },
};
