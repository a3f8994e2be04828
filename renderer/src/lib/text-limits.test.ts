import { describe, expect, it } from 'vitest';
import {
  auditFilterSchema,
  channels,
  connectionNameSchema,
  decommissionReasonSchema,
  knownAccountSchema,
  policyDraftSchema,
  registryPatchSchema,
} from '@shared/contract';
import { TEXT_LIMITS } from './text-limits';

/** A value of exactly `n` characters, and one longer: the first accepted, the second refused. */
function acceptsUpTo(parse: (value: string) => boolean, n: number): [boolean, boolean] {
  return [parse('x'.repeat(n)), parse('x'.repeat(n + 1))];
}

describe('text limits shown in forms', () => {
  it('are the limits the contract applies', () => {
    expect(acceptsUpTo((v) => connectionNameSchema.safeParse(v).success, TEXT_LIMITS.connectionName)).toEqual([true, false]);
    expect(acceptsUpTo((v) => registryPatchSchema.safeParse({ owner: v }).success, TEXT_LIMITS.registryOwner)).toEqual([true, false]);
    for (const field of ['purpose', 'dataScope'] as const) {
      expect(acceptsUpTo((v) => registryPatchSchema.safeParse({ [field]: v }).success, TEXT_LIMITS.registryNote)).toEqual([true, false]);
    }
    expect(acceptsUpTo((v) => decommissionReasonSchema.safeParse(v).success, TEXT_LIMITS.registryNote)).toEqual([true, false]);
    expect(
      acceptsUpTo((v) => registryPatchSchema.safeParse({ tierOverride: { tier: 1, reason: v } }).success, TEXT_LIMITS.registryNote),
    ).toEqual([true, false]);
    const draft = { name: 'n', severity: 'high', condition: 'true' };
    expect(acceptsUpTo((v) => policyDraftSchema.safeParse({ ...draft, name: v }).success, TEXT_LIMITS.policyName)).toEqual([true, false]);
    expect(acceptsUpTo((v) => policyDraftSchema.safeParse({ ...draft, description: v }).success, TEXT_LIMITS.policyDescription)).toEqual([true, false]);
    expect(acceptsUpTo((v) => policyDraftSchema.safeParse({ ...draft, remediation: v }).success, TEXT_LIMITS.policyRemediation)).toEqual([true, false]);
    const one = { fingerprint: 'f', until: '2099-01-01' };
    const many = { fingerprints: ['f'], until: '2099-01-01' };
    const findingNotes: ['findings:accept' | 'findings:acceptMany' | 'findings:resolve' | 'findings:resolveMany', (v: string) => object][] = [
      ['findings:accept', (v) => ({ ...one, reason: v })],
      ['findings:acceptMany', (v) => ({ ...many, reason: v })],
      ['findings:resolve', (v) => ({ fingerprint: 'f', note: v })],
      ['findings:resolveMany', (v) => ({ fingerprints: ['f'], note: v })],
    ];
    for (const [name, input] of findingNotes) {
      expect(acceptsUpTo((v) => channels[name].input.safeParse(input(v)).success, TEXT_LIMITS.findingNote), name).toEqual([true, false]);
    }
    expect(acceptsUpTo((v) => knownAccountSchema.safeParse({ accountId: '123456789012', label: v }).success, TEXT_LIMITS.knownAccountLabel)).toEqual([true, false]);
    expect(acceptsUpTo((v) => auditFilterSchema.safeParse({ target: v }).success, TEXT_LIMITS.auditTarget)).toEqual([true, false]);
  });
});
