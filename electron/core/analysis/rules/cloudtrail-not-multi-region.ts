import { posix, shellLines } from '../../lib/posix-shell';
import type { CloudTrailTrailFacts } from '../../discovery/facts';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/** Whether a trail records management events: classic selectors, advanced selectors, or AWS's default. */
export function recordsManagementEvents(trail: CloudTrailTrailFacts): boolean {
  const advanced = trail.advancedEventSelectors ?? [];
  if (advanced.length > 0) {
    return advanced.some((selector) =>
      selector.fieldSelectors.some((field) => field.field === 'eventCategory' && field.equals.some((value) => value === 'Management')),
    );
  }
  const classic = trail.eventSelectors;
  // Selectors not readable (null) or none set: a trail logs management events by default.
  if (classic === null || classic.length === 0) return true;
  return classic.some((selector) => selector.includeManagementEvents && (selector.readWriteType ?? 'All') !== 'ReadOnly');
}

/** The pseudo-ARN of the account's trail coverage (the finding is about the account, not one trail). */
export function accountTrailsArn(partition: string, accountId: string): string {
  return `arn:${partition}:cloudtrail::${accountId}:trails`;
}

/** CIS 3.1: no multi-region trail that is logging management events. */
export const cloudtrailNotMultiRegion: RuleDefinition = {
  id: 'cloudtrail_not_multi_region',
  title: 'No multi-region CloudTrail trail logs management events',
  defaultSeverity: 'high',
  step: 8,
  frameworks: ['CIS 3.1'],
  firesWhen: 'no multi-region trail that is logging management events',
  evaluate(ctx: RuleContext): Finding[] {
    const cloudTrail = ctx.facts.cloudTrail;
    // Not collected: "we did not look" is not "there is none".
    if (cloudTrail === null) return [];
    const trails = [...new Map(cloudTrail.trails.map((trail) => [trail.arn, trail])).values()];
    // A trail whose status could not be read (logging null) is given the benefit of the doubt.
    const good = trails.filter((trail) => trail.multiRegion && trail.logging !== false && recordsManagementEvents(trail));
    if (good.length > 0) return [];
    const { partition, id } = ctx.facts.account;
    return [
      makeFinding(this, ctx, {
        principalArn: null,
        resourceArn: accountTrailsArn(partition, id),
        resourceId: ctx.facts.account.alias ?? id,
        evidence: {
          trails: trails.map((trail) => ({
            name: trail.name,
            homeRegion: trail.homeRegion,
            multiRegion: trail.multiRegion,
            logging: trail.logging,
            managementEvents: recordsManagementEvents(trail),
          })),
        },
        remediation:
          'Create (or change one trail into) a multi-region trail that logs all management events (read and write) to an S3 bucket, and make sure it is logging. ' +
          'In an organisation, an organisation trail from the management account covers every account.',
        fix: cliFix(
          shellLines([
            posix`aws cloudtrail create-trail --name account-trail --s3-bucket-name '<LOG_BUCKET>' --is-multi-region-trail --enable-log-file-validation`,
            posix`aws cloudtrail put-event-selectors --trail-name account-trail --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'`,
            posix`aws cloudtrail start-logging --name account-trail`,
          ]),
        ),
        explanation:
          'CloudTrail management events are the record of who changed what in the account. Without a multi-region trail, activity in other regions (where attackers like to start crypto miners or hide agents) leaves no durable trace.',
      }),
    ];
  },
};
