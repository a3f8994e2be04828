/**
 * Who made a CloudTrail event, as a person would name them, from the event record's `userIdentity`
 * (the `CloudTrailEvent` JSON string LookupEvents returns). Pure: no AWS calls.
 *
 * - An IAM user: the user's name (a person, or a person's long-term key).
 * - A role session (`AssumedRole`): the human behind it when the session shows one: the `sourceIdentity`
 *   (set when the role was assumed, kept along a chain of roles), else the session name when it names a
 *   person (an IAM Identity Center session is named by the user's sign-in, `alice@example.com`; a
 *   session name that is an e-mail address). The role is then `via`. Otherwise the role itself made
 *   it (a pipeline, a Lambda function, an instance): `createdBy` is the role's name.
 * - A federated user (GetFederationToken): the federated name, via the IAM user that federated it.
 * - An AWS service (`AWSService`, or `invokedBy` with no principal of its own): the service's name.
 * - The root user: "root".
 *
 * Every string here is whatever AWS recorded, including names a user chose (session names, user
 * names): kept as data; the screens and the CLI show them as text.
 */
import type { JsonValue } from '../../../discovery/facts';

export interface EventPrincipal {
  createdBy: string;
  createdByArn: string | null;
  person: boolean;
  via: string | null;
  identityType: string | null;
  sessionName: string | null;
  invokedBy: string | null;
}

type JsonRecord = { [key: string]: JsonValue };

function record(value: JsonValue | undefined): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The last part of an ARN's resource (`…:assumed-role/Role/session` → `session`). */
function lastSegment(arn: string | null): string | null {
  if (arn === null) return null;
  const slash = arn.lastIndexOf('/');
  return slash >= 0 && slash < arn.length - 1 ? arn.slice(slash + 1) : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** IAM Identity Center's roles (`AWSReservedSSO_<permission set>_<hex>`): their sessions are named by the person. */
const SSO_ROLE = /^AWSReservedSSO_/;

/** Whether a role session's name names a person: an e-mail address, or any name under an Identity Center role. */
export function sessionNamesPerson(sessionName: string, roleName: string | null): boolean {
  return EMAIL.test(sessionName) || (roleName !== null && SSO_ROLE.test(roleName));
}

/** The principal of a CloudTrail event record (its parsed JSON); null when it names none. */
export function eventPrincipal(event: JsonValue): EventPrincipal | null {
  const identity = record(record(event)?.['userIdentity']);
  if (identity === null) return null;
  const type = text(identity['type']);
  const arn = text(identity['arn']);
  const invokedBy = text(identity['invokedBy']);
  const session = record(identity['sessionContext']);
  const issuer = record(session?.['sessionIssuer']);
  const issuerName = text(issuer?.['userName']);
  const issuerArn = text(issuer?.['arn']);
  const sourceIdentity = text(session?.['sourceIdentity']) ?? text(identity['sourceIdentity']);
  const base = { identityType: type, invokedBy, sessionName: null };

  switch (type) {
    case 'IAMUser': {
      const name = text(identity['userName']) ?? lastSegment(arn) ?? text(identity['principalId']);
      if (name === null) break;
      return { ...base, createdBy: name, createdByArn: arn, person: true, via: null };
    }
    case 'Root':
      return { ...base, createdBy: 'root', createdByArn: arn, person: true, via: null };
    case 'AssumedRole': {
      // principalId is `AROA…:<session name>`; the ARN ends with it too.
      const principalId = text(identity['principalId']);
      const colon = principalId?.indexOf(':') ?? -1;
      const sessionName = (principalId !== null && colon >= 0 ? text(principalId.slice(colon + 1)) : null) ?? lastSegment(arn);
      const roleName = issuerName ?? (arn !== null ? (arn.split('/').at(-2) ?? null) : null);
      const withSession = { ...base, sessionName, createdByArn: issuerArn ?? arn };
      if (sourceIdentity !== null) return { ...withSession, createdBy: sourceIdentity, person: true, via: roleName };
      if (sessionName !== null && sessionNamesPerson(sessionName, roleName)) return { ...withSession, createdBy: sessionName, person: true, via: roleName };
      if (roleName !== null) return { ...withSession, createdBy: roleName, person: false, via: null };
      break;
    }
    case 'FederatedUser': {
      const name = lastSegment(arn) ?? text(identity['principalId']);
      if (name === null) break;
      return { ...base, createdBy: name, createdByArn: arn, person: true, via: issuerName };
    }
    case 'AWSService':
      return { ...base, createdBy: invokedBy ?? 'an AWS service', createdByArn: null, person: false, via: null };
    default:
      break;
  }
  // IdentityCenterUser, SAMLUser, WebIdentityUser, AWSAccount, Unknown: the most specific name given.
  const name = text(identity['userName']) ?? sourceIdentity ?? lastSegment(arn) ?? text(identity['principalId']) ?? text(identity['accountId']) ?? invokedBy;
  if (name === null) return null;
  const person = type === 'IdentityCenterUser' || type === 'SAMLUser' || sourceIdentity !== null;
  return { ...base, createdBy: name, createdByArn: arn, person, via: issuerName };
}
