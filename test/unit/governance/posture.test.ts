import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITY_NAMES } from '@shared/contract';
import { postureScore, type PostureFinding, type PostureIdentity } from '@core/governance/overview/posture';

const role = (name: string, tier: 1 | 2 | 3): PostureIdentity => ({ arn: `arn:aws:iam::111111111111:role/${name}`, tier });
const finding = (identity: PostureIdentity, severity: PostureFinding['severity'], status: PostureFinding['status'] = 'open'): PostureFinding => ({
  principalArn: identity.arn,
  severity,
  status,
});

describe('posture score', () => {
  it('recomputes the documented example by hand', () => {
    const billing = role('billing-agent', 1); // critical open → health 0, weight 3
    const support = role('support-bot', 2); // high open → 0.4, weight 2
    const etl = role('etl', 2); // medium accepted only → 1, weight 2
    const sandbox = role('sandbox', 3); // medium open → 0.8, weight 1
    const score = postureScore(
      [billing, support, etl, sandbox],
      [finding(billing, 'critical'), finding(billing, 'low'), finding(support, 'high', 'new'), finding(etl, 'medium', 'accepted'), finding(sandbox, 'medium', 'regressed'), finding(sandbox, 'high', 'resolved')],
    );
    // (3×0 + 2×0.4 + 2×1 + 1×0.8) ÷ (3+2+2+1) = 3.6 ÷ 8 = 0.45
    expect(score).toEqual({ value: 45, identities: 4, atRisk: 2, openFindings: 4, acceptedFindings: 1 });
  });

  it('is 100 with nothing in scope or nothing open, and ignores findings of identities outside it', () => {
    expect(postureScore([], []).value).toBe(100);
    const a = role('a', 1);
    expect(postureScore([a], [{ principalArn: null, severity: 'critical', status: 'open' }, { principalArn: 'arn:other', severity: 'critical', status: 'open' }]).value).toBe(100);
  });

  const identities = fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), tier: fc.constantFrom<1 | 2 | 3>(1, 2, 3) }), { selector: (r) => r.name, maxLength: 12 }).map((list) => list.map((r) => role(r.name, r.tier)));
  const withFindings = identities.chain((list) =>
    fc.tuple(
      fc.constant(list),
      fc.array(
        fc.record({
          index: fc.nat(),
          severity: fc.constantFrom(...SEVERITY_NAMES),
          status: fc.constantFrom<PostureFinding['status']>('new', 'open', 'regressed', 'accepted', 'resolved'),
        }),
        { maxLength: 30 },
      ).map((raw) => (list.length === 0 ? [] : raw.map((r) => finding(list[r.index % list.length] as PostureIdentity, r.severity, r.status)))),
    ),
  );

  it('stays in 0–100; accepting or resolving a finding never lowers it; a new open finding never raises it', () => {
    fc.assert(
      fc.property(withFindings, fc.constantFrom(...SEVERITY_NAMES), ([list, found], severity) => {
        const base = postureScore(list, found);
        expect(base.value).toBeGreaterThanOrEqual(0);
        expect(base.value).toBeLessThanOrEqual(100);
        const accepted = postureScore(list, found.map((f) => ({ ...f, status: f.status === 'resolved' ? f.status : 'accepted' })));
        expect(accepted.value).toBe(100);
        const first = list[0];
        if (first !== undefined) expect(postureScore(list, [...found, finding(first, severity)]).value).toBeLessThanOrEqual(base.value);
      }),
    );
  });
});
