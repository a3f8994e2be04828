import { describe, expect, it } from 'vitest';
import { hasErrors, ownerPrefill, registrationCalls, submitLabel, validateSheet, type OnboardFacts, type OnboardTarget, type SheetValues } from './onboarding-model';

const facts = (over: Partial<OnboardFacts> = {}): OnboardFacts => ({ tier: 2, tierOverridden: false, registryOwner: null, suggested: null, ...over });
const cloudtrail = { name: 'alice@example.com', evidence: 'Created by alice@example.com through AWSReservedSSO_Admin on 30 Nov 2026 (CloudTrail CreateRole)', source: 'cloudtrail' as const };
const a: OnboardTarget = { arn: 'arn:aws:iam::1:role/a', name: 'a', scanId: null, rowOwner: 'team-from-tag' };
const b: OnboardTarget = { arn: 'arn:aws:iam::1:role/b', name: 'b', scanId: null };
const values = (over: Partial<SheetValues> = {}): SheetValues => ({ owners: {}, purpose: '', dataScope: '', tierConfirmed: false, ...over });

describe('the owner an agent starts with', () => {
  it('a person’s recorded owner first, then the CloudTrail suggestion, then the row’s owner, else empty', () => {
    expect(ownerPrefill(a, facts({ registryOwner: 'recorded', suggested: cloudtrail })).owner).toBe('recorded');
    const suggested = ownerPrefill(a, facts({ suggested: cloudtrail }));
    expect(suggested.owner).toBe('alice@example.com');
    expect(suggested.why).toBe(`Suggested: ${cloudtrail.evidence}`);
    expect(ownerPrefill(a, facts()).owner).toBe('team-from-tag');
    expect(ownerPrefill(a, null).owner).toBe('team-from-tag');
    expect(ownerPrefill(b, facts())).toEqual({ owner: '', why: null });
  });

  it('a tag suggestion says it comes from the tag; blank names do not count', () => {
    expect(ownerPrefill(b, facts({ suggested: { name: 'ml-team', evidence: 'owner=ml-team', source: 'tag' } })).why).toBe('From its owner tag: owner=ml-team');
    expect(ownerPrefill(b, facts({ registryOwner: '  ', suggested: { ...cloudtrail, name: ' ' } })).owner).toBe('');
  });
});

describe('what the sheet refuses', () => {
  const known = new Map([
    [a.arn, facts()],
    [b.arn, facts()],
  ]);

  it('an agent whose owner is empty, by its ARN; a prefilled one passes; typing over a prefill counts', () => {
    const errors = validateSheet([a, b], known, values());
    expect(Object.keys(errors.owners)).toEqual([b.arn]);
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors(validateSheet([a, b], known, values({ owners: { [b.arn]: 'bob' } })))).toBe(false);
    expect(Object.keys(validateSheet([a, b], known, values({ owners: { [a.arn]: '   ', [b.arn]: 'bob' } })).owners)).toEqual([a.arn]);
  });

  it('text over the registry’s limits, and agents whose details have not arrived', () => {
    const errors = validateSheet([a], known, values({ purpose: 'x'.repeat(2001), dataScope: 'y'.repeat(2001) }));
    expect(errors.purpose).toMatch(/2,000/);
    expect(errors.dataScope).toMatch(/2,000/);
    expect(validateSheet([a, b], new Map([[a.arn, facts()]]), values({ owners: { [b.arn]: 'bob' } })).pending).toMatch(/one agent/);
  });
});

describe('the registry calls of a submission', () => {
  it('one call per owner and confirmed tier, registering with the shared purpose and data scope', () => {
    const c: OnboardTarget = { arn: 'arn:aws:iam::1:role/c', name: 'c', scanId: null, rowOwner: 'team-from-tag' };
    const known = new Map([
      [a.arn, facts({ tier: 1 })],
      [b.arn, facts({ tier: 1 })],
      [c.arn, facts({ tier: 2 })],
    ]);
    const calls = registrationCalls([a, b, c], known, values({ owners: { [b.arn]: 'team-from-tag' }, purpose: ' Summarises claims ', dataScope: 'Claims notes', tierConfirmed: true }));
    expect(calls).toEqual([
      { arns: [a.arn, b.arn], patch: { status: 'registered', owner: 'team-from-tag', purpose: 'Summarises claims', dataScope: 'Claims notes', tierConfirmed: 1 }, reason: null },
      { arns: [c.arn], patch: { status: 'registered', owner: 'team-from-tag', purpose: 'Summarises claims', dataScope: 'Claims notes', tierConfirmed: 2 }, reason: null },
    ]);
  });

  it('without the tier confirmed, an empty purpose or data scope: those fields are left alone', () => {
    const calls = registrationCalls([a, b], new Map([[a.arn, facts()], [b.arn, facts()]]), values({ owners: { [b.arn]: 'bob' } }));
    expect(calls).toEqual([
      { arns: [a.arn], patch: { status: 'registered', owner: 'team-from-tag' }, reason: null },
      { arns: [b.arn], patch: { status: 'registered', owner: 'bob' }, reason: null },
    ]);
  });

  it('the button says what happens', () => {
    expect(submitLabel(1)).toBe('Register 1 agent');
    expect(submitLabel(3)).toBe('Register 3 agents');
  });
});
