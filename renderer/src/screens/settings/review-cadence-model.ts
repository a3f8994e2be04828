import { DEFAULT_REVIEW_CADENCE, type ReviewCadence } from '@shared/contract';

export type CadenceField = keyof ReviewCadence;
export type CadenceValues = Record<CadenceField, string>;
export type CadenceErrors = Partial<Record<CadenceField, string>>;

const MIN = 1;
const MAX = 3650;

/** The three tiers in order, with what each cadence means. */
export const CADENCE_FIELDS: readonly { field: CadenceField; label: string; hint: string }[] = [
  { field: 'tier1Days', label: 'Tier 1', hint: 'Sensitive data or high-impact actions. Default: every 30 days (monthly).' },
  { field: 'tier2Days', label: 'Tier 2', hint: 'Internal data. Default: every 90 days (quarterly).' },
  { field: 'tier3Days', label: 'Tier 3', hint: 'Sandboxed, low risk. Default: every 182 days (twice a year).' },
];

/** The form's values: the team's cadence, or the defaults in force when it has set none. */
export function cadenceValues(cadence: ReviewCadence | null): CadenceValues {
  const shown = cadence ?? DEFAULT_REVIEW_CADENCE;
  return { tier1Days: String(shown.tier1Days), tier2Days: String(shown.tier2Days), tier3Days: String(shown.tier3Days) };
}

/** Whole days from 1 to 3650 per tier; the message says the range. */
export function validateCadence(values: CadenceValues): { ok: true; cadence: ReviewCadence } | { ok: false; errors: CadenceErrors } {
  const errors: CadenceErrors = {};
  const numbers: Partial<Record<CadenceField, number>> = {};
  for (const { field, label } of CADENCE_FIELDS) {
    const text = values[field].trim();
    const value = Number(text);
    if (text === '') errors[field] = `Enter a number of days for ${label}.`;
    else if (!/^\d+$/.test(text)) errors[field] = 'Use whole days, e.g. 90.';
    else if (value < MIN || value > MAX) errors[field] = `Use a value from ${MIN} to ${MAX} days.`;
    else numbers[field] = value;
  }
  if (Object.keys(errors).length > 0 || numbers.tier1Days === undefined || numbers.tier2Days === undefined || numbers.tier3Days === undefined) return { ok: false, errors };
  return { ok: true, cadence: { tier1Days: numbers.tier1Days, tier2Days: numbers.tier2Days, tier3Days: numbers.tier3Days } };
}

export function isDefaultCadence(values: CadenceValues): boolean {
  const defaults = cadenceValues(null);
  return CADENCE_FIELDS.every(({ field }) => values[field].trim() === defaults[field]);
}
