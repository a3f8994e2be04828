import { describe, expect, it } from 'vitest';
import type { Connection } from '@shared/contract';
import { initialTarget, parseTargetValue, regionsFor, targetValue, validateNewScan, type NewScanValues } from './new-scan-model';
import { parseScansRoute } from './scans-route';

const BASE: NewScanValues = {
  target: { kind: 'connection', connectionId: 'c1' },
  typedProfile: '',
  roleArn: '',
  externalId: '',
  regionMode: 'listed',
  regions: 'eu-west-1, us-east-1',
  organization: false,
  memberRoleName: '',
};

const CONNECTION: Connection = {
  id: 'c1',
  name: 'Prod',
  profile: 'prod',
  roleArn: null,
  externalId: null,
  regions: ['eu-west-1', 'eu-central-1'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastTest: null,
  schedule: { kind: 'off' },
  lastRun: null,
  nextRunAt: null,
};

describe('new scan', () => {
  it('a connection with listed regions becomes a scans:start request', () => {
    expect(validateNewScan(BASE, { typedProfileField: false })).toEqual({
      ok: true,
      request: { target: { connectionId: 'c1' }, regions: ['eu-west-1', 'us-east-1'], allRegions: false, organization: null },
    });
  });

  it('every enabled region, a profile with a role, and the organisation through a member role', () => {
    const result = validateNewScan(
      {
        ...BASE,
        target: { kind: 'profile', name: 'dev' },
        roleArn: 'arn:aws:iam::123456789012:role/Audit',
        externalId: 'acme-1',
        regionMode: 'all',
        regions: 'not checked when scanning every region',
        organization: true,
        memberRoleName: ' WardenReadOnly ',
      },
      { typedProfileField: false },
    );
    expect(result).toEqual({
      ok: true,
      request: {
        target: { profile: 'dev', roleArn: 'arn:aws:iam::123456789012:role/Audit', externalId: 'acme-1' },
        regions: [],
        allRegions: true,
        organization: { memberRoleName: 'WardenReadOnly' },
      },
    });
  });

  it('says how to fix each problem', () => {
    const result = validateNewScan(
      { ...BASE, target: { kind: 'none' }, regions: 'eu-west-1, narnia-1', organization: true, memberRoleName: 'arn:aws:iam::1:role/x' },
      { typedProfileField: false },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.target).toMatch(/Choose a saved connection or a profile/);
    expect(result.errors.regions).toMatch(/“narnia-1” is not a region code/);
    expect(result.errors.memberRoleName).toMatch(/not an ARN/);

    const tooMany = Array.from({ length: 41 }, (_, i) => `eu-west-${i + 1}`).join(',');
    const many = validateNewScan({ ...BASE, regions: tooMany }, { typedProfileField: false });
    expect(many.ok ? null : many.errors.regions).toMatch(/at most 40/);
  });

  it('a typed profile name, or none for the default credential chain', () => {
    const typed = validateNewScan({ ...BASE, target: { kind: 'none' }, typedProfile: ' ops ' }, { typedProfileField: true });
    expect(typed.ok && typed.request.target).toEqual({ profile: 'ops', roleArn: null, externalId: null });
    const chain = validateNewScan({ ...BASE, target: { kind: 'none' } }, { typedProfileField: true });
    expect(chain.ok && chain.request.target).toEqual({ profile: null, roleArn: null, externalId: null });
  });

  it('prefills regions and the target; select values round-trip', () => {
    expect(regionsFor({ kind: 'connection', connectionId: 'c1' }, [CONNECTION], [])).toBe('eu-west-1, eu-central-1');
    expect(initialTarget(null, [CONNECTION])).toEqual({ kind: 'connection', connectionId: 'c1' });
    expect(initialTarget('gone', [CONNECTION, { ...CONNECTION, id: 'c2' }])).toEqual({ kind: 'none' });
    for (const choice of [{ kind: 'connection', connectionId: 'a:b' }, { kind: 'profile', name: 'x' }, { kind: 'default' }, { kind: 'none' }] as const) {
      expect(parseTargetValue(targetValue(choice))).toEqual(choice);
    }
  });

  it('routes: history, new scan (for a connection), one scan', () => {
    expect(parseScansRoute('/scans')).toEqual({ view: 'history', newScan: null });
    expect(parseScansRoute('/scans/new')).toEqual({ view: 'history', newScan: { connectionId: null } });
    expect(parseScansRoute('/scans/new/c%201')).toEqual({ view: 'history', newScan: { connectionId: 'c 1' } });
    expect(parseScansRoute('/scans/0b9e-1')).toEqual({ view: 'detail', scanId: '0b9e-1' });
    expect(parseScansRoute('/scans/%E0%A4')).toEqual({ view: 'history', newScan: null });
  });
});
