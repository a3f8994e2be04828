/**
 * The longest text each form field takes, as the contract's schemas accept it (a test holds the two
 * together). Each field shows its limit (Field's `limit`), so nothing is cut off without a word.
 */
export const TEXT_LIMITS = {
  connectionName: 80,
  /** An agent's owner: the registry form and the Shadow AI register sheet. */
  registryOwner: 200,
  /** Purpose, data scope, a tier override's or a decommissioning's reason. */
  registryNote: 2000,
  policyName: 120,
  policyDescription: 2000,
  policyRemediation: 4000,
  /** Why a finding's risk is accepted, or what was done to resolve it (one finding or a selection). */
  findingNote: 2000,
  /** Whose a known account is (Settings). */
  knownAccountLabel: 64,
  /** The audit log's target filter (text in a target's ID or name). */
  auditTarget: 200,
  /** The Findings search: filtered in the window, never sent to the core, so no schema holds it. */
  findingsSearch: 200,
} as const;
