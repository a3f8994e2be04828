/**
 * The longest text each form field takes, as the contract's schemas accept it (a test holds the two
 * together). Each field shows its limit (Field's `limit`), so nothing is cut off without a word.
 */
export const TEXT_LIMITS = {
  connectionName: 80,
  registryOwner: 200,
  /** Purpose, data scope, a tier override's or a decommissioning's reason. */
  registryNote: 2000,
  policyName: 120,
  policyDescription: 2000,
  policyRemediation: 4000,
} as const;
