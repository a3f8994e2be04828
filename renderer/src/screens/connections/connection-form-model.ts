import {
  connectionNameSchema,
  externalIdSchema,
  profileNameSchema,
  roleArnSchema,
  type Connection,
  type ConnectionInput,
} from '@shared/contract';
import { parseRegions, regionsProblem } from '../../lib/regions';

export { parseRegions };

/** What the add/edit form holds: plain strings, as typed. */
export interface ConnectionFormValues {
  name: string;
  profile: string;
  roleArn: string;
  externalId: string;
  regions: string;
}

export type ConnectionFormField = keyof ConnectionFormValues;
export type ConnectionFormErrors = Partial<Record<ConnectionFormField, string>>;

export const EMPTY_FORM: ConnectionFormValues = { name: '', profile: '', roleArn: '', externalId: '', regions: '' };

export function formValuesFromConnection(connection: Connection): ConnectionFormValues {
  return {
    name: connection.name,
    profile: connection.profile,
    roleArn: connection.roleArn ?? '',
    externalId: connection.externalId ?? '',
    regions: connection.regions.join(', '),
  };
}

/** Check the form; on success, the contract input to send. Messages say how to fix, not just what is wrong. */
export function validateConnectionForm(
  values: ConnectionFormValues,
  existingNames: readonly string[],
): { ok: true; input: ConnectionInput & { regions: string[] } } | { ok: false; errors: ConnectionFormErrors } {
  const errors: ConnectionFormErrors = {};
  const name = values.name.trim();
  const profile = values.profile.trim();
  const roleArn = values.roleArn.trim();
  const externalId = values.externalId.trim();

  if (name === '') errors.name = 'Give the connection a name, e.g. the account it reaches (“Production”).';
  else if (!connectionNameSchema.safeParse(name).success) errors.name = 'Use at most 80 characters.';
  else if (existingNames.some((other) => other.toLowerCase() === name.toLowerCase()))
    errors.name = `Another connection is already called “${name}”.`;

  if (profile === '') errors.profile = 'Choose the AWS profile to use.';
  else if (!profileNameSchema.safeParse(profile).success) errors.profile = 'Profile names are at most 256 characters.';

  if (roleArn !== '' && !roleArnSchema.safeParse(roleArn).success)
    errors.roleArn = 'Enter a role ARN such as arn:aws:iam::123456789012:role/WardenReadOnly, or leave it empty.';

  if (externalId !== '') {
    if (roleArn === '') errors.externalId = 'An external ID is only used together with a role to assume.';
    else if (!externalIdSchema.safeParse(externalId).success)
      errors.externalId = 'Use 2 to 1224 letters, digits or the characters + = , . @ : / - _';
  }

  const parsedRegions = parseRegions(values.regions);
  const regions = parsedRegions.regions;
  const regionError = regionsProblem(parsedRegions);
  if (regionError !== null) errors.regions = regionError;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      profile,
      roleArn: roleArn === '' ? null : roleArn,
      externalId: externalId === '' ? null : externalId,
      regions,
    },
  };
}

/** The order the fields appear in, to focus the first one that needs attention. */
export const FIELD_ORDER: readonly ConnectionFormField[] = ['name', 'profile', 'roleArn', 'externalId', 'regions'];
