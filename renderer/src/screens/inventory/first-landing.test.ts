import { describe, expect, it } from 'vitest';
import { isDefaultLanding } from './first-landing';

describe('first landing', () => {
  it('is the plain address, with or without the session token', () => {
    for (const hash of ['', '#', '#/', '#token=abcdefgh12345678', '#token=abcdefgh12345678&/']) expect(isDefaultLanding(hash), hash).toBe(true);
  });

  it('is not an address that names a route: a bookmark, a link, a reload', () => {
    for (const hash of ['#/inventory', '#/inventory?q=ci', '#/settings', '#/agents/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx', '#token=abcdefgh12345678&/settings', '#token=abcdefgh12345678&/inventory']) {
      expect(isDefaultLanding(hash), hash).toBe(false);
    }
  });
});
