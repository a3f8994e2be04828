import { KNOWN_ACCOUNT_LABEL_MAX, KNOWN_ACCOUNTS_MAX, type KnownAccount } from '@shared/contract';

export interface KnownAccountDraft {
  accountId: string;
  label: string;
}

export type KnownAccountErrors = Partial<Record<keyof KnownAccountDraft, string>>;

/** What people paste: `1234 5678 9012`, `1234-5678-9012` (as the console shows it) → `123456789012`. */
export function normaliseAccountId(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The draft as the contract accepts it, or a message per field saying what to change. */
export function validateKnownAccount(
  draft: KnownAccountDraft,
  existing: readonly KnownAccount[],
): { ok: true; account: KnownAccount } | { ok: false; errors: KnownAccountErrors } {
  const errors: KnownAccountErrors = {};
  const accountId = normaliseAccountId(draft.accountId);
  const label = draft.label.trim();
  if (accountId === '') errors.accountId = 'Enter the 12-digit AWS account ID.';
  else if (!/^\d+$/.test(accountId)) errors.accountId = 'An AWS account ID has digits only, e.g. 123456789012.';
  else if (accountId.length !== 12) errors.accountId = `An AWS account ID is exactly 12 digits; this has ${accountId.length}.`;
  else {
    const listed = existing.find((account) => account.accountId === accountId);
    if (listed !== undefined) errors.accountId = `${accountId} is already listed as “${listed.label}”.`;
  }
  if (label === '') errors.label = 'Say whose account it is, e.g. “Vendor: Datadog”.';
  else if (label.length > KNOWN_ACCOUNT_LABEL_MAX) errors.label = `Use at most ${KNOWN_ACCOUNT_LABEL_MAX} characters (this has ${label.length}).`;
  if (errors.accountId === undefined && existing.length >= KNOWN_ACCOUNTS_MAX) {
    errors.accountId = `At most ${KNOWN_ACCOUNTS_MAX} accounts can be listed; remove one first.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, account: { accountId, label } };
}

