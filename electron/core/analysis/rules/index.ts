/** Every rule of FINDINGS.md's "Required in the first analysis release" table, in the catalogue's order. */
import { accessKeyNotRotated } from './access-key-not-rotated';
import { accessKeyUnused } from './access-key-unused';
import { agentMissingOwner } from './agent-missing-owner';
import { bedrockActionWithoutConfirmation } from './bedrock-action-without-confirmation';
import { bedrockAgentNoGuardrail } from './bedrock-agent-no-guardrail';
import { bedrockGuardrailNoPromptAttackFilter } from './bedrock-guardrail-no-prompt-attack-filter';
import { bedrockInvocationLoggingDisabled } from './bedrock-invocation-logging-disabled';
import { cloudtrailNotMultiRegion } from './cloudtrail-not-multi-region';
import { governancePolicyViolation } from './governance-policy-violation';
import { identityUnused } from './identity-unused';
import { lambdaUrlPublic } from './lambda-url-public';
import { oidcTrustWithoutSub } from './oidc-trust-without-sub';
import { policyFullAdmin } from './policy-full-admin';
import { policyServiceWildcard } from './policy-service-wildcard';
import { privilegeEscalation } from './privilege-escalation';
import { reviewOverdue } from './review-overdue';
import { rootAccessKey } from './root-access-key';
import type { RuleDefinition } from './rule';
import { sagemakerEndpointNoKms } from './sagemaker-endpoint-no-kms';
import { sagemakerNotebookDirectInternet } from './sagemaker-notebook-direct-internet';
import { sagemakerNotebookRootAccess } from './sagemaker-notebook-root-access';
import { shadowAiUnregistered } from './shadow-ai-unregistered';
import { sharedIdentity } from './shared-identity';
import { staticAccessKey } from './static-access-key';
import { thirdPartyAiKeyInEnv } from './third-party-ai-key-in-env';
import { trustAnyPrincipal } from './trust-any-principal';
import { trustCrossAccountNoExternalId } from './trust-cross-account-no-external-id';
import { userConsoleAndKeys } from './user-console-and-keys';
import { userMultipleActiveKeys } from './user-multiple-active-keys';

export type { RuleContext, RuleDefinition } from './rule';
export { findingFingerprint } from './fingerprint';
export { BUILT_IN_GOVERNANCE_POLICIES, type GovernancePolicy } from './built-in-policies';
export { cadenceDays, reviewDueDate, isReviewOverdue } from './review-due';

export const RULES: readonly RuleDefinition[] = [
  rootAccessKey,
  staticAccessKey,
  accessKeyNotRotated,
  accessKeyUnused,
  userMultipleActiveKeys,
  userConsoleAndKeys,
  identityUnused,
  sharedIdentity,
  policyFullAdmin,
  policyServiceWildcard,
  privilegeEscalation,
  trustAnyPrincipal,
  trustCrossAccountNoExternalId,
  oidcTrustWithoutSub,
  agentMissingOwner,
  shadowAiUnregistered,
  thirdPartyAiKeyInEnv,
  bedrockAgentNoGuardrail,
  bedrockGuardrailNoPromptAttackFilter,
  bedrockActionWithoutConfirmation,
  bedrockInvocationLoggingDisabled,
  cloudtrailNotMultiRegion,
  sagemakerNotebookDirectInternet,
  sagemakerNotebookRootAccess,
  sagemakerEndpointNoKms,
  lambdaUrlPublic,
  governancePolicyViolation,
  reviewOverdue,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((rule) => rule.id === id);
}
