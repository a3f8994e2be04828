import { describe, expect, it } from 'vitest';
import { splitTokenFragment } from './token-fragment';

describe('token fragment', () => {
  it('splits the token from the route after it', () => {
    expect(splitTokenFragment('#token=abcdef0123456789&/settings')).toEqual({ token: 'abcdef0123456789', rest: '/settings' });
    expect(splitTokenFragment('#token=abcdef0123456789')).toEqual({ token: 'abcdef0123456789', rest: '' });
    expect(splitTokenFragment('#/connections')).toEqual({ token: null, rest: '/connections' });
  });

  it('ignores tokens that are not plain URL-safe text', () => {
    expect(splitTokenFragment('#token=short').token).toBeNull();
    expect(splitTokenFragment('#token=abc%0Adef0123456789').token).toBeNull();
    expect(splitTokenFragment('#token=%E0%A4%A').token).toBeNull();
  });
});
