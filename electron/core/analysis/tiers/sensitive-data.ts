/**
 * Names and tags that mark sensitive data (FINDINGS.md "Tiers"): pii, customer, payment, card,
 * health, phi, patient, ssn, finance. Matched as whole words of a resource name or ARN pattern
 * (`customer-support-tickets`, `payments-ledger`, `…-phi-feature-store`), so `graphite` or `cardinal`
 * do not count.
 */
const SENSITIVE_WORD = /(?:^|[^a-z0-9])(pii|customers?|payments?|cards?|cardholders?|health|phi|patients?|ssns?|finance|financial)(?=$|[^a-z0-9])/i;

/** The sensitive word in a text, or null. */
export function sensitiveWordIn(text: string): string | null {
  const match = SENSITIVE_WORD.exec(text);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Tag keys that classify data; their values are read for sensitive words and classification levels. */
const DATA_CLASS_KEY = /^(data[-_. ]?(class|classification|sensitivity|category|type)|classification|sensitivity|confidentiality|compliance)$/i;
const SENSITIVE_CLASS_VALUE = /(?:^|[^a-z])(confidential|restricted|sensitive|secret|regulated|hipaa|pci|gdpr)(?=$|[^a-z])/i;

/** A tag that marks the identity as handling sensitive data, e.g. `data-class=pii`. */
export function sensitiveDataTag(tags: Readonly<Record<string, string>>): { key: string; value: string } | null {
  for (const [key, value] of Object.entries(tags)) {
    if (!DATA_CLASS_KEY.test(key.trim())) continue;
    if (sensitiveWordIn(value) !== null || SENSITIVE_CLASS_VALUE.test(value)) return { key, value };
  }
  return null;
}

/** Tag keys that state a risk tier outright (`tier=1`, `risk-tier=T1`). */
const TIER_KEY = /^(tier|risk[-_ ]?tier|agent[-_ ]?tier|ai[-_ ]?tier)$/i;

export function tierFromTags(tags: Readonly<Record<string, string>>): { key: string; value: string; tier: 1 | 2 | 3 } | null {
  for (const [key, value] of Object.entries(tags)) {
    if (!TIER_KEY.test(key.trim())) continue;
    const match = /^(?:t|tier[-_ ]?)?([123])$/i.exec(value.trim());
    if (match?.[1] !== undefined) return { key, value, tier: Number(match[1]) as 1 | 2 | 3 };
  }
  return null;
}
