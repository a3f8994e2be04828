/**
 * Scores escalation findings against the BishopFox iam-vulnerable lab's stated intent, where names
 * encode it: `privesc*` can escalate (true positives), `fp*` look risky but cannot (false-positive
 * traps), `fn*` can but are easy to miss (false-negative traps). Only users and roles are scored:
 * the lab's groups are attack targets, not actors.
 */

export type LabIntent = 'true-positive' | 'false-positive-trap' | 'false-negative-trap';

export interface LabPrincipal {
  arn: string;
  name: string;
}

export interface LabTally {
  total: number;
  /** Names flagged (escalating), sorted. */
  flagged: string[];
  /** Names not flagged, sorted. */
  notFlagged: string[];
}

export interface LabScore {
  truePositives: LabTally;
  falsePositiveTraps: LabTally;
  falseNegativeTraps: LabTally;
}

/** The lab's intent for a principal name, or null for principals outside the lab (SSO, QuickSetup…). */
export function labIntentOf(name: string): LabIntent | null {
  if (name.startsWith('privesc')) return 'true-positive';
  if (/^fp\d/.test(name)) return 'false-positive-trap';
  if (/^fn\d/.test(name)) return 'false-negative-trap';
  return null;
}

function tally(principals: readonly LabPrincipal[], flagged: (arn: string) => boolean): LabTally {
  const sorted = [...principals].sort((a, b) => a.name.localeCompare(b.name));
  return {
    total: sorted.length,
    flagged: sorted.filter((p) => flagged(p.arn)).map((p) => p.name),
    notFlagged: sorted.filter((p) => !flagged(p.arn)).map((p) => p.name),
  };
}

/** Scores the flagged ARNs over the lab's users and roles. */
export function scoreLab(principals: readonly LabPrincipal[], flaggedArns: ReadonlySet<string> | ReadonlyMap<string, unknown>): LabScore {
  const of = (intent: LabIntent): LabPrincipal[] => principals.filter((p) => labIntentOf(p.name) === intent);
  const flagged = (arn: string): boolean => flaggedArns.has(arn);
  return {
    truePositives: tally(of('true-positive'), flagged),
    falsePositiveTraps: tally(of('false-positive-trap'), flagged),
    falseNegativeTraps: tally(of('false-negative-trap'), flagged),
  };
}
