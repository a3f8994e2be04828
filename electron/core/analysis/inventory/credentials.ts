/** A user's long-lived credentials, as the credential report and ListServiceSpecificCredentials show them. */
import type { CredentialReportRow, ServiceSpecificCredentialFacts } from '../../discovery/facts';
import type { InventoryCredential, ServiceSpecificCredential } from './types';

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `nowMs`; null without a date. Never negative (a clock behind AWS's). */
export function ageInDays(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((nowMs - at) / DAY_MS));
}

/** The later of two ISO timestamps (null counts as never). */
export function latestOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The credentials in a credential report row. An empty key slot reads `active: false` with no
 * rotation date; it is left out, since there is no key in it. An inactive key that exists (it has a
 * date) is kept: it can be re-activated.
 */
export function reportCredentials(row: CredentialReportRow, nowMs: number): InventoryCredential[] {
  const credentials: InventoryCredential[] = [
    {
      type: 'console-password',
      enabled: row.passwordEnabled === true,
      lastUsedAt: row.passwordLastUsed,
      lastChangedAt: row.passwordLastChanged,
      mfaActive: row.mfaActive,
    },
  ];
  for (const key of row.accessKeys) {
    if (!key.active && key.lastRotated === null) continue;
    credentials.push({
      type: 'access-key',
      slot: key.slot,
      active: key.active,
      lastRotated: key.lastRotated,
      ageDays: ageInDays(key.lastRotated, nowMs),
      lastUsedAt: key.lastUsedDate,
      lastUsedService: key.lastUsedService,
      lastUsedRegion: key.lastUsedRegion,
    });
  }
  for (const certificate of row.certificates) {
    if (!certificate.active && certificate.lastRotated === null) continue;
    credentials.push({
      type: 'signing-certificate',
      slot: certificate.slot,
      active: certificate.active,
      lastRotated: certificate.lastRotated,
      ageDays: ageInDays(certificate.lastRotated, nowMs),
    });
  }
  return credentials;
}

/** The latest use of a password or access key in a report row. */
export function reportLastUsed(row: CredentialReportRow): string | null {
  let latest = row.passwordLastUsed;
  for (const key of row.accessKeys) latest = latestOf(latest, key.lastUsedDate);
  return latest;
}

export function isBedrockCredential(credential: ServiceSpecificCredentialFacts): boolean {
  return credential.serviceName.toLowerCase() === 'bedrock.amazonaws.com';
}

export function serviceCredential(credential: ServiceSpecificCredentialFacts, nowMs: number): ServiceSpecificCredential {
  const expired = credential.expiresAt !== null && Date.parse(credential.expiresAt) <= nowMs;
  return {
    type: isBedrockCredential(credential) ? 'bedrock-api-key' : 'service-specific-credential',
    id: credential.id,
    serviceName: credential.serviceName,
    serviceUserName: credential.serviceUserName,
    status: credential.status,
    active: credential.status.toLowerCase() === 'active' && !expired,
    createdAt: credential.createdAt,
    expiresAt: credential.expiresAt,
    ageDays: ageInDays(credential.createdAt, nowMs),
  };
}
