/** Key and password rules: root_access_key, static_access_key, access_key_not_rotated, access_key_unused, user_multiple_active_keys, user_console_and_keys. */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, allow, analyse, daysAgo, emptyFacts, findingsOf, iam, reportRow, user, userArn } from './support';
import type { AccessKeyReport, ScanFacts } from '@core/discovery/facts';

function withUsers(...rows: ReturnType<typeof reportRow>[]): ScanFacts {
  const facts = emptyFacts();
  for (const row of rows) if (!row.isRoot) iam(facts).users.push(user(row.user));
  facts.credentialReport = { generatedAt: daysAgo(0), rows };
  return facts;
}

const rootRow = (key1: Partial<AccessKeyReport>): ReturnType<typeof reportRow> =>
  reportRow('<root_account>', { arn: `arn:aws:iam::${ACCOUNT}:root`, isRoot: true, passwordEnabled: null, key1 });

describe('root_access_key', () => {
  it('fires once per active root key, critical, naming the key slot', () => {
    const result = analyse(withUsers(rootRow({ active: true, lastRotated: daysAgo(1300), lastUsedDate: daysAgo(400) })));
    const found = findingsOf(result, 'root_access_key');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'critical', principalArn: `arn:aws:iam::${ACCOUNT}:root`, resourceArn: `arn:aws:iam::${ACCOUNT}:root/access-key/1`, step: 3, frameworks: ['CIS 1.4'] });
    expect(found[0]?.evidence).toMatchObject({ ageDays: 1300 });
  });

  it('does not fire for an inactive root key', () => {
    expect(findingsOf(analyse(withUsers(rootRow({ active: false, lastRotated: daysAgo(1300) }))), 'root_access_key')).toEqual([]);
  });
});

describe('static_access_key', () => {
  it('fires once per active key of a machine user, with a CLI fix naming the user', () => {
    const result = analyse(withUsers(reportRow('ci-bot', { key1: { active: true, lastRotated: daysAgo(10), lastUsedDate: daysAgo(1) }, key2: { active: true, lastRotated: daysAgo(2) } })));
    const found = findingsOf(result, 'static_access_key');
    expect(found.map((f) => f.resourceArn)).toEqual([`${userArn('ci-bot')}/access-key/1`, `${userArn('ci-bot')}/access-key/2`]);
    expect(found[0]?.principalArn).toBe(userArn('ci-bot'));
    expect(found[0]?.fix.text).toContain('aws iam list-access-keys --user-name ci-bot');
    expect(found[0]?.fix.text).toContain('aws iam update-access-key --user-name ci-bot');
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('does not fire for a human (console password) nor for an inactive key', () => {
    const result = analyse(
      withUsers(reportRow('dana', { passwordEnabled: true, mfaActive: true, key1: { active: true, lastRotated: daysAgo(10) } }), reportRow('old-bot', { key1: { active: false, lastRotated: daysAgo(10) } })),
    );
    expect(findingsOf(result, 'static_access_key')).toEqual([]);
  });

  it('fires for a password user tagged as a workload', () => {
    const facts = withUsers(reportRow('jenkins', { passwordEnabled: true, key1: { active: true, lastRotated: daysAgo(10) } }));
    const jenkins = iam(facts).users[0];
    if (jenkins !== undefined) jenkins.tags = { service: 'jenkins' };
    expect(findingsOf(analyse(facts), 'static_access_key')).toHaveLength(1);
  });

  it('is high for a Tier 1 user', () => {
    const facts = withUsers(reportRow('secrets-bot', { key1: { active: true, lastRotated: daysAgo(10) } }));
    const bot = iam(facts).users[0];
    if (bot !== undefined) bot.inlinePolicies = [{ name: 'secrets', document: allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-*') }];
    expect(findingsOf(analyse(facts), 'static_access_key')[0]?.severity).toBe('high');
  });
});

describe('access_key_not_rotated', () => {
  it('fires over 90 days (medium) and over 365 days (high)', () => {
    const result = analyse(withUsers(reportRow('a', { key1: { active: true, lastRotated: daysAgo(130) } }), reportRow('b', { key1: { active: true, lastRotated: daysAgo(412) } })));
    const found = findingsOf(result, 'access_key_not_rotated');
    expect(found.map((f) => [f.resourceId, f.principalArn, f.severity])).toEqual([
      ['access key 1', userArn('b'), 'high'],
      ['access key 1', userArn('a'), 'medium'],
    ]);
  });

  it('does not fire for a key rotated yesterday, one 88 days old, or an old inactive key', () => {
    const result = analyse(
      withUsers(
        reportRow('rotated', { key1: { active: true, lastRotated: daysAgo(1) } }),
        reportRow('young', { key1: { active: true, lastRotated: daysAgo(88) } }),
        reportRow('inactive', { key1: { active: true, lastRotated: daysAgo(5) }, key2: { active: false, lastRotated: daysAgo(700) } }),
      ),
    );
    expect(findingsOf(result, 'access_key_not_rotated')).toEqual([]);
  });
});

describe('access_key_unused', () => {
  it('fires for a key last used 60 days ago and a never-used key 30 days old', () => {
    const result = analyse(
      withUsers(reportRow('idle', { key1: { active: true, lastRotated: daysAgo(80), lastUsedDate: daysAgo(60) } }), reportRow('never', { key1: { active: true, lastRotated: daysAgo(30) } })),
    );
    expect(findingsOf(result, 'access_key_unused').map((f) => f.principalArn).sort()).toEqual([userArn('idle'), userArn('never')]);
  });

  it('does not fire inside the grace period (2-day-old never-used key) nor for a key used yesterday', () => {
    const result = analyse(
      withUsers(reportRow('new', { key1: { active: true, lastRotated: daysAgo(2) } }), reportRow('busy', { key1: { active: true, lastRotated: daysAgo(200), lastUsedDate: daysAgo(1) } })),
    );
    expect(findingsOf(result, 'access_key_unused')).toEqual([]);
  });
});

describe('user_multiple_active_keys and user_console_and_keys', () => {
  it('fires once per user with two active keys; not when one is inactive', () => {
    const result = analyse(
      withUsers(
        reportRow('two', { key1: { active: true, lastRotated: daysAgo(100) }, key2: { active: true, lastRotated: daysAgo(3) } }),
        reportRow('one', { key1: { active: true, lastRotated: daysAgo(10) }, key2: { active: false, lastRotated: daysAgo(700) } }),
      ),
    );
    expect(findingsOf(result, 'user_multiple_active_keys').map((f) => [f.resourceArn, f.severity])).toEqual([[userArn('two'), 'low']]);
  });

  it('fires for a password and an active key; not for a password alone', () => {
    const result = analyse(
      withUsers(
        reportRow('dana', { passwordEnabled: true, mfaActive: true, key1: { active: true, lastRotated: daysAgo(10) } }),
        reportRow('marek', { passwordEnabled: true, mfaActive: true }),
      ),
    );
    expect(findingsOf(result, 'user_console_and_keys').map((f) => f.principalArn)).toEqual([userArn('dana')]);
  });
});
