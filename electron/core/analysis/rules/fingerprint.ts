/**
 * The lifecycle key of a finding: the same rule on the same resource gives the same fingerprint in
 * every scan, so "new", "resolved", "regressed" and accepted risks follow the thing, not the scan.
 * Only stable names go in (never dates, severities or evidence, which change while the problem stays).
 */
import { hash } from 'node:crypto';

/**
 * sha256 hex of the rule, the resource and an optional discriminator (for a resource that can break
 * one rule in several ways, e.g. a policy's two wildcard services or one agent's two functions).
 */
export function findingFingerprint(ruleId: string, resourceArn: string, discriminator: string | null = null): string {
  // NUL separators: no ARN or rule ID contains one, so ("a", "b:c") and ("a:b", "c") never collide.
  const text = discriminator === null ? `${ruleId}\u0000${resourceArn}` : `${ruleId}\u0000${resourceArn}\u0000${discriminator}`;
  // One-shot (no Hash object): a 10,000-principal account makes ~37,000 of these per analysis.
  return hash('sha256', text, 'hex');
}
