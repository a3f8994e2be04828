/**
 * The posture score (issue 11): one number, 0–100, for "are our agents under control?", computed
 * from the findings so anyone can recompute it (docs/overview.md and the Overview's "How is this
 * computed?" say the same).
 *
 * Each identity in scope (every non-human identity the inventory lists, service-linked roles
 * excluded) weighs by its tier: Tier 1 counts 3, Tier 2 counts 2, Tier 3 counts 1. Its health is set
 * by its most severe OPEN finding (new, open or regressed): none or only low/info → 1, medium → 0.8,
 * high → 0.4, critical → 0. The score is the weighted mean of the health, times 100, rounded.
 * Accepted risks do not lower it (the team decided them, with an expiry); they are counted apart so
 * the figure never hides them. An empty scope scores 100 with nothing to say.
 */
import type { SeverityName } from '@shared/contract';

export type PostureTier = 1 | 2 | 3;

/** Weight of an identity of each tier. */
export const TIER_WEIGHT: Readonly<Record<PostureTier, number>> = { 1: 3, 2: 2, 3: 1 };

/** Health of an identity whose most severe open finding has this severity. */
export const SEVERITY_HEALTH: Readonly<Record<SeverityName, number>> = { critical: 0, high: 0.4, medium: 0.8, low: 1, info: 1 };

/** The formula in words, as the screen and the CLI print it. */
export const POSTURE_FORMULA =
  'Each identity weighs 3 (Tier 1), 2 (Tier 2) or 1 (Tier 3). Its health is set by its most severe open finding: ' +
  'critical 0, high 0.4, medium 0.8, low, info or none 1. Score = 100 × Σ(weight × health) ÷ Σ(weight), rounded. ' +
  'Accepted risks do not lower it and are counted apart; service-linked roles are left out.';

export interface PostureIdentity {
  arn: string;
  tier: PostureTier;
}

/** A finding as the score reads it: whose it is, how severe, and whether it is still open. */
export interface PostureFinding {
  principalArn: string | null;
  severity: SeverityName;
  status: 'new' | 'open' | 'regressed' | 'accepted' | 'resolved';
}

export interface PostureScore {
  /** 0–100. */
  value: number;
  /** Identities scored, and how many of them carry an open critical or high finding. */
  identities: number;
  atRisk: number;
  /** Open findings on identities in scope, and accepted ones (counted apart). */
  openFindings: number;
  acceptedFindings: number;
}

const SEVERITY_RANK: Readonly<Record<SeverityName, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function isOpen(status: PostureFinding['status']): boolean {
  return status === 'new' || status === 'open' || status === 'regressed';
}

/** The score of a set of identities and their findings (findings on identities outside it are ignored). */
export function postureScore(identities: readonly PostureIdentity[], findings: readonly PostureFinding[]): PostureScore {
  const worst = new Map<string, SeverityName>();
  const inScope = new Set(identities.map((identity) => identity.arn));
  let openFindings = 0;
  let acceptedFindings = 0;
  for (const finding of findings) {
    if (finding.principalArn === null || !inScope.has(finding.principalArn)) continue;
    if (finding.status === 'accepted') acceptedFindings += 1;
    if (!isOpen(finding.status)) continue;
    openFindings += 1;
    const before = worst.get(finding.principalArn);
    if (before === undefined || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[before]) worst.set(finding.principalArn, finding.severity);
  }
  let weighted = 0;
  let total = 0;
  let atRisk = 0;
  for (const identity of identities) {
    const weight = TIER_WEIGHT[identity.tier];
    const severity = worst.get(identity.arn);
    const health = severity === undefined ? 1 : SEVERITY_HEALTH[severity];
    if (severity === 'critical' || severity === 'high') atRisk += 1;
    weighted += weight * health;
    total += weight;
  }
  return {
    value: total === 0 ? 100 : Math.round((100 * weighted) / total),
    identities: identities.length,
    atRisk,
    openFindings,
    acceptedFindings,
  };
}
