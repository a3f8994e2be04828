/**
 * The onboarding sheet as data (issue 14, "one-step onboarding"): which owner each agent's field
 * starts with, what the sheet refuses, and the `registry:update` calls a submission makes. The sheet
 * registers one or several agents at once: each keeps its own owner (prefilled, since creators differ),
 * the purpose and data scope are written once for all of them (a newcomer reads one short form; agents
 * that do different things are registered in separate sheets), and "tier confirmed" confirms each
 * agent's own tier in force.
 */
import type { AgentDetail, ChannelInput, SuggestedOwner } from '@shared/contract';
import { TEXT_LIMITS } from '../../lib/text-limits';

type Tier = AgentDetail['tier']['tier'];

/** An agent handed to the sheet: from a Shadow AI row or a What changed entry. */
export interface OnboardTarget {
  arn: string;
  name: string;
  /** The scan that shows it; null: its account's newest. */
  scanId: string | null;
  /** The inventory row's owner (registry, else owner tag), when the caller has the row. */
  rowOwner?: string | null;
}

/** What the sheet knows of an agent once `agents:get` answered. */
export interface OnboardFacts {
  tier: Tier;
  tierOverridden: boolean;
  /** The owner a person already recorded in the registry (or its tag copy). */
  registryOwner: string | null;
  suggested: SuggestedOwner | null;
}

export function onboardFacts(detail: Pick<AgentDetail, 'tier' | 'registry' | 'suggestedOwner'>): OnboardFacts {
  return { tier: detail.tier.tier, tierOverridden: detail.tier.override !== null, registryOwner: detail.registry.owner, suggested: detail.suggestedOwner ?? null };
}

export interface OwnerPrefill {
  owner: string;
  /** Where it came from, said under the field; null when the field starts empty. */
  why: string | null;
}

const clean = (value: string | null | undefined): string => (value ?? '').trim().slice(0, TEXT_LIMITS.registryOwner);

/**
 * The owner an agent's field starts with. A person's earlier decision (the registry's owner) first,
 * then the suggestion (who CloudTrail says created it, else its owner tag), then the inventory row's
 * owner, else empty: the newcomer has to name someone.
 */
export function ownerPrefill(target: Pick<OnboardTarget, 'rowOwner'>, facts: OnboardFacts | null): OwnerPrefill {
  const recorded = clean(facts?.registryOwner);
  if (recorded !== '') return { owner: recorded, why: 'Already recorded in the registry.' };
  const suggested = facts?.suggested ?? null;
  if (suggested !== null && clean(suggested.name) !== '') {
    return { owner: clean(suggested.name), why: suggested.source === 'cloudtrail' ? `Suggested: ${suggested.evidence}` : `From its owner tag: ${suggested.evidence}` };
  }
  const row = clean(target.rowOwner);
  if (row !== '') return { owner: row, why: 'From the inventory (owner tag).' };
  return { owner: '', why: null };
}

export interface SheetValues {
  /** Each agent's owner as typed; an ARN missing here shows its prefill. */
  owners: Readonly<Record<string, string | undefined>>;
  purpose: string;
  dataScope: string;
  tierConfirmed: boolean;
}

/** The owner field's value: what the person typed, else the prefill. */
export function ownerValue(values: Pick<SheetValues, 'owners'>, arn: string, prefill: OwnerPrefill): string {
  return values.owners[arn] ?? prefill.owner;
}

export interface SheetErrors {
  /** By ARN. */
  owners: Record<string, string>;
  purpose: string | null;
  dataScope: string | null;
  /** Some agent's details have not arrived (its tier and suggestion are unknown). */
  pending: string | null;
}

export function hasErrors(errors: SheetErrors): boolean {
  return Object.keys(errors.owners).length > 0 || errors.purpose !== null || errors.dataScope !== null || errors.pending !== null;
}

/** What the sheet refuses: an agent without an owner, text over the registry's limits, agents still loading. */
export function validateSheet(targets: readonly OnboardTarget[], facts: ReadonlyMap<string, OnboardFacts>, values: SheetValues): SheetErrors {
  const owners: Record<string, string> = {};
  for (const target of targets) {
    const owner = ownerValue(values, target.arn, ownerPrefill(target, facts.get(target.arn) ?? null)).trim();
    if (owner === '') owners[target.arn] = 'Name the accountable person or team.';
    else if (owner.length > TEXT_LIMITS.registryOwner) owners[target.arn] = `At most ${TEXT_LIMITS.registryOwner} characters.`;
  }
  const tooLong = (text: string): string | null => (text.trim().length > TEXT_LIMITS.registryNote ? `At most ${TEXT_LIMITS.registryNote.toLocaleString('en-GB')} characters.` : null);
  const loading = targets.filter((target) => !facts.has(target.arn)).length;
  return {
    owners,
    purpose: tooLong(values.purpose),
    dataScope: tooLong(values.dataScope),
    pending: loading === 0 ? null : `Still reading ${loading === 1 ? 'one agent' : `${loading} agents`}; try again in a moment.`,
  };
}

export type RegistryCall = ChannelInput<'registry:update'>;

/**
 * The `registry:update` calls of a valid sheet: one per owner and tier (a patch is the same for every
 * ARN of a call, and the tier confirmed is each agent's own), in the agents' order. Each registers
 * with the owner, the purpose and data scope when given, and the tier when confirmed.
 */
export function registrationCalls(targets: readonly OnboardTarget[], facts: ReadonlyMap<string, OnboardFacts>, values: SheetValues): RegistryCall[] {
  const purpose = values.purpose.trim();
  const dataScope = values.dataScope.trim();
  const calls = new Map<string, RegistryCall>();
  for (const target of targets) {
    const fact = facts.get(target.arn) ?? null;
    const owner = ownerValue(values, target.arn, ownerPrefill(target, fact)).trim();
    const tier = values.tierConfirmed && fact !== null ? fact.tier : null;
    const key = JSON.stringify([owner, tier]);
    const existing = calls.get(key);
    if (existing !== undefined) {
      existing.arns.push(target.arn);
      continue;
    }
    calls.set(key, {
      arns: [target.arn],
      patch: {
        status: 'registered',
        owner,
        ...(purpose !== '' ? { purpose } : {}),
        ...(dataScope !== '' ? { dataScope } : {}),
        ...(tier !== null ? { tierConfirmed: tier } : {}),
      },
      reason: null,
    });
  }
  return [...calls.values()];
}

/** The primary button says what happens. */
export function submitLabel(count: number): string {
  return count === 1 ? 'Register 1 agent' : `Register ${count.toLocaleString('en-GB')} agents`;
}
