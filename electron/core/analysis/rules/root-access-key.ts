import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { accessKeyResourceArn, cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** CIS 1.4: the root user's access keys cannot be limited by any policy; one finding per active key. */
export const rootAccessKey: RuleDefinition = {
  id: 'root_access_key',
  title: 'The root user has an active access key',
  defaultSeverity: 'critical',
  step: 3,
  frameworks: ['CIS 1.4'],
  firesWhen: 'the root user has an active access key',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const row of ctx.facts.credentialReport?.rows ?? []) {
      if (!row.isRoot) continue;
      for (const key of row.accessKeys) {
        if (!key.active) continue;
        findings.push(
          makeFinding(this, ctx, {
            principalArn: row.arn,
            resourceArn: accessKeyResourceArn(row.arn, key.slot),
            resourceId: `root access key ${key.slot}`,
            discriminator: null,
            evidence: {
              source: 'credential report',
              slot: key.slot,
              lastRotated: key.lastRotated,
              ageDays: daysSince(key.lastRotated, ctx.now),
              lastUsedDate: key.lastUsedDate,
              lastUsedService: key.lastUsedService,
              lastUsedRegion: key.lastUsedRegion,
              mfaActive: row.mfaActive,
            },
            remediation:
              'Sign in as the root user (console, with MFA), open "Security credentials", find the access key in this slot and delete it. ' +
              'Before deleting, check CloudTrail for recent calls made with it and move that automation to an IAM role. The root user should have no access keys at all.',
            // The CLI cannot act on root keys unless run AS root; the console is the safe path, listing first.
            fix: cliFix(
              shellLines([
                posix`# Run with the ROOT user's credentials (or use the console: Security credentials > Access keys)`,
                posix`aws iam list-access-keys`,
                posix`aws iam delete-access-key --access-key-id '<KEY_ID_FROM_LIST>'`,
              ]),
            ),
            explanation:
              'The root user can do anything in the account, including closing it, and no IAM policy or permission boundary can restrict it. A leaked root key is a full account takeover.',
          }),
        );
      }
    }
    return findings;
  },
};
