import { describe, expect, it } from 'vitest';
import { assignDroppedFiles, guessPurpose, misplacedHint, validateImport, type ImportFiles } from './import-model';

const file = (name: string): File => new File(['{}'], name);
const NONE: ImportFiles = { authorizationDetails: null, credentialReport: null };

describe('import', () => {
  it('guesses which export a file is from its name', () => {
    expect(guessPurpose('report.csv')).toBe('credential-report');
    expect(guessPurpose('credential-report.json')).toBe('credential-report');
    expect(guessPurpose('authz.json')).toBe('authorization-details');
  });

  it('a file dropped on a box goes in it; two files dropped together are sorted', () => {
    const one = assignDroppedFiles('credential-report', [file('authz.json')], NONE);
    expect(one.credentialReport?.source === 'file' && one.credentialReport.file.name).toBe('authz.json');
    expect(one.authorizationDetails).toBeNull();

    const both = assignDroppedFiles('authorization-details', [file('report.csv'), file('authz.json')], NONE);
    expect(both.authorizationDetails?.source === 'file' && both.authorizationDetails.file.name).toBe('authz.json');
    expect(both.credentialReport?.source === 'file' && both.credentialReport.file.name).toBe('report.csv');
  });

  it('warns about a CSV in the authorization-details box', () => {
    expect(misplacedHint('authorization-details', { source: 'path', path: '/tmp/report.csv' })).toMatch(/looks like a credential report/);
    expect(misplacedHint('credential-report', { source: 'path', path: '/tmp/report.csv' })).toBeNull();
  });

  it('needs the authorization details; an account ID is 12 digits if given', () => {
    const missing = validateImport(NONE, '12');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.errors.authorizationDetails).toMatch(/get-account-authorization-details/);
      expect(missing.errors.accountId).toMatch(/12 digits/);
    }
    expect(validateImport({ ...NONE, authorizationDetails: { source: 'path', path: '/a.json' } }, ' 1234-5678-9012 ')).toEqual({ ok: true, accountId: '123456789012' });
  });
});
