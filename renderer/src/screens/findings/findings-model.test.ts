import { describe, expect, it } from 'vitest';
import type { FindingSummary } from '@shared/contract';
import { countFindings, filterFindings, groupFindings, matchesSearch, policyFilterName, queryFromView, tomorrow, validateAcceptance, viewFromQuery } from './findings-model';

function finding(partial: Partial<FindingSummary>): FindingSummary {
  return {
    fingerprint: 'f',
    scanId: 's1',
    ruleId: 'static_access_key',
    severity: 'medium',
    step: 3,
    title: 't',
    principalArn: null,
    resourceArn: 'arn',
    resourceId: null,
    accountId: '111122223333',
    region: null,
    frameworks: [],
    policy: null,
    status: 'open',
    isNew: false,
    firstSeenAt: '2026-01-01',
    lastSeenAt: '2026-01-01',
    acceptance: null,
    ...partial,
  };
}

describe('findings model', () => {
  it('round-trips its view through the address', () => {
    const view = viewFromQuery(new URLSearchParams('group=step&severity=high&status=new&rule=x&policy=p%201&tab=new&account=210987654321&scan=s-1&q=bad%20role'));
    expect(view).toMatchObject({ groupBy: 'step', severities: ['high'], statuses: ['new'], rule: 'x', policy: 'p 1', newOnly: true, account: '210987654321', scan: 's-1', search: 'bad role' });
    expect(viewFromQuery(queryFromView(view))).toEqual(view);
    expect(viewFromQuery(new URLSearchParams('group=nonsense&severity=bad')).groupBy).toBe('rule');
  });

  it('narrows to one governance policy by the ID its evidence names, and names it', () => {
    const rows = [
      finding({ fingerprint: 'a', ruleId: 'governance_policy_violation', policy: { id: 'user-1', name: 'Owners on T1' } }),
      finding({ fingerprint: 'b', ruleId: 'governance_policy_violation', policy: { id: 'builtin-2', name: 'Boundary' } }),
      finding({ fingerprint: 'c', ruleId: 'static_access_key' }),
    ];
    const view = viewFromQuery(new URLSearchParams('rule=governance_policy_violation&policy=user-1'));
    expect(filterFindings(rows, view).map((row) => row.fingerprint)).toEqual(['a']);
    expect(filterFindings(rows, { ...view, policy: null }).map((row) => row.fingerprint)).toEqual(['a', 'b']);
    expect(policyFilterName(rows, 'user-1')).toBe('Owners on T1');
    expect(policyFilterName(rows, 'deleted-policy')).toBe('deleted-policy');
  });

  it('groups worst first and filters new ones', () => {
    const rows = [finding({ fingerprint: 'a', ruleId: 'r1', severity: 'low' }), finding({ fingerprint: 'b', ruleId: 'r2', severity: 'critical', isNew: true })];
    expect(groupFindings(rows, 'rule').map((group) => group.key)).toEqual(['r2', 'r1']);
    expect(filterFindings(rows, viewFromQuery(new URLSearchParams('tab=new'))).map((row) => row.fingerprint)).toEqual(['b']);
  });

  it('searches title, rule, identity and resource (name or ARN) and owner, every word', () => {
    const row = finding({
      title: 'Static access key on a CI user',
      ruleId: 'static_access_key',
      principalArn: 'arn:aws:iam::111122223333:user/ci/deployer',
      resourceArn: 'arn:aws:iam::111122223333:user/ci/deployer/access-key/AKIA1',
    });
    const owner = (): string => 'platform-team';
    for (const text of ['static access', 'STATIC_ACCESS_KEY', 'deployer', 'arn:aws:iam::111122223333:user/ci', 'AKIA1', 'platform', 'ci user platform']) {
      expect(matchesSearch(row, text, owner), text).toBe(true);
    }
    expect(matchesSearch(row, 'platform')).toBe(false);
    expect(matchesSearch(row, 'deployer sandbox', owner)).toBe(false);
    expect(matchesSearch(row, '   ')).toBe(true);
    const view = viewFromQuery(new URLSearchParams('q=deployer'));
    expect(filterFindings([row, finding({ fingerprint: 'other' })], view).map((f) => f.title)).toEqual(['Static access key on a CI user']);
  });

  it('counts open findings by severity, accepted ones apart, across accounts', () => {
    const rows = [
      finding({ fingerprint: 'a', severity: 'critical', status: 'new', accountId: '1' }),
      finding({ fingerprint: 'b', severity: 'critical', status: 'accepted', accountId: '2' }),
      finding({ fingerprint: 'c', severity: 'high', status: 'regressed', accountId: '2' }),
      finding({ fingerprint: 'd', severity: 'high', status: 'open', accountId: '3' }),
      finding({ fingerprint: 'e', severity: 'low', status: 'resolved', accountId: '3' }),
    ];
    expect(countFindings(rows)).toEqual({ open: 3, accepted: 1, resolved: 1, openBySeverity: { critical: 1, high: 2 }, acceptedBySeverity: { critical: 1 } });
  });

  it('asks for a reason and a future date', () => {
    const now = new Date(2026, 4, 10);
    expect(tomorrow(now)).toBe('2026-05-11');
    expect(validateAcceptance('short', '2026-05-10', now)).toEqual({ reason: 'Say why, in at least 10 characters.', until: 'The date must be in the future.' });
    expect(validateAcceptance('a good reason here', '2026-05-11', now)).toEqual({ reason: null, until: null });
  });
});

describe('an Overview figure’s address', () => {
  it('reads comma lists, a step, the principal’s tier and the resolved-since tab, dropping what it does not know', () => {
    const view = viewFromQuery(new URLSearchParams('severity=high,bogus,critical&status=regressed,new,open&step=4&tier=none&tab=resolved'));
    expect(view).toMatchObject({ severities: ['critical', 'high'], statuses: ['new', 'open', 'regressed'], step: 4, tier: 'none', resolvedSince: true });
    expect(queryFromView(view).toString()).toBe('severity=critical%2Chigh&status=new%2Copen%2Cregressed&step=4&tier=none&tab=resolved');
    expect(viewFromQuery(new URLSearchParams('step=11&tier=4'))).toMatchObject({ step: null, tier: null });
  });

  it('narrows by step and by the tier of the principal in the finding’s own scan', () => {
    const rows = [
      finding({ fingerprint: 'a', step: 4, principalArn: 'arn:p1', scanId: 's1' }),
      finding({ fingerprint: 'b', step: 4, principalArn: 'arn:p1', scanId: 's2' }),
      finding({ fingerprint: 'c', step: 4, principalArn: null }),
      finding({ fingerprint: 'd', step: 5, principalArn: 'arn:p1', scanId: 's1' }),
    ];
    const tierOf = (row: Pick<FindingSummary, 'principalArn' | 'scanId'>): '1' | '2' | '3' | 'none' => (row.principalArn === 'arn:p1' && row.scanId === 's1' ? '1' : 'none');
    expect(filterFindings(rows, viewFromQuery(new URLSearchParams('step=4&tier=1')), undefined, tierOf).map((row) => row.fingerprint)).toEqual(['a']);
    expect(filterFindings(rows, viewFromQuery(new URLSearchParams('step=4&tier=none')), undefined, tierOf).map((row) => row.fingerprint)).toEqual(['b', 'c']);
  });
});
