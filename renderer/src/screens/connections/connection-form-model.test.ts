import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, parseRegions, validateConnectionForm } from './connection-form-model';

describe('connection form', () => {
  it('regions: unique, lower-cased, any separator; the rest reported', () => {
    expect(parseRegions(' EU-west-1, us-east-1;eu-west-1\nap-southeast-2 ')).toEqual({
      regions: ['eu-west-1', 'us-east-1', 'ap-southeast-2'],
      invalid: [],
    });
    expect(parseRegions('eu-west-1, europe, us-east')).toEqual({ regions: ['eu-west-1'], invalid: ['europe', 'us-east'] });
  });

  it('a valid form becomes the contract input, trimmed, with nulls for empty optionals', () => {
    const result = validateConnectionForm({ ...EMPTY_FORM, name: '  Prod ', profile: 'prod', regions: 'eu-west-1' }, []);
    expect(result).toEqual({ ok: true, input: { name: 'Prod', profile: 'prod', roleArn: null, externalId: null, regions: ['eu-west-1'] } });
  });

  it('every rule has a message that says how to fix it', () => {
    const result = validateConnectionForm(
      { name: 'prod', profile: '', roleArn: 'arn:aws:iam::12:role/x', externalId: 'e', regions: 'moon-1' },
      ['Prod'],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toMatch(/already called/);
    expect(result.errors.profile).toMatch(/Choose/);
    expect(result.errors.roleArn).toMatch(/arn:aws:iam::123456789012:role\//);
    expect(result.errors.externalId).toMatch(/2 to 1224/);
    expect(result.errors.regions).toMatch(/“moon-1” is not a region code/);

    const noRole = validateConnectionForm({ ...EMPTY_FORM, name: 'a', profile: 'p', externalId: 'abc' }, []);
    expect(noRole.ok === false && noRole.errors.externalId).toMatch(/only used together with a role/);
  });
});
