import { describe, expect, it } from 'vitest';
import { cadenceValues, isDefaultCadence, validateCadence } from './review-cadence-model';

describe('review cadence form', () => {
  it('shows the defaults 30 / 90 / 182 while the team has set none, else its own', () => {
    expect(cadenceValues(null)).toEqual({ tier1Days: '30', tier2Days: '90', tier3Days: '182' });
    expect(cadenceValues({ tier1Days: 14, tier2Days: 60, tier3Days: 365 })).toEqual({ tier1Days: '14', tier2Days: '60', tier3Days: '365' });
    expect(isDefaultCadence(cadenceValues(null))).toBe(true);
    expect(isDefaultCadence({ tier1Days: '14', tier2Days: '90', tier3Days: '182' })).toBe(false);
  });

  it('takes whole days from 1 to 3650 and says the range otherwise', () => {
    expect(validateCadence({ tier1Days: ' 14 ', tier2Days: '60', tier3Days: '365' })).toEqual({ ok: true, cadence: { tier1Days: 14, tier2Days: 60, tier3Days: 365 } });
    const refused = validateCadence({ tier1Days: '0', tier2Days: '1.5', tier3Days: '' });
    expect(refused).toEqual({
      ok: false,
      errors: { tier1Days: 'Use a value from 1 to 3650 days.', tier2Days: 'Use whole days, e.g. 90.', tier3Days: 'Enter a number of days for Tier 3.' },
    });
  });
});
