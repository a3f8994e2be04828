/**
 * A user-written governance policy: a name, a CEL condition every agent in scope must satisfy, an
 * optional CEL "applies to" expression narrowing the scope, a severity and a remediation. Stored in
 * the workspace (db/repositories/team-policies.ts), evaluated on every analysis next to the built-ins.
 */

export const POLICY_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type PolicySeverity = (typeof POLICY_SEVERITIES)[number];

export interface UserPolicy {
  /** Stable across renames: part of each finding's fingerprint, so lifecycle and acceptances follow it. */
  id: string;
  name: string;
  description: string;
  /** CEL; must be true for every agent in scope. */
  condition: string;
  /** CEL; when null the policy applies to every governed agent. */
  appliesTo: string | null;
  severity: PolicySeverity;
  remediation: string;
  enabled: boolean;
}

/** How one policy fared over the agents of one scan. */
export interface PolicyEvaluation {
  policyId: string;
  /** Agents in scope for which the condition was decided (passing + failing). */
  evaluated: number;
  failing: number;
  /** Agents in scope for which it could not be decided (a runtime error, or evaluation stopped). */
  errors: number;
  /** Agents its applies-to expression left out. */
  notApplicable: number;
  /** The first error, naming its agent. */
  firstError: string | null;
  /** The stored expression no longer compiles (then nothing was evaluated). */
  compileError: string | null;
}
