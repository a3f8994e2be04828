import { thresholdsSchema, type Thresholds } from '@shared/contract';

export type ThresholdField = keyof Thresholds;
export type ThresholdValues = Record<ThresholdField, string>;
export type ThresholdErrors = Partial<Record<ThresholdField, string>>;

/** The four thresholds in the order the form shows them, with words for each. */
export const THRESHOLD_FIELDS: readonly { field: ThresholdField; label: string; hint: string; min: number; max: number }[] = [
  {
    field: 'keyRotationDays',
    label: 'Access key rotation',
    hint: 'An access key older than this is reported as not rotated.',
    min: 1,
    max: 3650,
  },
  {
    field: 'keyUnusedDays',
    label: 'Unused access key',
    hint: 'An access key not used for this long is reported as unused.',
    min: 1,
    max: 3650,
  },
  {
    field: 'keyGraceDays',
    label: 'Grace period for new keys',
    hint: 'A key that was never used is not called unused until it is this old.',
    min: 0,
    max: 365,
  },
  {
    field: 'roleUnusedDays',
    label: 'Unused role',
    hint: 'A role not used for this long is reported as an unused identity.',
    min: 1,
    max: 3650,
  },
];

export function thresholdValues(thresholds: Thresholds): ThresholdValues {
  return {
    keyRotationDays: String(thresholds.keyRotationDays),
    keyUnusedDays: String(thresholds.keyUnusedDays),
    keyGraceDays: String(thresholds.keyGraceDays),
    roleUnusedDays: String(thresholds.roleUnusedDays),
  };
}

/** Whole days within each field's range; the message says the range. */
export function validateThresholds(values: ThresholdValues): { ok: true; thresholds: Thresholds } | { ok: false; errors: ThresholdErrors } {
  const errors: ThresholdErrors = {};
  const numbers: Partial<Record<ThresholdField, number>> = {};
  for (const { field, label, min, max } of THRESHOLD_FIELDS) {
    const text = values[field].trim();
    const value = Number(text);
    if (text === '') errors[field] = `Enter a number of days for “${label}”.`;
    else if (!/^\d+$/.test(text) || !Number.isInteger(value)) errors[field] = 'Use whole days, e.g. 90.';
    else if (value < min || value > max) errors[field] = `Use a value from ${min} to ${max} days.`;
    else numbers[field] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = thresholdsSchema.safeParse(numbers);
  return parsed.success ? { ok: true, thresholds: parsed.data } : { ok: false, errors: { keyRotationDays: 'These values are not accepted.' } };
}
