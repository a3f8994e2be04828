import { profileNameSchema, externalIdSchema, roleArnSchema, type AwsProfile, type Connection, type ScanRequest } from '@shared/contract';
import { parseRegions, regionsProblem } from '../../lib/regions';

/** The scanner's own credentials: a saved connection, a profile, or the SDK's default chain. */
export type ScanTargetChoice = { kind: 'connection'; connectionId: string } | { kind: 'profile'; name: string } | { kind: 'default' } | { kind: 'none' };

export const DEFAULT_CHAIN = 'default-chain';

/** A `<select>` value for a choice, and back. */
export function targetValue(choice: ScanTargetChoice): string {
  switch (choice.kind) {
    case 'connection':
      return `connection:${choice.connectionId}`;
    case 'profile':
      return `profile:${choice.name}`;
    case 'default':
      return DEFAULT_CHAIN;
    case 'none':
      return '';
  }
}

export function parseTargetValue(value: string): ScanTargetChoice {
  if (value.startsWith('connection:')) return { kind: 'connection', connectionId: value.slice('connection:'.length) };
  if (value.startsWith('profile:')) return { kind: 'profile', name: value.slice('profile:'.length) };
  if (value === DEFAULT_CHAIN) return { kind: 'default' };
  return { kind: 'none' };
}

export interface NewScanValues {
  target: ScanTargetChoice;
  /** A profile typed by hand (when none could be listed). */
  typedProfile: string;
  roleArn: string;
  externalId: string;
  regionMode: 'listed' | 'all';
  regions: string;
  organization: boolean;
  memberRoleName: string;
}

export type NewScanField = 'target' | 'roleArn' | 'externalId' | 'regions' | 'memberRoleName';
export type NewScanErrors = Partial<Record<NewScanField, string>>;
export const NEW_SCAN_FIELD_ORDER: readonly NewScanField[] = ['target', 'roleArn', 'externalId', 'regions', 'memberRoleName'];

const MEMBER_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The regions to prefill for a target: the connection's list, or the profile's own region. */
export function regionsFor(target: ScanTargetChoice, connections: readonly Connection[], profiles: readonly AwsProfile[]): string {
  if (target.kind === 'connection') return connections.find((c) => c.id === target.connectionId)?.regions.join(', ') ?? '';
  if (target.kind === 'profile') return profiles.find((p) => p.name === target.name)?.region ?? '';
  return '';
}

/** The first choice to offer: the given connection, else the only connection, else nothing chosen. */
export function initialTarget(connectionId: string | null, connections: readonly Connection[]): ScanTargetChoice {
  if (connectionId !== null && connections.some((c) => c.id === connectionId)) return { kind: 'connection', connectionId };
  const only = connections.length === 1 ? connections[0] : undefined;
  return only !== undefined ? { kind: 'connection', connectionId: only.id } : { kind: 'none' };
}

/** What `scans:start` names the job (the back end's own wording, so the panel does not flicker). */
export function scanTitle(target: ScanTargetChoice, connections: readonly Connection[], typedProfile: string): string {
  if (target.kind === 'connection') return `Scan ${connections.find((c) => c.id === target.connectionId)?.name ?? 'connection'}`;
  if (target.kind === 'profile') return `Scan ${target.name}`;
  if (typedProfile.trim() !== '') return `Scan ${typedProfile.trim()}`;
  return 'Scan default credentials';
}

/** Check the form; on success, the contract request. Messages say how to fix, not only what is wrong. */
export function validateNewScan(
  values: NewScanValues,
  options: { typedProfileField: boolean },
): { ok: true; request: ScanRequest } | { ok: false; errors: NewScanErrors } {
  const errors: NewScanErrors = {};
  let target: ScanRequest['target'] | null = null;
  const roleArn = values.roleArn.trim();
  const externalId = values.externalId.trim();
  const usesProfile = values.target.kind === 'profile' || values.target.kind === 'default' || options.typedProfileField;

  if (options.typedProfileField) {
    const profile = values.typedProfile.trim();
    if (profile !== '' && !profileNameSchema.safeParse(profile).success) errors.target = 'Profile names are at most 256 characters.';
    else target = { profile: profile === '' ? null : profile, roleArn: null, externalId: null };
  } else if (values.target.kind === 'connection') target = { connectionId: values.target.connectionId };
  else if (values.target.kind === 'profile') target = { profile: values.target.name, roleArn: null, externalId: null };
  else if (values.target.kind === 'default') target = { profile: null, roleArn: null, externalId: null };
  else errors.target = 'Choose a saved connection or a profile to scan with.';

  if (usesProfile && target !== null && 'profile' in target) {
    if (roleArn !== '' && !roleArnSchema.safeParse(roleArn).success)
      errors.roleArn = 'Enter a role ARN such as arn:aws:iam::123456789012:role/WardenReadOnly, or leave it empty.';
    if (externalId !== '') {
      if (roleArn === '') errors.externalId = 'An external ID is only used together with a role to assume.';
      else if (!externalIdSchema.safeParse(externalId).success) errors.externalId = 'Use 2 to 1224 letters, digits or the characters + = , . @ : / - _';
    }
    target = { ...target, roleArn: roleArn === '' ? null : roleArn, externalId: externalId === '' ? null : externalId };
  }

  let regions: string[] = [];
  if (values.regionMode === 'listed') {
    const parsed = parseRegions(values.regions);
    const problem = regionsProblem(parsed);
    if (problem !== null) errors.regions = problem;
    regions = parsed.regions;
  }

  const memberRoleName = values.memberRoleName.trim();
  if (values.organization) {
    if (memberRoleName === '') errors.memberRoleName = 'Name the read-only role that exists in every member account, e.g. WardenReadOnly.';
    else if (!MEMBER_ROLE_NAME.test(memberRoleName))
      errors.memberRoleName = 'A role name, not an ARN: up to 64 letters, digits or + = , . @ - _ (e.g. WardenReadOnly).';
  }

  if (Object.keys(errors).length > 0 || target === null) return { ok: false, errors };
  return {
    ok: true,
    request: {
      target,
      regions,
      allRegions: values.regionMode === 'all',
      organization: values.organization ? { memberRoleName } : null,
    },
  };
}
