import { describe, expect, it } from 'vitest';
import { ESCALATION_ACTIONS } from '@core/analysis/escalation/techniques';
import { getActionCatalogue } from '@core/analysis/iam-policy';

describe('the techniques against the action catalogue', () => {
  it('name only actions the catalogue knows (an unknown name would never be allowed, so never fire)', () => {
    const catalogue = getActionCatalogue();
    expect(ESCALATION_ACTIONS.filter((action) => catalogue.indexOf(action) < 0)).toEqual([]);
  });
});
